#include "services/compensation/plans/component_input.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/compensation/plans/plan_enums.h"

namespace attain::compensation::plans {
namespace {

using money::Decimal;

const Decimal kOne = Decimal::FromUnits(1);

// The variables of `source` when the checker accepts it where `context` says; otherwise a
// violation "line L, column C: message" on `field` and nullopt.
std::optional<std::vector<std::string>> CheckExpression(const std::string& source,
                                                        const ExpressionContext& context,
                                                        const std::string& field,
                                                        const VersionScope& scope,
                                                        Violations* violations) {
  ExpressionCheck check = scope.checker->Check(source, context);
  if (const auto& problem = check.problem) {
    violations->push_back({field, absl::StrCat("line ", problem->line, ", column ", problem->column,
                                               ": ", problem->message)});
    return std::nullopt;
  }
  return std::move(check.variables);
}

void CheckMeasureReference(const std::string& id, const std::string& field,
                           const VersionScope& scope, Violations* violations) {
  if (id.empty()) {
    violations->push_back({field, "is required"});
  } else if (!scope.measures.contains(id)) {
    violations->push_back({field, absl::StrCat("unknown measure '", id, "'")});
  }
}

// Each parsed value must exceed the one before it ("...steps[2].attainment: must be greater
// than steps[1].attainment (1)"); unparsed values (nullopt) are not compared.
void CheckIncreasing(const std::vector<std::optional<Decimal>>& values, const std::string& list,
                     const std::string& member, Violations* violations) {
  const std::string list_name = list.substr(list.rfind('.') + 1);  // "steps"
  for (size_t j = 1; j < values.size(); ++j) {
    if (values[j] && values[j - 1] && *values[j] <= *values[j - 1]) {
      violations->push_back({absl::StrCat(Indexed(list, j), ".", member),
                             absl::StrCat("must be greater than ", Indexed(list_name, j - 1), ".",
                                          member, " (", values[j - 1]->ToString(), ")")});
    }
  }
}

std::vector<plan::WeightedMeasure> ParseWeighted(
    const google::protobuf::RepeatedPtrField<v1::WeightedMeasure>& weighted, const std::string& at,
    const VersionScope& scope, Violations* violations) {
  CheckListSize(weighted.size(), kMaxListSize, at, violations);
  std::vector<plan::WeightedMeasure> out;
  absl::flat_hash_map<std::string, int> seen;
  std::optional<Decimal> sum = Decimal();
  for (int j = 0; j < weighted.size(); ++j) {
    const std::string w = Indexed(at, j);
    const std::string& id = weighted[j].measure_id();
    CheckMeasureReference(id, w + ".measure_id", scope, violations);
    if (auto [it, inserted] = seen.emplace(id, j); !inserted && !id.empty()) {
      violations->push_back({w + ".measure_id", absl::StrCat("'", id, "' is already weighted in ",
                                                             Indexed("weighted", it->second))});
    }
    auto weight = ParsePositive(weighted[j].weight(), w + ".weight", violations);
    if (weight && sum) {
      auto next = sum->Add(*weight);
      sum = next.ok() ? std::optional<Decimal>(*next) : std::nullopt;
    } else {
      sum = std::nullopt;
    }
    out.push_back({id, weight.value_or(Decimal())});
  }
  if (!weighted.empty() && sum && *sum != kOne) {
    violations->push_back({at, absl::StrCat("weights must sum to 1, not ", sum->ToString())});
  }
  return out;
}

// Tiers start at 0, each starts where the one before ends, each ends above its start, and
// only the last (and always the last) is open-ended.
std::vector<plan::Tier> ParseTiers(const google::protobuf::RepeatedPtrField<v1::Tier>& tiers,
                                   const std::string& at, Violations* violations) {
  if (tiers.empty()) violations->push_back({at, "needs at least one tier"});
  CheckListSize(tiers.size(), kMaxListSize, at, violations);
  std::vector<plan::Tier> out;
  std::optional<Decimal> previous_to;  // the tier before's `to`, when it parsed and was given
  for (int j = 0; j < tiers.size(); ++j) {
    const std::string t = Indexed(at, j);
    const bool last = j + 1 == tiers.size();
    auto from = ParseDecimal(tiers[j].from(), t + ".from", violations);
    std::optional<Decimal> to;
    if (!tiers[j].to().empty()) {
      to = ParseDecimal(tiers[j].to(), t + ".to", violations);
      if (last) {
        violations->push_back({t + ".to",
                               "the last tier must be open-ended (empty); a cap limits "
                               "earnings"});
      }
    } else if (!last) {
      violations->push_back({t + ".to", "only the last tier may be open-ended"});
    }
    auto rate = ParseNonNegative(tiers[j].rate(), t + ".rate", violations);
    if (from && j == 0 && !from->IsZero()) {
      violations->push_back({t + ".from", "the first tier must start at 0"});
    }
    if (from && previous_to && *from != *previous_to) {
      violations->push_back(
          {t + ".from", absl::StrCat("must equal ", Indexed("tiers", j - 1), ".to (",
                                     previous_to->ToString(), "): tiers are contiguous")});
    }
    if (from && to && *to <= *from) {
      violations->push_back(
          {t + ".to", absl::StrCat("must be greater than from (", from->ToString(), ")")});
    }
    out.push_back({from.value_or(Decimal()), to, rate.value_or(Decimal())});
    previous_to = to;
  }
  return out;
}

plan::RateTable ParseRateTable(const v1::RateTable& table, const std::string& at,
                               std::optional<plan::MeasureBasis> measure_basis,
                               Violations* violations) {
  plan::RateTable out;
  out.basis = ParseEnum(kTierBases, table.basis(), at + ".basis", violations).value_or(out.basis);
  out.mode = ParseEnum(kTierModes, table.mode(), at + ".mode", violations).value_or(out.mode);
  auto kind = ParseEnum(kRateKinds, table.rate_kind(), at + ".rate_kind", violations);
  if (kind && measure_basis) {
    const bool quantity = *measure_basis == plan::MeasureBasis::kQuantity;
    const bool per_unit = *kind == plan::RateKind::kPerUnit;
    if (quantity && !per_unit) {
      violations->push_back({at + ".rate_kind", "a QUANTITY measure is paid PER_UNIT"});
    } else if (!quantity && per_unit) {
      violations->push_back({at + ".rate_kind", "PER_UNIT rates need a QUANTITY measure"});
    }
  }
  out.rate_kind = kind.value_or(out.rate_kind);
  out.tiers = ParseTiers(table.tiers(), at + ".tiers", violations);
  return out;
}

plan::Commission ParseCommission(const v1::Commission& commission, const std::string& at,
                                 const VersionScope& scope, Violations* violations) {
  plan::Commission out;
  out.measure_id = commission.measure_id();
  CheckMeasureReference(out.measure_id, at + ".measure_id", scope, violations);
  std::optional<plan::MeasureBasis> basis;
  if (auto it = scope.measures.find(out.measure_id); it != scope.measures.end()) basis = it->second;
  out.rates = ParseRateTable(commission.rates(), at + ".rates", basis, violations);
  out.weighted = ParseWeighted(commission.weighted(), at + ".weighted", scope, violations);
  return out;
}

// Entries keyed by attainment (bonus steps, curve points): each attainment >= 0 and above the
// one before; `decode(entry, path, attainment)` decodes the rest of an entry.
template <typename Out, typename Entry, typename Decode>
std::vector<Out> ParseByAttainment(const google::protobuf::RepeatedPtrField<Entry>& entries,
                                   const std::string& at, Violations* violations, Decode decode) {
  CheckListSize(entries.size(), kMaxListSize, at, violations);
  std::vector<Out> out;
  std::vector<std::optional<Decimal>> attainments;
  for (int j = 0; j < entries.size(); ++j) {
    const std::string path = Indexed(at, j);
    attainments.push_back(
        ParseNonNegative(entries[j].attainment(), path + ".attainment", violations));
    out.push_back(decode(entries[j], path, attainments.back().value_or(Decimal())));
  }
  CheckIncreasing(attainments, at, "attainment", violations);
  return out;
}

std::vector<plan::BonusStep> ParseSteps(
    const google::protobuf::RepeatedPtrField<v1::BonusStep>& steps, const std::string& at,
    Violations* violations) {
  return ParseByAttainment<plan::BonusStep>(
      steps, at, violations,
      [&](const v1::BonusStep& in, const std::string& path, Decimal attainment) {
        plan::BonusStep step;
        step.attainment = attainment;
        switch (in.payout_case()) {
          case v1::BonusStep::kAmount:
            step.amount = ParseNonNegative(in.amount(), path + ".amount", violations);
            break;
          case v1::BonusStep::kPercentOfTarget:
            step.percent_of_target =
                ParseNonNegative(in.percent_of_target(), path + ".percent_of_target", violations);
            break;
          case v1::BonusStep::PAYOUT_NOT_SET:
            violations->push_back({path + ".payout", "set amount or percent_of_target"});
            break;
        }
        return step;
      });
}

std::vector<plan::CurvePoint> ParseCurve(
    const google::protobuf::RepeatedPtrField<v1::CurvePoint>& curve, const std::string& at,
    Violations* violations) {
  return ParseByAttainment<plan::CurvePoint>(
      curve, at, violations,
      [&](const v1::CurvePoint& in, const std::string& path, Decimal attainment) {
        auto payout = ParseNonNegative(in.payout(), path + ".payout", violations);
        return plan::CurvePoint{attainment, payout.value_or(Decimal())};
      });
}

plan::Bonus ParseBonus(const v1::Bonus& bonus, const std::string& at, const VersionScope& scope,
                       Violations* violations) {
  plan::Bonus out;
  out.measure_id = bonus.measure_id();
  if (bonus.measure_id().empty() && bonus.weighted().empty()) {
    violations->push_back({at + ".measure_id", "set measure_id or weighted"});
  } else if (!bonus.measure_id().empty() && !bonus.weighted().empty()) {
    violations->push_back({at + ".weighted", "give measure_id or weighted, not both"});
  } else if (!bonus.measure_id().empty()) {
    CheckMeasureReference(out.measure_id, at + ".measure_id", scope, violations);
  }
  out.weighted = ParseWeighted(bonus.weighted(), at + ".weighted", scope, violations);
  if (bonus.steps().empty() && bonus.curve().empty()) {
    violations->push_back({at + ".steps", "needs steps or a curve"});
  } else if (!bonus.steps().empty() && !bonus.curve().empty()) {
    violations->push_back({at + ".curve", "give steps or a curve, not both"});
  }
  out.steps = ParseSteps(bonus.steps(), at + ".steps", violations);
  out.curve = ParseCurve(bonus.curve(), at + ".curve", violations);
  return out;
}

plan::Spif ParseSpif(const v1::Spif& spif, const std::string& at, const VersionScope& scope,
                     Violations* violations) {
  plan::Spif out;
  out.filter = ParseFilter(spif.filter(), at + ".filter", scope, violations);
  auto from = ParseDate(spif.start_date(), at + ".start_date", violations);
  auto to = ParseDate(spif.end_date(), at + ".end_date", violations);
  if (from && to) CheckDateOrder(*from, *to, "start_date", at + ".end_date", violations);
  out.from = from.value_or(out.from);
  out.to = to.value_or(out.to);
  out.amount_per_deal = ParsePositive(spif.amount_per_deal(), at + ".amount_per_deal", violations)
                            .value_or(Decimal());
  out.min_amount = ParseNonNegative(spif.min_amount(), at + ".min_amount", violations, Decimal())
                       .value_or(Decimal());
  return out;
}

plan::Formula ParseFormula(const v1::Formula& formula, const std::string& at,
                           const VersionScope& scope, Violations* violations,
                           std::vector<std::string>* earnings_of) {
  const std::string field = at + ".expression";
  if (formula.expression().empty()) {
    violations->push_back({field, "is required"});
  } else if (auto variables = CheckExpression(formula.expression(), scope.formula_context, field,
                                              scope, violations)) {
    for (const std::string& variable : *variables) {
      if (variable.starts_with(kEarningsPrefix)) {
        earnings_of->push_back(variable.substr(kEarningsPrefix.size()));
      }
    }
  }
  return {formula.expression()};
}

std::vector<plan::Gate> ParseGates(const google::protobuf::RepeatedPtrField<v1::Gate>& gates,
                                   const std::string& at, const VersionScope& scope,
                                   Violations* violations) {
  CheckListSize(gates.size(), kMaxListSize, at, violations);
  std::vector<plan::Gate> out;
  for (int j = 0; j < gates.size(); ++j) {
    const std::string g = Indexed(at, j);
    CheckMeasureReference(gates[j].measure_id(), g + ".measure_id", scope, violations);
    auto min = ParseNonNegative(gates[j].min_attainment(), g + ".min_attainment", violations);
    out.push_back({gates[j].measure_id(), min.value_or(Decimal())});
  }
  return out;
}

// Every entry of a filter list must pass `valid`.
template <typename IsValid>
std::vector<std::string> ParseFilterValues(
    const google::protobuf::RepeatedPtrField<std::string>& values, const std::string& at,
    IsValid valid, const std::string& rule, Violations* violations) {
  CheckListSize(values.size(), kMaxFilterValues, at, violations);
  for (int j = 0; j < values.size(); ++j) {
    if (!valid(values[j])) violations->push_back({Indexed(at, j), std::string(rule)});
  }
  return {values.begin(), values.end()};
}

}  // namespace

VersionScope ScopeOf(const v1::PlanVersion& version, const ExpressionChecker& checker) {
  VersionScope scope;
  scope.checker = &checker;
  std::vector<std::string> measure_ids;
  for (const v1::Measure& measure : version.measures()) {
    if (measure.measure_id().empty()) continue;
    auto [it, inserted] =
        scope.measures.emplace(measure.measure_id(), kMeasureBases.FromProto(measure.basis()));
    if (inserted) measure_ids.push_back(measure.measure_id());
  }
  std::vector<std::string> parameter_ids;
  absl::flat_hash_map<std::string, int> parameters;
  for (const v1::PlanParameter& parameter : version.parameters()) {
    if (parameter.parameter_id().empty()) continue;
    if (parameters.emplace(parameter.parameter_id(), 0).second) {
      parameter_ids.push_back(parameter.parameter_id());
    }
  }
  std::vector<std::string> component_ids;
  for (int i = 0; i < version.components_size(); ++i) {
    const std::string& id = version.components(i).component_id();
    if (!id.empty() && scope.components.emplace(id, i).second) component_ids.push_back(id);
  }
  scope.filter_context.use = ExpressionUse::kTransactionFilter;
  scope.condition_context = {ExpressionUse::kComponentCondition, measure_ids, parameter_ids, {}};
  scope.formula_context = {ExpressionUse::kFormula, std::move(measure_ids),
                           std::move(parameter_ids), std::move(component_ids)};
  return scope;
}

plan::TransactionFilter ParseFilter(const v1::TransactionFilter& filter, const std::string& at,
                                    const VersionScope& scope, Violations* violations) {
  plan::TransactionFilter out;
  CheckListSize(filter.types_size(), kMaxListSize, at + ".types", violations);
  for (int j = 0; j < filter.types_size(); ++j) {
    if (auto type =
            ParseEnum(kTransactionTypes, filter.types(j), Indexed(at + ".types", j), violations)) {
      out.types.push_back(*type);
    }
  }
  out.product_families = ParseFilterValues(
      filter.product_families(), at + ".product_families",
      [](const std::string& v) { return !v.empty() && v.size() <= kMaxDisplayNameLength; },
      "must be a product family name (1-200 characters)", violations);
  out.product_ids = ParseFilterValues(
      filter.product_ids(), at + ".product_ids",
      [](const std::string& v) { return IsResourceId(v); },
      absl::StrCat("must be a product id: ", kResourceIdRule), violations);
  out.condition = filter.condition();
  if (!out.condition.empty()) {
    CheckExpression(out.condition, scope.filter_context, at + ".condition", scope, violations);
  }
  return out;
}

plan::Cap ParseCap(const v1::Cap& cap, const std::string& at, Violations* violations) {
  plan::Cap out;
  if (!cap.amount().empty())
    out.amount = ParseNonNegative(cap.amount(), at + ".amount", violations);
  if (!cap.percent_of_target().empty()) {
    out.percent_of_target =
        ParseNonNegative(cap.percent_of_target(), at + ".percent_of_target", violations);
  }
  return out;
}

plan::Mbo ParseMbo(const v1::Mbo& mbo, const std::string& at, Violations* violations) {
  plan::Mbo out;
  if (!mbo.scale_max().empty()) {
    out.scale_max = ParsePositive(mbo.scale_max(), at + ".scale_max", violations).value_or(out.scale_max);
  }
  switch (mbo.target_case()) {
    case v1::Mbo::kAmount:
      out.amount = ParsePositive(mbo.amount(), at + ".amount", violations);
      break;
    case v1::Mbo::kPercentOfTarget:
      out.percent_of_target = ParsePositive(mbo.percent_of_target(), at + ".percent_of_target", violations);
      break;
    case v1::Mbo::TARGET_NOT_SET:
      violations->push_back({at + ".target", "set amount or percent_of_target"});
      break;
  }
  return out;
}

plan::Component ParseComponent(const v1::Component& component, const std::string& at,
                               const VersionScope& scope, Violations* violations,
                               std::vector<std::string>* earnings_of) {
  plan::Component out;
  out.id = component.component_id();
  out.name = component.display_name();
  if (out.name.empty() || out.name.size() > kMaxDisplayNameLength) {
    violations->push_back({at + ".display_name", "is required (at most 200 characters)"});
  }
  switch (component.kind_case()) {
    case v1::Component::kCommission:
      out.kind = plan::ComponentKind::kCommission;
      out.commission =
          ParseCommission(component.commission(), at + ".commission", scope, violations);
      break;
    case v1::Component::kBonus:
      out.kind = plan::ComponentKind::kBonus;
      out.bonus = ParseBonus(component.bonus(), at + ".bonus", scope, violations);
      break;
    case v1::Component::kSpif:
      out.kind = plan::ComponentKind::kSpif;
      out.spif = ParseSpif(component.spif(), at + ".spif", scope, violations);
      break;
    case v1::Component::kFormula:
      out.kind = plan::ComponentKind::kFormula;
      out.formula =
          ParseFormula(component.formula(), at + ".formula", scope, violations, earnings_of);
      break;
    case v1::Component::kMbo:
      out.kind = plan::ComponentKind::kMbo;
      out.mbo = ParseMbo(component.mbo(), at + ".mbo", violations);
      break;
    case v1::Component::KIND_NOT_SET:
      violations->push_back({at + ".kind", "set one of commission, bonus, spif, formula or mbo"});
      break;
  }
  out.gates = ParseGates(component.gates(), at + ".gates", scope, violations);
  if (auto threshold =
          ParseNonNegative(component.threshold(), at + ".threshold", violations, Decimal())) {
    const bool has_attainment = component.has_commission() || component.has_bonus();
    if (!threshold->IsZero() && !has_attainment) {
      violations->push_back({at + ".threshold",
                             "only commissions and bonuses have an attainment "
                             "to hold back; use a gate"});
    }
    out.threshold = *threshold;
  }
  out.condition = component.condition();
  if (!out.condition.empty()) {
    CheckExpression(out.condition, scope.condition_context, at + ".condition", scope, violations);
  }
  out.cap = ParseCap(component.cap(), at + ".cap", violations);
  return out;
}

}  // namespace attain::compensation::plans

#include "services/compensation/plans/plan_input.h"

#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/compensation/plans/component_input.h"
#include "services/compensation/plans/earnings_cycles.h"
#include "services/compensation/plans/plan_enums.h"

namespace attain::compensation::plans {
namespace {

using money::Decimal;

// Each id must be an identifier and unique among `ids`: the violation names the list entry's
// id field ("version.measures[2].measure_id").
void CheckIds(const std::vector<std::string>& ids, const std::string& list,
              const std::string& id_field, Violations* violations) {
  const std::string list_name = list.substr(list.rfind('.') + 1);  // "measures"
  absl::flat_hash_map<std::string, int> first;
  for (int i = 0; i < static_cast<int>(ids.size()); ++i) {
    const std::string field = absl::StrCat(Indexed(list, i), ".", id_field);
    if (!IsIdentifier(ids[i])) {
      violations->push_back({field, std::string(kIdentifierRule)});
    } else if (auto [it, inserted] = first.emplace(ids[i], i); !inserted) {
      violations->push_back({field, absl::StrCat("'", ids[i], "' is already the id of ",
                                                 Indexed(list_name, it->second))});
    }
  }
}

template <typename Message, typename Id>
std::vector<std::string> IdsOf(const google::protobuf::RepeatedPtrField<Message>& list, Id id) {
  std::vector<std::string> out;
  for (const Message& m : list) out.push_back(id(m));
  return out;
}

plan::Measure ParseMeasure(const v1::Measure& measure, const std::string& at,
                           const VersionScope& scope, Violations* violations) {
  plan::Measure out;
  out.id = measure.measure_id();
  out.basis =
      ParseEnum(kMeasureBases, measure.basis(), at + ".basis", violations).value_or(out.basis);
  out.filter = ParseFilter(measure.filter(), at + ".filter", scope, violations);
  out.year_to_date = measure.year_to_date();
  return out;
}

// One violation per cycle of formulas reading each other's earnings, on the expression of the
// cycle's first component: "circular earnings reference: a → b → a".
void CheckEarningsCycles(const std::vector<std::vector<std::string>>& earnings_of,
                         const v1::PlanVersion& version, const VersionScope& scope,
                         const std::string& prefix, Violations* violations) {
  std::vector<std::vector<int>> reads(earnings_of.size());
  for (size_t i = 0; i < earnings_of.size(); ++i) {
    for (const std::string& id : earnings_of[i]) {
      if (auto it = scope.components.find(id); it != scope.components.end()) {
        reads[i].push_back(it->second);
      }
    }
  }
  for (const std::vector<int>& cycle : FindEarningsCycles(reads)) {
    std::vector<std::string> names;
    for (int i : cycle) names.push_back(version.components(i).component_id());
    names.push_back(names.front());
    violations->push_back(
        {absl::StrCat(Indexed(prefix + ".components", cycle.front()), ".formula.expression"),
         absl::StrCat("circular earnings reference: ", absl::StrJoin(names, " → "))});
  }
}

plan::Balances ParseBalances(const v1::Balances& balances, const std::string& at,
                             Violations* violations) {
  plan::Balances out;
  if (balances.has_draw()) {
    auto amount = ParsePositive(balances.draw().amount(), at + ".draw.amount", violations);
    out.draw = plan::Draw{amount.value_or(Decimal()), balances.draw().recoverable()};
  }
  switch (balances.negative_earnings()) {
    case v1::NEGATIVE_EARNINGS_UNSPECIFIED:
    case v1::NEGATIVE_EARNINGS_CARRY_FORWARD:
      out.negative_earnings = plan::NegativeEarnings::kCarryForward;
      break;
    case v1::NEGATIVE_EARNINGS_DEDUCT:
      out.negative_earnings = plan::NegativeEarnings::kDeduct;
      break;
    default:
      violations->push_back({at + ".negative_earnings", "is not a NegativeEarnings value"});
  }
  if (!balances.max_recovery().empty()) {
    out.max_recovery = ParsePositive(balances.max_recovery(), at + ".max_recovery", violations);
    if (out.max_recovery && Decimal::FromUnits(1) < *out.max_recovery) {
      violations->push_back({at + ".max_recovery", "must be a fraction in (0, 1]"});
    }
  }
  return out;
}

}  // namespace

std::optional<PlanHeader> ParsePlanHeader(const v1::Plan& plan, const std::string& prefix,
                                          Violations* violations) {
  const size_t before = violations->size();
  PlanHeader out{
      .plan_id = plan.plan_id(), .display_name = plan.display_name(), .currency = plan.currency()};
  if (!IsResourceId(out.plan_id)) {
    violations->push_back({prefix + ".plan_id", absl::StrCat("is required: ", kResourceIdRule)});
  }
  if (out.display_name.empty() || out.display_name.size() > kMaxDisplayNameLength) {
    violations->push_back({prefix + ".display_name", "is required (at most 200 characters)"});
  }
  if (!money::IsCurrencyCode(out.currency)) {
    violations->push_back({prefix + ".currency", "must be an ISO 4217 code such as USD"});
  }
  if (auto type =
          ParseEnum(kPeriodTypes, plan.period_type(), prefix + ".period_type", violations)) {
    out.period_type = *type;
  }
  if (violations->size() != before) return std::nullopt;
  return out;
}

std::optional<plan::Plan> ParsePlanVersion(const PlanHeader& header, const v1::PlanVersion& version,
                                           const ExpressionChecker& checker,
                                           const std::string& prefix, Violations* violations) {
  const size_t before = violations->size();
  const VersionScope scope = ScopeOf(version, checker);
  plan::Plan out;
  out.plan_id = header.plan_id;
  out.currency = header.currency;
  out.period_type = header.period_type;

  const std::string measures = prefix + ".measures";
  CheckListSize(version.measures_size(), kMaxListSize, measures, violations);
  CheckIds(IdsOf(version.measures(), [](const v1::Measure& m) { return m.measure_id(); }), measures,
           "measure_id", violations);
  for (int i = 0; i < version.measures_size(); ++i) {
    out.measures.push_back(
        ParseMeasure(version.measures(i), Indexed(measures, i), scope, violations));
  }

  const std::string parameters = prefix + ".parameters";
  CheckListSize(version.parameters_size(), kMaxListSize, parameters, violations);
  CheckIds(IdsOf(version.parameters(), [](const v1::PlanParameter& p) { return p.parameter_id(); }),
           parameters, "parameter_id", violations);
  for (int i = 0; i < version.parameters_size(); ++i) {
    const v1::PlanParameter& parameter = version.parameters(i);
    auto value = ParseDecimal(parameter.value(), Indexed(parameters, i) + ".value", violations);
    out.parameters.push_back({parameter.parameter_id(), value.value_or(Decimal())});
  }

  const std::string components = prefix + ".components";
  if (version.components().empty()) {
    violations->push_back({components, "needs at least one component"});
  }
  CheckListSize(version.components_size(), kMaxListSize, components, violations);
  CheckIds(IdsOf(version.components(), [](const v1::Component& c) { return c.component_id(); }),
           components, "component_id", violations);
  std::vector<std::vector<std::string>> earnings_of(version.components_size());
  for (int i = 0; i < version.components_size(); ++i) {
    out.components.push_back(ParseComponent(version.components(i), Indexed(components, i), scope,
                                            violations, &earnings_of[i]));
  }
  if (version.components_size() <= kMaxListSize) {
    CheckEarningsCycles(earnings_of, version, scope, prefix, violations);
  }

  out.cap = ParseCap(version.cap(), prefix + ".cap", violations);
  out.balances = ParseBalances(version.balances(), prefix + ".balances", violations);
  out.clawback_window_days = version.clawback().window_days();
  if (out.clawback_window_days < 0 || out.clawback_window_days > 3660) {
    violations->push_back({prefix + ".clawback.window_days", "must be 0 (no clawback) to 3660"});
  }
  if (violations->size() != before) return std::nullopt;
  return out;
}

}  // namespace attain::compensation::plans

#include "tools/attainctl/plan_view.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/attainctl/compensation_text.h"

namespace attain::ctl {
namespace {

namespace v1 = compensation::v1;
using comp::Label;
using comp::Percent;

std::string TypesText(const google::protobuf::RepeatedField<int>& types) {
  std::vector<std::string> labels;
  for (int type : types) {
    labels.push_back(Label(v1::TransactionType_Name(static_cast<v1::TransactionType>(type)), "TRANSACTION_TYPE_"));
  }
  return absl::StrJoin(labels, ",");
}

std::string FilterText(const v1::TransactionFilter& filter) {
  std::vector<std::string> parts;
  if (!filter.types().empty()) parts.push_back(absl::StrCat("types ", TypesText(filter.types())));
  if (!filter.product_families().empty()) {
    parts.push_back(absl::StrCat("families ", absl::StrJoin(filter.product_families(), ",")));
  }
  if (!filter.product_ids().empty()) {
    parts.push_back(absl::StrCat("products ", absl::StrJoin(filter.product_ids(), ",")));
  }
  if (!filter.condition().empty()) parts.push_back(absl::StrCat("if ", filter.condition()));
  return parts.empty() ? "all" : absl::StrJoin(parts, "; ");
}

std::string MeasureSource(const std::string& measure_id,
                          const google::protobuf::RepeatedPtrField<v1::WeightedMeasure>& weighted) {
  if (weighted.empty()) return measure_id;
  std::vector<std::string> parts;
  for (const v1::WeightedMeasure& w : weighted) parts.push_back(absl::StrCat(w.weight(), "x", w.measure_id()));
  return absl::StrCat(measure_id.empty() ? "" : measure_id + " by ", "(", absl::StrJoin(parts, " + "), ")");
}

std::string BonusText(const v1::Bonus& bonus) {
  std::vector<std::string> points;
  for (const v1::BonusStep& step : bonus.steps()) {
    points.push_back(absl::StrCat(
        Percent(step.attainment()), " pays ",
        step.has_percent_of_target() ? Percent(step.percent_of_target()) + " of target" : step.amount()));
  }
  for (const v1::CurvePoint& point : bonus.curve()) {
    points.push_back(absl::StrCat(Percent(point.attainment()), " -> ", Percent(point.payout()), " of target"));
  }
  return absl::StrCat(MeasureSource(bonus.measure_id(), bonus.weighted()),
                      bonus.curve().empty() ? ": steps " : ": curve ", absl::StrJoin(points, ", "));
}

std::string SpifText(const v1::Spif& spif) {
  std::string text = absl::StrCat(spif.amount_per_deal(), " per deal");
  if (!spif.min_amount().empty() && spif.min_amount() != "0") absl::StrAppend(&text, " of at least ", spif.min_amount());
  return absl::StrCat(text, ", ", spif.start_date(), "..", spif.end_date(), ", ", FilterText(spif.filter()));
}

std::string KindOf(const v1::Component& component) {
  const auto* field = component.GetDescriptor()->FindFieldByNumber(component.kind_case());
  return field == nullptr ? "" : field->name();  // the oneof's field: commission, bonus, ...
}

}  // namespace

std::string RatesText(const v1::RateTable& rates) {
  const bool by_amount = rates.basis() == v1::TIER_BASIS_AMOUNT;
  const bool per_unit = rates.rate_kind() == v1::RATE_KIND_PER_UNIT;
  std::vector<std::string> tiers;
  for (const v1::Tier& tier : rates.tiers()) {
    const std::string from = by_amount ? tier.from() : Percent(tier.from());
    const std::string to = by_amount ? tier.to() : Percent(tier.to());
    tiers.push_back(absl::StrCat(to.empty() ? from + "+" : absl::StrCat(from, "-", to), " at ",
                                 per_unit ? tier.rate() + "/unit" : Percent(tier.rate())));
  }
  const std::string mode = Label(v1::TierMode_Name(rates.mode()), "TIER_MODE_");
  return absl::StrCat(mode.empty() ? "tiered" : mode, by_amount ? " by amount: " : " by attainment: ",
                      absl::StrJoin(tiers, ", "));
}

std::string CapText(const v1::Cap& cap) {
  const std::string of_target = cap.percent_of_target().empty() ? "" : Percent(cap.percent_of_target()) + " of target";
  if (cap.amount().empty()) return of_target;
  if (of_target.empty()) return cap.amount();
  return absl::StrCat("min(", cap.amount(), ", ", of_target, ")");
}

std::string ComponentRule(const v1::Component& component) {
  std::string rule;
  switch (component.kind_case()) {
    case v1::Component::kCommission:
      rule = absl::StrCat(MeasureSource(component.commission().measure_id(), component.commission().weighted()),
                          ": ", RatesText(component.commission().rates()));
      break;
    case v1::Component::kBonus:
      rule = BonusText(component.bonus());
      break;
    case v1::Component::kSpif:
      rule = SpifText(component.spif());
      break;
    case v1::Component::kFormula:
      rule = component.formula().expression();
      break;
    case v1::Component::KIND_NOT_SET:
      break;
  }
  for (const v1::Gate& gate : component.gates()) {
    absl::StrAppend(&rule, "; gate ", gate.measure_id(), " >= ", Percent(gate.min_attainment()));
  }
  if (!component.threshold().empty() && component.threshold() != "0") {
    absl::StrAppend(&rule, "; threshold ", Percent(component.threshold()));
  }
  if (!component.condition().empty()) absl::StrAppend(&rule, "; if ", component.condition());
  return rule;
}

Table PlansTable(const google::protobuf::RepeatedPtrField<v1::Plan>& plans) {
  Table table{{"plan_id", "display_name", "currency", "period", "active", "active_from", "latest", "latest_state"}, {}};
  for (const v1::Plan& plan : plans) {
    const v1::PlanVersion* active = nullptr;
    const v1::PlanVersion* latest = nullptr;
    for (const v1::PlanVersion& v : plan.versions()) {
      if (v.state() == v1::PLAN_VERSION_STATE_ACTIVE) active = &v;
      if (latest == nullptr || v.version() > latest->version()) latest = &v;
    }
    table.rows.push_back({plan.plan_id(), plan.display_name(), plan.currency(),
                          Label(v1::PlanPeriodType_Name(plan.period_type()), "PLAN_PERIOD_TYPE_"),
                          active ? absl::StrCat(active->version()) : "", active ? active->effective_from() : "",
                          latest ? absl::StrCat(latest->version()) : "",
                          latest ? Label(v1::PlanVersionState_Name(latest->state()), "PLAN_VERSION_STATE_") : ""});
  }
  return table;
}

Table VersionsTable(const v1::Plan& plan) {
  Table table{{"version", "state", "effective_from", "effective_to", "creator", "created"}, {}};
  for (const v1::PlanVersion& version : plan.versions()) {
    table.rows.push_back({absl::StrCat(version.version()),
                          Label(v1::PlanVersionState_Name(version.state()), "PLAN_VERSION_STATE_"),
                          version.effective_from(), version.effective_to(), version.creator(),
                          comp::TimeText(version.create_time())});
  }
  return table;
}

Table ComponentsTable(const v1::PlanVersion& version) {
  Table table{{"component", "display_name", "kind", "rule", "cap"}, {}};
  for (const v1::Component& component : version.components()) {
    table.rows.push_back({component.component_id(), component.display_name(), KindOf(component), ComponentRule(component),
                          CapText(component.cap())});
  }
  return table;
}

std::string VersionText(const v1::PlanVersion& version) {
  std::string text = absl::StrCat(version.name(), "  ",
                                  Label(v1::PlanVersionState_Name(version.state()), "PLAN_VERSION_STATE_"));
  if (!version.effective_from().empty()) {
    absl::StrAppend(&text, " from ", version.effective_from(),
                    version.effective_to().empty() ? "" : " to " + version.effective_to());
  }
  absl::StrAppend(&text, "\n");
  if (!version.parameters().empty()) {
    std::vector<std::string> parameters;
    for (const v1::PlanParameter& p : version.parameters()) parameters.push_back(p.parameter_id() + "=" + p.value());
    absl::StrAppend(&text, "parameters: ", absl::StrJoin(parameters, ", "), "\n");
  }
  if (const std::string cap = CapText(version.cap()); !cap.empty()) {
    absl::StrAppend(&text, "plan cap: ", cap, " per period\n");
  }
  Table measures{{"measure", "basis", "counts", "year_to_date"}, {}};
  for (const v1::Measure& measure : version.measures()) {
    const std::string basis = Label(v1::MeasureBasis_Name(measure.basis()), "MEASURE_BASIS_");
    measures.rows.push_back({measure.measure_id(), basis.empty() ? "credit-amount" : basis,
                             FilterText(measure.filter()), measure.year_to_date() ? "yes" : "no"});
  }
  if (!measures.rows.empty()) absl::StrAppend(&text, "\n", RenderTable(measures));
  return absl::StrCat(text, "\n", RenderTable(ComponentsTable(version)));
}

std::string PlanText(const v1::Plan& plan, int version) {
  std::string text = absl::StrCat(
      plan.name(), "  ", plan.display_name(), " (",
      Label(v1::PlanPeriodType_Name(plan.period_type()), "PLAN_PERIOD_TYPE_"), ", ", plan.currency(), ")\n\n",
      RenderTable(VersionsTable(plan)));
  const v1::PlanVersion* shown = nullptr;
  for (const v1::PlanVersion& v : plan.versions()) {
    const bool has_rules = !v.components().empty();
    if (version > 0 ? v.version() == version : has_rules && (shown == nullptr || v.version() > shown->version())) {
      shown = &v;
    }
  }
  if (shown != nullptr) absl::StrAppend(&text, "\n", VersionText(*shown));
  return text;
}

Table AssignmentsTable(const google::protobuf::RepeatedPtrField<v1::PlanAssignment>& assignments) {
  Table table{{"plan", "assignment", "assignee", "from", "to", "target_incentive", "quota_measure", "params"}, {}};
  for (const v1::PlanAssignment& a : assignments) {
    std::vector<std::string> params;
    for (const auto& [key, value] : a.parameter_overrides()) params.push_back(key + "=" + value);
    std::sort(params.begin(), params.end());  // map order is unspecified
    table.rows.push_back({a.plan_id(), a.assignment_id(),
                          a.has_title() ? "title " + a.title() : "seller " + a.seller_id(),
                          a.effective_from(), a.effective_to(), a.target_incentive(), a.quota_measure_id(),
                          absl::StrJoin(params, ";")});
  }
  return table;
}

}  // namespace attain::ctl

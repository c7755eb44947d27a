#include "services/compensation/plans/plan_output.h"

#include "absl/strings/str_cat.h"
#include "common/time/dates.h"
#include "services/compensation/plans/plan_enums.h"

namespace attain::compensation::plans {
namespace {

// "" for zero: fields whose empty text means 0.
std::string NonZeroText(money::Decimal value) { return value.IsZero() ? "" : value.ToString(); }

// Sub-messages that would be empty are left unset, so a decoded message encodes back equal.
bool IsEmpty(const plan::TransactionFilter& filter) {
  return filter.types.empty() && filter.product_families.empty() && filter.product_ids.empty() &&
         filter.condition.empty();
}
bool IsEmpty(const plan::Cap& cap) { return !cap.amount && !cap.percent_of_target; }

void FilterToProto(const plan::TransactionFilter& filter, v1::TransactionFilter* out) {
  for (plan::TransactionType type : filter.types) out->add_types(kTransactionTypes.ToProto(type));
  for (const std::string& family : filter.product_families) out->add_product_families(family);
  for (const std::string& id : filter.product_ids) out->add_product_ids(id);
  out->set_condition(filter.condition);
}

void CapToProto(const plan::Cap& cap, v1::Cap* out) {
  if (cap.amount) out->set_amount(cap.amount->ToString());
  if (cap.percent_of_target) out->set_percent_of_target(cap.percent_of_target->ToString());
}

void WeightedToProto(const std::vector<plan::WeightedMeasure>& weighted,
                     google::protobuf::RepeatedPtrField<v1::WeightedMeasure>* out) {
  for (const plan::WeightedMeasure& w : weighted) {
    v1::WeightedMeasure* m = out->Add();
    m->set_measure_id(w.measure_id);
    m->set_weight(w.weight.ToString());
  }
}

void CommissionToProto(const plan::Commission& commission, v1::Commission* out) {
  out->set_measure_id(commission.measure_id);
  v1::RateTable* rates = out->mutable_rates();
  rates->set_basis(kTierBases.ToProto(commission.rates.basis));
  rates->set_mode(kTierModes.ToProto(commission.rates.mode));
  rates->set_rate_kind(kRateKinds.ToProto(commission.rates.rate_kind));
  for (const plan::Tier& tier : commission.rates.tiers) {
    v1::Tier* t = rates->add_tiers();
    t->set_from(tier.from.ToString());
    if (tier.to) t->set_to(tier.to->ToString());
    t->set_rate(tier.rate.ToString());
  }
  WeightedToProto(commission.weighted, out->mutable_weighted());
}

void BonusToProto(const plan::Bonus& bonus, v1::Bonus* out) {
  out->set_measure_id(bonus.measure_id);
  WeightedToProto(bonus.weighted, out->mutable_weighted());
  for (const plan::BonusStep& step : bonus.steps) {
    v1::BonusStep* s = out->add_steps();
    s->set_attainment(step.attainment.ToString());
    if (step.amount) s->set_amount(step.amount->ToString());
    if (step.percent_of_target) s->set_percent_of_target(step.percent_of_target->ToString());
  }
  for (const plan::CurvePoint& point : bonus.curve) {
    v1::CurvePoint* p = out->add_curve();
    p->set_attainment(point.attainment.ToString());
    p->set_payout(point.payout.ToString());
  }
}

void SpifToProto(const plan::Spif& spif, v1::Spif* out) {
  if (!IsEmpty(spif.filter)) FilterToProto(spif.filter, out->mutable_filter());
  out->set_start_date(dates::Format(spif.from));
  out->set_end_date(dates::Format(spif.to));
  out->set_amount_per_deal(spif.amount_per_deal.ToString());
  out->set_min_amount(NonZeroText(spif.min_amount));
}

// Only what differs from the defaults, so plans without balances read back without them.
void BalancesToProto(const plan::Balances& balances, v1::PlanVersion* out) {
  if (balances.draw) {
    v1::Draw* draw = out->mutable_balances()->mutable_draw();
    draw->set_amount(balances.draw->amount.ToString());
    draw->set_recoverable(balances.draw->recoverable);
  }
  if (balances.negative_earnings == plan::NegativeEarnings::kDeduct) {
    out->mutable_balances()->set_negative_earnings(v1::NEGATIVE_EARNINGS_DEDUCT);
  }
  if (balances.max_recovery) {
    out->mutable_balances()->set_max_recovery(balances.max_recovery->ToString());
  }
}

void ComponentToProto(const plan::Component& component, v1::Component* out) {
  out->set_component_id(component.id);
  out->set_display_name(component.name);
  switch (component.kind) {
    case plan::ComponentKind::kCommission:
      CommissionToProto(component.commission, out->mutable_commission());
      break;
    case plan::ComponentKind::kBonus:
      BonusToProto(component.bonus, out->mutable_bonus());
      break;
    case plan::ComponentKind::kSpif:
      SpifToProto(component.spif, out->mutable_spif());
      break;
    case plan::ComponentKind::kFormula:
      out->mutable_formula()->set_expression(component.formula.expression);
      break;
    case plan::ComponentKind::kMbo: {
      v1::Mbo* mbo = out->mutable_mbo();
      mbo->set_scale_max(component.mbo.scale_max.ToString());
      if (component.mbo.amount) mbo->set_amount(component.mbo.amount->ToString());
      if (component.mbo.percent_of_target) {
        mbo->set_percent_of_target(component.mbo.percent_of_target->ToString());
      }
      break;
    }
  }
  for (const plan::Gate& gate : component.gates) {
    v1::Gate* g = out->add_gates();
    g->set_measure_id(gate.measure_id);
    g->set_min_attainment(gate.min_attainment.ToString());
  }
  out->set_threshold(NonZeroText(component.threshold));
  out->set_condition(component.condition);
  if (!IsEmpty(component.cap)) CapToProto(component.cap, out->mutable_cap());
}

}  // namespace

std::string PlanName(const std::string& plan_id) { return absl::StrCat("plans/", plan_id); }

std::string PlanVersionName(const std::string& plan_id, int version) {
  return absl::StrCat(PlanName(plan_id), "/versions/", version);
}

std::string PlanAssignmentName(const std::string& plan_id, const std::string& assignment_id) {
  return absl::StrCat(PlanName(plan_id), "/assignments/", assignment_id);
}

v1::Plan PlanHeaderToProto(const PlanHeader& header) {
  v1::Plan out;
  out.set_name(PlanName(header.plan_id));
  out.set_plan_id(header.plan_id);
  out.set_display_name(header.display_name);
  out.set_currency(header.currency);
  out.set_period_type(kPeriodTypes.ToProto(header.period_type));
  return out;
}

v1::PlanVersion PlanVersionToProto(const plan::Plan& plan) {
  v1::PlanVersion out;
  out.set_name(PlanVersionName(plan.plan_id, plan.version));
  out.set_version(plan.version);
  for (const plan::Measure& measure : plan.measures) {
    v1::Measure* m = out.add_measures();
    m->set_measure_id(measure.id);
    m->set_basis(kMeasureBases.ToProto(measure.basis));
    if (!IsEmpty(measure.filter)) FilterToProto(measure.filter, m->mutable_filter());
    m->set_year_to_date(measure.year_to_date);
  }
  for (const plan::Parameter& parameter : plan.parameters) {
    v1::PlanParameter* p = out.add_parameters();
    p->set_parameter_id(parameter.id);
    p->set_value(parameter.value.ToString());
  }
  for (const plan::Component& component : plan.components) {
    ComponentToProto(component, out.add_components());
  }
  if (!IsEmpty(plan.cap)) CapToProto(plan.cap, out.mutable_cap());
  BalancesToProto(plan.balances, &out);
  if (plan.clawback_window_days > 0) {
    out.mutable_clawback()->set_window_days(plan.clawback_window_days);
  }
  return out;
}

}  // namespace attain::compensation::plans

#include "services/compensation/engine/calc/incentive.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace attain::compensation::calc {
namespace {

std::string Percent(Decimal fraction) {
  auto percent = fraction.Mul(Decimal::FromUnits(100));
  return absl::StrCat(percent.ok() ? percent->ToString() : fraction.ToString(), " %");
}

absl::StatusOr<const MeasureValue*> Find(const SellerPeriod& inputs, const std::string& id) {
  auto it = inputs.measures.find(id);
  if (it == inputs.measures.end()) {
    return absl::InvalidArgumentError(absl::StrCat("no value for measure '", id, "'"));
  }
  return &it->second;
}

// The component's attainment: its measure's, or the weighted mix sum(w x attainment_i)
// (a measure without a quota counts 0).
absl::StatusOr<std::optional<Decimal>> AttainmentOf(const std::string& measure_id,
                                                    const std::vector<plan::WeightedMeasure>& weighted,
                                                    const SellerPeriod& inputs,
                                                    std::vector<std::string>* steps) {
  if (weighted.empty()) {
    auto measure = Find(inputs, measure_id);
    if (!measure.ok()) return measure.status();
    return (*measure)->attainment;
  }
  Decimal total;
  std::string formula;
  for (const plan::WeightedMeasure& w : weighted) {
    auto measure = Find(inputs, w.measure_id);
    if (!measure.ok()) return measure.status();
    const Decimal attainment = (*measure)->attainment.value_or(Decimal());
    auto part = w.weight.Mul(attainment);
    if (!part.ok()) return part.status();
    auto sum = total.Add(*part);
    if (!sum.ok()) return sum.status();
    total = *sum;
    absl::StrAppend(&formula, formula.empty() ? "" : " + ", w.weight.ToString(), " x ",
                    Percent(attainment), " (", w.measure_id, ")");
  }
  steps->push_back(absl::StrCat("weighted attainment = ", formula, " = ", Percent(total)));
  return std::optional<Decimal>(total);
}

// Whether the component's attainment reaches `fraction`: exact against its own measure, or
// on the weighted attainment when it mixes measures.
absl::StatusOr<bool> ComponentReaches(const ComponentResult& out, const MeasureValue* own,
                                      bool weighted, Decimal fraction) {
  if (weighted || own == nullptr) return out.attainment.value_or(Decimal()) >= fraction;
  return Reaches(*own, fraction);
}

void DescribeTiers(const plan::RateTable& table, const TierResult& tiers,
                   std::vector<std::string>* steps) {
  const bool per_unit = table.rate_kind == plan::RateKind::kPerUnit;
  for (const TierSlice& s : tiers.slices) {
    steps->push_back(absl::StrCat(
        "tier ", s.tier + 1, ": ", s.amount.ToString(),
        table.mode == plan::TierMode::kRetroactive ? " (all of the measure)" : "", " x ",
        per_unit ? s.rate.ToString() + " per unit" : Percent(s.rate), " = ", s.earnings.ToString()));
  }
}

absl::Status Commission(const plan::Commission& c, const SellerPeriod& inputs, ComponentResult* out) {
  auto tiers = ApplyRateTable(c.rates, out->measure_value, out->attainment, out->quota);
  if (!tiers.ok()) return tiers.status();
  DescribeTiers(c.rates, *tiers, &out->steps);
  out->uncapped = tiers->earnings;
  out->tiers = *std::move(tiers);
  return absl::OkStatus();
}

// Highest step reached pays; a step pays a fixed amount or a fraction of the target.
absl::Status BonusSteps(const plan::Bonus& b, const SellerPeriod& inputs, const MeasureValue* own,
                        ComponentResult* out) {
  const Decimal attainment = out->attainment.value_or(Decimal());
  const plan::BonusStep* reached = nullptr;
  for (const plan::BonusStep& step : b.steps) {
    auto reaches = ComponentReaches(*out, own, !b.weighted.empty(), step.attainment);
    if (!reaches.ok()) return reaches.status();
    if (*reaches) reached = &step;
  }
  if (reached == nullptr) {
    out->steps.push_back(absl::StrCat("attainment ", Percent(attainment), " reaches no bonus step"));
    return absl::OkStatus();
  }
  if (reached->amount) {
    out->uncapped = *reached->amount;
    out->steps.push_back(absl::StrCat("step at ", Percent(reached->attainment), " reached: pays ",
                                      reached->amount->ToString()));
    return absl::OkStatus();
  }
  auto pay = reached->percent_of_target.value_or(Decimal()).Mul(inputs.target_incentive);
  if (!pay.ok()) return pay.status();
  out->uncapped = *pay;
  out->steps.push_back(absl::StrCat("step at ", Percent(reached->attainment), " reached: ",
                                    Percent(reached->percent_of_target.value_or(Decimal())),
                                    " x target incentive ", inputs.target_incentive.ToString(),
                                    " = ", pay->ToString()));
  return absl::OkStatus();
}

// Payout fraction of the target, linear between curve points: 0 before the first point,
// flat after the last. Reaching the first point (a cliff when it pays) is decided exactly,
// like tiers, steps and gates; the curve is continuous everywhere else.
absl::Status BonusCurve(const plan::Bonus& b, const SellerPeriod& inputs, const MeasureValue* own,
                        ComponentResult* out) {
  const Decimal a = out->attainment.value_or(Decimal());
  const std::vector<plan::CurvePoint>& curve = b.curve;
  auto reaches_first = ComponentReaches(*out, own, !b.weighted.empty(), curve.front().attainment);
  if (!reaches_first.ok()) return reaches_first.status();
  Decimal fraction;
  std::string how;
  if (!*reaches_first || a < curve.front().attainment) {
    how = absl::StrCat("below the first point ", Percent(curve.front().attainment), ": 0");
  } else if (a >= curve.back().attainment) {
    fraction = curve.back().payout;
    how = absl::StrCat("at or beyond the last point: ", Percent(fraction));
  } else {
    size_t i = 1;
    while (curve[i].attainment <= a) ++i;
    const plan::CurvePoint& p0 = curve[i - 1];
    const plan::CurvePoint& p1 = curve[i];
    // pay = TI x p0.payout + (a - p0.a) x (TI x (p1.payout - p0.payout)) / (p1.a - p0.a):
    // scaling by the target incentive before the interpolation keeps the micro-units that
    // a fraction-first order would round away.
    const Decimal ti = inputs.target_incentive;
    auto rise = p1.payout.Sub(p0.payout);
    auto run = p1.attainment.Sub(p0.attainment);
    auto into = a.Sub(p0.attainment);
    if (!rise.ok() || !run.ok() || !into.ok()) return absl::OutOfRangeError("bonus curve overflow");
    auto base = p0.payout.Mul(ti);
    auto rise_pay = rise->Mul(ti);
    if (!base.ok() || !rise_pay.ok()) return absl::OutOfRangeError("bonus curve overflow");
    auto scaled = into->Mul(*rise_pay);
    if (!scaled.ok()) return scaled.status();
    auto step = scaled->Div(*run);
    if (!step.ok()) return step.status();
    auto pay = base->Add(*step);
    if (!pay.ok()) return pay.status();
    out->uncapped = *pay;
    out->steps.push_back(absl::StrCat(
        "payout curve at ", Percent(a), " between ", Percent(p0.attainment), " and ",
        Percent(p1.attainment), ": ", ti.ToString(), " x ", Percent(p0.payout), " + (",
        Percent(a), " - ", Percent(p0.attainment), ") x ", ti.ToString(), " x (",
        Percent(p1.payout), " - ", Percent(p0.payout), ") / (", Percent(p1.attainment), " - ",
        Percent(p0.attainment), ") = ", pay->ToString()));
    return absl::OkStatus();
  }
  auto pay = fraction.Mul(inputs.target_incentive);
  if (!pay.ok()) return pay.status();
  out->uncapped = *pay;
  out->steps.push_back(absl::StrCat("payout curve at ", Percent(a), ": ", how));
  out->steps.push_back(absl::StrCat(Percent(fraction), " x target incentive ",
                                    inputs.target_incentive.ToString(), " = ", pay->ToString()));
  return absl::OkStatus();
}

absl::Status SpifPay(const plan::Component& c, const SellerPeriod& inputs, ComponentResult* out) {
  auto it = inputs.spif_deals.find(c.id);
  const Decimal deals = it == inputs.spif_deals.end() ? Decimal() : it->second;
  out->measure_value = deals;  // a SPIF's measure is its qualifying deals (credited shares)
  auto pay = c.spif.amount_per_deal.Mul(deals);
  if (!pay.ok()) return pay.status();
  out->uncapped = *pay;
  out->steps.push_back(absl::StrCat(deals.ToString(), " qualifying deals x ",
                                    c.spif.amount_per_deal.ToString(), " = ", pay->ToString()));
  return absl::OkStatus();
}

// score x target / scale_max (multiplied first, so the only rounding is the final division's).
absl::Status MboPay(const plan::Component& c, const SellerPeriod& inputs, ComponentResult* out) {
  Decimal target;
  std::string target_text;
  if (c.mbo.amount) {
    target = *c.mbo.amount;
    target_text = target.ToString();
  } else {
    auto of_target = c.mbo.percent_of_target.value_or(Decimal()).Mul(inputs.target_incentive);
    if (!of_target.ok()) return of_target.status();
    target = *of_target;
    target_text = absl::StrCat(c.mbo.percent_of_target.value_or(Decimal()).ToString(),
                               " x target incentive ", inputs.target_incentive.ToString(), " = ",
                               target.ToString());
  }
  auto it = inputs.mbo_scores.find(c.id);
  if (it == inputs.mbo_scores.end()) {
    out->steps.push_back(absl::StrCat("no score entered for the period: pays 0 (target ",
                                      target_text, ")"));
    return absl::OkStatus();
  }
  const Decimal score = it->second;
  out->measure_value = score;
  auto scaled = target.Mul(score);
  if (!scaled.ok()) return scaled.status();
  auto pay = scaled->Div(c.mbo.scale_max);
  if (!pay.ok()) return pay.status();
  out->uncapped = *pay;
  out->steps.push_back(absl::StrCat("score ", score.ToString(), " of ", c.mbo.scale_max.ToString(),
                                    " x target ", target_text, " = ", pay->ToString()));
  return absl::OkStatus();
}

// Gates and the threshold; false with the reason when the component pays nothing.
absl::StatusOr<bool> Qualifies(const plan::Component& c, const SellerPeriod& inputs,
                               const ExpressionHost* expressions, const MeasureValue* own,
                               bool weighted, ComponentResult* out) {
  if (!c.condition.empty()) {
    if (expressions == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("component '", c.id, "' has a condition but no expression host"));
    }
    auto holds = expressions->Condition(c.id, c.condition, inputs, out->attainment.value_or(Decimal()));
    if (!holds.ok()) return holds.status();
    if (!*holds) {
      out->not_paid_reason = absl::StrCat("condition not met: ", c.condition);
      return false;
    }
  }
  for (const plan::Gate& gate : c.gates) {
    auto measure = Find(inputs, gate.measure_id);
    if (!measure.ok()) return measure.status();
    const Decimal attainment = (*measure)->attainment.value_or(Decimal());
    auto reaches = Reaches(**measure, gate.min_attainment);
    if (!reaches.ok()) return reaches.status();
    if (!*reaches) {
      out->not_paid_reason = absl::StrCat("gate: ", gate.measure_id, " attainment ", Percent(attainment),
                                          " is below ", Percent(gate.min_attainment));
      return false;
    }
    out->steps.push_back(absl::StrCat("gate passed: ", gate.measure_id, " attainment ",
                                      Percent(attainment), " >= ", Percent(gate.min_attainment)));
  }
  if (c.threshold > Decimal()) {
    const Decimal attainment = out->attainment.value_or(Decimal());
    auto reaches = ComponentReaches(*out, own, weighted, c.threshold);
    if (!reaches.ok()) return reaches.status();
    if (!*reaches) {
      out->not_paid_reason = absl::StrCat("threshold: attainment ", Percent(attainment),
                                          " is below ", Percent(c.threshold));
      return false;
    }
  }
  return true;
}

absl::Status ApplyCap(const plan::Cap& cap, Decimal target_incentive, ComponentResult* out) {
  out->earnings = out->uncapped;
  std::optional<Decimal> limit;
  std::string why;
  if (cap.amount) {
    limit = *cap.amount;
    why = absl::StrCat("cap ", cap.amount->ToString());
  }
  if (cap.percent_of_target) {
    auto bound = cap.percent_of_target->Mul(target_incentive);
    if (!bound.ok()) return bound.status();
    if (!limit || *bound < *limit) {
      limit = *bound;
      why = absl::StrCat("cap ", Percent(*cap.percent_of_target), " x target incentive ",
                         target_incentive.ToString(), " = ", bound->ToString());
    }
  }
  if (limit && out->uncapped > *limit) {
    out->earnings = *limit;
    out->capped = true;
    out->steps.push_back(absl::StrCat(out->uncapped.ToString(), " exceeds the ", why, ": pays ",
                                      limit->ToString()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<bool> Reaches(const MeasureValue& measure, Decimal fraction) {
  if (measure.quota <= Decimal()) return fraction <= Decimal();
  auto bound = fraction.Mul(measure.quota);
  if (!bound.ok()) return bound.status();
  return measure.value >= *bound;
}

absl::StatusOr<MeasureValue> MakeMeasureValue(Decimal value, Decimal quota) {
  MeasureValue m{value, quota, std::nullopt};
  if (quota > Decimal()) {
    auto attainment = value.Div(quota);
    if (!attainment.ok()) return attainment.status();
    m.attainment = *attainment;
  }
  return m;
}

absl::StatusOr<ComponentResult> EvaluateComponent(const plan::Component& component,
                                                  const SellerPeriod& inputs,
                                                  const ExpressionHost* expressions) {
  ComponentResult out;
  out.component_id = component.id;
  out.kind = component.kind;
  const std::string* measure_id = nullptr;
  const std::vector<plan::WeightedMeasure>* weighted = nullptr;
  if (component.kind == plan::ComponentKind::kCommission) {
    measure_id = &component.commission.measure_id;
    weighted = &component.commission.weighted;
  } else if (component.kind == plan::ComponentKind::kBonus) {
    measure_id = &component.bonus.measure_id;
    weighted = &component.bonus.weighted;
  }
  const MeasureValue* own = nullptr;
  if (measure_id != nullptr && !measure_id->empty()) {
    auto measure = Find(inputs, *measure_id);
    if (!measure.ok()) return measure.status();
    own = *measure;
    out.measure_value = (*measure)->value;
    out.quota = (*measure)->quota;
    out.steps.push_back(absl::StrCat(*measure_id, " = ", out.measure_value.ToString(), ", quota ",
                                     out.quota.ToString(), ", attainment ",
                                     (*measure)->attainment ? Percent(*(*measure)->attainment) : "n/a (no quota)"));
  }
  if (weighted != nullptr && (measure_id != nullptr)) {
    auto attainment = AttainmentOf(*measure_id, *weighted, inputs, &out.steps);
    if (!attainment.ok()) return attainment.status();
    out.attainment = *attainment;
  }
  const bool weighted_attainment = weighted != nullptr && !weighted->empty();
  auto qualifies = Qualifies(component, inputs, expressions, own, weighted_attainment, &out);
  if (!qualifies.ok()) return qualifies.status();
  if (!*qualifies) {
    out.paid = false;
    out.steps.push_back(absl::StrCat("pays 0: ", out.not_paid_reason));
    return out;
  }
  absl::Status computed;
  switch (component.kind) {
    case plan::ComponentKind::kCommission:
      computed = Commission(component.commission, inputs, &out);
      break;
    case plan::ComponentKind::kBonus:
      computed = component.bonus.curve.empty() ? BonusSteps(component.bonus, inputs, own, &out)
                                               : BonusCurve(component.bonus, inputs, own, &out);
      break;
    case plan::ComponentKind::kSpif:
      computed = SpifPay(component, inputs, &out);
      break;
    case plan::ComponentKind::kMbo:
      computed = MboPay(component, inputs, &out);
      break;
    case plan::ComponentKind::kFormula: {
      if (expressions == nullptr) {
        return absl::InvalidArgumentError(absl::StrCat("component '", component.id, "' is a formula but no expression host"));
      }
      auto value = expressions->Formula(component.id, component.formula.expression, inputs,
                                        out.attainment.value_or(Decimal()));
      if (!value.ok()) return value.status();
      out.uncapped = *value;
      out.steps.push_back(absl::StrCat(component.formula.expression, " = ", value->ToString()));
      break;
    }
  }
  if (!computed.ok()) return computed;
  if (auto s = ApplyCap(component.cap, inputs.target_incentive, &out); !s.ok()) return s;
  return out;
}

absl::StatusOr<std::vector<ComponentResult>> EvaluatePlan(const plan::Plan& plan,
                                                          SellerPeriod inputs,
                                                          const ExpressionHost* expressions) {
  const size_t n = plan.components.size();
  std::vector<std::optional<ComponentResult>> results(n);
  absl::flat_hash_map<std::string, size_t> index;
  for (size_t i = 0; i < n; ++i) index[plan.components[i].id] = i;
  // Repeated passes in plan order: a component is evaluated once every component it reads
  // is; a pass that evaluates nothing means a cycle.
  size_t done = 0;
  while (done < n) {
    size_t progressed = 0;
    for (size_t i = 0; i < n; ++i) {
      if (results[i]) continue;
      const plan::Component& c = plan.components[i];
      bool ready = true;
      if (c.kind == plan::ComponentKind::kFormula && expressions != nullptr) {
        for (const std::string& read : expressions->EarningsRead(c.formula.expression)) {
          auto it = index.find(read);
          if (it != index.end() && !results[it->second]) ready = false;
        }
      }
      if (!ready) continue;
      auto result = EvaluateComponent(c, inputs, expressions);
      if (!result.ok()) return result.status();
      inputs.earnings[c.id] = result->earnings;
      results[i] = *std::move(result);
      ++progressed;
      ++done;
    }
    if (progressed == 0) {
      return absl::FailedPreconditionError("the plan's formulas read each other's earnings in a cycle");
    }
  }
  std::vector<ComponentResult> out;
  out.reserve(n);
  for (auto& r : results) out.push_back(*std::move(r));
  return out;
}

}  // namespace attain::compensation::calc

#include "services/compensation/calculation/statement_proto.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/wire_format_lite.h>

#include <optional>
#include <utility>

namespace attain::compensation::calculation {
namespace {

const char* KindName(plan::ComponentKind kind) {
  switch (kind) {
    case plan::ComponentKind::kCommission: return "commission";
    case plan::ComponentKind::kBonus: return "bonus";
    case plan::ComponentKind::kSpif: return "spif";
    case plan::ComponentKind::kFormula: return "formula";
    case plan::ComponentKind::kMbo: return "mbo";
  }
  return "";
}

// Engine line kinds and their API names, one table for both directions.
constexpr std::pair<calc::LineKind, v1::StatementLineKind> kLineKinds[] = {
    {calc::LineKind::kComponent, v1::STATEMENT_LINE_KIND_COMPONENT},
    {calc::LineKind::kPlanCap, v1::STATEMENT_LINE_KIND_PLAN_CAP},
    {calc::LineKind::kAdjustment, v1::STATEMENT_LINE_KIND_ADJUSTMENT},
    {calc::LineKind::kTrueUp, v1::STATEMENT_LINE_KIND_TRUE_UP},
    {calc::LineKind::kCarried, v1::STATEMENT_LINE_KIND_CARRIED},
    {calc::LineKind::kDrawAdvance, v1::STATEMENT_LINE_KIND_DRAW},
    {calc::LineKind::kRecovery, v1::STATEMENT_LINE_KIND_RECOVERY},
    {calc::LineKind::kClawback, v1::STATEMENT_LINE_KIND_CLAWBACK},
};

v1::StatementLineKind LineKindOf(calc::LineKind kind) {
  for (const auto& [engine, api] : kLineKinds) {
    if (engine == kind) return api;
  }
  return v1::STATEMENT_LINE_KIND_UNSPECIFIED;
}

const plan::Component* FindComponent(const plan::Plan& plan, const std::string& id) {
  for (const plan::Component& c : plan.components) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

}  // namespace

std::optional<calc::LineKind> LineKindFromProto(v1::StatementLineKind kind) {
  for (const auto& [engine, api] : kLineKinds) {
    if (api == kind) return engine;
  }
  return std::nullopt;
}

std::string MeasureOf(const plan::Component& component) {
  switch (component.kind) {
    case plan::ComponentKind::kCommission: return component.commission.measure_id;
    case plan::ComponentKind::kBonus:
      if (!component.bonus.measure_id.empty()) return component.bonus.measure_id;
      return component.bonus.weighted.empty() ? "" : component.bonus.weighted.front().measure_id;
    case plan::ComponentKind::kSpif:
    case plan::ComponentKind::kFormula:
    case plan::ComponentKind::kMbo: return "";
  }
  return "";
}

v1::Statement ToStatementProto(const StatementContext& context, const SellerResult& result) {
  v1::Statement out;
  out.set_name("periods/" + context.period + "/statements/" + context.seller_id);
  out.set_seller_id(context.seller_id);
  out.set_period(context.period);
  out.set_run(context.run_name);
  out.set_plan_id(result.plan_id);
  out.set_plan_version(result.plan_version);
  out.set_currency(context.plan->currency);
  out.set_target_incentive(context.seller_plan->target_incentive.ToString());
  for (const calc::ComponentResult& c : result.components) {
    v1::ComponentResult* component = out.add_components();
    component->set_component_id(c.component_id);
    component->set_kind(KindName(c.kind));
    if (const plan::Component* defined = FindComponent(*context.plan, c.component_id)) {
      component->set_display_name(defined->name);
      component->set_measure_id(MeasureOf(*defined));
    }
    component->set_measure_value(c.measure_value.ToString());
    component->set_quota(c.quota.ToString());
    if (c.attainment) component->set_attainment(c.attainment->ToString());
    component->set_tier_reached(c.tiers ? c.tiers->tier_reached : -1);
    if (c.tiers && !c.tiers->slices.empty()) component->set_rate(c.tiers->slices.back().rate.ToString());
    component->set_paid(c.paid);
    component->set_not_paid_reason(c.not_paid_reason);
    component->set_uncapped(c.uncapped.ToString());
    component->set_earnings(c.earnings.ToString());
    component->set_capped(c.capped);
    for (const std::string& step : c.steps) component->add_steps(step);
  }
  for (const calc::StatementLine& l : result.statement.lines) {
    v1::StatementLine* line = out.add_lines();
    line->set_kind(LineKindOf(l.kind));
    line->set_id(l.id);
    line->set_description(l.description);
    line->set_amount(l.amount.ToFixed(2));  // payable money: always two decimals
    line->set_unrounded(l.unrounded.ToString());
  }
  out.set_total(result.statement.total.ToFixed(2));
  // Shown whenever there is a balance to show; a plan with a draw shows it every period.
  const calc::Settlement& settled = result.statement.settlement;
  if (context.plan->balances.draw || !settled.opening.IsZero() || !settled.closing.IsZero()) {
    v1::Balance* balance = out.mutable_balance();
    balance->set_opening(settled.opening.ToFixed(2));
    balance->set_earned(settled.earned.ToFixed(2));
    balance->set_carried(settled.carried.ToFixed(2));
    balance->set_advance(settled.advance.ToFixed(2));
    balance->set_forgiven(settled.forgiven.ToFixed(2));
    balance->set_recovered(settled.recovered.ToFixed(2));
    balance->set_closing(settled.closing.ToFixed(2));
    for (const std::string& step : settled.steps) balance->add_steps(step);
  }
  for (const calc::Clawback& c : context.seller_plan->clawbacks) {
    v1::ClawbackLine* clawback = out.add_clawbacks();
    clawback->set_line_id(c.id);
    clawback->set_component_id(c.component_id);
    clawback->set_source_system(c.source_system);
    clawback->set_transaction_id(c.transaction_id);
    clawback->set_original_transaction_id(c.original_transaction_id);
    clawback->set_original_period(c.original_period);
    clawback->set_credit_value(c.credit.ToString());
    clawback->set_rate(c.rate.ToString());
    clawback->set_amount(c.amount.RoundToCents().ToFixed(2));
  }
  for (const calc::Adjustment& a : context.seller_plan->adjustments) {
    v1::Adjustment* adjustment = out.add_adjustments();
    adjustment->set_name("periods/" + context.period + "/adjustments/" + a.id);
    adjustment->set_adjustment_id(a.id);
    adjustment->set_seller_id(context.seller_id);
    adjustment->set_period(context.period);
    adjustment->set_kind(v1::ADJUSTMENT_KIND_PAYOUT);
    adjustment->set_amount(a.amount.ToString());
    adjustment->set_reason(a.reason);
    adjustment->set_author(a.author);
  }
  return out;
}

std::string SerializeDeterministic(const v1::Statement& statement) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    statement.SerializeToCodedStream(&coded);
  }
  return bytes;
}

absl::StatusOr<std::string> WithRunName(std::string_view without_run, std::string_view run_name) {
  using google::protobuf::internal::WireFormatLite;
  const int run_field = v1::Statement::kRunFieldNumber;
  // The offset of the first top-level field numbered above `run` (fields come in number order).
  google::protobuf::io::CodedInputStream input(reinterpret_cast<const uint8_t*>(without_run.data()),
                                               static_cast<int>(without_run.size()));
  size_t insert_at = without_run.size();
  while (true) {
    const int offset = input.CurrentPosition();
    const uint32_t tag = input.ReadTag();
    if (tag == 0) break;
    const int field = static_cast<int>(WireFormatLite::GetTagFieldNumber(tag));
    if (field == run_field) return absl::InternalError("the statement already names its run");
    if (field > run_field) {
      insert_at = static_cast<size_t>(offset);
      break;
    }
    if (!WireFormatLite::SkipField(&input, tag)) {
      return absl::InternalError("a stored statement is not a well-formed message");
    }
  }
  std::string out;
  out.reserve(without_run.size() + run_name.size() + 8);
  out.append(without_run.substr(0, insert_at));
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    WireFormatLite::WriteString(run_field, std::string(run_name), &coded);
  }
  out.append(without_run.substr(insert_at));
  return out;
}

}  // namespace attain::compensation::calculation

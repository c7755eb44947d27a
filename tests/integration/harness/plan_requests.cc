#include "tests/integration/harness/plan_requests.h"

namespace attain::itest {

namespace v1 = compensation::v1;

v1::CreatePlanRequest CommissionAndSpifPlan(const std::string& plan_id, const std::string& month,
                                            const std::string& request_id) {
  v1::CreatePlanRequest create;
  create.set_request_id(request_id);
  create.mutable_plan()->set_plan_id(plan_id);
  create.mutable_plan()->set_display_name("Calc plan");
  create.mutable_plan()->set_currency("USD");
  create.mutable_plan()->set_period_type(v1::PLAN_PERIOD_TYPE_MONTHLY);
  v1::PlanVersion* version = create.mutable_version();
  v1::Measure* revenue = version->add_measures();
  revenue->set_measure_id("revenue");
  revenue->set_basis(v1::MEASURE_BASIS_CREDIT_AMOUNT);
  revenue->mutable_filter()->add_types(v1::TRANSACTION_TYPE_ORDER);
  revenue->mutable_filter()->add_types(v1::TRANSACTION_TYPE_CANCELLATION);
  v1::Component* commission = version->add_components();
  commission->set_component_id("commission");
  commission->set_display_name("Revenue commission");
  commission->mutable_commission()->set_measure_id("revenue");
  v1::RateTable* rates = commission->mutable_commission()->mutable_rates();
  rates->set_basis(v1::TIER_BASIS_AMOUNT);
  rates->set_mode(v1::TIER_MODE_GRADUATED);
  v1::Tier* low = rates->add_tiers();
  low->set_from("0");
  low->set_to("10000");
  low->set_rate("0.05");
  v1::Tier* high = rates->add_tiers();
  high->set_from("10000");
  high->set_rate("0.08");
  v1::Component* spif = version->add_components();
  spif->set_component_id("analytics_spif");
  spif->set_display_name("Analytics SPIF");
  spif->mutable_spif()->mutable_filter()->add_types(v1::TRANSACTION_TYPE_ORDER);
  spif->mutable_spif()->mutable_filter()->add_product_families("Analytics");
  spif->mutable_spif()->set_start_date(month + "-01");
  spif->mutable_spif()->set_end_date(month + "-28");
  spif->mutable_spif()->set_amount_per_deal("250");
  spif->mutable_spif()->set_min_amount("1000");
  return create;
}

v1::AssignPlanRequest MonthAssignment(const std::string& plan_id, const std::string& seller_id,
                                      const std::string& month, const std::string& request_id) {
  v1::AssignPlanRequest assign;
  assign.set_request_id(request_id);
  assign.mutable_assignment()->set_plan_id(plan_id);
  assign.mutable_assignment()->set_seller_id(seller_id);
  assign.mutable_assignment()->set_effective_from(month + "-01");
  assign.mutable_assignment()->set_effective_to(month + "-28");
  assign.mutable_assignment()->set_target_incentive("5000");
  return assign;
}

}  // namespace attain::itest

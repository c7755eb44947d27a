// Quota plans, seller quotas, reconciliation, capacity and forecasts through the gateway,
// on the small world of quota_helpers.h (hand-computed figures in each test's comments).
#include <gtest/gtest.h>

#include "attain/planning/v1/capacity.grpc.pb.h"
#include "attain/planning/v1/forecast.grpc.pb.h"
#include "attain/planning/v1/quotas.grpc.pb.h"
#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/org_helpers.h"
#include "tests/integration/quota_helpers.h"
#include "tests/integration/stack_test.h"

namespace attain::itest {
namespace {

namespace v1 = planning::v1;

int64_t Units(const std::string& text) { return std::stoll(text); }

class QuotasTest : public StackTest {
 protected:
  void SetUp() override {
    StackTest::SetUp();
    if (HasFatalFailure()) return;
    admin_ = AdminToken();
    planner_ = Token("it-planner", {"planner"});
    world_.tag = UniqueId("q");
    quotas_ = v1::QuotaService::NewStub(stack().gateway_channel());
    BuildQuotaWorld(stack(), admin_, world_);
  }

  // FY2026 (January start), monthly, 100 000 USD; historical share (prior FY) with 10 %
  // padding at the root and 5 % at the regions; seasonality from history; ramp 25/50/75/100 %.
  v1::CreateQuotaPlanRequest PlanRequest(const std::string& id) {
    v1::CreateQuotaPlanRequest request;
    v1::QuotaPlan* plan = request.mutable_plan();
    plan->set_plan_id(world_.Id(id));
    plan->set_display_name("FY2026 plan");
    plan->set_fiscal_year(2026);
    plan->set_fiscal_year_start_month(1);
    plan->set_period_type(v1::QUOTA_PERIOD_TYPE_MONTHLY);
    plan->set_currency("USD");
    plan->set_root_territory_id(world_.Id("w"));
    *request.mutable_spec() = Spec("100000");
    request.set_request_id(world_.Id(id + "-create"));
    return request;
  }

  static v1::QuotaPlanSpec Spec(const std::string& target) {
    v1::QuotaPlanSpec spec;
    spec.set_company_target(target);
    v1::AllocationLevel* root = spec.add_levels();
    root->set_method(v1::ALLOCATION_METHOD_HISTORICAL_SHARE);
    root->set_padding("0.1");
    v1::AllocationLevel* regions = spec.add_levels();
    regions->set_method(v1::ALLOCATION_METHOD_HISTORICAL_SHARE);
    regions->set_padding("0.05");
    spec.set_history_basis(v1::HISTORY_BASIS_PRIOR_FISCAL_YEAR);
    spec.mutable_seasonality()->set_source(v1::SEASONALITY_SOURCE_HISTORY);
    for (const char* r : {"0.25", "0.5", "0.75", "1"}) spec.mutable_ramp()->add_by_tenure_month(r);
    return spec;
  }

  v1::QuotaPlan CreatePlan(const std::string& id) {
    v1::QuotaPlan plan;
    EXPECT_TRUE(HasCode(quotas_->CreateQuotaPlan(MakeContext(planner_, std::chrono::seconds(30)).get(),
                                                 PlanRequest(id), &plan),
                        grpc::StatusCode::OK));
    return plan;
  }

  // Submit, approve and activate `version` (from `effective_from`, "" = the year's start).
  void Activate(const std::string& version, const std::string& effective_from) {
    v1::QuotaPlanVersion out;
    v1::SubmitQuotaPlanRequest submit;
    submit.set_name(version);
    ASSERT_TRUE(HasCode(quotas_->SubmitQuotaPlan(MakeContext(planner_).get(), submit, &out),
                        grpc::StatusCode::OK));
    v1::ApproveQuotaPlanRequest approve;
    approve.set_name(version);
    ASSERT_TRUE(HasCode(quotas_->ApproveQuotaPlan(MakeContext(planner_).get(), approve, &out),
                        grpc::StatusCode::OK));
    v1::ActivateQuotaPlanRequest activate;
    activate.set_name(version);
    activate.set_effective_from(effective_from);
    ASSERT_TRUE(HasCode(quotas_->ActivateQuotaPlan(MakeContext(planner_).get(), activate, &out),
                        grpc::StatusCode::OK));
    EXPECT_EQ(out.state(), v1::QUOTA_PLAN_STATE_ACTIVE);
  }

  grpc::Status GetQuotas(const std::string& token, const std::vector<std::string>& sellers,
                         const std::string& as_of, v1::GetQuotasResponse* response,
                         const std::vector<std::string>& periods = {}) {
    v1::GetQuotasRequest request;
    for (const std::string& s : sellers) request.add_seller_ids(s);
    for (const std::string& p : periods) request.add_periods(p);
    request.set_as_of(as_of);
    request.set_plan("quotaPlans/" + world_.Id("plan"));
    return quotas_->GetQuotas(MakeContext(token).get(), request, response);
  }

  std::string admin_, planner_;
  QuotaWorld world_;
  std::unique_ptr<v1::QuotaService::Stub> quotas_;
};

// Root 100 000, pool 110 000 split 12 600 : 5 400 -> east 77 000, west 33 000.
// East pool 80 850 split 9 000 : 3 600 -> e1 57 750, e2 23 100; west pool 34 650 -> w1 34 650.
TEST_F(QuotasTest, HistoricalSharePlanSumsExactlyDownTheTreeAndAcrossPeriods) {
  const v1::QuotaPlan plan = CreatePlan("plan");
  ASSERT_EQ(plan.versions_size(), 1);
  EXPECT_EQ(plan.versions(0).state(), v1::QUOTA_PLAN_STATE_DRAFT);
  EXPECT_EQ(plan.versions(0).assignments_as_of(), "2026-01-01");
  EXPECT_EQ(plan.versions(0).history_start_date(), "2025-01-01");
  ASSERT_EQ(plan.versions(0).periods_size(), 12);

  v1::GetTerritoryQuotasRequest request;
  request.set_name(plan.versions(0).name());
  v1::GetTerritoryQuotasResponse response;
  ASSERT_TRUE(HasCode(quotas_->GetTerritoryQuotas(MakeContext(planner_).get(), request, &response),
                      grpc::StatusCode::OK));
  std::map<std::string, v1::TerritoryQuota> by_id;
  for (const v1::TerritoryQuota& t : response.territories()) by_id[t.territory_id()] = t;
  ASSERT_EQ(by_id.size(), 6u);
  const std::map<std::string, int64_t> expected = {
      {"w", 100000}, {"east", 77000}, {"west", 33000}, {"e1", 57750}, {"e2", 23100}, {"w1", 34650}};
  for (const auto& [id, annual] : expected) EXPECT_EQ(Units(by_id[world_.Id(id)].annual()), annual) << id;
  EXPECT_EQ(Units(by_id[world_.Id("w")].children_pool()), 110000);
  EXPECT_EQ(Units(by_id[world_.Id("east")].children_pool()), 80850);
  for (const auto& [id, t] : by_id) {
    int64_t periods = 0;
    for (const v1::PeriodAmount& p : t.periods()) periods += Units(p.amount());
    EXPECT_EQ(periods, Units(t.annual())) << id;
    int64_t children = 0;
    bool leaf = true;
    for (const auto& [child_id, child] : by_id) {
      if (child.parent_id() == id) {
        children += Units(child.annual());
        leaf = false;
      }
    }
    if (!leaf) {
      EXPECT_EQ(children, Units(t.children_pool())) << id;
    }
  }
  // w1: 34 650 / 12 = 2 887.5: the six earliest months get the leftover units.
  EXPECT_EQ(by_id[world_.Id("w1")].periods(0).amount(), "2888");
  EXPECT_EQ(by_id[world_.Id("w1")].periods(11).amount(), "2887");
}

TEST_F(QuotasTest, LifecycleAllowsOnlyLegalTransitionsAndRevisionsAreEffectiveDated) {
  const v1::QuotaPlan plan = CreatePlan("plan");
  const std::string v1_name = plan.versions(0).name();
  v1::ApproveQuotaPlanRequest approve;
  approve.set_name(v1_name);
  v1::QuotaPlanVersion out;
  EXPECT_TRUE(HasCode(quotas_->ApproveQuotaPlan(MakeContext(planner_).get(), approve, &out),
                      grpc::StatusCode::FAILED_PRECONDITION));
  Activate(v1_name, "");

  v1::ReviseQuotaPlanRequest revise;
  revise.set_name(plan.name());
  *revise.mutable_spec() = Spec("120000");
  v1::QuotaPlanVersion v2;
  ASSERT_TRUE(HasCode(quotas_->ReviseQuotaPlan(MakeContext(planner_, std::chrono::seconds(30)).get(),
                                               revise, &v2),
                      grpc::StatusCode::OK));
  EXPECT_EQ(v2.version(), 2);
  EXPECT_EQ(v2.state(), v1::QUOTA_PLAN_STATE_DRAFT);
  Activate(v2.name(), "2026-07-01");

  v1::GetQuotaPlanRequest get;
  get.set_name(plan.name());
  v1::QuotaPlan stored;
  ASSERT_TRUE(HasCode(quotas_->GetQuotaPlan(MakeContext(planner_).get(), get, &stored),
                      grpc::StatusCode::OK));
  ASSERT_EQ(stored.versions_size(), 2);
  EXPECT_EQ(stored.versions(0).effective_from(), "2026-01-01");
  EXPECT_EQ(stored.versions(0).effective_to(), "2026-06-30");
  EXPECT_EQ(stored.versions(1).effective_from(), "2026-07-01");
  EXPECT_EQ(stored.versions(1).effective_to(), "2026-12-31");

  // Version 2 (120 000): west pool 39 600 x 1.05 = 41 580 -> w1 3 465 a month; rep2 is fully
  // ramped in August. Version 1 still answers for June: w1 2 888, ramp 100 % from May 15.
  v1::GetQuotasResponse august, june;
  ASSERT_TRUE(HasCode(GetQuotas(planner_, {world_.Id("rep2")}, "2026-08-01", &august, {"FY2026-M08"}),
                      grpc::StatusCode::OK));
  ASSERT_EQ(august.quotas_size(), 1);
  EXPECT_EQ(august.quotas(0).version(), v2.name());
  EXPECT_EQ(august.quotas(0).periods(0).quota(), "3465.00");
  ASSERT_TRUE(HasCode(GetQuotas(planner_, {world_.Id("rep2")}, "2026-06-15", &june, {"FY2026-M06"}),
                      grpc::StatusCode::OK));
  ASSERT_EQ(june.quotas_size(), 1);
  EXPECT_EQ(june.quotas(0).version(), v1_name);
  EXPECT_EQ(june.quotas(0).periods(0).quota(), "2888.00");
}

// rep2, hired 2026-02-15 on w1 (2 888 in Jan..Jun), ramp 25/50/75/100 %:
//   Jan 0; Feb 2 888 x (14 x 0.25) / 28 = 361.00;
//   Mar 2 888 x (14 x 0.25 + 17 x 0.5) / 31 = 34 656 / 31 = 1 117.935484 -> 1 117.94.
// rep1 on e1 all year: Jan 4 813.00 (57 750 / 12 = 4 812.5, leftover to the earlier months).
TEST_F(QuotasTest, SellerQuotasProrateAndRampAMidYearHireAndComeBackTheSameFromTheCache) {
  const v1::QuotaPlan plan = CreatePlan("plan");
  Activate(plan.versions(0).name(), "");
  for (int attempt = 0; attempt < 2; ++attempt) {  // the second answer comes from Redis
    v1::GetQuotasResponse response;
    ASSERT_TRUE(HasCode(GetQuotas(admin_, {world_.Id("rep2"), world_.Id("rep1"), world_.Id("mgr")},
                                  "2026-03-01", &response, {"FY2026-M01", "FY2026-M02", "FY2026-M03"}),
                        grpc::StatusCode::OK));
    ASSERT_EQ(response.quotas_size(), 2);
    const v1::SellerQuota& rep2 = response.quotas(0);
    EXPECT_EQ(rep2.seller_id(), world_.Id("rep2"));
    ASSERT_EQ(rep2.periods_size(), 3);
    EXPECT_EQ(rep2.periods(0).quota(), "0.00");
    EXPECT_EQ(rep2.periods(1).quota(), "361.00");
    EXPECT_EQ(rep2.periods(2).quota(), "1117.94");
    EXPECT_EQ(rep2.total(), "1478.94");
    EXPECT_EQ(response.quotas(1).periods(0).quota(), "4813.00");
    ASSERT_EQ(response.unplanned_seller_ids_size(), 1);
    EXPECT_EQ(response.unplanned_seller_ids(0), world_.Id("mgr"));
  }
}

// Submissions e1 60 000 and e2 20 000, none for w1. e1: +2 250 (2 250 / 57 750 = 0.038961);
// east 80 000 vs 77 000; the root 80 000 vs 100 000 = -0.2 with one missing leaf.
TEST_F(QuotasTest, ReconciliationRollsBottomUpSubmissionsAgainstTopDown) {
  const v1::QuotaPlan plan = CreatePlan("plan");
  for (const auto& [territory, amount] : {std::pair<std::string, std::string>{"e1", "60000"},
                                          {"e2", "20000"}}) {
    v1::SubmitBottomUpRequest submit;
    submit.set_name(plan.name());
    submit.set_territory_id(world_.Id(territory));
    submit.set_amount(amount);
    v1::BottomUpSubmission out;
    ASSERT_TRUE(HasCode(quotas_->SubmitBottomUp(MakeContext(planner_).get(), submit, &out),
                        grpc::StatusCode::OK));
  }
  v1::SubmitBottomUpRequest unknown;
  unknown.set_name(plan.name());
  unknown.set_territory_id(world_.Id("nowhere"));
  unknown.set_amount("1");
  v1::BottomUpSubmission ignored;
  EXPECT_TRUE(IsInvalidField(quotas_->SubmitBottomUp(MakeContext(planner_).get(), unknown, &ignored),
                             "territory_id"));

  v1::GetReconciliationRequest request;
  request.set_name(plan.name());
  v1::GetReconciliationResponse response;
  ASSERT_TRUE(HasCode(quotas_->GetReconciliation(MakeContext(planner_).get(), request, &response),
                      grpc::StatusCode::OK));
  std::map<std::string, v1::NodeReconciliation> by_id;
  for (const v1::NodeReconciliation& n : response.nodes()) by_id[n.territory_id()] = n;
  EXPECT_EQ(by_id[world_.Id("e1")].difference(), "2250");
  EXPECT_EQ(by_id[world_.Id("e1")].relative_difference(), "0.038961");
  EXPECT_EQ(by_id[world_.Id("east")].bottom_up(), "80000");
  EXPECT_EQ(by_id[world_.Id("w")].bottom_up(), "80000");
  EXPECT_EQ(by_id[world_.Id("w")].relative_difference(), "-0.2");
  EXPECT_EQ(by_id[world_.Id("w")].missing_submissions(), 1);
  EXPECT_EQ(by_id[world_.Id("w1")].bottom_up(), "0");
}

TEST_F(QuotasTest, InvalidPlansNameTheFieldAndWriteNothing) {
  v1::CreateQuotaPlanRequest request = PlanRequest("bad");
  request.mutable_spec()->mutable_levels(0)->set_padding("-0.1");
  request.mutable_plan()->set_root_territory_id(world_.Id("nowhere"));
  v1::QuotaPlan ignored;
  grpc::Status status = quotas_->CreateQuotaPlan(MakeContext(planner_).get(), request, &ignored);
  EXPECT_TRUE(IsInvalidField(status, "spec.levels[0].padding"));

  request = PlanRequest("bad");
  request.mutable_plan()->set_root_territory_id(world_.Id("nowhere"));
  EXPECT_TRUE(IsInvalidField(quotas_->CreateQuotaPlan(MakeContext(planner_).get(), request, &ignored),
                             "plan.root_territory_id"));

  request = PlanRequest("bad");
  request.mutable_spec()->mutable_levels(1)->set_method(v1::ALLOCATION_METHOD_CUSTOM_WEIGHTS);
  v1::TerritoryWeight* w = request.mutable_spec()->mutable_levels(1)->add_weights();
  w->set_territory_id(world_.Id("e1"));
  w->set_weight("-1");
  EXPECT_TRUE(IsInvalidField(quotas_->CreateQuotaPlan(MakeContext(planner_).get(), request, &ignored),
                             "spec.levels[1].weights[0].weight"));

  v1::GetQuotaPlanRequest get;
  get.set_name("quotaPlans/" + world_.Id("bad"));
  EXPECT_TRUE(HasCode(quotas_->GetQuotaPlan(MakeContext(planner_).get(), get, &ignored),
                      grpc::StatusCode::NOT_FOUND));
}

TEST_F(QuotasTest, RepsCannotPlanAndSeeOnlyTheirOwnQuotas) {
  const std::string rep = Token(world_.Id("rep1"), {"rep"});
  v1::QuotaPlan ignored;
  EXPECT_TRUE(HasCode(quotas_->CreateQuotaPlan(MakeContext(rep).get(), PlanRequest("rep-plan"), &ignored),
                      grpc::StatusCode::PERMISSION_DENIED));
  const v1::QuotaPlan plan = CreatePlan("plan");
  Activate(plan.versions(0).name(), "");
  v1::GetQuotasResponse response;
  EXPECT_TRUE(HasCode(GetQuotas(rep, {world_.Id("rep2")}, "2026-03-01", &response),
                      grpc::StatusCode::PERMISSION_DENIED));
  ASSERT_TRUE(HasCode(GetQuotas(rep, {}, "2026-03-01", &response), grpc::StatusCode::OK));
  ASSERT_EQ(response.quotas_size(), 1);
  EXPECT_EQ(response.quotas(0).seller_id(), world_.Id("rep1"));
  EXPECT_EQ(response.quotas(0).periods_size(), 12);

  // A rep sees only the territories they cover.
  v1::GetTerritoryQuotasRequest request;
  request.set_name(plan.name());
  v1::GetTerritoryQuotasResponse territories;
  ASSERT_TRUE(HasCode(quotas_->GetTerritoryQuotas(MakeContext(rep).get(), request, &territories),
                      grpc::StatusCode::OK));
  ASSERT_EQ(territories.territories_size(), 1);
  EXPECT_EQ(territories.territories(0).territory_id(), world_.Id("e1"));
}

// 24 months of history (2024-01..2025-12) for the whole tree, 6 months ahead.
TEST_F(QuotasTest, ForecastReturnsTheHorizonWithNestedIntervals) {
  auto forecasts = v1::ForecastService::NewStub(stack().gateway_channel());
  v1::ForecastBookingsRequest request;
  request.set_territory_id(world_.Id("w"));
  request.set_as_of("2026-01-01");
  request.set_horizon_months(6);
  v1::ForecastBookingsResponse response;
  ASSERT_TRUE(HasCode(forecasts->ForecastBookings(MakeContext(planner_, std::chrono::seconds(30)).get(),
                                                  request, &response),
                      grpc::StatusCode::OK));
  EXPECT_EQ(response.history_size(), 24);
  EXPECT_EQ(response.history(0).month(), "2024-01");
  EXPECT_EQ(response.history(23).amount(), "1500");  // 5 x (100 + 50 + 60 + 90)
  EXPECT_EQ(response.account_count(), 4);
  EXPECT_NE(response.method(), v1::FORECAST_METHOD_UNSPECIFIED);
  ASSERT_EQ(response.points_size(), 6);
  EXPECT_EQ(response.points(0).month(), "2026-01");
  for (const v1::BookingsForecastPoint& p : response.points()) {
    const double lower95 = std::stod(p.lower95()), lower80 = std::stod(p.lower80());
    const double value = std::stod(p.value()), upper80 = std::stod(p.upper80());
    EXPECT_LE(lower95, lower80);
    EXPECT_LE(lower80, value);
    EXPECT_LE(value, upper80);
    EXPECT_LE(upper80, std::stod(p.upper95()));
  }
  request.set_horizon_months(0);
  EXPECT_TRUE(IsInvalidField(forecasts->ForecastBookings(MakeContext(planner_).get(), request, &response),
                             "horizon_months"));
}

// docs/engines/quota.md worked example: 2 reps x 10 000 a month, attrition 0.1, ramp 50/100 %,
// one hire in February, lead time 1: Feb gap 7 000 -> 0.777778 hires (not achievable),
// Mar gap 14 800 -> 0.944444 hires.
TEST_F(QuotasTest, CapacityPlanMatchesTheHandComputedExample) {
  auto capacity = v1::CapacityService::NewStub(stack().gateway_channel());
  v1::PlanCapacityRequest request;
  request.set_fiscal_year(2026);
  request.set_fiscal_year_start_month(1);
  request.set_period_type(v1::QUOTA_PERIOD_TYPE_MONTHLY);
  for (int m = 0; m < 12; ++m) request.add_targets(m == 0 ? "20000" : m == 1 ? "30000" : m == 2 ? "40000" : "0");
  v1::HeadcountCohort* cohort = request.add_headcount();
  cohort->set_role("ae");
  cohort->set_start_date("2020-01-01");
  cohort->set_count("2");
  v1::PlannedHire* hire = request.add_planned_hires();
  hire->set_month("2026-02");
  hire->set_role("ae");
  hire->set_count("1");
  request.mutable_ramp()->add_by_tenure_month("0.5");
  request.mutable_ramp()->add_by_tenure_month("1");
  request.set_monthly_attrition("0.1");
  v1::RoleProductivity* productivity = request.add_productivity();
  productivity->set_role("ae");
  productivity->set_per_rep_per_month("10000");
  request.set_hire_role("ae");
  request.set_hiring_lead_time_months(1);
  v1::PlanCapacityResponse response;
  ASSERT_TRUE(HasCode(capacity->PlanCapacity(MakeContext(planner_).get(), request, &response),
                      grpc::StatusCode::OK));
  ASSERT_EQ(response.periods_size(), 12);
  EXPECT_EQ(response.periods(0).capacity(), "20000");
  EXPECT_EQ(response.periods(1).capacity(), "23000");
  EXPECT_EQ(response.periods(1).hires_needed(), "0.777778");
  EXPECT_FALSE(response.periods(1).achievable());
  EXPECT_EQ(response.periods(2).gap(), "14800");
  EXPECT_EQ(response.periods(2).hires_needed(), "0.944444");
  EXPECT_TRUE(response.periods(2).achievable());

  request.set_monthly_attrition("1.5");
  EXPECT_TRUE(IsInvalidField(capacity->PlanCapacity(MakeContext(planner_).get(), request, &response),
                             "monthly_attrition"));
}

}  // namespace
}  // namespace attain::itest

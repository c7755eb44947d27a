// PLAN scenarios through the gateway: copy the live territories, coverage and a quota plan;
// edit territories and coverage with live validations; diff accounts moved, quota changes by
// territory and by seller (all computed by hand below); promote atomically; refuse a stale
// promotion; balance a scenario's territories; authorization.
//
// The quota world (quota_helpers.h) holds e1 (NY: a1, a4), e2 (MA: a2) and w1 (CA: a3) under
// east/west under w. FY2025 bookings: e1 9 000, e2 3 600, w1 5 400. The plan here: FY2026,
// monthly, 120 000, EVEN across east/west (60 000 each), historical share (FY2025) below,
// flat seasonality, no ramp:
//   live:     e1 = 60 000 x 9 000 / 12 600 = 42 857.14 -> 42 857; e2 = 17 142.86 -> 17 143
//             (largest remainder); w1 = 60 000.
//   scenario: e1 takes MA too (a2 moves e2 -> e1), so e1 = 60 000 and e2 = 0.
// Sellers: rep1 covers e1 100 % (live: 42 857 a year). The scenario splits e1 50/50 between
// rep1 and mgr from 2026-01-01: each 5 000 x 0.5 = 2 500 a month, 30 000 a year.
#include <map>

#include <gtest/gtest.h>

#include "attain/planning/v1/quotas.grpc.pb.h"
#include "attain/planning/v1/scenarios.grpc.pb.h"
#include "attain/planning/v1/territories.grpc.pb.h"
#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/org_helpers.h"
#include "tests/integration/quota_helpers.h"
#include "tests/integration/stack_test.h"

namespace attain::itest {
namespace {

namespace v1 = attain::planning::v1;

class PlanScenariosTest : public StackTest {
 protected:
  void SetUp() override {
    StackTest::SetUp();
    if (HasFatalFailure()) return;
    planner_ = Token("it-planner", {"planner"});
    world_.tag = UniqueId("ps");
    scenarios_ = v1::ScenarioService::NewStub(stack().gateway_channel());
    territories_ = v1::TerritoryService::NewStub(stack().gateway_channel());
    quotas_ = v1::QuotaService::NewStub(stack().gateway_channel());
    BuildQuotaWorld(stack(), AdminToken(), world_);
    if (HasFatalFailure()) return;
    CreatePlan();
  }

  void CreatePlan() {
    v1::CreateQuotaPlanRequest request;
    v1::QuotaPlan* plan = request.mutable_plan();
    plan->set_plan_id(world_.Id("plan"));
    plan->set_display_name("FY2026");
    plan->set_fiscal_year(2026);
    plan->set_fiscal_year_start_month(1);
    plan->set_period_type(v1::QUOTA_PERIOD_TYPE_MONTHLY);
    plan->set_currency("USD");
    plan->set_root_territory_id(world_.Id("w"));
    v1::QuotaPlanSpec* spec = request.mutable_spec();
    spec->set_company_target("120000");
    spec->add_levels()->set_method(v1::ALLOCATION_METHOD_EVEN);
    spec->add_levels()->set_method(v1::ALLOCATION_METHOD_HISTORICAL_SHARE);
    spec->set_history_basis(v1::HISTORY_BASIS_PRIOR_FISCAL_YEAR);
    spec->mutable_seasonality()->set_source(v1::SEASONALITY_SOURCE_FLAT);
    v1::QuotaPlan created;
    ASSERT_TRUE(HasCode(quotas_->CreateQuotaPlan(MakeContext(planner_, std::chrono::seconds(30)).get(),
                                                 request, &created),
                        grpc::StatusCode::OK));
  }

  grpc::Status Create(v1::Scenario* out, const std::string& token = "") {
    v1::CreatePlanScenarioRequest request;
    request.set_display_name("Move MA east");
    request.set_as_of("2026-03-01");
    request.set_quota_plan("quotaPlans/" + world_.Id("plan"));
    return scenarios_->CreatePlanScenario(
        MakeContext(token.empty() ? planner_ : token, std::chrono::seconds(30)).get(), request, out);
  }

  // The scenario's copy of one territory.
  v1::ScenarioTerritory Copied(const std::string& scenario, const std::string& id) {
    v1::ListScenarioTerritoriesRequest request;
    request.set_name(scenario);
    request.set_page_size(1000);
    for (int page = 0; page < 100; ++page) {
      v1::ListScenarioTerritoriesResponse response;
      EXPECT_TRUE(HasCode(scenarios_->ListScenarioTerritories(MakeContext(planner_).get(), request, &response),
                          grpc::StatusCode::OK));
      for (const v1::ScenarioTerritory& t : response.territories()) {
        if (t.territory().territory_id() == id) return t;
      }
      if (response.next_page_token().empty()) break;
      request.set_page_token(response.next_page_token());
    }
    ADD_FAILURE() << id << " is not in " << scenario;
    return {};
  }

  // e1's rule takes NY and MA; e2's rule matches no account of the world.
  void MoveMaToE1(const std::string& scenario) {
    for (const auto& [id, states] : {std::pair<std::string, std::vector<std::string>>{"e1", {"NY", "MA"}},
                                     {"e2", {"ZZ"}}}) {
      v1::Territory t = Copied(scenario, world_.Id(id)).territory();
      v1::Predicate* state = t.mutable_versions(0)->mutable_rules(0)->mutable_predicates(1);
      state->clear_equals();
      for (const std::string& s : states) state->mutable_in_list()->add_values(s);
      v1::PutScenarioTerritoryRequest put;
      put.set_name(scenario);
      *put.mutable_territory() = t;
      v1::ScenarioTerritory written;
      ASSERT_TRUE(HasCode(scenarios_->PutScenarioTerritory(MakeContext(planner_).get(), put, &written),
                          grpc::StatusCode::OK))
          << id;
    }
  }

  static void AddAssignment(v1::SetScenarioSellerAssignmentsRequest* request, const std::string& seller,
                            const std::string& split, const std::string& start, const std::string& end) {
    v1::SellerAssignment* a = request->add_assignments();
    a->set_seller_id(seller);
    a->set_role(v1::SELLER_ROLE_PRIMARY);
    a->set_split_percent(split);
    a->set_start_date(start);
    a->set_end_date(end);
  }

  grpc::Status SplitE1(const std::string& scenario, const std::string& mgr_split) {
    v1::SetScenarioSellerAssignmentsRequest request;
    request.set_name(scenario);
    request.set_territory_id(world_.Id("e1"));
    AddAssignment(&request, world_.Id("rep1"), "100", "2025-01-01", "2025-12-31");
    AddAssignment(&request, world_.Id("rep1"), "50", "2026-01-01", "");
    AddAssignment(&request, world_.Id("mgr"), mgr_split, "2026-01-01", "");
    v1::ScenarioTerritory written;
    return scenarios_->SetScenarioSellerAssignments(MakeContext(planner_).get(), request, &written);
  }

  v1::DiffScenarioResponse Diff(const std::string& scenario) {
    v1::DiffScenarioRequest request;
    request.set_name(scenario);
    v1::DiffScenarioResponse response;
    EXPECT_TRUE(HasCode(scenarios_->DiffScenario(MakeContext(planner_, std::chrono::seconds(30)).get(),
                                                 request, &response),
                        grpc::StatusCode::OK));
    return response;
  }

  grpc::Status Promote(const std::string& scenario, v1::Scenario* out) {
    v1::PromoteScenarioRequest request;
    request.set_name(scenario);
    return scenarios_->PromoteScenario(MakeContext(planner_, std::chrono::seconds(30)).get(), request, out);
  }

  std::string planner_;
  QuotaWorld world_;
  std::unique_ptr<v1::ScenarioService::Stub> scenarios_;
  std::unique_ptr<v1::TerritoryService::Stub> territories_;
  std::unique_ptr<v1::QuotaService::Stub> quotas_;
};

TEST_F(PlanScenariosTest, AnUneditedCopyDiffsToNothing) {
  v1::Scenario scenario;
  ASSERT_TRUE(HasCode(Create(&scenario), grpc::StatusCode::OK));
  EXPECT_EQ(scenario.kind(), v1::SCENARIO_KIND_PLAN);
  EXPECT_EQ(scenario.state(), v1::SCENARIO_STATE_DRAFT);
  EXPECT_EQ(scenario.plan().live_quota_version(), "quotaPlans/" + world_.Id("plan") + "/versions/1");
  EXPECT_FALSE(scenario.plan().quota_reallocated());
  EXPECT_GE(scenario.plan().territory_count(), 7);
  EXPECT_EQ(Copied(scenario.name(), world_.Id("e1")).seller_assignments_size(), 1);

  const v1::DiffScenarioResponse diff = Diff(scenario.name());
  EXPECT_EQ(diff.total_size(), 0);
  EXPECT_EQ(diff.territory_changes_size(), 0);
  EXPECT_EQ(diff.quota_nodes_size(), 0);
  EXPECT_EQ(diff.seller_quotas_size(), 0);
  EXPECT_EQ(diff.live_quota_total(), "120000");
  EXPECT_EQ(diff.scenario_quota_total(), "120000");
}

TEST_F(PlanScenariosTest, EditsDiffByAccountTerritoryAndSellerAndPromoteAtomically) {
  v1::Scenario scenario;
  ASSERT_TRUE(HasCode(Create(&scenario), grpc::StatusCode::OK));
  MoveMaToE1(scenario.name());
  ASSERT_TRUE(HasCode(SplitE1(scenario.name(), "50"), grpc::StatusCode::OK));

  const v1::DiffScenarioResponse diff = Diff(scenario.name());
  ASSERT_EQ(diff.total_size(), 1);
  ASSERT_EQ(diff.moved_size(), 1);
  EXPECT_EQ(diff.moved(0).account_id(), world_.Id("a2"));
  EXPECT_EQ(diff.moved(0).territory_type(), v1::TERRITORY_TYPE_GEOGRAPHIC);
  EXPECT_EQ(diff.moved(0).from_territory_id(), world_.Id("e2"));
  EXPECT_EQ(diff.moved(0).to_territory_id(), world_.Id("e1"));

  std::map<std::string, v1::TerritoryChange> changes;
  for (const v1::TerritoryChange& c : diff.territory_changes()) changes[c.territory_id()] = c;
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[world_.Id("e1")].change(), v1::CHANGE_KIND_CHANGED);
  EXPECT_TRUE(changes[world_.Id("e1")].definition_changed());
  EXPECT_TRUE(changes[world_.Id("e1")].coverage_changed());
  EXPECT_TRUE(changes[world_.Id("e2")].definition_changed());
  EXPECT_FALSE(changes[world_.Id("e2")].coverage_changed());

  std::map<std::string, v1::QuotaNodeChange> nodes;
  for (const v1::QuotaNodeChange& n : diff.quota_nodes()) nodes[n.territory_id()] = n;
  ASSERT_EQ(nodes.size(), 2u);
  EXPECT_EQ(nodes[world_.Id("e1")].live_annual(), "42857");
  EXPECT_EQ(nodes[world_.Id("e1")].scenario_annual(), "60000");
  EXPECT_EQ(nodes[world_.Id("e1")].difference(), "17143");
  EXPECT_EQ(nodes[world_.Id("e2")].live_annual(), "17143");
  EXPECT_EQ(nodes[world_.Id("e2")].scenario_annual(), "0");
  EXPECT_EQ(nodes[world_.Id("e2")].difference(), "-17143");
  EXPECT_EQ(diff.live_quota_total(), "120000");
  EXPECT_EQ(diff.scenario_quota_total(), "120000");

  std::map<std::string, v1::SellerQuotaChange> sellers;
  for (const v1::SellerQuotaChange& s : diff.seller_quotas()) sellers[s.seller_id()] = s;
  ASSERT_EQ(sellers.size(), 2u);
  EXPECT_EQ(sellers[world_.Id("rep1")].live_annual(), "42857");
  EXPECT_EQ(sellers[world_.Id("rep1")].scenario_annual(), "30000");
  EXPECT_EQ(sellers[world_.Id("rep1")].difference(), "-12857");
  EXPECT_EQ(sellers[world_.Id("mgr")].live_annual(), "0");
  EXPECT_EQ(sellers[world_.Id("mgr")].scenario_annual(), "30000");

  // Nothing live changed yet.
  v1::GetTerritoryRequest get;
  get.set_name("territories/" + world_.Id("e1"));
  v1::Territory live_e1;
  ASSERT_TRUE(HasCode(territories_->GetTerritory(MakeContext(planner_).get(), get, &live_e1),
                      grpc::StatusCode::OK));
  EXPECT_EQ(live_e1.versions(0).rules(0).predicates(1).equals(), "NY");

  v1::Scenario promoted;
  ASSERT_TRUE(HasCode(Promote(scenario.name(), &promoted), grpc::StatusCode::OK));
  EXPECT_EQ(promoted.state(), v1::SCENARIO_STATE_PROMOTED);
  EXPECT_EQ(promoted.plan().promoted_quota_version(),
            "quotaPlans/" + world_.Id("plan") + "/versions/2");

  ASSERT_TRUE(HasCode(territories_->GetTerritory(MakeContext(planner_).get(), get, &live_e1),
                      grpc::StatusCode::OK));
  ASSERT_EQ(live_e1.versions(0).rules(0).predicates(1).in_list().values_size(), 2);
  v1::ListSellerAssignmentsRequest coverage;
  coverage.set_territory_id(world_.Id("e1"));
  v1::ListSellerAssignmentsResponse covered;
  ASSERT_TRUE(HasCode(territories_->ListSellerAssignments(MakeContext(planner_).get(), coverage, &covered),
                      grpc::StatusCode::OK));
  EXPECT_EQ(covered.assignments_size(), 3);

  v1::GetTerritoryQuotasRequest quotas;
  quotas.set_name(promoted.plan().promoted_quota_version());
  v1::GetTerritoryQuotasResponse allocated;
  ASSERT_TRUE(HasCode(quotas_->GetTerritoryQuotas(MakeContext(planner_).get(), quotas, &allocated),
                      grpc::StatusCode::OK));
  std::map<std::string, std::string> annual;
  for (const v1::TerritoryQuota& t : allocated.territories()) annual[t.territory_id()] = t.annual();
  EXPECT_EQ(annual[world_.Id("e1")], "60000");
  EXPECT_EQ(annual[world_.Id("e2")], "0");

  // A promoted scenario no longer changes.
  v1::Scenario again;
  EXPECT_TRUE(HasReason(Promote(scenario.name(), &again), "SCENARIO_NOT_DRAFT"));
}

TEST_F(PlanScenariosTest, InvalidEditsNameTheFieldAndWriteNothing) {
  v1::Scenario scenario;
  ASSERT_TRUE(HasCode(Create(&scenario), grpc::StatusCode::OK));
  EXPECT_TRUE(IsInvalidField(SplitE1(scenario.name(), "40"), "assignments"));

  v1::Territory orphan = Copied(scenario.name(), world_.Id("e2")).territory();
  orphan.mutable_versions(0)->set_parent_id(world_.Id("nowhere"));
  v1::PutScenarioTerritoryRequest put;
  put.set_name(scenario.name());
  *put.mutable_territory() = orphan;
  v1::ScenarioTerritory ignored;
  const grpc::Status status = scenarios_->PutScenarioTerritory(MakeContext(planner_).get(), put, &ignored);
  EXPECT_TRUE(HasCode(status, grpc::StatusCode::INVALID_ARGUMENT)) << Describe(status);

  v1::DeleteScenarioTerritoryRequest remove;
  remove.set_name(scenario.name());
  remove.set_territory_id(world_.Id("east"));
  google::protobuf::Empty empty;
  EXPECT_TRUE(HasReason(scenarios_->DeleteScenarioTerritory(MakeContext(planner_).get(), remove, &empty),
                        "TERRITORY_HAS_CHILDREN"));

  EXPECT_EQ(Copied(scenario.name(), world_.Id("e1")).seller_assignments_size(), 1);
  EXPECT_EQ(Copied(scenario.name(), world_.Id("e2")).territory().versions(0).parent_id(),
            world_.Id("east"));
  EXPECT_EQ(Diff(scenario.name()).territory_changes_size(), 0);
}

TEST_F(PlanScenariosTest, PromotionRefusesWhenLiveChangedSinceTheCopy) {
  v1::Scenario scenario;
  ASSERT_TRUE(HasCode(Create(&scenario), grpc::StatusCode::OK));
  MoveMaToE1(scenario.name());

  v1::UpdateTerritoryRequest update;
  update.mutable_territory()->set_name("territories/" + world_.Id("w1"));
  update.mutable_territory()->set_display_name("West one, renamed");
  update.mutable_update_mask()->add_paths("display_name");
  v1::Territory updated;
  ASSERT_TRUE(HasCode(territories_->UpdateTerritory(MakeContext(AdminToken()).get(), update, &updated),
                      grpc::StatusCode::OK));

  v1::Scenario promoted;
  EXPECT_TRUE(HasReason(Promote(scenario.name(), &promoted), "SCENARIO_STALE"));
  v1::GetTerritoryRequest get;
  get.set_name("territories/" + world_.Id("e2"));
  v1::Territory live_e2;
  ASSERT_TRUE(HasCode(territories_->GetTerritory(MakeContext(planner_).get(), get, &live_e2),
                      grpc::StatusCode::OK));
  EXPECT_EQ(live_e2.versions(0).rules(0).predicates(1).equals(), "MA");
}

TEST_F(PlanScenariosTest, BalancingAScenarioWritesIntoTheScenario) {
  v1::Scenario scenario;
  ASSERT_TRUE(HasCode(Create(&scenario), grpc::StatusCode::OK));
  v1::ProposeBalancingRequest propose;
  propose.set_scenario(scenario.name());
  propose.set_parent_territory_id(world_.Id("east"));
  propose.set_as_of("2026-03-01");
  propose.set_tolerance_percent("50");
  v1::Scenario balancing;
  ASSERT_TRUE(HasCode(scenarios_->ProposeBalancing(MakeContext(planner_).get(), propose, &balancing),
                      grpc::StatusCode::OK));
  EXPECT_EQ(balancing.base_scenario(), scenario.name());
  EXPECT_EQ(balancing.assignment_source(), v1::ASSIGNMENT_SOURCE_RULES);
  EXPECT_EQ(balancing.account_count(), 3);

  v1::PromoteScenarioRequest promote;
  promote.set_name(balancing.name());
  promote.set_effective_from("2026-03-01");
  v1::Scenario promoted;
  ASSERT_TRUE(HasCode(scenarios_->PromoteScenario(MakeContext(planner_).get(), promote, &promoted),
                      grpc::StatusCode::OK));
  // Potential is 0 for every account of the world, so nothing needs to move; promotion still
  // lands in the plan scenario (quota marked for reallocation) and live stays as it was.
  v1::GetScenarioRequest get;
  get.set_name(scenario.name());
  v1::GetScenarioResponse base;
  ASSERT_TRUE(HasCode(scenarios_->GetScenario(MakeContext(planner_).get(), get, &base),
                      grpc::StatusCode::OK));
  EXPECT_TRUE(base.scenario().plan().quota_reallocated());
  v1::GetTerritoryRequest live;
  live.set_name("territories/" + world_.Id("e1"));
  v1::Territory live_e1;
  ASSERT_TRUE(HasCode(territories_->GetTerritory(MakeContext(planner_).get(), live, &live_e1),
                      grpc::StatusCode::OK));
  EXPECT_EQ(live_e1.versions_size(), 1);
}

TEST_F(PlanScenariosTest, PlannersWriteAnalystsReadRepsAreDenied) {
  const std::string rep = Token(world_.Id("rep1"), {"rep"});
  const std::string analyst = Token("analyst-1", {"analyst"});
  v1::Scenario scenario;
  EXPECT_TRUE(HasCode(Create(&scenario, rep), grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_TRUE(HasCode(Create(&scenario, analyst), grpc::StatusCode::PERMISSION_DENIED));
  ASSERT_TRUE(HasCode(Create(&scenario), grpc::StatusCode::OK));

  v1::ListScenarioTerritoriesRequest list;
  list.set_name(scenario.name());
  list.set_page_size(1);
  v1::ListScenarioTerritoriesResponse listed;
  EXPECT_TRUE(HasCode(scenarios_->ListScenarioTerritories(MakeContext(analyst).get(), list, &listed),
                      grpc::StatusCode::OK));
  EXPECT_TRUE(HasCode(scenarios_->ListScenarioTerritories(MakeContext(rep).get(), list, &listed),
                      grpc::StatusCode::PERMISSION_DENIED));
  v1::SetScenarioSellerAssignmentsRequest assign;
  assign.set_name(scenario.name());
  assign.set_territory_id(world_.Id("e1"));
  v1::ScenarioTerritory ignored;
  EXPECT_TRUE(HasCode(scenarios_->SetScenarioSellerAssignments(MakeContext(analyst).get(), assign, &ignored),
                      grpc::StatusCode::PERMISSION_DENIED));
  v1::ReviseScenarioQuotaPlanRequest revise;
  revise.set_name(scenario.name());
  v1::Scenario revised;
  EXPECT_TRUE(HasCode(scenarios_->ReviseScenarioQuotaPlan(MakeContext("").get(), revise, &revised),
                      grpc::StatusCode::UNAUTHENTICATED));
}

}  // namespace
}  // namespace attain::itest

// PLAN scenarios (scenarios plan, territories, put-territory, delete-territory, sellers,
// revise-quota, and what diff, promote and list show for them) and the top-level `balance`,
// run through the whole command line against an in-process fake ScenarioService.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "absl/synchronization/mutex.h"
#include "attain/planning/v1/scenarios.grpc.pb.h"
#include "tests/tools/attainctl/command_harness.h"
#include "tools/attainctl/cli.h"

namespace attain::ctl {
namespace {

namespace v1 = planning::v1;
using testing::ElementsAre;
using testing::HasSubstr;

// "scenarios/p1" is a PLAN scenario; any other name a balancing one.
constexpr char kPlan[] = "scenarios/p1";

v1::Scenario PlanScenario() {
  v1::Scenario s;
  s.set_name(kPlan);
  s.set_scenario_id("p1");
  s.set_display_name("FY27 plan");
  s.set_kind(v1::SCENARIO_KIND_PLAN);
  s.set_state(v1::SCENARIO_STATE_DRAFT);
  s.set_as_of("2026-07-01");
  s.mutable_plan()->set_quota_plan("quotaPlans/fy27");
  s.mutable_plan()->set_live_quota_version("quotaPlans/fy27/versions/2");
  s.mutable_plan()->set_territory_count(3);
  return s;
}

v1::SellerAssignment Assignment(const std::string& seller, const std::string& percent,
                                v1::SellerRole role = v1::SELLER_ROLE_PRIMARY) {
  v1::SellerAssignment a;
  a.set_seller_id(seller);
  a.set_split_percent(percent);
  a.set_role(role);
  return a;
}

v1::ScenarioAccount Moved(const std::string& account, v1::TerritoryType type,
                          const std::string& from, const std::string& to) {
  v1::ScenarioAccount a;
  a.set_account_id(account);
  a.set_territory_type(type);
  a.set_from_territory_id(from);
  a.set_to_territory_id(to);
  a.set_potential("100");
  a.set_workload("1");
  a.set_moved(true);
  return a;
}

// Records the requests it receives; answers from canned data.
class FakeScenarios final : public v1::ScenarioService::Service {
 public:
  grpc::Status CreatePlanScenario(grpc::ServerContext*,
                                  const v1::CreatePlanScenarioRequest* request,
                                  v1::Scenario* scenario) override {
    absl::MutexLock lock(&mu_);
    create_ = *request;
    *scenario = PlanScenario();
    return grpc::Status::OK;
  }

  grpc::Status GetScenario(grpc::ServerContext*, const v1::GetScenarioRequest* request,
                           v1::GetScenarioResponse* response) override {
    if (request->name() == kPlan) {
      *response->mutable_scenario() = PlanScenario();
    } else {
      response->mutable_scenario()->set_name(request->name());
      response->mutable_scenario()->set_kind(v1::SCENARIO_KIND_BALANCING);
    }
    return grpc::Status::OK;
  }

  // Two pages: east (two versions, three sellers), then west.
  grpc::Status ListScenarioTerritories(grpc::ServerContext*,
                                       const v1::ListScenarioTerritoriesRequest* request,
                                       v1::ListScenarioTerritoriesResponse* response) override {
    absl::MutexLock lock(&mu_);
    page_tokens_.push_back(request->page_token());
    v1::ScenarioTerritory* t = response->add_territories();
    v1::Territory& territory = *t->mutable_territory();
    if (request->page_token().empty()) {
      territory.set_territory_id("east");
      territory.set_level(v1::TERRITORY_LEVEL_DISTRICT);
      territory.set_type(v1::TERRITORY_TYPE_GEOGRAPHIC);
      auto* later = territory.add_versions();  // listed first, but it starts last
      later->set_effective_from("2027-01-01");
      later->set_parent_id("na-2");
      later->add_rules()->set_priority(10);
      later->add_rules()->set_priority(20);
      auto* earlier = territory.add_versions();
      earlier->set_effective_from("2026-01-01");
      earlier->set_parent_id("na");
      *t->add_seller_assignments() = Assignment("rep-1", "60");
      *t->add_seller_assignments() = Assignment("rep-2", "40");
      *t->add_seller_assignments() = Assignment("rep-9", "100", v1::SELLER_ROLE_OVERLAY);
      response->set_next_page_token("after-east");
    } else {
      territory.set_territory_id("west");
      territory.set_level(v1::TERRITORY_LEVEL_DISTRICT);
      territory.set_type(v1::TERRITORY_TYPE_GEOGRAPHIC);
      territory.add_versions()->set_parent_id("na");
    }
    response->set_total_size(2);
    return grpc::Status::OK;
  }

  grpc::Status PutScenarioTerritory(grpc::ServerContext*,
                                    const v1::PutScenarioTerritoryRequest* request,
                                    v1::ScenarioTerritory* response) override {
    absl::MutexLock lock(&mu_);
    put_ = *request;
    *response->mutable_territory() = request->territory();
    *response->add_seller_assignments() = Assignment("rep-1", "100");
    return grpc::Status::OK;
  }

  grpc::Status DeleteScenarioTerritory(grpc::ServerContext*,
                                       const v1::DeleteScenarioTerritoryRequest* request,
                                       google::protobuf::Empty*) override {
    absl::MutexLock lock(&mu_);
    delete_ = *request;
    return grpc::Status::OK;
  }

  grpc::Status SetScenarioSellerAssignments(grpc::ServerContext*,
                                            const v1::SetScenarioSellerAssignmentsRequest* request,
                                            v1::ScenarioTerritory* response) override {
    absl::MutexLock lock(&mu_);
    sellers_.push_back(*request);
    response->mutable_territory()->set_territory_id(request->territory_id());
    *response->mutable_seller_assignments() = request->assignments();
    return grpc::Status::OK;
  }

  grpc::Status ReviseScenarioQuotaPlan(grpc::ServerContext*,
                                       const v1::ReviseScenarioQuotaPlanRequest* request,
                                       v1::Scenario* scenario) override {
    absl::MutexLock lock(&mu_);
    revise_ = *request;
    *scenario = PlanScenario();
    *scenario->mutable_plan()->mutable_quota_spec() = request->spec();
    scenario->mutable_plan()->set_quota_reallocated(true);
    return grpc::Status::OK;
  }

  grpc::Status DiffScenario(grpc::ServerContext*, const v1::DiffScenarioRequest* request,
                            v1::DiffScenarioResponse* response) override {
    response->set_name(request->name());
    response->set_total_size(1);
    if (request->name() != kPlan) {
      auto* a = response->add_moved();
      *a = Moved("acc-1", v1::TERRITORY_TYPE_UNSPECIFIED, "T1", "T2");
      return grpc::Status::OK;
    }
    auto* changed = response->add_territory_changes();
    changed->set_territory_id("east");
    changed->set_change(v1::CHANGE_KIND_CHANGED);
    changed->set_definition_changed(true);
    auto* added = response->add_territory_changes();
    added->set_territory_id("north");
    added->set_change(v1::CHANGE_KIND_ADDED);
    auto* node = response->add_quota_nodes();
    node->set_territory_id("east");
    node->set_live_annual("600");
    node->set_scenario_annual("650");
    node->set_difference("50");
    auto* seller = response->add_seller_quotas();
    seller->set_seller_id("rep-1");
    seller->set_live_annual("360");
    seller->set_scenario_annual("390");
    seller->set_difference("30");
    response->set_live_quota_version("quotaPlans/fy27/versions/2");
    response->set_live_quota_total("1000");
    response->set_scenario_quota_total("1000");
    *response->add_moved() = Moved("acc-1", v1::TERRITORY_TYPE_GEOGRAPHIC, "west", "east");
    return grpc::Status::OK;
  }

  grpc::Status PromoteScenario(grpc::ServerContext*, const v1::PromoteScenarioRequest* request,
                               v1::Scenario* scenario) override {
    absl::MutexLock lock(&mu_);
    promote_ = *request;
    *scenario = PlanScenario();
    scenario->set_state(v1::SCENARIO_STATE_PROMOTED);
    scenario->mutable_plan()->set_promoted_quota_version("quotaPlans/fy27/versions/3");
    return grpc::Status::OK;
  }

  grpc::Status ProposeBalancing(grpc::ServerContext*, const v1::ProposeBalancingRequest* request,
                                v1::Scenario* scenario) override {
    absl::MutexLock lock(&mu_);
    balance_.push_back(*request);
    scenario->set_name("scenarios/b1");
    scenario->set_base_scenario(request->scenario());
    scenario->set_as_of("2026-07-01");
    scenario->add_territory_ids("T1");
    auto* load = scenario->mutable_after()->add_territories();
    load->set_territory_id("T1");
    load->set_account_count(2);
    return grpc::Status::OK;
  }

  grpc::Status ListScenarios(grpc::ServerContext*, const v1::ListScenariosRequest*,
                             v1::ListScenariosResponse* response) override {
    v1::Scenario* balancing = response->add_scenarios();
    balancing->set_scenario_id("b1");
    balancing->set_state(v1::SCENARIO_STATE_DRAFT);
    balancing->set_parent_territory_id("na");
    balancing->set_account_count(4);
    balancing->mutable_after()->set_moved_percent("25");
    *response->add_scenarios() = PlanScenario();
    return grpc::Status::OK;
  }

  absl::Mutex mu_;
  v1::CreatePlanScenarioRequest create_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> page_tokens_ ABSL_GUARDED_BY(mu_);
  v1::PutScenarioTerritoryRequest put_ ABSL_GUARDED_BY(mu_);
  v1::DeleteScenarioTerritoryRequest delete_ ABSL_GUARDED_BY(mu_);
  std::vector<v1::SetScenarioSellerAssignmentsRequest> sellers_ ABSL_GUARDED_BY(mu_);
  v1::ReviseScenarioQuotaPlanRequest revise_ ABSL_GUARDED_BY(mu_);
  v1::PromoteScenarioRequest promote_ ABSL_GUARDED_BY(mu_);
  std::vector<v1::ProposeBalancingRequest> balance_ ABSL_GUARDED_BY(mu_);
};

class PlanScenarioCommandsTest : public FakeServerTest<FakeScenarios> {
 protected:
  std::string WriteFile(const std::string& name, const std::string& content) {
    const std::filesystem::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }
};

TEST_F(PlanScenarioCommandsTest, PlanTakesAPlanIdAndPrintsThePlanInsteadOfBalancingMetrics) {
  const Result result = Run({"scenarios", "plan", "--name", "FY27 plan", "--as-of", "2026-07-01",
                             "--quota-plan", "fy27"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(
      result.out,
      "scenarios/p1  FY27 plan (draft)\n"
      "kind plan, as of 2026-07-01, 3 territories\n"
      "quota plan quotaPlans/fy27, live version quotaPlans/fy27/versions/2, reallocated no\n");
  absl::MutexLock lock(&fake_.mu_);
  EXPECT_EQ(fake_.create_.display_name(), "FY27 plan");
  EXPECT_EQ(fake_.create_.as_of(), "2026-07-01");
  EXPECT_EQ(fake_.create_.quota_plan(), "quotaPlans/fy27");
  EXPECT_FALSE(fake_.create_.request_id().empty());
}

TEST_F(PlanScenarioCommandsTest, PlanAcceptsAQuotaPlanNameAndPrintsOneCsvRow) {
  const Result result = Run(
      {"-o", "csv", "scenarios", "plan", "--quota-plan", "quotaPlans/fy27", "--request-id", "r-1"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(
      result.out,
      "scenario_id,display_name,state,kind,as_of,territories,quota_plan,live_quota_version,"
      "quota_reallocated,promoted_quota_version\n"
      "p1,FY27 plan,draft,plan,2026-07-01,3,quotaPlans/fy27,quotaPlans/fy27/versions/2,no,\n");
  absl::MutexLock lock(&fake_.mu_);
  EXPECT_EQ(fake_.create_.quota_plan(), "quotaPlans/fy27");
  EXPECT_EQ(fake_.create_.request_id(), "r-1");
}

TEST_F(PlanScenarioCommandsTest, TerritoriesFollowsPagesAndShowsTheLatestVersionAndSellers) {
  const Result result = Run({"-o", "csv", "scenarios", "territories", "p1", "--all"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "territory_id,level,type,parent,rules,sellers\n"
            "east,DISTRICT,GEOGRAPHIC,na-2,2,\"rep-1:60%, rep-2:40%, rep-9:100% overlay\"\n"
            "west,DISTRICT,GEOGRAPHIC,na,0,\n");
  absl::MutexLock lock(&fake_.mu_);
  EXPECT_THAT(fake_.page_tokens_, ElementsAre("", "after-east"));
}

TEST_F(PlanScenarioCommandsTest, TerritoriesWithoutAllSaysHowToContinue) {
  const Result result = Run({"scenarios", "territories", "scenarios/p1"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out,
              HasSubstr("TERRITORY_ID  LEVEL     TYPE        PARENT  RULES  SELLERS\n"));
  EXPECT_THAT(result.err, HasSubstr("--page-token after-east"));
}

TEST_F(PlanScenarioCommandsTest, PutTerritoryReadsTheTerritoryJsonFile) {
  const std::string file = WriteFile(
      "east.json",
      R"({"territory_id": "east", "display_name": "East", "level": "TERRITORY_LEVEL_DISTRICT",
          "type": "TERRITORY_TYPE_GEOGRAPHIC",
          "versions": [{"effective_from": "2027-01-01", "parent_id": "na",
                        "rules": [{"priority": 10, "predicates": [{"attribute": "state", "equals": "NY"}]}]}]})");
  const Result result = Run({"scenarios", "put-territory", "p1", file, "--request-id", "put-1"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("east"));
  EXPECT_THAT(result.out, HasSubstr("10: state = \"NY\""));
  EXPECT_THAT(result.out, HasSubstr("\nsellers:\nTERRITORY_ID  SELLER_ID  ROLE"));
  absl::MutexLock lock(&fake_.mu_);
  EXPECT_EQ(fake_.put_.name(), kPlan);
  EXPECT_EQ(fake_.put_.request_id(), "put-1");
  EXPECT_EQ(fake_.put_.territory().territory_id(), "east");
  ASSERT_EQ(fake_.put_.territory().versions_size(), 1);
  EXPECT_EQ(fake_.put_.territory().versions(0).parent_id(), "na");
  EXPECT_EQ(fake_.put_.territory().versions(0).rules(0).predicates(0).equals(), "NY");
}

TEST_F(PlanScenarioCommandsTest, PutTerritoryRefusesAFileThatIsNotATerritoryWithoutCalling) {
  const Result result =
      Run({"scenarios", "put-territory", "p1", WriteFile("bad.json", R"({"territory": "east"})")});
  EXPECT_EQ(result.exit_code, kExitFailure);
  EXPECT_THAT(result.err, HasSubstr("not an attain.planning.v1.Territory in JSON"));
  absl::MutexLock lock(&fake_.mu_);
  EXPECT_EQ(fake_.put_.name(), "");
}

TEST_F(PlanScenarioCommandsTest, DeleteTerritoryNamesTheScenarioAndTerritory) {
  const Result result = Run({"scenarios", "delete-territory", "p1", "east"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "deleted territory east from scenarios/p1\n");
  absl::MutexLock lock(&fake_.mu_);
  EXPECT_EQ(fake_.delete_.territory_id(), "east");
  EXPECT_FALSE(fake_.delete_.request_id().empty());
}

TEST_F(PlanScenarioCommandsTest, SellersTakesTheSpecsOfTerritoriesSellersSet) {
  const Result result = Run({"-o", "csv", "scenarios", "sellers", "p1", "east", "--seller",
                             "rep-1:60", "--seller", "rep-2:40", "--seller", "rep-9:100:overlay",
                             "--from", "2027-01-01", "--to", "2027-12-31"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "territory_id,seller_id,role,split_percent,start_date,end_date\n"
            "east,rep-1,PRIMARY,60,2027-01-01,2027-12-31\n"
            "east,rep-2,PRIMARY,40,2027-01-01,2027-12-31\n"
            "east,rep-9,OVERLAY,100,2027-01-01,2027-12-31\n");
  absl::MutexLock lock(&fake_.mu_);
  ASSERT_EQ(fake_.sellers_.size(), 1u);
  EXPECT_EQ(fake_.sellers_[0].name(), kPlan);
  EXPECT_EQ(fake_.sellers_[0].territory_id(), "east");
  EXPECT_FALSE(fake_.sellers_[0].request_id().empty());
}

TEST_F(PlanScenarioCommandsTest, SellersWithABadSpecIsUsageAndSendsNothing) {
  const Result result = Run(
      {"scenarios", "sellers", "p1", "east", "--seller", "rep-1:60:boss", "--from", "2027-01-01"});
  EXPECT_EQ(result.exit_code, kExitUsage);
  EXPECT_THAT(result.err, HasSubstr("the role must be primary or overlay"));
  absl::MutexLock lock(&fake_.mu_);
  EXPECT_TRUE(fake_.sellers_.empty());
}

TEST_F(PlanScenarioCommandsTest, ReviseQuotaReadsTheSpecJson) {
  const std::string file = WriteFile(
      "spec.json",
      R"({"company_target": "1200000", "levels": [{"method": "ALLOCATION_METHOD_POTENTIAL", "padding": "0.1"}],
          "history_basis": "HISTORY_BASIS_PRIOR_FISCAL_YEAR"})");
  const Result result = Run({"scenarios", "revise-quota", "p1", file});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr(", reallocated yes\n"));
  absl::MutexLock lock(&fake_.mu_);
  EXPECT_EQ(fake_.revise_.name(), kPlan);
  EXPECT_EQ(fake_.revise_.spec().company_target(), "1200000");
  ASSERT_EQ(fake_.revise_.spec().levels_size(), 1);
  EXPECT_EQ(fake_.revise_.spec().levels(0).method(), v1::ALLOCATION_METHOD_POTENTIAL);
  EXPECT_EQ(fake_.revise_.spec().history_basis(), v1::HISTORY_BASIS_PRIOR_FISCAL_YEAR);
}

TEST_F(PlanScenarioCommandsTest, DiffOfAPlanScenarioShowsTerritoriesQuotasThenTypedMoves) {
  const Result result = Run({"scenarios", "diff", "p1"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "territory changes\n"
            "TERRITORY  CHANGE   DEFINITION  COVERAGE\n"
            "east       changed  yes         no\n"
            "north      added    no          no\n"
            "\n"
            "quota by territory\n"
            "TERRITORY  LIVE  SCENARIO  DIFFERENCE\n"
            "east       600   650       50\n"
            "\n"
            "quota by seller\n"
            "SELLER  LIVE  SCENARIO  DIFFERENCE\n"
            "rep-1   360   390       30\n"
            "\n"
            "quota total: live 1000 (quotaPlans/fy27/versions/2), scenario 1000\n"
            "\n"
            "moved accounts: 1\n"
            "ACCOUNT  TYPE        LIVE  TO    POTENTIAL  WORKLOAD  LOCKED  MOVED\n"
            "acc-1    geographic  west  east  100        1         no      yes\n");

  const Result csv = Run({"-o", "csv", "scenarios", "diff", "p1"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out,
            "account,type,live,to,potential,workload,locked,moved\n"
            "acc-1,geographic,west,east,100,1,no,yes\n");

  const Result json = Run({"-o", "json", "scenarios", "diff", "p1"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_THAT(json.out, HasSubstr("\"scenario_quota_total\": \"1000\""));
}

TEST_F(PlanScenarioCommandsTest, DiffOfABalancingScenarioIsItsMovedAccounts) {
  const Result result = Run({"-o", "csv", "scenarios", "diff", "b1"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "account,live,to,potential,workload,locked,moved\nacc-1,T1,T2,100,1,no,yes\n");
}

TEST_F(PlanScenarioCommandsTest, PromoteWithoutEffectiveFromSendsItEmpty) {
  const Result result = Run({"scenarios", "promote", "p1"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("(promoted)\n"));
  EXPECT_THAT(result.out, HasSubstr("\npromoted quota version quotaPlans/fy27/versions/3\n"));
  absl::MutexLock lock(&fake_.mu_);
  EXPECT_EQ(fake_.promote_.name(), kPlan);
  EXPECT_EQ(fake_.promote_.effective_from(), "");
}

TEST_F(PlanScenarioCommandsTest, ListShowsTheKindAndLeavesBalancingColumnsOfPlansEmpty) {
  const Result result = Run({"-o", "csv", "scenarios", "list"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(
      result.out,
      "scenario_id,display_name,kind,state,parent,as_of,accounts,moved_percent,target_reached\n"
      "b1,,balancing,draft,na,,4,25,no\n"
      "p1,FY27 plan,plan,draft,,2026-07-01,,,\n");
}

TEST_F(PlanScenarioCommandsTest, TopLevelBalanceIsScenariosBalanceAndTakesAPlanScenario) {
  const Result top =
      Run({"-o", "csv", "balance", "--parent", "na", "--scenario", "p1", "--request-id", "b"});
  ASSERT_EQ(top.exit_code, 0) << top.err;
  const Result nested = Run({"-o", "csv", "scenarios", "balance", "--parent", "na", "--scenario",
                             "p1", "--request-id", "b"});
  ASSERT_EQ(nested.exit_code, 0) << nested.err;
  EXPECT_EQ(top.out, nested.out);
  absl::MutexLock lock(&fake_.mu_);
  ASSERT_EQ(fake_.balance_.size(), 2u);
  EXPECT_EQ(fake_.balance_[0].SerializeAsString(), fake_.balance_[1].SerializeAsString());
  EXPECT_EQ(fake_.balance_[0].scenario(), kPlan);
  EXPECT_EQ(fake_.balance_[0].parent_territory_id(), "na");
}

TEST_F(PlanScenarioCommandsTest, BalanceOverAPlanScenarioSaysSo) {
  const Result result = Run({"balance", "--parent", "na", "--scenario", "p1"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr(", as of 2026-07-01 in scenarios/p1, assignment from"));
}

}  // namespace
}  // namespace attain::ctl

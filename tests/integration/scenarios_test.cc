// Scenarios through the gateway: a balancing proposal for a parent's child territories, the
// diff against live assignment, promotion into named-account rules that assignment runs and
// explanations follow, validation naming fields, and authorization. Every rule also requires
// custom.itest_tag == this test's tag, so accounts of other tests never match.
#include <algorithm>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "attain/planning/v1/accounts.grpc.pb.h"
#include "attain/planning/v1/scenarios.grpc.pb.h"
#include "attain/planning/v1/territories.grpc.pb.h"
#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/org_helpers.h"
#include "tests/integration/stack_test.h"
#include "tests/integration/territory_helpers.h"

namespace attain::itest {
namespace {

namespace v1 = attain::planning::v1;

constexpr char kAsOf[] = "2026-04-01";
constexpr char kEffectiveFrom[] = "2026-05-01";

class ScenariosTest : public StackTest {
 protected:
  std::unique_ptr<v1::ScenarioService::Stub> Scenarios() {
    return v1::ScenarioService::NewStub(stack().gateway_channel());
  }
  std::unique_ptr<v1::TerritoryService::Stub> Territories() {
    return v1::TerritoryService::NewStub(stack().gateway_channel());
  }
  std::unique_ptr<v1::AccountService::Stub> Accounts() {
    return v1::AccountService::NewStub(stack().gateway_channel());
  }
  std::string Planner() { return Token("planner-1", {"planner"}); }

  static v1::Territory Node(const std::string& id, v1::TerritoryLevel level,
                            const std::string& parent) {
    return TerritoryNode(id, level, v1::TERRITORY_TYPE_GEOGRAPHIC, parent, "2025-01-01");
  }

  void CreateTerritory(const v1::Territory& t) {
    v1::CreateTerritoryRequest request;
    *request.mutable_territory() = t;
    v1::Territory out;
    ASSERT_TRUE(HasCode(Territories()->CreateTerritory(MakeContext(AdminToken()).get(), request, &out),
                        grpc::StatusCode::OK))
        << t.territory_id();
  }

  void CreateAccount(const std::string& id, const std::string& state, const std::string& potential,
                     bool locked) {
    v1::CreateAccountRequest request;
    v1::Account* a = request.mutable_account();
    a->set_account_id(id);
    a->set_display_name("Account " + id);
    a->set_country("US");
    a->set_state(state);
    a->set_potential(potential);
    a->set_currency("USD");
    a->set_locked(locked);
    (*a->mutable_attributes())["itest_tag"] = tag_;
    v1::Account out;
    ASSERT_TRUE(HasCode(Accounts()->CreateAccount(MakeContext(AdminToken()).get(), request, &out),
                        grpc::StatusCode::OK))
        << id;
  }

  // world -> na -> d -> {t1: state CA, t2: state NY, t3: state TX}. Potential: t1 900 (two locked
  // accounts of 150 and six of 100), t2 200, t3 100; total 1200, mean 400, ±5 % = [380, 420].
  void BuildUnbalancedTree() {
    tag_ = UniqueId("scn");
    CreateTerritory(Node(tag_ + "-world", v1::TERRITORY_LEVEL_WORLD, ""));
    CreateTerritory(Node(tag_ + "-na", v1::TERRITORY_LEVEL_REGION, tag_ + "-world"));
    CreateTerritory(Node(tag_ + "-d", v1::TERRITORY_LEVEL_DISTRICT, tag_ + "-na"));
    const std::vector<std::pair<std::string, std::string>> states = {
        {"t1", "CA"}, {"t2", "NY"}, {"t3", "TX"}};
    int priority = 10;
    for (const auto& [suffix, state] : states) {
      v1::Territory t = Node(tag_ + "-" + suffix, v1::TERRITORY_LEVEL_TERRITORY, tag_ + "-d");
      v1::AssignmentRule* rule = t.mutable_versions(0)->add_rules();
      rule->set_priority(priority);
      priority += 10;
      v1::Predicate* tagged = rule->add_predicates();
      tagged->set_attribute("custom.itest_tag");
      tagged->set_equals(tag_);
      v1::Predicate* in_state = rule->add_predicates();
      in_state->set_attribute("state");
      in_state->set_equals(state);
      CreateTerritory(t);
    }
    CreateAccount(tag_ + "-ca01", "CA", "150", true);
    CreateAccount(tag_ + "-ca02", "CA", "150", true);
    for (int i = 3; i <= 8; ++i) CreateAccount(tag_ + "-ca0" + std::to_string(i), "CA", "100", false);
    CreateAccount(tag_ + "-ny01", "NY", "100", false);
    CreateAccount(tag_ + "-ny02", "NY", "100", false);
    CreateAccount(tag_ + "-tx01", "TX", "100", false);
  }

  void AssignAccounts(const std::string& as_of) {
    v1::AssignAccountsRequest request;
    request.set_as_of(as_of);
    v1::AssignAccountsResponse response;
    ASSERT_TRUE(HasCode(Territories()->AssignAccounts(MakeContext(AdminToken()).get(), request, &response),
                        grpc::StatusCode::OK));
  }

  grpc::Status Propose(v1::ProposeBalancingRequest request, v1::Scenario* out,
                       const std::string& token = "") {
    return Scenarios()->ProposeBalancing(MakeContext(token.empty() ? Planner() : token).get(),
                                         request, out);
  }

  v1::ProposeBalancingRequest Balance(const std::string& as_of = kAsOf) {
    v1::ProposeBalancingRequest request;
    request.set_parent_territory_id(tag_ + "-d");
    request.set_as_of(as_of);
    request.set_tolerance_percent("5");
    return request;
  }

  // Every account of the scenario, paging 4 at a time.
  std::vector<v1::ScenarioAccount> AllAccounts(const std::string& name) {
    std::vector<v1::ScenarioAccount> all;
    v1::GetScenarioRequest request;
    request.set_name(name);
    request.set_page_size(4);
    for (int page = 0; page < 10; ++page) {
      v1::GetScenarioResponse response;
      EXPECT_TRUE(HasCode(Scenarios()->GetScenario(MakeContext(Planner()).get(), request, &response),
                          grpc::StatusCode::OK));
      EXPECT_LE(response.accounts_size(), 4);
      all.insert(all.end(), response.accounts().begin(), response.accounts().end());
      if (response.next_page_token().empty()) break;
      request.set_page_token(response.next_page_token());
    }
    return all;
  }

  int ScenarioCount() {
    v1::ListScenariosRequest request;
    request.set_parent_territory_id(tag_ + "-d");
    v1::ListScenariosResponse response;
    EXPECT_TRUE(HasCode(Scenarios()->ListScenarios(MakeContext(Planner()).get(), request, &response),
                        grpc::StatusCode::OK));
    return response.total_size();
  }

  std::string tag_;
};

// The whole units of a non-negative decimal text ("412.5" -> 412); the figures compared here
// are sums of whole amounts.
int64_t Units(const std::string& text) { return std::stoll(text.substr(0, text.find('.'))); }

TEST_F(ScenariosTest, ProposalBalancesWithinTheBandKeepsLockedAccountsAndDiffsTheMoves) {
  BuildUnbalancedTree();
  AssignAccounts(kAsOf);

  v1::ProposeBalancingRequest request = Balance();
  request.set_request_id(UniqueId("scn-propose"));
  v1::Scenario scenario;
  ASSERT_TRUE(HasCode(Propose(request, &scenario), grpc::StatusCode::OK));
  EXPECT_EQ(scenario.state(), v1::SCENARIO_STATE_DRAFT);
  EXPECT_EQ(scenario.assignment_source(), v1::ASSIGNMENT_SOURCE_ASSIGNMENT_RUN);
  EXPECT_EQ(scenario.territory_type(), v1::TERRITORY_TYPE_GEOGRAPHIC);
  EXPECT_EQ(scenario.creator(), "planner-1");
  ASSERT_EQ(scenario.territory_ids_size(), 3);
  EXPECT_EQ(scenario.account_count(), 11);
  EXPECT_EQ(scenario.locked_account_count(), 2);
  EXPECT_TRUE(scenario.target_reached());
  EXPECT_EQ(scenario.potential_band().lower(), "380");
  EXPECT_EQ(scenario.potential_band().upper(), "420");
  // Before: 900 / 200 / 100; CV = sqrt(3 * 860000 - 1200²) / 1200 = sqrt(1140000) / 1200
  // = 0.8897565..., max/min 9.
  ASSERT_EQ(scenario.before().territories_size(), 3);
  EXPECT_EQ(scenario.before().territories(0).potential(), "900");
  EXPECT_EQ(scenario.before().potential_max_min_ratio(), "9");
  EXPECT_EQ(scenario.before().potential_cv().substr(0, 7), "0.88975");
  EXPECT_FALSE(scenario.before().potential_within_band());
  EXPECT_TRUE(scenario.after().potential_within_band());
  // Within [380, 420] only 400 is reachable for each: t1 keeps its locked 300 plus one 100,
  // t2 gains two accounts of 100 and t3 three - five moves in all.
  for (const v1::TerritoryLoad& load : scenario.after().territories()) {
    EXPECT_GE(Units(load.potential()), 380) << load.territory_id();
    EXPECT_LE(Units(load.potential()), 420) << load.territory_id();
    EXPECT_EQ(load.potential(), "400") << load.territory_id();
  }
  EXPECT_EQ(scenario.after().potential_cv(), "0");
  EXPECT_EQ(scenario.after().accounts_moved(), 5);
  EXPECT_EQ(scenario.after().moved_percent(), "45.4545");  // 5 / 11 = 0.454545

  // A retry returns the same scenario without proposing again.
  v1::Scenario retried;
  ASSERT_TRUE(HasCode(Propose(request, &retried), grpc::StatusCode::OK));
  EXPECT_EQ(retried.scenario_id(), scenario.scenario_id());
  EXPECT_EQ(ScenarioCount(), 1);

  std::vector<v1::ScenarioAccount> accounts = AllAccounts(scenario.name());
  ASSERT_EQ(accounts.size(), 11u);
  std::set<std::string> moved;
  for (const v1::ScenarioAccount& a : accounts) {
    if (a.locked()) {
      EXPECT_FALSE(a.moved()) << a.account_id();
      EXPECT_EQ(a.to_territory_id(), a.from_territory_id()) << a.account_id();
    }
    if (a.moved()) moved.insert(a.account_id());
  }
  EXPECT_EQ(moved.size(), 5u);

  v1::DiffScenarioRequest diff_request;
  diff_request.set_name(scenario.name());
  v1::DiffScenarioResponse diff;
  ASSERT_TRUE(HasCode(Scenarios()->DiffScenario(MakeContext(Planner()).get(), diff_request, &diff),
                      grpc::StatusCode::OK));
  EXPECT_EQ(diff.total_size(), 5);
  EXPECT_EQ(diff.live_source(), v1::ASSIGNMENT_SOURCE_ASSIGNMENT_RUN);
  std::set<std::string> diffed;
  for (const v1::ScenarioAccount& a : diff.moved()) {
    diffed.insert(a.account_id());
    EXPECT_EQ(a.from_territory_id(), tag_ + "-t1");
    EXPECT_NE(a.to_territory_id(), tag_ + "-t1");
    EXPECT_EQ(a.potential(), "100");
  }
  EXPECT_EQ(diffed, moved);

  // Pages of two list the same accounts once each.
  std::set<std::string> paged;
  diff_request.set_page_size(2);
  for (int page = 0; page < 5; ++page) {
    ASSERT_TRUE(HasCode(Scenarios()->DiffScenario(MakeContext(Planner()).get(), diff_request, &diff),
                        grpc::StatusCode::OK));
    EXPECT_LE(diff.moved_size(), 2);
    for (const v1::ScenarioAccount& a : diff.moved()) EXPECT_TRUE(paged.insert(a.account_id()).second);
    if (diff.next_page_token().empty()) break;
    diff_request.set_page_token(diff.next_page_token());
  }
  EXPECT_EQ(paged, moved);
}

TEST_F(ScenariosTest, WithoutAnAssignmentRunTheRulesAreEvaluated) {
  BuildUnbalancedTree();
  v1::Scenario scenario;
  // No AssignAccounts run exists for this date.
  ASSERT_TRUE(HasCode(Propose(Balance("2031-02-03"), &scenario), grpc::StatusCode::OK));
  EXPECT_EQ(scenario.assignment_source(), v1::ASSIGNMENT_SOURCE_RULES);
  EXPECT_EQ(scenario.account_count(), 11);
  EXPECT_EQ(scenario.before().territories(0).potential(), "900");
  EXPECT_TRUE(scenario.after().potential_within_band());
}

TEST_F(ScenariosTest, PromotionWritesNamedAccountRulesThatAssignmentFollows) {
  BuildUnbalancedTree();
  AssignAccounts(kAsOf);
  v1::Scenario scenario;
  ASSERT_TRUE(HasCode(Propose(Balance(), &scenario), grpc::StatusCode::OK));
  std::map<std::string, std::string> destination;
  for (const v1::ScenarioAccount& a : AllAccounts(scenario.name())) {
    if (a.moved()) destination[a.account_id()] = a.to_territory_id();
  }
  ASSERT_EQ(destination.size(), 5u);

  // Before the scenario's date: INVALID_ARGUMENT, nothing written.
  v1::PromoteScenarioRequest promote;
  promote.set_name(scenario.name());
  promote.set_effective_from("2026-03-31");
  v1::Scenario promoted;
  grpc::Status status = Scenarios()->PromoteScenario(MakeContext(Planner()).get(), promote, &promoted);
  EXPECT_TRUE(HasCode(status, grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_EQ(ViolationFields(status), std::vector<std::string>{"effective_from"});

  promote.set_effective_from(kEffectiveFrom);
  promote.set_request_id(UniqueId("scn-promote"));
  ASSERT_TRUE(HasCode(Scenarios()->PromoteScenario(MakeContext(Planner()).get(), promote, &promoted),
                      grpc::StatusCode::OK));
  EXPECT_EQ(promoted.state(), v1::SCENARIO_STATE_PROMOTED);
  EXPECT_EQ(promoted.promoted_effective_from(), kEffectiveFrom);
  // The same request again is the same answer; a new promotion is refused.
  v1::Scenario again;
  ASSERT_TRUE(HasCode(Scenarios()->PromoteScenario(MakeContext(Planner()).get(), promote, &again),
                      grpc::StatusCode::OK));
  EXPECT_EQ(again.update_time().seconds(), promoted.update_time().seconds());
  promote.set_request_id(UniqueId("scn-promote"));
  EXPECT_TRUE(HasCode(Scenarios()->PromoteScenario(MakeContext(Planner()).get(), promote, &again),
                      grpc::StatusCode::FAILED_PRECONDITION));

  // A destination keeps its history: the old version closes the day before.
  const std::string some_destination = destination.begin()->second;
  v1::GetTerritoryRequest get;
  get.set_name("territories/" + some_destination);
  v1::Territory territory;
  ASSERT_TRUE(HasCode(Territories()->GetTerritory(MakeContext(AdminToken()).get(), get, &territory),
                      grpc::StatusCode::OK));
  ASSERT_EQ(territory.versions_size(), 2);
  EXPECT_EQ(territory.versions(0).effective_to(), "2026-04-30");
  EXPECT_EQ(territory.versions(1).effective_from(), kEffectiveFrom);
  ASSERT_EQ(territory.versions(1).rules_size(), 2);
  EXPECT_LT(territory.versions(1).rules(1).priority(), territory.versions(1).rules(0).priority());

  // An assignment run on the promotion date puts every moved account in its new territory:
  // balancing that run again finds everything within the band and nothing to move.
  AssignAccounts(kEffectiveFrom);
  v1::Scenario after;
  ASSERT_TRUE(HasCode(Propose(Balance(kEffectiveFrom), &after), grpc::StatusCode::OK));
  EXPECT_EQ(after.assignment_source(), v1::ASSIGNMENT_SOURCE_ASSIGNMENT_RUN);
  EXPECT_TRUE(after.before().potential_within_band());
  EXPECT_EQ(after.after().accounts_moved(), 0);
  for (int j = 0; j < 3; ++j) {
    EXPECT_EQ(after.before().territories(j).potential(), scenario.after().territories(j).potential());
  }

  for (const auto& [account, to] : destination) {
    v1::ExplainAssignmentRequest explain;
    explain.set_account_id(account);
    explain.set_as_of(kEffectiveFrom);
    v1::ExplainAssignmentResponse why;
    ASSERT_TRUE(HasCode(Territories()->ExplainAssignment(MakeContext(AdminToken()).get(), explain, &why),
                        grpc::StatusCode::OK));
    std::map<std::string, std::string> outcome;
    for (const v1::RuleMatch& m : why.matches()) outcome[m.territory_id()] = m.outcome();
    EXPECT_EQ(outcome[to], "WON") << account;
    EXPECT_EQ(outcome[tag_ + "-t1"], "LOST_ON_PRIORITY") << account;
    // The day before, the original rule still wins.
    explain.set_as_of("2026-04-30");
    ASSERT_TRUE(HasCode(Territories()->ExplainAssignment(MakeContext(AdminToken()).get(), explain, &why),
                        grpc::StatusCode::OK));
    ASSERT_EQ(why.matches_size(), 1) << account;
    EXPECT_EQ(why.matches(0).territory_id(), tag_ + "-t1");
  }

  // Only drafts can be deleted.
  v1::DeleteScenarioRequest remove;
  remove.set_name(scenario.name());
  google::protobuf::Empty empty;
  EXPECT_TRUE(HasCode(Scenarios()->DeleteScenario(MakeContext(Planner()).get(), remove, &empty),
                      grpc::StatusCode::FAILED_PRECONDITION));
  remove.set_name(after.name());
  EXPECT_TRUE(HasCode(Scenarios()->DeleteScenario(MakeContext(Planner()).get(), remove, &empty),
                      grpc::StatusCode::OK));
  v1::GetScenarioRequest gone;
  gone.set_name(after.name());
  v1::GetScenarioResponse response;
  EXPECT_TRUE(HasCode(Scenarios()->GetScenario(MakeContext(Planner()).get(), gone, &response),
                      grpc::StatusCode::NOT_FOUND));
}

TEST_F(ScenariosTest, InvalidProposalsNameTheFieldAndWriteNothing) {
  BuildUnbalancedTree();
  struct Case {
    std::string what;
    v1::ProposeBalancingRequest request;
    std::string field;
  };
  std::vector<Case> cases;
  cases.push_back({"unknown parent", Balance(), "parent_territory_id"});
  cases.back().request.set_parent_territory_id(tag_ + "-nowhere");
  cases.push_back({"no territory-level children", Balance(), "parent_territory_id"});
  cases.back().request.set_parent_territory_id(tag_ + "-na");  // its child is a district
  cases.push_back({"zero tolerance", Balance(), "tolerance_percent"});
  cases.back().request.set_tolerance_percent("0");
  cases.push_back({"tolerance of 100", Balance(), "tolerance_percent"});
  cases.back().request.set_tolerance_percent("100");
  cases.push_back({"negative workload weight", Balance(), "workload_weight"});
  cases.back().request.set_workload_weight("-0.5");
  for (const Case& c : cases) {
    v1::Scenario out;
    grpc::Status status = Propose(c.request, &out);
    EXPECT_TRUE(HasCode(status, grpc::StatusCode::INVALID_ARGUMENT)) << c.what;
    EXPECT_EQ(ViolationFields(status), std::vector<std::string>{c.field}) << c.what;
  }
  EXPECT_EQ(ScenarioCount(), 0);
}

TEST_F(ScenariosTest, PlannersWriteAnalystsReadRepsAreDenied) {
  BuildUnbalancedTree();
  v1::Scenario scenario;
  const std::string rep = Token("rep-1", {"rep"});
  const std::string analyst = Token("analyst-1", {"analyst"});
  EXPECT_TRUE(HasCode(Propose(Balance(), &scenario, rep), grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_TRUE(HasCode(Propose(Balance(), &scenario, analyst), grpc::StatusCode::PERMISSION_DENIED));
  ASSERT_TRUE(HasCode(Propose(Balance(), &scenario, AdminToken()), grpc::StatusCode::OK));

  v1::GetScenarioRequest get;
  get.set_name(scenario.name());
  v1::GetScenarioResponse got;
  EXPECT_TRUE(HasCode(Scenarios()->GetScenario(MakeContext(rep).get(), get, &got),
                      grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_TRUE(HasCode(Scenarios()->GetScenario(MakeContext(analyst).get(), get, &got),
                      grpc::StatusCode::OK));
  v1::DiffScenarioRequest diff;
  diff.set_name(scenario.name());
  v1::DiffScenarioResponse diffed;
  EXPECT_TRUE(HasCode(Scenarios()->DiffScenario(MakeContext(analyst).get(), diff, &diffed),
                      grpc::StatusCode::OK));
  v1::PromoteScenarioRequest promote;
  promote.set_name(scenario.name());
  promote.set_effective_from(kEffectiveFrom);
  v1::Scenario promoted;
  EXPECT_TRUE(HasCode(Scenarios()->PromoteScenario(MakeContext(analyst).get(), promote, &promoted),
                      grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_TRUE(HasCode(Scenarios()->PromoteScenario(MakeContext(rep).get(), promote, &promoted),
                      grpc::StatusCode::PERMISSION_DENIED));
  v1::DeleteScenarioRequest remove;
  remove.set_name(scenario.name());
  google::protobuf::Empty empty;
  EXPECT_TRUE(HasCode(Scenarios()->DeleteScenario(MakeContext(rep).get(), remove, &empty),
                      grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_TRUE(HasCode(Scenarios()->DeleteScenario(MakeContext("").get(), remove, &empty),
                      grpc::StatusCode::UNAUTHENTICATED));
}

}  // namespace
}  // namespace attain::itest

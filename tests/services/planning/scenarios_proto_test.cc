// A balancing proposal as a scenario (metrics, moves, locked accounts), the diff against the
// live assignment and scenario resource names.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/time/dates.h"
#include "services/planning/engine/balancing/balancer.h"
#include "services/planning/scenarios/scenario_diff.h"
#include "services/planning/scenarios/scenario_proto.h"

namespace attain::planning::scenarios {
namespace {

using ::testing::ElementsAre;
using money::Decimal;

TEST(ScenarioDraftTest, ProposalBecomesADraftWithBeforeAndAfterMetrics) {
  // t0 holds 300 (a, b, c locked), t1 holds 100 (d): mean 200, band at 5 % is [190, 210].
  // Moving one unlocked 100 from t0 to t1 gives 200 / 200.
  Children children{{"t0", "t1"}, v1::TERRITORY_TYPE_GEOGRAPHIC};
  std::vector<CurrentAccount> rows = {
      {"a", "t0", Decimal::FromUnits(100), Decimal(), false},
      {"b", "t0", Decimal::FromUnits(100), Decimal(), false},
      {"c", "t0", Decimal::FromUnits(100), Decimal(), true},
      {"d", "t1", Decimal::FromUnits(100), Decimal(), false},
  };
  ProposeOptions options;
  options.as_of = *dates::Parse("2026-03-01", "as_of");
  options.tolerance_percent = Decimal::FromUnits(5);
  options.tolerance = Decimal::FromMicros(50'000);
  options.display_name = "Q3 balance";
  v1::ProposeBalancingRequest request;
  request.set_parent_territory_id("west");
  const balancing::Request engine_request = BuildRequest(children, rows, options);
  auto proposal = balancing::Balance(engine_request);
  ASSERT_TRUE(proposal.ok()) << proposal.status();

  ScenarioDraft draft = DraftFromProposal(request, options, children,
                                          v1::ASSIGNMENT_SOURCE_RULES, engine_request, *proposal);
  const v1::Scenario& s = draft.scenario;
  EXPECT_EQ(s.state(), v1::SCENARIO_STATE_DRAFT);
  EXPECT_EQ(s.display_name(), "Q3 balance");
  EXPECT_EQ(s.as_of(), "2026-03-01");
  EXPECT_EQ(s.tolerance_percent(), "5");
  EXPECT_THAT(s.territory_ids(), ElementsAre("t0", "t1"));
  EXPECT_EQ(s.account_count(), 4);
  EXPECT_EQ(s.locked_account_count(), 1);
  EXPECT_TRUE(s.target_reached());
  EXPECT_EQ(s.shortfall(), v1::BALANCE_SHORTFALL_NONE);
  EXPECT_EQ(s.potential_band().lower(), "190");
  EXPECT_EQ(s.potential_band().upper(), "210");
  EXPECT_FALSE(s.has_workload_band());
  // Before: 300 / 100, CV = 100 / 200 = 0.5, max/min 3. After: 200 / 200.
  EXPECT_EQ(s.before().territories(0).potential(), "300");
  EXPECT_EQ(s.before().territories(1).potential(), "100");
  EXPECT_EQ(s.before().potential_cv(), "0.5");
  EXPECT_EQ(s.before().potential_max_min_ratio(), "3");
  EXPECT_EQ(s.before().accounts_moved(), 0);
  EXPECT_EQ(s.after().territories(0).potential(), "200");
  EXPECT_EQ(s.after().territories(1).account_count(), 2);
  EXPECT_EQ(s.after().potential_cv(), "0");
  EXPECT_EQ(s.after().potential_max_min_ratio(), "1");
  EXPECT_EQ(s.after().accounts_moved(), 1);
  EXPECT_EQ(s.after().moved_percent(), "25");  // 1 of 4

  ASSERT_EQ(draft.accounts.size(), 4u);
  int moved = 0;
  for (const v1::ScenarioAccount& a : draft.accounts) {
    EXPECT_EQ(a.moved(), a.from_territory_id() != a.to_territory_id()) << a.account_id();
    if (a.moved()) {
      ++moved;
      EXPECT_EQ(a.from_territory_id(), "t0");
      EXPECT_EQ(a.to_territory_id(), "t1");
    }
  }
  EXPECT_EQ(moved, 1);
  EXPECT_TRUE(draft.accounts[2].locked());
  EXPECT_FALSE(draft.accounts[2].moved());
}

TEST(ScenarioDiffTest, ListsAccountsWhoseLiveTerritoryDiffersFromTheScenario) {
  auto account = [](const char* id, const char* from, const char* to) {
    v1::ScenarioAccount a;
    a.set_account_id(id);
    a.set_from_territory_id(from);
    a.set_to_territory_id(to);
    a.set_potential("1");
    return a;
  };
  std::vector<v1::ScenarioAccount> scenario = {account("c", "t2", "t1"), account("a", "t1", "t2"),
                                               account("b", "t1", "t1"), account("e", "t1", "t1")};
  std::vector<CurrentAccount> live = {
      {"a", "t1", Decimal::FromUnits(5), Decimal(), false},
      {"b", "t2", Decimal::FromUnits(6), Decimal(), true},  // moved live since the proposal
      {"e", "t1", Decimal::FromUnits(7), Decimal(), false},
      // c is no longer assigned to any of the territories
  };
  std::vector<v1::ScenarioAccount> diff = DiffAgainstLive(scenario, live);
  ASSERT_EQ(diff.size(), 3u);
  EXPECT_EQ(diff[0].account_id(), "a");
  EXPECT_EQ(diff[0].from_territory_id(), "t1");
  EXPECT_EQ(diff[0].to_territory_id(), "t2");
  EXPECT_EQ(diff[0].potential(), "5");
  EXPECT_EQ(diff[1].account_id(), "b");
  EXPECT_EQ(diff[1].from_territory_id(), "t2");
  EXPECT_TRUE(diff[1].locked());
  EXPECT_EQ(diff[2].account_id(), "c");
  EXPECT_EQ(diff[2].from_territory_id(), "");
  EXPECT_EQ(diff[2].potential(), "1");  // the scenario's figure when live has none
}

TEST(ScenarioNameTest, OnlyPositiveNumericIdsAreNames) {
  EXPECT_EQ(*ScenarioIdFromName("scenarios/42", "name"), 42);
  EXPECT_EQ(ScenarioName(42), "scenarios/42");
  for (const char* bad : {"scenarios/", "scenarios/0", "scenarios/x1", "scenario/1", "42",
                          "scenarios/1234567890123456789"}) {
    EXPECT_EQ(ScenarioIdFromName(bad, "name").status().code(), absl::StatusCode::kInvalidArgument)
        << bad;
  }
}

}  // namespace
}  // namespace attain::planning::scenarios

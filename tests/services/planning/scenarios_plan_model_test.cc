// How a PLAN scenario differs from live: territory changes, account moves per type, quota
// changes by node and seller, and the fingerprint that detects live changes.
#include <gtest/gtest.h>

#include "services/planning/scenarios/plan/plan_model.h"

namespace attain::planning::scenarios {
namespace {

money::Decimal D(const char* text) { return *money::Decimal::Parse(text); }

v1::ScenarioTerritory Territory(const std::string& id, const std::string& parent,
                                const std::vector<std::pair<std::string, std::string>>& sellers) {
  v1::ScenarioTerritory t;
  t.mutable_territory()->set_territory_id(id);
  t.mutable_territory()->set_display_name("T " + id);
  v1::TerritoryVersion* version = t.mutable_territory()->add_versions();
  version->set_effective_from("2026-01-01");
  version->set_parent_id(parent);
  for (const auto& [seller, split] : sellers) {
    v1::SellerAssignment* a = t.add_seller_assignments();
    a->set_seller_id(seller);
    a->set_split_percent(split);
    a->set_start_date("2026-01-01");
  }
  return t;
}

TEST(PlanModelTest, TerritoryChangesSeparateDefinitionFromCoverageAndIgnoreOutputFields) {
  std::vector<v1::ScenarioTerritory> live = {Territory("a", "root", {{"s1", "100"}}),
                                             Territory("b", "root", {}),
                                             Territory("c", "root", {{"s2", "100"}})};
  std::vector<v1::ScenarioTerritory> scenario = live;
  // Output-only fields and the assignment's territory id are not content.
  scenario[0].mutable_territory()->set_revision(7);
  scenario[0].mutable_territory()->set_name("territories/a");
  scenario[0].mutable_seller_assignments(0)->set_territory_id("a");
  scenario[1].mutable_territory()->mutable_versions(0)->set_parent_id("other");  // b: definition
  scenario[2].mutable_seller_assignments(0)->set_split_percent("50");            // c: coverage
  scenario.erase(scenario.begin());                                               // a removed
  scenario.push_back(Territory("d", "root", {}));                                 // d added

  const std::vector<v1::TerritoryChange> changes = TerritoryChanges(live, scenario);
  ASSERT_EQ(changes.size(), 4u);
  EXPECT_EQ(changes[0].territory_id(), "a");
  EXPECT_EQ(changes[0].change(), v1::CHANGE_KIND_REMOVED);
  EXPECT_EQ(changes[1].territory_id(), "b");
  EXPECT_EQ(changes[1].change(), v1::CHANGE_KIND_CHANGED);
  EXPECT_TRUE(changes[1].definition_changed());
  EXPECT_FALSE(changes[1].coverage_changed());
  EXPECT_EQ(changes[2].territory_id(), "c");
  EXPECT_FALSE(changes[2].definition_changed());
  EXPECT_TRUE(changes[2].coverage_changed());
  EXPECT_EQ(changes[3].territory_id(), "d");
  EXPECT_EQ(changes[3].change(), v1::CHANGE_KIND_ADDED);

  std::vector<v1::ScenarioTerritory> same = live;
  same[0].mutable_territory()->set_revision(9);
  EXPECT_TRUE(TerritoryChanges(live, same).empty());
}

TEST(PlanModelTest, FingerprintChangesWithContentAndQuotaVersionOnly) {
  std::vector<v1::ScenarioTerritory> plan = {Territory("a", "root", {{"s1", "100"}})};
  const std::string base = PlanFingerprint(plan, "quotaPlans/p/versions/1");
  std::vector<v1::ScenarioTerritory> touched = plan;
  touched[0].mutable_territory()->set_revision(2);
  EXPECT_EQ(PlanFingerprint(touched, "quotaPlans/p/versions/1"), base);
  EXPECT_NE(PlanFingerprint(plan, "quotaPlans/p/versions/2"), base);
  touched[0].mutable_territory()->set_display_name("renamed");
  EXPECT_NE(PlanFingerprint(touched, "quotaPlans/p/versions/1"), base);
}

TEST(PlanModelTest, MovedAccountsComparePerAccountAndType) {
  auto place = [](const char* account, v1::TerritoryType type, const char* territory) {
    Placement p;
    p.account_id = account;
    p.type = type;
    p.territory_id = territory;
    p.potential = D("10");
    return p;
  };
  const auto geo = v1::TERRITORY_TYPE_GEOGRAPHIC;
  const auto overlay = v1::TERRITORY_TYPE_OVERLAY;
  const std::vector<Placement> live = {place("x1", geo, "east"), place("x1", overlay, "spec"),
                                       place("x2", geo, "east"), place("x3", geo, "west")};
  const std::vector<Placement> scenario = {place("x1", geo, "east"), place("x2", geo, "west"),
                                           place("x3", geo, "west"), place("x4", geo, "east")};
  const std::vector<v1::ScenarioAccount> moved = MovedAccounts(live, scenario);
  ASSERT_EQ(moved.size(), 3u);
  EXPECT_EQ(moved[0].account_id(), "x1");
  EXPECT_EQ(moved[0].territory_type(), overlay);
  EXPECT_EQ(moved[0].from_territory_id(), "spec");
  EXPECT_EQ(moved[0].to_territory_id(), "");
  EXPECT_EQ(moved[1].account_id(), "x2");
  EXPECT_EQ(moved[1].from_territory_id(), "east");
  EXPECT_EQ(moved[1].to_territory_id(), "west");
  EXPECT_EQ(moved[1].potential(), "10");
  EXPECT_EQ(moved[2].account_id(), "x4");
  EXPECT_EQ(moved[2].from_territory_id(), "");
  EXPECT_EQ(moved[2].to_territory_id(), "east");
}

TEST(PlanModelTest, QuotaChangesListOnlyWhatDiffersMissingSidesCountAsZero) {
  quota::TopDownAllocation live, scenario;
  live.nodes = {{"root", "", 0, D("100"), D("100"), {}}, {"a", "root", 1, D("60"), D("0"), {}},
                {"b", "root", 1, D("40"), D("0"), {}}};
  scenario.nodes = {{"root", "", 0, D("100"), D("100"), {}}, {"a", "root", 1, D("75"), D("0"), {}},
                    {"c", "root", 1, D("25"), D("0"), {}}};
  const std::vector<v1::QuotaNodeChange> nodes = QuotaNodeChanges(live, scenario);
  ASSERT_EQ(nodes.size(), 3u);
  EXPECT_EQ(nodes[0].territory_id(), "a");
  EXPECT_EQ(nodes[0].difference(), "15");
  EXPECT_EQ(nodes[1].territory_id(), "b");
  EXPECT_EQ(nodes[1].scenario_annual(), "0");
  EXPECT_EQ(nodes[1].difference(), "-40");
  EXPECT_EQ(nodes[2].territory_id(), "c");
  EXPECT_EQ(nodes[2].live_annual(), "0");

  const std::vector<v1::SellerQuotaChange> sellers = SellerQuotaChanges(
      {{"s1", D("1000.50")}, {"s2", D("500")}}, {{"s1", D("1000.50")}, {"s2", D("250.25")}, {"s3", D("9")}});
  ASSERT_EQ(sellers.size(), 2u);
  EXPECT_EQ(sellers[0].seller_id(), "s2");
  EXPECT_EQ(sellers[0].difference(), "-249.75");
  EXPECT_EQ(sellers[1].seller_id(), "s3");
  EXPECT_EQ(sellers[1].live_annual(), "0");
}

}  // namespace
}  // namespace attain::planning::scenarios

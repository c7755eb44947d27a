// Promoting a scenario: which territory versions gain the named-account rule, from when,
// and with which priority.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/errors/errors.h"
#include "common/time/dates.h"
#include "services/planning/scenarios/promotion.h"

namespace attain::planning::scenarios {
namespace {

using ::testing::ElementsAre;

v1::Territory Leaf(const std::string& id, v1::TerritoryType type, int priority) {
  v1::Territory t;
  t.set_territory_id(id);
  t.set_level(v1::TERRITORY_LEVEL_TERRITORY);
  t.set_type(type);
  v1::TerritoryVersion* version = t.add_versions();
  version->set_effective_from("2025-01-01");
  version->set_parent_id("region");
  version->add_rules()->set_priority(priority);
  return t;
}

absl::CivilDay Day(const char* text) { return *dates::Parse(text, "day"); }

std::vector<std::string> Named(const v1::AssignmentRule& rule) {
  const auto& values = rule.predicates(0).named_accounts().values();
  return {values.begin(), values.end()};
}

TEST(ScenarioPromotionTest, ClosesTheVersionInForceAndAddsAWinningNamedRuleFromTheDay) {
  std::vector<v1::Territory> stored = {
      Leaf("a", v1::TERRITORY_TYPE_GEOGRAPHIC, 10), Leaf("b", v1::TERRITORY_TYPE_GEOGRAPHIC, 5),
      // Another type's rules do not compete with geography.
      Leaf("o", v1::TERRITORY_TYPE_OVERLAY, -100)};
  auto changed = PlanPromotion(stored, v1::TERRITORY_TYPE_GEOGRAPHIC, {{"a", {"acc-1", "acc-2"}}},
                               Day("2026-07-01"));
  ASSERT_TRUE(changed.ok()) << changed.status();
  ASSERT_EQ(changed->size(), 1u);
  const v1::Territory& a = (*changed)[0];
  EXPECT_EQ(a.territory_id(), "a");
  ASSERT_EQ(a.versions_size(), 2);
  EXPECT_EQ(a.versions(0).effective_from(), "2025-01-01");
  EXPECT_EQ(a.versions(0).effective_to(), "2026-06-30");
  EXPECT_EQ(a.versions(0).rules_size(), 1);
  EXPECT_EQ(a.versions(1).effective_from(), "2026-07-01");
  EXPECT_EQ(a.versions(1).effective_to(), "");
  EXPECT_EQ(a.versions(1).parent_id(), "region");
  ASSERT_EQ(a.versions(1).rules_size(), 2);
  EXPECT_EQ(a.versions(1).rules(0).priority(), 10);
  // Lowest geographic priority is b's 5, so the new rule takes 4.
  EXPECT_EQ(a.versions(1).rules(1).priority(), 4);
  EXPECT_THAT(Named(a.versions(1).rules(1)), ElementsAre("acc-1", "acc-2"));
}

TEST(ScenarioPromotionTest, AVersionStartingThatDayChangesInPlaceAndLaterVersionsGetTheRule) {
  v1::Territory a = Leaf("a", v1::TERRITORY_TYPE_GEOGRAPHIC, 10);
  a.mutable_versions(0)->set_effective_to("2026-06-30");
  v1::TerritoryVersion* july = a.add_versions();
  *july = a.versions(0);
  july->set_effective_from("2026-07-01");
  july->set_effective_to("2026-12-31");
  v1::TerritoryVersion* next_year = a.add_versions();
  *next_year = a.versions(0);
  next_year->set_effective_from("2027-01-01");
  next_year->set_effective_to("");
  next_year->mutable_rules(0)->set_priority(-3);
  auto changed = PlanPromotion({a}, v1::TERRITORY_TYPE_GEOGRAPHIC, {{"a", {"acc-9"}}},
                               Day("2026-07-01"));
  ASSERT_TRUE(changed.ok()) << changed.status();
  const v1::Territory& out = (*changed)[0];
  ASSERT_EQ(out.versions_size(), 3);
  EXPECT_EQ(out.versions(0).rules_size(), 1);  // before the move: unchanged
  EXPECT_EQ(out.versions(0).effective_to(), "2026-06-30");
  ASSERT_EQ(out.versions(1).rules_size(), 2);
  ASSERT_EQ(out.versions(2).rules_size(), 2);
  // Below every rule of any version, -3 included.
  EXPECT_EQ(out.versions(1).rules(1).priority(), -4);
  EXPECT_EQ(out.versions(2).rules(1).priority(), -4);
  EXPECT_THAT(Named(out.versions(2).rules(1)), ElementsAre("acc-9"));
}

TEST(ScenarioPromotionTest, ADestinationNotInForceMakesTheScenarioStale) {
  v1::Territory a = Leaf("a", v1::TERRITORY_TYPE_GEOGRAPHIC, 10);
  a.mutable_versions(0)->set_effective_to("2026-03-31");
  auto changed = PlanPromotion({a}, v1::TERRITORY_TYPE_GEOGRAPHIC, {{"a", {"acc-1"}}},
                               Day("2026-07-01"));
  EXPECT_EQ(changed.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(errors::ReasonOf(changed.status()), "SCENARIO_STALE");

  changed = PlanPromotion({a}, v1::TERRITORY_TYPE_GEOGRAPHIC, {{"gone", {"acc-1"}}},
                          Day("2026-01-01"));
  EXPECT_EQ(errors::ReasonOf(changed.status()), "SCENARIO_STALE");
}

TEST(ScenarioPromotionTest, NoMovesChangeNoTerritory) {
  auto changed = PlanPromotion({Leaf("a", v1::TERRITORY_TYPE_GEOGRAPHIC, 10)},
                               v1::TERRITORY_TYPE_GEOGRAPHIC, {}, Day("2026-07-01"));
  ASSERT_TRUE(changed.ok());
  EXPECT_TRUE(changed->empty());
}

}  // namespace
}  // namespace attain::planning::scenarios

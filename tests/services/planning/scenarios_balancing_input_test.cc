// Choosing the child territories to balance, parsing ProposeBalancing options and building
// the balancing engine's request from live assignment rows.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/errors/errors.h"
#include "common/time/dates.h"
#include "services/planning/scenarios/balancing_input.h"

namespace attain::planning::scenarios {
namespace {

using ::testing::ElementsAre;
using money::Decimal;

v1::Territory Node(const std::string& id, v1::TerritoryLevel level, v1::TerritoryType type,
                   const std::string& parent, const std::string& from = "2025-01-01",
                   const std::string& to = "") {
  v1::Territory t;
  t.set_territory_id(id);
  t.set_level(level);
  t.set_type(type);
  v1::TerritoryVersion* version = t.add_versions();
  version->set_effective_from(from);
  version->set_effective_to(to);
  version->set_parent_id(parent);
  return t;
}

v1::Territory Leaf(const std::string& id, const std::string& parent,
                   v1::TerritoryType type = v1::TERRITORY_TYPE_GEOGRAPHIC,
                   const std::string& from = "2025-01-01", const std::string& to = "") {
  return Node(id, v1::TERRITORY_LEVEL_TERRITORY, type, parent, from, to);
}

std::vector<v1::Territory> Tree() {
  return {Node("world", v1::TERRITORY_LEVEL_WORLD, v1::TERRITORY_TYPE_GEOGRAPHIC, ""),
          Node("west", v1::TERRITORY_LEVEL_REGION, v1::TERRITORY_TYPE_GEOGRAPHIC, "world"),
          Node("east", v1::TERRITORY_LEVEL_REGION, v1::TERRITORY_TYPE_GEOGRAPHIC, "world"),
          Leaf("west-b", "west"),
          Leaf("west-a", "west"),
          Leaf("west-old", "west", v1::TERRITORY_TYPE_GEOGRAPHIC, "2025-01-01", "2025-12-31"),
          Leaf("east-1", "east", v1::TERRITORY_TYPE_GEOGRAPHIC),
          Leaf("east-2", "east", v1::TERRITORY_TYPE_OVERLAY)};
}

absl::CivilDay Day(const char* text) { return *dates::Parse(text, "day"); }

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const auto& v : errors::FieldViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

TEST(ScenarioChildrenTest, TerritoryLevelChildrenInForceOnTheDateSortedById) {
  auto children = ChildTerritories(Tree(), "west", Day("2026-03-01"));
  ASSERT_TRUE(children.ok()) << children.status();
  EXPECT_THAT(children->territory_ids, ElementsAre("west-a", "west-b"));
  EXPECT_EQ(children->type, v1::TERRITORY_TYPE_GEOGRAPHIC);

  // west-old was still in force in 2025.
  children = ChildTerritories(Tree(), "west", Day("2025-06-01"));
  ASSERT_TRUE(children.ok());
  EXPECT_THAT(children->territory_ids, ElementsAre("west-a", "west-b", "west-old"));
}

TEST(ScenarioChildrenTest, UnknownParentNamesTheField) {
  auto children = ChildTerritories(Tree(), "nowhere", Day("2026-03-01"));
  EXPECT_EQ(children.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Fields(children.status()), ElementsAre("parent_territory_id"));
}

TEST(ScenarioChildrenTest, ParentWithoutTerritoryLevelChildrenIsRejected) {
  // world's children are regions, not territories.
  auto children = ChildTerritories(Tree(), "world", Day("2026-03-01"));
  EXPECT_EQ(children.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Fields(children.status()), ElementsAre("parent_territory_id"));
  EXPECT_THAT(std::string(children.status().message()), ::testing::HasSubstr("no territory-level"));
}

TEST(ScenarioChildrenTest, ChildrenOfSeveralTypesAreRejected) {
  auto children = ChildTerritories(Tree(), "east", Day("2026-03-01"));
  EXPECT_EQ(children.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(children.status().message()), ::testing::HasSubstr("more than one type"));
}

TEST(ScenarioOptionsTest, DefaultsAreFivePercentPotentialOnlyToday) {
  v1::ProposeBalancingRequest request;
  request.set_parent_territory_id("west");
  auto options = ParseProposeOptions(request, Day("2026-05-04"));
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->as_of, Day("2026-05-04"));
  EXPECT_EQ(options->tolerance_percent, Decimal::FromUnits(5));
  EXPECT_EQ(options->tolerance, Decimal::FromMicros(50'000));  // 0.05
  EXPECT_TRUE(options->workload_weight.IsZero());
  EXPECT_EQ(options->display_name, "Balance west as of 2026-05-04");
}

TEST(ScenarioOptionsTest, PercentBecomesTheEnginesFraction) {
  v1::ProposeBalancingRequest request;
  request.set_parent_territory_id("west");
  request.set_tolerance_percent("2.5");
  request.set_workload_weight("0.25");
  request.set_as_of("2026-01-31");
  auto options = ParseProposeOptions(request, Day("2026-05-04"));
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->tolerance, Decimal::FromMicros(25'000));  // 2.5 % = 0.025
  EXPECT_EQ(options->workload_weight, Decimal::FromMicros(250'000));
  EXPECT_EQ(options->as_of, Day("2026-01-31"));
}

TEST(ScenarioOptionsTest, EveryBadFieldIsReportedAtOnce) {
  v1::ProposeBalancingRequest request;
  request.set_as_of("2026-13-01");
  request.set_tolerance_percent("100");
  request.set_workload_weight("-0.1");
  auto options = ParseProposeOptions(request, Day("2026-05-04"));
  EXPECT_EQ(options.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Fields(options.status()),
              ElementsAre("parent_territory_id", "as_of", "tolerance_percent", "workload_weight"));
}

TEST(ScenarioOptionsTest, ToleranceMustBeAboveZeroAndBelowOneHundred) {
  for (const char* bad : {"0", "-1", "100", "250", "abc"}) {
    v1::ProposeBalancingRequest request;
    request.set_parent_territory_id("west");
    request.set_tolerance_percent(bad);
    auto options = ParseProposeOptions(request, Day("2026-05-04"));
    EXPECT_THAT(Fields(options.status()), ElementsAre("tolerance_percent")) << bad;
  }
  v1::ProposeBalancingRequest request;
  request.set_parent_territory_id("west");
  request.set_workload_weight("1.5");
  EXPECT_THAT(Fields(ParseProposeOptions(request, Day("2026-05-04")).status()),
              ElementsAre("workload_weight"));
}

TEST(ScenarioRequestTest, AccountsReferToTheirTerritoryByIndex) {
  Children children{{"west-a", "west-b"}, v1::TERRITORY_TYPE_GEOGRAPHIC};
  std::vector<CurrentAccount> rows = {
      {"acc-1", "west-b", Decimal::FromUnits(100), Decimal::FromUnits(3), true},
      {"acc-2", "west-a", Decimal::FromUnits(50), Decimal(), false},
      {"acc-3", "elsewhere", Decimal::FromUnits(7), Decimal(), false},
  };
  ProposeOptions options;
  options.tolerance = Decimal::FromMicros(100'000);
  options.workload_weight = Decimal::FromMicros(500'000);
  balancing::Request request = BuildRequest(children, rows, options);
  ASSERT_EQ(request.territories.size(), 2u);
  EXPECT_EQ(request.territories[1].id, "west-b");
  ASSERT_EQ(request.accounts.size(), 3u);
  EXPECT_EQ(request.accounts[0].id, "acc-1");
  EXPECT_EQ(request.accounts[0].current_territory, 1);
  EXPECT_TRUE(request.accounts[0].locked);
  EXPECT_EQ(request.accounts[0].workload, Decimal::FromUnits(3));
  EXPECT_EQ(request.accounts[1].current_territory, 0);
  EXPECT_EQ(request.accounts[2].current_territory, std::nullopt);
  EXPECT_EQ(request.options.tolerance, Decimal::FromMicros(100'000));
  EXPECT_EQ(request.options.workload_weight, Decimal::FromMicros(500'000));
}

}  // namespace
}  // namespace attain::planning::scenarios

// The plan's territory subtree as of a date, account roll-ups, seller inputs and the dense
// forecast series: the pure pieces between storage and the engines.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/errors/errors.h"
#include "services/planning/quotas/forecast_proto.h"
#include "services/planning/quotas/plan_tree.h"
#include "services/planning/quotas/seller_inputs.h"

namespace attain::planning::quotas {
namespace {

using money::Decimal;

v1::Territory Territory(const std::string& id, const std::string& parent, const std::string& from,
                        const std::string& to = "") {
  v1::Territory t;
  t.set_territory_id(id);
  v1::TerritoryVersion* v = t.add_versions();
  v->set_effective_from(from);
  v->set_effective_to(to);
  v->set_parent_id(parent);
  return t;
}

TEST(QuotaPlanTreeTest, SubtreeFollowsTheVersionsInEffectOnTheDay) {
  std::vector<v1::Territory> all = {Territory("world", "", "2024-01-01"),
                                    Territory("na", "world", "2024-01-01"),
                                    Territory("emea", "world", "2024-01-01"),
                                    Territory("ny", "na", "2024-01-01", "2025-12-31"),
                                    Territory("ma", "na", "2024-01-01")};
  // From 2026 ny moves under emea.
  *all[3].add_versions() = Territory("ny", "emea", "2026-01-01").versions(0);
  auto nodes = SubtreeAsOf(all, "na", absl::CivilDay(2026, 1, 1), "root");
  ASSERT_TRUE(nodes.ok());
  ASSERT_EQ(nodes->size(), 2u);
  EXPECT_EQ((*nodes)[0].id, "na");
  EXPECT_EQ((*nodes)[0].parent_id, "");
  EXPECT_EQ((*nodes)[1].id, "ma");
  auto before = SubtreeAsOf(all, "na", absl::CivilDay(2025, 6, 1), "root");
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->size(), 3u);
  EXPECT_FALSE(SubtreeAsOf(all, "nowhere", absl::CivilDay(2026, 1, 1), "root").ok());
  EXPECT_FALSE(SubtreeAsOf(all, "na", absl::CivilDay(2023, 1, 1), "root").ok());
}

// a1 (100) in t1 and t2 (both under r) counts once for r and root; a2 (-30) nets t2 to 70;
// a3 (-500) in t3 makes t3 negative -> 0, but its parent s still nets 0 + ... = 0.
TEST(QuotaPlanTreeTest, RollUpCountsAnAccountOncePerSubtreeAndFloorsNegativeTotals) {
  const std::vector<quota::TerritoryNode> nodes = {{"root", ""}, {"r", "root"}, {"s", "root"},
                                                   {"t1", "r"},  {"t2", "r"},   {"t3", "s"}};
  const std::vector<AccountTerritory> assignments = {
      {"a1", "t1"}, {"a1", "t2"}, {"a2", "t2"}, {"a3", "t3"}, {"a4", "elsewhere"}};
  const absl::flat_hash_map<std::string, Decimal> amounts = {{"a1", Decimal::FromUnits(100)},
                                                             {"a2", Decimal::FromUnits(-30)},
                                                             {"a3", Decimal::FromUnits(-500)},
                                                             {"a4", Decimal::FromUnits(7)}};
  auto totals = RollUpTotals(nodes, assignments, amounts);
  ASSERT_TRUE(totals.ok());
  EXPECT_EQ(totals->at("t1"), Decimal::FromUnits(100));
  EXPECT_EQ(totals->at("t2"), Decimal::FromUnits(70));
  EXPECT_EQ(totals->at("r"), Decimal::FromUnits(70));
  EXPECT_EQ(totals->at("t3"), Decimal());
  EXPECT_EQ(totals->at("s"), Decimal());
  EXPECT_EQ(totals->at("root"), Decimal());  // 100 - 30 - 500 < 0
}

TEST(QuotaSellerInputsTest, CoSellersComeOnlyWithTheRequestedSellersTerritories) {
  const dates::DateRange year{absl::CivilDay(2026, 1, 1), std::nullopt};
  const std::vector<Coverage> coverage = {
      {"ann", "t1", Decimal::FromMicros(500000), false, {absl::CivilDay(2025, 1, 1), std::nullopt}},
      {"bob", "t1", Decimal::FromMicros(500000), false, year},
      {"bob", "t2", Decimal::FromUnits(1), false, year},
      {"ann", "gone", Decimal::FromUnits(1), false, year}};
  const absl::flat_hash_map<std::string, absl::CivilDay> hires = {
      {"ann", absl::CivilDay(2026, 3, 1)}, {"bob", absl::CivilDay(2020, 1, 1)}};
  quota::TerritoryQuotas quotas;
  quotas["t1"] = {Decimal::FromUnits(1)};
  quotas["t2"] = {Decimal::FromUnits(1)};
  const auto inputs = BuildSellerInputs(coverage, {"ann"}, hires, quotas);
  ASSERT_EQ(inputs.size(), 2u);
  EXPECT_EQ(inputs[0].seller_id, "ann");
  ASSERT_EQ(inputs[0].assignments.size(), 1u);  // "gone" is not in the plan
  EXPECT_EQ(inputs[0].assignments[0].active.start, absl::CivilDay(2026, 3, 1));  // from the hire
  EXPECT_EQ(inputs[1].seller_id, "bob");
  ASSERT_EQ(inputs[1].assignments.size(), 1u);  // only t1, shared with ann
  EXPECT_EQ(inputs[1].assignments[0].territory_id, "t1");
}

TEST(QuotaForecastInputTest, DenseSeriesFillsMissingMonthsWithZero) {
  const std::vector<quota::MonthlyTotal> totals = {{absl::CivilMonth(2025, 3), Decimal::FromUnits(5)},
                                                   {absl::CivilMonth(2025, 1), Decimal::FromUnits(2)},
                                                   {absl::CivilMonth(2024, 12), Decimal::FromUnits(9)}};
  const auto series = DenseSeries(totals, absl::CivilMonth(2025, 1), absl::CivilMonth(2025, 4));
  EXPECT_EQ(series.start, absl::CivilMonth(2025, 1));
  EXPECT_THAT(series.values, ::testing::ElementsAre(Decimal::FromUnits(2), Decimal(),
                                                    Decimal::FromUnits(5), Decimal()));
  EXPECT_EQ(FormatMonth(absl::CivilMonth(2026, 2)), "2026-02");
}

TEST(QuotaForecastInputTest, EngineFieldsAreRenamedToRequestFields) {
  EXPECT_EQ(errors::FieldViolationsOf(FromForecastStatus(absl::InvalidArgumentError("horizon: too far")))[0].field,
            "horizon_months");
  EXPECT_EQ(errors::FieldViolationsOf(FromForecastStatus(
                absl::InvalidArgumentError("series.values: ADDITIVE needs at least 24 months")))[0].field,
            "method");
}

}  // namespace
}  // namespace attain::planning::quotas

// Quota engine: hand-computed allocations, proration and ramp, reconciliation, capacity,
// exactness on randomized hierarchies, and validation that names the offending field.

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/planning/engine/quota/allocation.h"
#include "services/planning/engine/quota/capacity.h"
#include "services/planning/engine/quota/fiscal_calendar.h"
#include "services/planning/engine/quota/largest_remainder.h"
#include "services/planning/engine/quota/ramp.h"
#include "services/planning/engine/quota/reconciliation.h"
#include "services/planning/engine/quota/seasonality.h"
#include "services/planning/engine/quota/seller_quota.h"

namespace attain::planning::quota {
namespace {

using money::Decimal;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

Decimal D(const char* text) { return Decimal::Parse(text).value(); }
Decimal U(int64_t units) { return Decimal::FromUnits(units); }

std::vector<std::string> FieldsOf(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const Violation& v : ViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

AllocationLevel Even(Decimal padding = Decimal()) {
  return AllocationLevel{AllocationMethod::kEven, padding, {}};
}

std::vector<Decimal> Repeat(int n, Decimal value) { return std::vector<Decimal>(n, value); }

// root -> the given children, one level, flat seasonality over one period.
TopDownRequest OneLevel(Decimal target, std::vector<std::string> children, AllocationLevel level) {
  TopDownRequest r;
  r.company_target = target;
  r.nodes.push_back({"root", ""});
  for (const std::string& c : children) r.nodes.push_back({c, "root"});
  r.levels = {std::move(level)};
  r.seasonality = FlatSeasonality(1);
  return r;
}

Decimal AnnualOf(const TopDownAllocation& a, const std::string& id) { return a.Find(id)->annual; }

// ---------------------------------------------------------------- fiscal calendar

TEST(FiscalCalendarTest, FebruaryStartNamesTheYearAfterTheYearItEndsIn) {
  auto calendar = FiscalCalendar::Create(2, PeriodType::kMonthly);
  ASSERT_TRUE(calendar.ok());
  const std::vector<FiscalPeriod> periods = calendar->Periods(2027);
  ASSERT_EQ(periods.size(), 12u);
  EXPECT_EQ(periods[0].label, "FY2027-M01");
  EXPECT_EQ(periods[0].start, absl::CivilDay(2026, 2, 1));
  EXPECT_EQ(periods[0].end, absl::CivilDay(2026, 2, 28));
  EXPECT_EQ(periods[11].label, "FY2027-M12");
  EXPECT_EQ(periods[11].end, absl::CivilDay(2027, 1, 31));
  EXPECT_EQ(calendar->FiscalYearOf(absl::CivilDay(2026, 1, 31)), 2026);
  EXPECT_EQ(calendar->FiscalYearOf(absl::CivilDay(2026, 2, 1)), 2027);
}

TEST(FiscalCalendarTest, QuarterlyPeriodsCoverThreeFiscalMonths) {
  auto calendar = FiscalCalendar::Create(4, PeriodType::kQuarterly);
  ASSERT_TRUE(calendar.ok());
  const std::vector<FiscalPeriod> periods = calendar->Periods(2027);
  ASSERT_EQ(periods.size(), 4u);
  EXPECT_EQ(periods[0].label, "FY2027-Q1");
  EXPECT_EQ(periods[0].start, absl::CivilDay(2026, 4, 1));
  EXPECT_EQ(periods[0].end, absl::CivilDay(2026, 6, 30));
  EXPECT_EQ(periods[0].Days(), 91);
  EXPECT_EQ(periods[3].start, absl::CivilDay(2027, 1, 1));
  EXPECT_EQ(periods[3].end, absl::CivilDay(2027, 3, 31));
  EXPECT_EQ(calendar->PeriodIndexOf(absl::CivilMonth(2027, 3)), 3);
}

TEST(FiscalCalendarTest, HistoryWindowIsPriorYearOrTwelveWholeMonths) {
  auto calendar = FiscalCalendar::Create(2, PeriodType::kMonthly).value();
  const auto prior = calendar.HistoryWindow(HistoryBasis::kPriorFiscalYear, 2027, {});
  EXPECT_EQ(prior.start, absl::CivilDay(2025, 2, 1));
  EXPECT_EQ(*prior.end, absl::CivilDay(2026, 1, 31));
  const auto trailing = calendar.HistoryWindow(HistoryBasis::kTrailingTwelveMonths, 2027,
                                               absl::CivilDay(2026, 5, 10));
  EXPECT_EQ(trailing.start, absl::CivilDay(2025, 5, 1));
  EXPECT_EQ(*trailing.end, absl::CivilDay(2026, 4, 30));
}

TEST(FiscalCalendarTest, StartMonthOutsideOneToTwelveNamesTheField) {
  EXPECT_THAT(FieldsOf(FiscalCalendar::Create(13, PeriodType::kMonthly).status()),
              ElementsAre("fiscal_year_start_month"));
  EXPECT_THAT(FieldsOf(FiscalCalendar::Create(0, PeriodType::kQuarterly).status()),
              ElementsAre("fiscal_year_start_month"));
}

// ---------------------------------------------------------------- largest remainder

TEST(LargestRemainderTest, LeftoverGoesToTheLargestRemainderNotTheLargestPart) {
  // 10 by 3:3:1 -> exact 4.2857, 4.2857, 1.4286; floors 4+4+1 = 9; the one leftover unit
  // goes to the largest remainder (.4286), the smallest part.
  auto parts = ApportionWholeUnits(U(10), {U(3), U(3), U(1)}, {0, 1, 2});
  ASSERT_TRUE(parts.ok());
  EXPECT_THAT(*parts, ElementsAre(U(4), U(4), U(2)));
}

TEST(LargestRemainderTest, EqualRemaindersGoByTieRank) {
  // 100 by 1:1:1 -> 33.33 each, one leftover unit, remainders equal: lowest rank wins.
  EXPECT_THAT(ApportionWholeUnits(U(100), Repeat(3, U(1)), {2, 0, 1}).value(),
              ElementsAre(U(33), U(34), U(33)));
  EXPECT_THAT(ApportionWholeUnits(U(100), Repeat(3, U(1)), {0, 1, 2}).value(),
              ElementsAre(U(34), U(33), U(33)));
}

TEST(LargestRemainderTest, AmountsBeyondSixtyFourBitProductsStayExact) {
  // 9e12 units by weights of 1e6 units each: 9e12 * 1e12 micros overflows int64, so the
  // 128-bit path runs; 9e12 / 3 = 3e12 each, and 9e12 + 1 gives the extra unit to rank 0.
  EXPECT_THAT(ApportionWholeUnits(U(9'000'000'000'000), Repeat(3, U(1'000'000)), {0, 1, 2}).value(),
              ElementsAre(U(3'000'000'000'000), U(3'000'000'000'000), U(3'000'000'000'000)));
  EXPECT_THAT(ApportionWholeUnits(U(9'000'000'000'001), Repeat(3, U(1'000'000)), {0, 1, 2}).value(),
              ElementsAre(U(3'000'000'000'001), U(3'000'000'000'000), U(3'000'000'000'000)));
}

TEST(LargestRemainderTest, ZeroWeightPartGetsNothing) {
  // 7 by 0:1:1 -> 0, 3.5, 3.5; leftover 1 to rank 1.
  EXPECT_THAT(ApportionWholeUnits(U(7), {U(0), U(1), U(1)}, {0, 1, 2}).value(),
              ElementsAre(U(0), U(4), U(3)));
}

// ---------------------------------------------------------------- top-down allocation

TEST(AllocationTest, EvenSplitGivesTheLeftoverUnitToTheSmallestId) {
  // 1000 / 3 = 333.33: floors 999, the leftover unit goes to "a" (ties by id, not input order).
  auto a = AllocateTopDown(OneLevel(U(1000), {"b", "a", "c"}, Even()));
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(AnnualOf(*a, "a"), U(334));
  EXPECT_EQ(AnnualOf(*a, "b"), U(333));
  EXPECT_EQ(AnnualOf(*a, "c"), U(333));
}

TEST(AllocationTest, HistoricalShareFollowsBookings) {
  // Bookings 120 : 250 : 130 of 500 -> 10000 * 0.24 / 0.50 / 0.26 = 2400 / 5000 / 2600.
  AllocationLevel level{AllocationMethod::kHistoricalShare,
                        Decimal(),
                        {{"east", U(120)}, {"west", U(250)}, {"north", U(130)}}};
  auto a = AllocateTopDown(OneLevel(U(10000), {"east", "west", "north"}, level));
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(AnnualOf(*a, "east"), U(2400));
  EXPECT_EQ(AnnualOf(*a, "west"), U(5000));
  EXPECT_EQ(AnnualOf(*a, "north"), U(2600));
}

TEST(AllocationTest, PotentialWeightedRoundsByLargestRemainder) {
  // 1001 by potentials 2:3:5 -> 200.2 / 300.3 / 500.5; floors sum 1000; leftover to c (.5).
  AllocationLevel level{
      AllocationMethod::kPotential, Decimal(), {{"a", U(2)}, {"b", U(3)}, {"c", U(5)}}};
  auto a = AllocateTopDown(OneLevel(U(1001), {"a", "b", "c"}, level));
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(AnnualOf(*a, "a"), U(200));
  EXPECT_EQ(AnnualOf(*a, "b"), U(300));
  EXPECT_EQ(AnnualOf(*a, "c"), U(501));
}

TEST(AllocationTest, CustomWeightsNeedNotSumToOne) {
  // 90 by 0.5 : 0.25 : 0.15 (sum 0.9) -> 50 / 25 / 15.
  AllocationLevel level{AllocationMethod::kCustomWeights,
                        Decimal(),
                        {{"x", D("0.5")}, {"y", D("0.25")}, {"z", D("0.15")}}};
  auto a = AllocateTopDown(OneLevel(U(90), {"x", "y", "z"}, level));
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(AnnualOf(*a, "x"), U(50));
  EXPECT_EQ(AnnualOf(*a, "y"), U(25));
  EXPECT_EQ(AnnualOf(*a, "z"), U(15));
}

TEST(AllocationTest, PaddingOverAssignsTheChildren) {
  // 1000 * 1.10 = 1100 for three even children: 366.67 each -> 366 * 3 = 1098, the two
  // leftover units to a and b.
  auto a = AllocateTopDown(OneLevel(U(1000), {"a", "b", "c"}, Even(D("0.1"))));
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->Find("root")->annual, U(1000));
  EXPECT_EQ(a->Find("root")->children_pool, U(1100));
  EXPECT_EQ(AnnualOf(*a, "a"), U(367));
  EXPECT_EQ(AnnualOf(*a, "b"), U(367));
  EXPECT_EQ(AnnualOf(*a, "c"), U(366));
}

TEST(AllocationTest, PaddedPoolRoundsHalfEvenToUnits) {
  // 1005 * 1.1 = 1105.5 -> 1106 (even); 1015 * 1.1 = 1116.5 -> 1116 (even).
  auto up = AllocateTopDown(OneLevel(U(1005), {"only"}, Even(D("0.1"))));
  auto down = AllocateTopDown(OneLevel(U(1015), {"only"}, Even(D("0.1"))));
  ASSERT_TRUE(up.ok() && down.ok());
  EXPECT_EQ(AnnualOf(*up, "only"), U(1106));
  EXPECT_EQ(AnnualOf(*down, "only"), U(1116));
}

TEST(AllocationTest, EachLevelUsesItsOwnMethodAndPadding) {
  // Level 0 custom 3:1 of 800 -> r1 600, r2 200. Level 1 even with 5 % padding:
  // r1 pool 630 -> t1 315, t2 315; r2 pool 210 -> t3 210.
  TopDownRequest r;
  r.company_target = U(800);
  r.nodes = {{"co", ""}, {"r1", "co"}, {"r2", "co"}, {"t1", "r1"}, {"t2", "r1"}, {"t3", "r2"}};
  r.levels = {{AllocationMethod::kCustomWeights, Decimal(), {{"r1", U(3)}, {"r2", U(1)}}},
              Even(D("0.05"))};
  r.seasonality = FlatSeasonality(4);
  auto a = AllocateTopDown(r);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(AnnualOf(*a, "r1"), U(600));
  EXPECT_EQ(AnnualOf(*a, "r2"), U(200));
  EXPECT_EQ(AnnualOf(*a, "t1"), U(315));
  EXPECT_EQ(AnnualOf(*a, "t2"), U(315));
  EXPECT_EQ(AnnualOf(*a, "t3"), U(210));
  // t1: 315 / 4 = 78.75 -> floors 312, three leftover units to Q1..Q3 (ties by period).
  EXPECT_THAT(a->Find("t1")->periods, ElementsAre(U(79), U(79), U(79), U(78)));
}

TEST(AllocationTest, MonthlyFlatSeasonalitySumsToTheAnnual) {
  // 1000 / 12 = 83.33: floors 996, the four leftover units to M01..M04.
  auto periods = SplitAcrossPeriods(U(1000), FlatSeasonality(12));
  ASSERT_TRUE(periods.ok());
  EXPECT_THAT(*periods, ElementsAre(U(84), U(84), U(84), U(84), U(83), U(83), U(83), U(83), U(83),
                                    U(83), U(83), U(83)));
}

TEST(SeasonalityTest, HistoryIsSummedByFiscalMonthThenQuarter) {
  // January start, quarterly: two years of Jan..Apr bookings 1, 2, 3, 4 each, plus
  // December 10 -> Q1 = 2*(1+2+3) = 12, Q2 = 2*4 = 8, Q3 = 0, Q4 = 10.
  auto calendar = FiscalCalendar::Create(1, PeriodType::kQuarterly).value();
  std::vector<MonthlyTotal> history;
  for (int year : {2024, 2025}) {
    for (int m = 1; m <= 4; ++m) history.push_back({absl::CivilMonth(year, m), U(m)});
  }
  history.push_back({absl::CivilMonth(2025, 12), U(10)});
  auto profile = SeasonalityFromHistory(calendar, history);
  ASSERT_TRUE(profile.ok()) << profile.status();
  EXPECT_THAT(profile->weights, ElementsAre(U(12), U(8), U(0), U(10)));
  // 300 by 12:8:0:10 (of 30) -> 120 / 80 / 0 / 100.
  EXPECT_THAT(SplitAcrossPeriods(U(300), *profile).value(),
              ElementsAre(U(120), U(80), U(0), U(100)));
}

TEST(SeasonalityTest, HistoryTotallingZeroIsRejected) {
  auto calendar = FiscalCalendar::Create(1, PeriodType::kMonthly).value();
  auto profile = SeasonalityFromHistory(
      calendar, {{absl::CivilMonth(2025, 3), U(0)}, {absl::CivilMonth(2025, 4), U(-5)}});
  EXPECT_THAT(FieldsOf(profile.status()), ElementsAre("history[1].total"));
  EXPECT_THAT(FieldsOf(SeasonalityFromHistory(calendar, {}).status()), ElementsAre("history"));
}

// Random trees (fixed seeds): children always sum to the padded parent, periods to the
// annual, and the result does not depend on the order the nodes are listed in.
TEST(AllocationTest, RandomHierarchiesAllocateExactlyAndIndependentlyOfInputOrder) {
  for (uint32_t seed = 1; seed <= 60; ++seed) {
    std::mt19937 rng(seed);
    auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const int depth = uniform(1, 4);
    TopDownRequest r;
    r.company_target = U(uniform(0, 5'000'000));
    r.nodes.push_back({"n0", ""});
    std::vector<std::vector<std::string>> by_depth = {{"n0"}};
    for (int d = 1; d <= depth; ++d) {
      by_depth.emplace_back();
      AllocationLevel level;
      level.method = static_cast<AllocationMethod>(uniform(0, 3));
      level.padding = Decimal::FromMicros(uniform(0, 4) * 25'000);  // 0..10 %
      for (const std::string& parent : by_depth[d - 1]) {
        for (int k = uniform(1, 5); k > 0; --k) {
          const std::string id = absl::StrCat("n", r.nodes.size());
          r.nodes.push_back({id, parent});
          by_depth[d].push_back(id);
          // Custom weights with 6 decimals; the first child of a group is never zero.
          const Decimal w = Decimal::FromMicros(uniform(k == 1 ? 1 : 0, 3'000'000));
          if (level.method != AllocationMethod::kEven) level.weights.push_back({id, w});
        }
      }
      r.levels.push_back(level);
    }
    r.seasonality.weights.clear();
    for (int p = 0; p < 12; ++p) r.seasonality.weights.push_back(U(uniform(1, 9)));

    auto a = AllocateTopDown(r);
    ASSERT_TRUE(a.ok()) << "seed " << seed << ": " << a.status();
    std::map<std::string, Decimal> child_sums;
    for (const NodeAllocation& n : a->nodes) {
      ASSERT_EQ(n.annual.micros() % Decimal::kScale, 0) << n.node_id;
      Decimal period_sum;
      for (Decimal p : n.periods) period_sum = period_sum.Add(p).value();
      EXPECT_EQ(period_sum, n.annual) << "seed " << seed << " node " << n.node_id;
      if (!n.parent_id.empty())
        child_sums[n.parent_id] = child_sums[n.parent_id].Add(n.annual).value();
    }
    for (const auto& [parent, sum] : child_sums) {
      EXPECT_EQ(sum, a->Find(parent)->children_pool) << "seed " << seed << " parent " << parent;
    }
    TopDownRequest shuffled = r;
    std::shuffle(shuffled.nodes.begin(), shuffled.nodes.end(), rng);
    for (AllocationLevel& level : shuffled.levels)
      std::shuffle(level.weights.begin(), level.weights.end(), rng);
    auto b = AllocateTopDown(shuffled);
    ASSERT_TRUE(b.ok()) << b.status();
    for (const NodeAllocation& n : a->nodes) {
      EXPECT_EQ(b->Find(n.node_id)->periods, n.periods) << "seed " << seed << " node " << n.node_id;
    }
  }
}

// ---------------------------------------------------------------- validation

TEST(AllocationValidationTest, NamesEveryBadWeightAndPadding) {
  TopDownRequest r;
  r.company_target = U(100);
  r.nodes = {{"co", ""},  {"r1", "co"}, {"r2", "co"}, {"a", "r1"},
             {"b", "r1"}, {"c", "r2"},  {"d", "r2"}};
  r.levels = {{AllocationMethod::kPotential, D("-0.1"), {{"r1", U(0)}, {"r2", U(0)}}},
              {AllocationMethod::kCustomWeights,
               D("1.5"),
               {{"a", U(1)}, {"b", U(1)}, {"c", U(1)}, {"d", U(-1)}, {"nowhere", U(1)}}}};
  r.seasonality = FlatSeasonality(12);
  const absl::Status status = AllocateTopDown(r).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldsOf(status),
              ElementsAre("levels[0].padding", "levels[0].weights", "levels[1].padding",
                          "levels[1].weights[3].weight", "levels[1].weights[4].node_id"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("children of \"co\" are all zero"));
}

TEST(AllocationValidationTest, NamesMissingAndMisplacedWeightsAndBadSeasonality) {
  TopDownRequest r =
      OneLevel(U(100), {"a", "b"},
               {AllocationMethod::kHistoricalShare, Decimal(), {{"a", U(5)}, {"root", U(1)}}});
  r.company_target = D("100.5");
  r.seasonality.weights = {U(0), U(0)};
  EXPECT_THAT(FieldsOf(AllocateTopDown(r).status()),
              ElementsAre("company_target", "seasonality.weights", "levels[0].weights[1].node_id",
                          "levels[0].weights"));
}

TEST(AllocationValidationTest, NamesUnknownParentsCyclesAndLevelCount) {
  TopDownRequest r;
  r.company_target = U(100);
  r.nodes = {{"co", ""}, {"a", "b"}, {"b", "a"}, {"c", "ghost"}, {"co", ""}};
  r.seasonality = FlatSeasonality(1);
  const absl::Status status = AllocateTopDown(r).status();
  EXPECT_THAT(FieldsOf(status), ElementsAre("nodes[4].id", "nodes[3].parent_id",
                                            "nodes[4].parent_id", "nodes[1].parent_id"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("cycle a -> b -> a"));

  TopDownRequest deep = OneLevel(U(100), {"a"}, Even());
  deep.levels.push_back(Even());
  EXPECT_THAT(FieldsOf(AllocateTopDown(deep).status()), ElementsAre("levels"));
}

// ---------------------------------------------------------------- ramp

TEST(RampTest, TenureMonthsStartOnTheHireDayOfEachMonth) {
  const absl::CivilDay hire(2026, 2, 15);
  EXPECT_EQ(TenureMonth(hire, absl::CivilDay(2026, 2, 14)), 0);
  EXPECT_EQ(TenureMonth(hire, absl::CivilDay(2026, 2, 15)), 1);
  EXPECT_EQ(TenureMonth(hire, absl::CivilDay(2026, 3, 14)), 1);
  EXPECT_EQ(TenureMonth(hire, absl::CivilDay(2026, 3, 15)), 2);
  // Hired on the 31st: month 2 starts Feb 28 (clamped), month 3 on Mar 31 (not Mar 28).
  const absl::CivilDay late(2026, 1, 31);
  EXPECT_EQ(TenureMonth(late, absl::CivilDay(2026, 2, 27)), 1);
  EXPECT_EQ(TenureMonth(late, absl::CivilDay(2026, 2, 28)), 2);
  EXPECT_EQ(TenureMonth(late, absl::CivilDay(2026, 3, 30)), 2);
  EXPECT_EQ(TenureMonth(late, absl::CivilDay(2026, 3, 31)), 3);
}

TEST(RampTest, RampedDaysWeighEachDayByItsTenureMonth) {
  const RampSchedule ramp{{D("0.25"), D("0.5"), D("0.75"), U(1)}};
  EXPECT_EQ(MonthsToFullRamp(ramp), 3);
  // March 2026 for a 2026-02-15 hire: 03-01..03-14 month 1 (14 * 0.25 = 3.5),
  // 03-15..03-31 month 2 (17 * 0.5 = 8.5) -> 12.
  EXPECT_EQ(RampedDays(ramp, absl::CivilDay(2026, 2, 15), absl::CivilDay(2026, 3, 1),
                       absl::CivilDay(2026, 3, 31))
                .value(),
            U(12));
}

// ---------------------------------------------------------------- seller quotas

TEST(SellerQuotaTest, NewHireIsProratedAndRampedByTenureMonth) {
  // FY2026 (January start), monthly. Hired 2026-02-15, split 1, ramp 25/50/75/100 %.
  //   Feb: 28000 * (14 days * 0.25 = 3.5) / 28                    =  3500.00
  //   Mar: 10000 * (14 * 0.25 + 17 * 0.5 = 12) / 31 = 3870.967741.. -> 3870.967742 -> 3870.97
  //   Apr: 30000 * (14 * 0.5 + 16 * 0.75 = 19) / 30               = 19000.00
  //   May: 31000 * (14 * 0.75 + 17 * 1 = 27.5) / 31               = 27500.00
  //   Jun: 30000 in full; Jul..Dec 10000 each; Jan 0 (not hired yet).
  //   Annual = 3500 + 3870.97 + 19000 + 27500 + 30000 + 60000     = 143870.97
  const auto periods = FiscalCalendar::Create(1, PeriodType::kMonthly).value().Periods(2026);
  TerritoryQuotas quotas{{"t1",
                          {U(31000), U(28000), U(10000), U(30000), U(31000), U(30000), U(10000),
                           U(10000), U(10000), U(10000), U(10000), U(10000)}}};
  const SellerPlanInput rep{"rep-1",
                            absl::CivilDay(2026, 2, 15),
                            {{"t1", U(1), {absl::CivilDay(2026, 2, 15), std::nullopt}}}};
  const RampSchedule ramp{{D("0.25"), D("0.5"), D("0.75"), U(1)}};
  auto result = ComputeSellerQuotas(periods, quotas, {rep}, ramp);
  ASSERT_TRUE(result.ok()) << result.status();
  const SellerQuota& q = (*result)[0];
  EXPECT_TRUE(q.periods[0].lines.empty());
  EXPECT_EQ(q.periods[0].quota, Decimal());
  EXPECT_EQ(q.periods[1].lines[0].active_days, 14);
  EXPECT_EQ(q.periods[1].lines[0].ramped_days, D("3.5"));
  EXPECT_EQ(q.periods[1].quota, U(3500));
  EXPECT_EQ(q.periods[2].unrounded, D("3870.967742"));
  EXPECT_EQ(q.periods[2].quota, D("3870.97"));
  EXPECT_EQ(q.periods[3].quota, U(19000));
  EXPECT_EQ(q.periods[4].quota, U(27500));
  EXPECT_EQ(q.periods[5].quota, U(30000));
  EXPECT_EQ(q.periods[11].quota, U(10000));
  EXPECT_EQ(q.annual, D("143870.97"));
}

TEST(SellerQuotaTest, TransferMidPeriodSplitsTheMonthBetweenTerritories) {
  // A tenured rep moves from t1 to t2 on 2026-03-16. March (31 days):
  //   t1: 10000 * 15 / 31 = 4838.709677..   t2: 20000 * 16 / 31 = 10322.580645..
  //   total 470000 / 31 = 15161.290322.. -> 15161.29
  const auto periods = FiscalCalendar::Create(1, PeriodType::kMonthly).value().Periods(2026);
  TerritoryQuotas quotas{{"t1", Repeat(12, U(10000))}, {"t2", Repeat(12, U(20000))}};
  const SellerPlanInput rep{
      "rep-1",
      absl::CivilDay(2020, 1, 6),
      {{"t1", U(1), {absl::CivilDay(2025, 1, 1), absl::CivilDay(2026, 3, 15)}},
       {"t2", U(1), {absl::CivilDay(2026, 3, 16), std::nullopt}}}};
  auto result = ComputeSellerQuotas(periods, quotas, {rep}, RampSchedule{{D("0.5")}});
  ASSERT_TRUE(result.ok()) << result.status();
  const SellerPeriodQuota& march = (*result)[0].periods[2];
  ASSERT_EQ(march.lines.size(), 2u);
  EXPECT_EQ(march.lines[0].territory_id, "t1");
  EXPECT_EQ(march.lines[0].unrounded, D("4838.709677"));
  EXPECT_EQ(march.lines[1].territory_id, "t2");
  EXPECT_EQ(march.lines[1].unrounded, D("10322.580645"));
  EXPECT_EQ(march.quota, D("15161.29"));
  EXPECT_EQ((*result)[0].periods[1].quota, U(10000));  // February: all t1
  EXPECT_EQ((*result)[0].periods[3].quota, U(20000));  // April: all t2
}

TEST(SellerQuotaTest, TerminationProratesAndSplitsRoundHalfEvenToCents) {
  // t1 April 30000, a terminated 2026-04-10 with split 1: 30000 * 10 / 30 = 10000.
  // t2 quota 1 shared 0.125 / 0.875: 0.125 -> 0.12 and 0.875 -> 0.88 (half-even).
  const auto periods = FiscalCalendar::Create(1, PeriodType::kMonthly).value().Periods(2026);
  TerritoryQuotas quotas{{"t1", Repeat(12, U(30000))}, {"t2", Repeat(12, U(1))}};
  std::vector<SellerPlanInput> sellers = {
      {"a",
       absl::CivilDay(2019, 1, 1),
       {{"t1", U(1), {absl::CivilDay(2019, 1, 1), absl::CivilDay(2026, 4, 10)}}}},
      {"b",
       absl::CivilDay(2019, 1, 1),
       {{"t2", D("0.125"), {absl::CivilDay(2019, 1, 1), std::nullopt}}}},
      {"c",
       absl::CivilDay(2019, 1, 1),
       {{"t2", D("0.875"), {absl::CivilDay(2019, 1, 1), std::nullopt}}}}};
  auto result = ComputeSellerQuotas(periods, quotas, sellers, RampSchedule{});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ((*result)[0].periods[3].quota, U(10000));
  EXPECT_EQ((*result)[0].periods[4].quota, Decimal());
  EXPECT_EQ((*result)[1].periods[0].quota, D("0.12"));
  EXPECT_EQ((*result)[2].periods[0].quota, D("0.88"));
}

TEST(SellerQuotaTest, SplitsMustSumToOnePerTerritoryUnlessOverlay) {
  const auto periods = FiscalCalendar::Create(1, PeriodType::kMonthly).value().Periods(2026);
  TerritoryQuotas quotas{{"t1", Repeat(12, U(100))}};
  const dates::DateRange always{absl::CivilDay(2020, 1, 1), std::nullopt};
  std::vector<SellerPlanInput> sellers = {
      {"a", absl::CivilDay(2020, 1, 1), {{"t1", D("0.5"), always}}},
      {"b", absl::CivilDay(2020, 1, 1), {{"t1", D("0.5"), always}}},
      {"overlay", absl::CivilDay(2020, 1, 1), {{"t1", D("0.3"), always, /*overlay=*/true}}}};
  EXPECT_TRUE(ComputeSellerQuotas(periods, quotas, sellers, RampSchedule{}).ok());

  // b leaves on 2026-06-30: from July a alone holds 0.5.
  sellers[1].assignments[0].active.end = absl::CivilDay(2026, 6, 30);
  const absl::Status status =
      ComputeSellerQuotas(periods, quotas, sellers, RampSchedule{}).status();
  EXPECT_THAT(FieldsOf(status), ElementsAre("sellers[1].assignments[0].split"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("sum to 0.5 from 2026-07-01"));
}

TEST(SellerQuotaTest, ValidationNamesSellerFieldsAndRamp) {
  const auto periods = FiscalCalendar::Create(1, PeriodType::kMonthly).value().Periods(2026);
  TerritoryQuotas quotas{{"t1", Repeat(12, U(100))}};
  std::vector<SellerPlanInput> sellers = {
      {"a",
       absl::CivilDay(2026, 3, 1),
       {{"ghost", U(1), {absl::CivilDay(2026, 3, 1), std::nullopt}},
        {"t1", D("1.2"), {absl::CivilDay(2026, 2, 1), absl::CivilDay(2026, 1, 1)}}}}};
  const RampSchedule ramp{{D("0.5"), D("1.5"), D("-0.1")}};
  EXPECT_THAT(FieldsOf(ComputeSellerQuotas(periods, quotas, sellers, ramp).status()),
              ElementsAre("ramp.by_tenure_month[1]", "ramp.by_tenure_month[2]",
                          "sellers[0].assignments[0].territory_id",
                          "sellers[0].assignments[1].split", "sellers[0].assignments[1].active.end",
                          "sellers[0].assignments[1].active.start"));
}

TEST(SellerQuotaTest, AllocatedTerritoriesFeedSellerQuotas) {
  // 1200 even to two territories -> 600 each -> 50 per month; one full-year rep per
  // territory gets exactly 50.00 a month and 600.00 a year.
  TopDownRequest r = OneLevel(U(1200), {"t1", "t2"}, Even());
  r.seasonality = FlatSeasonality(12);
  auto allocation = AllocateTopDown(r);
  ASSERT_TRUE(allocation.ok());
  const auto periods = FiscalCalendar::Create(1, PeriodType::kMonthly).value().Periods(2026);
  const dates::DateRange always{absl::CivilDay(2020, 1, 1), std::nullopt};
  auto result = ComputeSellerQuotas(periods, PeriodQuotasOf(*allocation),
                                    {{"a", absl::CivilDay(2020, 1, 1), {{"t1", U(1), always}}},
                                     {"b", absl::CivilDay(2020, 1, 1), {{"t2", U(1), always}}}},
                                    RampSchedule{});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ((*result)[0].periods[6].quota, U(50));
  EXPECT_EQ((*result)[1].annual, U(600));
}

// ---------------------------------------------------------------- reconciliation

TEST(ReconciliationTest, RollsUpSubmissionsAndComparesWithTopDown) {
  // Top-down 1000 even: r1 500 (t1 250, t2 250), r2 500 (t3 500).
  // Bottom-up: t1 275, t2 250, t3 missing, r1's own number 480 (reported, not rolled up).
  //   t1 +25 (+0.1), t2 0, t3 -500 (-1), r1 525 vs 500 (+0.05), r2 0 vs 500 (-1),
  //   co 525 vs 1000: -475 (-0.475), one missing submission.
  TopDownRequest r;
  r.company_target = U(1000);
  r.nodes = {{"co", ""}, {"r1", "co"}, {"r2", "co"}, {"t1", "r1"}, {"t2", "r1"}, {"t3", "r2"}};
  r.levels = {Even(), Even()};
  r.seasonality = FlatSeasonality(1);
  auto top_down = AllocateTopDown(r);
  ASSERT_TRUE(top_down.ok());
  auto rows = Reconcile(*top_down, {{"t1", U(275)}, {"t2", U(250)}, {"r1", U(480)}});
  ASSERT_TRUE(rows.ok()) << rows.status();
  auto row = [&](const std::string& id) { return (*rows)[top_down->index.at(id)]; };
  EXPECT_EQ(row("t1").difference, U(25));
  EXPECT_EQ(row("t1").relative_difference, D("0.1"));
  EXPECT_EQ(row("t2").relative_difference, Decimal());
  EXPECT_EQ(row("t3").bottom_up, Decimal());
  EXPECT_EQ(row("t3").relative_difference, D("-1"));
  EXPECT_EQ(row("t3").missing_submissions, 1);
  EXPECT_EQ(row("r1").submitted, U(480));
  EXPECT_EQ(row("r1").bottom_up, U(525));
  EXPECT_EQ(row("r1").relative_difference, D("0.05"));
  EXPECT_EQ(row("co").bottom_up, U(525));
  EXPECT_EQ(row("co").difference, U(-475));
  EXPECT_EQ(row("co").relative_difference, D("-0.475"));
  EXPECT_EQ(row("co").missing_submissions, 1);
}

TEST(ReconciliationTest, NamesUnknownDuplicateAndNegativeSubmissions) {
  auto top_down = AllocateTopDown(OneLevel(U(10), {"a"}, Even()));
  ASSERT_TRUE(top_down.ok());
  EXPECT_THAT(
      FieldsOf(Reconcile(*top_down, {{"a", U(1)}, {"x", U(1)}, {"a", U(-1)}}).status()),
      ElementsAre("submissions[1].node_id", "submissions[2].amount", "submissions[2].node_id"));
}

// ---------------------------------------------------------------- capacity

CapacityRequest ThreeMonthPlan() {
  CapacityRequest r;
  const auto year = FiscalCalendar::Create(1, PeriodType::kMonthly).value().Periods(2026);
  r.periods.assign(year.begin(), year.begin() + 3);
  r.targets = {U(20000), U(30000), U(40000)};
  r.headcount = {{"ae", absl::CivilDay(2020, 1, 1), U(2)}};
  r.planned_hires = {{absl::CivilMonth(2026, 2), "ae", U(1)}};
  r.ramp = RampSchedule{{D("0.5")}};  // 50 % in tenure month 1, then 100 %
  r.monthly_attrition = D("0.1");
  r.productivity = {{"ae", U(10000)}};
  r.hire_role = "ae";
  r.hiring_lead_time_months = 1;
  return r;
}

TEST(CapacityTest, RampAttritionAndLeadTimeGiveHandComputedHires) {
  // Jan: 2 reps * 10000 = 20000; gap 0.
  // Feb: 2 * 0.9 = 1.8 -> 18000; Feb hire in tenure month 1 at 50 % -> 5000; 23000, gap
  //      7000. Hires start Jan (1 ramp month) and are worth 0.9 * 10000 = 9000 in Feb:
  //      7000 / 9000 = 0.777778; requisition Dec 2025 -> before the plan, not achievable.
  // Mar: 2 * 0.81 = 1.62 -> 16200; Feb hire 0.9 -> 9000; 25200, gap 14800. Jan's
  //      0.777778 hires * 0.81 = 0.630000 -> 6300; 8500 left; Feb hires worth 9000 in
  //      Mar: 8500 / 9000 = 0.944444; requisition Jan 2026 -> achievable.
  auto plan = PlanCapacity(ThreeMonthPlan());
  ASSERT_TRUE(plan.ok()) << plan.status();
  const auto& p = *plan;
  EXPECT_EQ(p[0].capacity, U(20000));
  EXPECT_EQ(p[0].gap, Decimal());
  EXPECT_EQ(p[0].hires_needed, Decimal());
  EXPECT_EQ(p[1].headcount, D("2.8"));
  EXPECT_EQ(p[1].capacity, U(23000));
  EXPECT_EQ(p[1].gap, U(7000));
  EXPECT_EQ(p[1].hires_needed, D("0.777778"));
  EXPECT_EQ(p[1].hires_start_month, absl::CivilMonth(2026, 1));
  EXPECT_EQ(p[1].requisition_month, absl::CivilMonth(2025, 12));
  EXPECT_FALSE(p[1].achievable);
  EXPECT_EQ(p[2].headcount, D("2.52"));
  EXPECT_EQ(p[2].capacity, U(25200));
  EXPECT_EQ(p[2].gap, U(14800));
  EXPECT_EQ(p[2].recommended_capacity, U(6300));
  EXPECT_EQ(p[2].hires_needed, D("0.944444"));
  EXPECT_EQ(p[2].requisition_month, absl::CivilMonth(2026, 1));
  EXPECT_TRUE(p[2].achievable);
}

TEST(CapacityTest, ValidationNamesFields) {
  CapacityRequest r = ThreeMonthPlan();
  r.targets.pop_back();
  r.monthly_attrition = D("1.5");
  r.headcount[0].role = "sdr";
  r.ramp.by_tenure_month = {D("2")};
  r.hire_role = "se";
  r.hiring_lead_time_months = -1;
  EXPECT_THAT(FieldsOf(PlanCapacity(r).status()),
              ElementsAre("targets", "headcount[0].role", "ramp.by_tenure_month[0]",
                          "monthly_attrition", "hire_role", "hiring_lead_time_months"));
}

TEST(ViolationsTest, StatusCarriesEveryViolationForTheAdapter) {
  Violations v;
  v.Add("levels[1].weights[3].weight", "must not be negative");
  v.Add("seasonality.weights", "must sum to a positive total");
  const absl::Status status = v.ToStatus();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolationsOf(status),
              ElementsAre(Violation{"levels[1].weights[3].weight", "must not be negative"},
                          Violation{"seasonality.weights", "must sum to a positive total"}));
  EXPECT_TRUE(ViolationsOf(absl::InvalidArgumentError("other")).empty());
}

}  // namespace
}  // namespace attain::planning::quota

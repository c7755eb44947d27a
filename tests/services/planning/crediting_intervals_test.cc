// The crediting export's interval logic: clipping to the range, which AssignAccounts runs
// decide a range, and account-territory intervals built from stored runs.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/planning/crediting/intervals.h"

namespace attain::planning::crediting {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }

AccountTerritoryRecord At(const std::string& account, const std::string& type,
                          const std::string& territory, absl::CivilDay first, absl::CivilDay last) {
  return {account, type, territory, {first, last}};
}

TEST(CreditingClipTest, KeepsOnlyThePartInsideTheRange) {
  const DaySpan range{D(2026, 2, 1), D(2026, 7, 31)};
  EXPECT_EQ(Clip(range, D(2026, 3, 1), D(2026, 4, 30)), (DaySpan{D(2026, 3, 1), D(2026, 4, 30)}));
  EXPECT_EQ(Clip(range, D(2025, 1, 1), D(2026, 2, 1)), (DaySpan{D(2026, 2, 1), D(2026, 2, 1)}));
  // Open-ended: ends with the range.
  EXPECT_EQ(Clip(range, D(2026, 6, 15), std::nullopt), (DaySpan{D(2026, 6, 15), D(2026, 7, 31)}));
  EXPECT_EQ(Clip(range, D(2020, 1, 1), std::nullopt), range);
  EXPECT_EQ(Clip(range, D(2026, 7, 31), D(2027, 1, 1)), (DaySpan{D(2026, 7, 31), D(2026, 7, 31)}));
}

TEST(CreditingClipTest, IntervalsOutsideTheRangeAreDropped) {
  const DaySpan range{D(2026, 2, 1), D(2026, 7, 31)};
  EXPECT_EQ(Clip(range, D(2025, 1, 1), D(2026, 1, 31)), std::nullopt);
  EXPECT_EQ(Clip(range, D(2026, 8, 1), std::nullopt), std::nullopt);
  EXPECT_EQ(Clip(range, D(2026, 8, 1), D(2026, 9, 1)), std::nullopt);
}

TEST(CreditingDecidingRunsTest, LatestRunOnOrBeforeTheFirstDayThenEveryRunInTheRange) {
  const std::vector<absl::CivilDay> runs = {D(2026, 1, 1), D(2026, 3, 1), D(2026, 6, 1),
                                            D(2026, 12, 1)};
  EXPECT_THAT(DecidingRuns({D(2026, 2, 1), D(2026, 7, 31)}, runs),
              ElementsAre(D(2026, 1, 1), D(2026, 3, 1), D(2026, 6, 1)));
  // A run on the first day decides it; one on the last day is included.
  EXPECT_THAT(DecidingRuns({D(2026, 3, 1), D(2026, 6, 1)}, runs),
              ElementsAre(D(2026, 3, 1), D(2026, 6, 1)));
  // Every run before the range: the latest decides all of it.
  EXPECT_THAT(DecidingRuns({D(2027, 1, 1), D(2027, 12, 31)}, runs), ElementsAre(D(2026, 12, 1)));
}

TEST(CreditingDecidingRunsTest, DaysBeforeTheFirstRunUseTheFirstRun) {
  const std::vector<absl::CivilDay> runs = {D(2026, 3, 1), D(2026, 6, 1)};
  EXPECT_THAT(DecidingRuns({D(2026, 1, 1), D(2026, 4, 30)}, runs), ElementsAre(D(2026, 3, 1)));
  EXPECT_THAT(DecidingRuns({D(2026, 1, 1), D(2026, 12, 31)}, runs),
              ElementsAre(D(2026, 3, 1), D(2026, 6, 1)));
  // Even when the first run is after the whole range.
  EXPECT_THAT(DecidingRuns({D(2025, 1, 1), D(2025, 12, 31)}, runs), ElementsAre(D(2026, 3, 1)));
  EXPECT_THAT(DecidingRuns({D(2025, 1, 1), D(2025, 12, 31)}, {}), IsEmpty());
}

// Runs 2026-01-01, 03-01, 06-01; range 2026-02-01..07-31. The first run decides 02-01..02-28,
// the second 03-01..05-31, the third 06-01..07-31.
class AccountIntervalsTest : public ::testing::Test {
 protected:
  const DaySpan range_{D(2026, 2, 1), D(2026, 7, 31)};
  AccountTerritoryIntervals intervals_{range_, {D(2026, 1, 1), D(2026, 3, 1), D(2026, 6, 1)}};

  void Add(const std::string& account, const std::string& type, const std::string& territory,
           absl::CivilDay as_of) {
    ASSERT_TRUE(intervals_.Add(account, type, territory, as_of).ok());
  }
};

TEST_F(AccountIntervalsTest, TheSameTerritoryInConsecutiveRunsIsOneInterval) {
  Add("acc-a", "GEOGRAPHIC", "west", D(2026, 1, 1));
  Add("acc-a", "GEOGRAPHIC", "west", D(2026, 3, 1));
  Add("acc-a", "GEOGRAPHIC", "west", D(2026, 6, 1));
  EXPECT_THAT(std::move(intervals_).Finish(),
              ElementsAre(At("acc-a", "GEOGRAPHIC", "west", D(2026, 2, 1), D(2026, 7, 31))));
}

TEST_F(AccountIntervalsTest, AMoveStartsANewIntervalOnTheRunsDate) {
  Add("acc-b", "GEOGRAPHIC", "west", D(2026, 1, 1));
  Add("acc-b", "GEOGRAPHIC", "east", D(2026, 3, 1));
  Add("acc-b", "GEOGRAPHIC", "west", D(2026, 6, 1));
  EXPECT_THAT(std::move(intervals_).Finish(),
              ElementsAre(At("acc-b", "GEOGRAPHIC", "west", D(2026, 2, 1), D(2026, 2, 28)),
                          At("acc-b", "GEOGRAPHIC", "east", D(2026, 3, 1), D(2026, 5, 31)),
                          At("acc-b", "GEOGRAPHIC", "west", D(2026, 6, 1), D(2026, 7, 31))));
}

TEST_F(AccountIntervalsTest, ARunWithoutTheAccountEndsItsInterval) {
  Add("acc-c", "GEOGRAPHIC", "west", D(2026, 1, 1));
  Add("acc-c", "GEOGRAPHIC", "west", D(2026, 6, 1));  // absent from the 03-01 run
  Add("acc-c", "OVERLAY", "software", D(2026, 3, 1));
  EXPECT_THAT(std::move(intervals_).Finish(),
              ElementsAre(At("acc-c", "GEOGRAPHIC", "west", D(2026, 2, 1), D(2026, 2, 28)),
                          At("acc-c", "GEOGRAPHIC", "west", D(2026, 6, 1), D(2026, 7, 31)),
                          At("acc-c", "OVERLAY", "software", D(2026, 3, 1), D(2026, 5, 31))));
}

TEST_F(AccountIntervalsTest, TypesAndAccountsAreKeptApart) {
  Add("acc-d", "GEOGRAPHIC", "west", D(2026, 3, 1));
  Add("acc-d", "NAMED_ACCOUNT", "west", D(2026, 6, 1));
  Add("acc-e", "NAMED_ACCOUNT", "west", D(2026, 6, 1));
  EXPECT_THAT(std::move(intervals_).Finish(),
              ElementsAre(At("acc-d", "GEOGRAPHIC", "west", D(2026, 3, 1), D(2026, 5, 31)),
                          At("acc-d", "NAMED_ACCOUNT", "west", D(2026, 6, 1), D(2026, 7, 31)),
                          At("acc-e", "NAMED_ACCOUNT", "west", D(2026, 6, 1), D(2026, 7, 31))));
}

TEST_F(AccountIntervalsTest, RowsNotFromADecidingRunOrOutOfOrderAreInternalErrors) {
  EXPECT_EQ(intervals_.Add("acc-f", "GEOGRAPHIC", "west", D(2026, 2, 1)).code(),
            absl::StatusCode::kInternal);
  Add("acc-f", "GEOGRAPHIC", "west", D(2026, 3, 1));
  EXPECT_EQ(intervals_.Add("acc-f", "GEOGRAPHIC", "west", D(2026, 1, 1)).code(),
            absl::StatusCode::kInternal);
}

TEST(AccountIntervalsFirstRunTest, TheFirstRunAlsoDecidesTheDaysBeforeIt) {
  // Runs 03-01 and 06-01 over the whole year: the first run decides 01-01..05-31.
  const DaySpan year{D(2026, 1, 1), D(2026, 12, 31)};
  AccountTerritoryIntervals intervals(year, DecidingRuns(year, {D(2026, 3, 1), D(2026, 6, 1)}));
  ASSERT_TRUE(intervals.Add("acc-g", "GEOGRAPHIC", "west", D(2026, 3, 1)).ok());
  ASSERT_TRUE(intervals.Add("acc-g", "GEOGRAPHIC", "west", D(2026, 6, 1)).ok());
  ASSERT_TRUE(intervals.Add("acc-h", "GEOGRAPHIC", "east", D(2026, 6, 1)).ok());
  EXPECT_THAT(std::move(intervals).Finish(),
              ElementsAre(At("acc-g", "GEOGRAPHIC", "west", D(2026, 1, 1), D(2026, 12, 31)),
                          At("acc-h", "GEOGRAPHIC", "east", D(2026, 6, 1), D(2026, 12, 31))));
}

TEST(AccountIntervalsFirstRunTest, AFirstRunAfterTheRangeDecidesAllOfIt) {
  const DaySpan range{D(2025, 10, 1), D(2025, 12, 31)};
  AccountTerritoryIntervals intervals(range, DecidingRuns(range, {D(2026, 3, 1)}));
  ASSERT_TRUE(intervals.Add("acc-i", "OVERLAY", "software", D(2026, 3, 1)).ok());
  EXPECT_THAT(std::move(intervals).Finish(),
              ElementsAre(At("acc-i", "OVERLAY", "software", D(2025, 10, 1), D(2025, 12, 31))));
}

}  // namespace
}  // namespace attain::planning::crediting

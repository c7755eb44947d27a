#include "common/time/dates.h"

#include <optional>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"

namespace attain::dates {
namespace {

TEST(DatesParse, AcceptsStrictIsoDate) {
  absl::StatusOr<absl::CivilDay> day = Parse("2026-02-03", "hire_date");
  ASSERT_TRUE(day.ok()) << day.status();
  EXPECT_EQ(*day, absl::CivilDay(2026, 2, 3));
}

TEST(DatesParse, AcceptsLeapDayInLeapYear) {
  absl::StatusOr<absl::CivilDay> day = Parse("2024-02-29", "hire_date");
  ASSERT_TRUE(day.ok()) << day.status();
  EXPECT_EQ(*day, absl::CivilDay(2024, 2, 29));
}

TEST(DatesParse, RejectsUnpaddedFieldsNamingTheField) {
  absl::StatusOr<absl::CivilDay> day = Parse("2026-2-3", "hire_date");
  EXPECT_EQ(day.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(day.status().message(), "hire_date: must be a date YYYY-MM-DD");
}

TEST(DatesParse, RejectsDayThatDoesNotExistInsteadOfNormalizing) {
  absl::StatusOr<absl::CivilDay> day = Parse("2026-02-30", "effective_date");
  EXPECT_EQ(day.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(day.status().message(),
            "effective_date: must be a date YYYY-MM-DD that exists in the calendar");
}

TEST(DatesParse, RejectsFebruary29InCommonYear) {
  EXPECT_EQ(Parse("2025-02-29", "d").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(DatesParse, RejectsMonthThirteenAndDayZero) {
  EXPECT_EQ(Parse("2026-13-01", "d").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Parse("2026-01-00", "d").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Parse("0000-01-01", "d").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(DatesParse, RejectsTrailingJunkAndSurroundingSpaces) {
  EXPECT_EQ(Parse("2026-02-03x", "d").status().message(), "d: must be a date YYYY-MM-DD");
  EXPECT_EQ(Parse("2026-02-03T00:00:00Z", "d").status().message(),
            "d: must be a date YYYY-MM-DD");
  EXPECT_EQ(Parse(" 2026-02-03", "d").status().message(), "d: must be a date YYYY-MM-DD");
  EXPECT_EQ(Parse("2026/02/03", "d").status().message(), "d: must be a date YYYY-MM-DD");
  EXPECT_EQ(Parse("", "d").status().message(), "d: must be a date YYYY-MM-DD");
}

TEST(DatesParseOptional, EmptyMeansOpenEnded) {
  absl::StatusOr<std::optional<absl::CivilDay>> day = ParseOptional("", "end_date");
  ASSERT_TRUE(day.ok()) << day.status();
  EXPECT_EQ(*day, std::nullopt);
}

TEST(DatesParseOptional, NonEmptyParsesStrictly) {
  absl::StatusOr<std::optional<absl::CivilDay>> day = ParseOptional("2026-12-31", "end_date");
  ASSERT_TRUE(day.ok()) << day.status();
  EXPECT_EQ(*day, std::optional<absl::CivilDay>(absl::CivilDay(2026, 12, 31)));
  EXPECT_EQ(ParseOptional("2026-12-32", "end_date").status().message(),
            "end_date: must be a date YYYY-MM-DD that exists in the calendar");
}

TEST(DatesFormat, ZeroPadsEveryField) {
  EXPECT_EQ(Format(absl::CivilDay(2026, 2, 3)), "2026-02-03");
  EXPECT_EQ(Format(absl::CivilDay(5, 1, 9)), "0005-01-09");
}

TEST(DatesFormat, OptionalEmptyForOpenEnded) {
  EXPECT_EQ(FormatOptional(std::nullopt), "");
  EXPECT_EQ(FormatOptional(absl::CivilDay(2026, 11, 30)), "2026-11-30");
}

TEST(DatesFormat, RoundTripsThroughParse) {
  absl::StatusOr<absl::CivilDay> day = Parse(Format(absl::CivilDay(1999, 12, 31)), "d");
  ASSERT_TRUE(day.ok()) << day.status();
  EXPECT_EQ(*day, absl::CivilDay(1999, 12, 31));
}

TEST(DatesToday, MatchesUtcCalendarDayOfNow) {
  // Bracket the call so the test cannot flake across UTC midnight.
  const absl::CivilDay before = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone());
  const absl::CivilDay today = TodayUtc();
  const absl::CivilDay after = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone());
  EXPECT_TRUE(today == before || today == after);
}

TEST(DateRange, ContainsIsInclusiveAtBothEnds) {
  const DateRange range{absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 1, 31)};
  EXPECT_TRUE(range.Contains(absl::CivilDay(2026, 1, 1)));
  EXPECT_TRUE(range.Contains(absl::CivilDay(2026, 1, 31)));
  EXPECT_FALSE(range.Contains(absl::CivilDay(2025, 12, 31)));
  EXPECT_FALSE(range.Contains(absl::CivilDay(2026, 2, 1)));
}

TEST(DateRange, OpenEndedContainsEverythingFromStart) {
  const DateRange range{absl::CivilDay(2026, 1, 1), std::nullopt};
  EXPECT_TRUE(range.Contains(absl::CivilDay(2999, 1, 1)));
  EXPECT_FALSE(range.Contains(absl::CivilDay(2025, 12, 31)));
}

TEST(DateRange, RangesSharingOneDayOverlap) {
  const DateRange a{absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 1, 31)};
  const DateRange b{absl::CivilDay(2026, 1, 31), absl::CivilDay(2026, 2, 28)};
  EXPECT_TRUE(a.Overlaps(b));
  EXPECT_TRUE(b.Overlaps(a));
}

TEST(DateRange, AdjacentRangesDoNotOverlap) {
  const DateRange a{absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 1, 31)};
  const DateRange b{absl::CivilDay(2026, 2, 1), std::nullopt};
  EXPECT_FALSE(a.Overlaps(b));
  EXPECT_FALSE(b.Overlaps(a));
}

TEST(DateRange, TwoOpenEndedRangesAlwaysOverlap) {
  const DateRange a{absl::CivilDay(2020, 1, 1), std::nullopt};
  const DateRange b{absl::CivilDay(2030, 1, 1), std::nullopt};
  EXPECT_TRUE(a.Overlaps(b));
  EXPECT_TRUE(b.Overlaps(a));
}

}  // namespace
}  // namespace attain::dates

// Period labels: the period containing a day, and the period before, across fiscal years.
#include <gtest/gtest.h>

#include "services/compensation/calculation/period_label.h"

namespace attain::compensation::calculation {
namespace {

std::string Before(const std::string& label, int start_month) {
  auto period = ParsePeriod(label, start_month);
  EXPECT_TRUE(period.ok()) << period.status();
  auto before = PeriodBefore(*period, start_month);
  EXPECT_TRUE(before.ok()) << before.status();
  return before.ok() ? before->label : "";
}

TEST(PeriodLabelTest, TheLabelContainingADay) {
  using plan::PeriodType;
  EXPECT_EQ(LabelContaining(absl::CivilDay(2026, 10, 31), PeriodType::kMonthly, 1), "2026-10");
  EXPECT_EQ(LabelContaining(absl::CivilDay(2026, 10, 31), PeriodType::kQuarterly, 1), "2026-Q4");
  EXPECT_EQ(LabelContaining(absl::CivilDay(2026, 10, 31), PeriodType::kAnnual, 1), "2026");
  // February start: fiscal 2027 is Feb 2026 - Jan 2027; October is its third quarter.
  EXPECT_EQ(LabelContaining(absl::CivilDay(2026, 10, 31), PeriodType::kQuarterly, 2), "2027-Q3");
  EXPECT_EQ(LabelContaining(absl::CivilDay(2027, 1, 31), PeriodType::kQuarterly, 2), "2027-Q4");
  EXPECT_EQ(LabelContaining(absl::CivilDay(2026, 1, 31), PeriodType::kAnnual, 2), "2026");
  EXPECT_EQ(LabelContaining(absl::CivilDay(2026, 2, 1), PeriodType::kAnnual, 2), "2027");
}

TEST(PeriodLabelTest, ThePeriodBeforeCrossesYearsAndFiscalYears) {
  EXPECT_EQ(Before("2026-10", 1), "2026-09");
  EXPECT_EQ(Before("2026-01", 1), "2025-12");
  EXPECT_EQ(Before("2026-Q1", 1), "2025-Q4");
  EXPECT_EQ(Before("2027-Q1", 2), "2026-Q4");
  EXPECT_EQ(Before("2026-Q3", 7), "2026-Q2");
  EXPECT_EQ(Before("2026", 7), "2025");
  auto first = ParsePeriod("2000-01", 1);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(PeriodBefore(*first, 1).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace attain::compensation::calculation

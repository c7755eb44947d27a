// Flag text and display text of the compensation commands.
#include "tools/attainctl/compensation_text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace attain::ctl::comp {
namespace {

using testing::ElementsAre;
using testing::HasSubstr;

TEST(ExpandMonthsTest, OneMonthOrAnInclusiveRangeAcrossTheYearEnd) {
  EXPECT_THAT(*ExpandMonths("2026-10"), ElementsAre("2026-10"));
  EXPECT_THAT(*ExpandMonths("2026-11..2027-02"), ElementsAre("2026-11", "2026-12", "2027-01", "2027-02"));
}

TEST(ExpandMonthsTest, RefusesWhatIsNotAMonthOrAnInvertedRange) {
  EXPECT_THAT(std::string(ExpandMonths("2026-7").status().message()), HasSubstr("not a month YYYY-MM"));
  EXPECT_THAT(std::string(ExpandMonths("October").status().message()), HasSubstr("not a month YYYY-MM"));
  EXPECT_THAT(std::string(ExpandMonths("2026-10..2026-09").status().message()), HasSubstr("ends before it starts"));
  EXPECT_THAT(std::string(ExpandMonths("2000-01..2026-01").status().message()), HasSubstr("more than 120 months"));
}

TEST(ParseParamsTest, KeyValuePairsWithTheValueKeptAsText) {
  auto params = ParseParams({"kicker_rate=0.02", "floor=1e3=x"});
  ASSERT_TRUE(params.ok()) << params.status();
  EXPECT_EQ(params->at("kicker_rate"), "0.02");
  EXPECT_EQ(params->at("floor"), "1e3=x");  // only the first '=' separates; the server checks the decimal
  EXPECT_THAT(std::string(ParseParams({"=1"}).status().message()), HasSubstr("expected PARAMETER=VALUE"));
  EXPECT_THAT(std::string(ParseParams({"rate"}).status().message()), HasSubstr("expected PARAMETER=VALUE"));
  EXPECT_THAT(std::string(ParseParams({"a=1", "a=2"}).status().message()), HasSubstr("--param a is given twice"));
}

TEST(NamesTest, PlanAndRunNamesFromShortForms) {
  EXPECT_EQ(PlanName("ae-2026"), "plans/ae-2026");
  EXPECT_EQ(PlanName("plans/ae-2026/versions/3"), "plans/ae-2026");
  EXPECT_EQ(PlanId("plans/ae-2026"), "ae-2026");
  EXPECT_EQ(RunName("2026-10/3"), "periods/2026-10/runs/3");
  EXPECT_EQ(RunName("2026-Q4/12"), "periods/2026-Q4/runs/12");
  EXPECT_EQ(RunName("periods/2026/runs/1"), "periods/2026/runs/1");
}

TEST(ElapsedTextTest, PrecisionShrinksAsTheDurationGrows) {
  EXPECT_EQ(ElapsedText(absl::Milliseconds(412)), "0.412s");
  EXPECT_EQ(ElapsedText(absl::Milliseconds(12345)), "12.3s");
  EXPECT_EQ(ElapsedText(absl::Seconds(247)), "4m07s");
  EXPECT_EQ(ElapsedText(absl::Minutes(123)), "2h03m");
  EXPECT_EQ(ElapsedText(-absl::Seconds(1)), "0.000s");
}

TEST(DisplayTest, PercentLabelAndTime) {
  EXPECT_EQ(Percent("1.2345"), "123.45%");
  EXPECT_EQ(Percent("0.004"), "0.4%");
  EXPECT_EQ(Percent(""), "");
  EXPECT_EQ(Percent("n/a"), "n/a");
  EXPECT_EQ(Label("CREDIT_RULE_ROLL_UP", "CREDIT_RULE_"), "roll-up");
  EXPECT_EQ(Label("CREDIT_RULE_UNSPECIFIED", "CREDIT_RULE_"), "");
  google::protobuf::Timestamp time;
  EXPECT_EQ(TimeText(time), "");
  time.set_seconds(1793525400);  // 2026-11-01T09:30:00Z
  time.set_nanos(500000000);
  EXPECT_EQ(TimeText(time), "2026-11-01T09:30:00Z");
}

}  // namespace
}  // namespace attain::ctl::comp

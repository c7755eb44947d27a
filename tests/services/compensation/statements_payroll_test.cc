// The payroll export's arithmetic: two-decimal lines and per-currency totals that are
// exactly the sums of the lines.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/compensation/statements/payroll.h"

namespace attain::compensation::statements {
namespace {

using money::Decimal;
using ::testing::ElementsAre;
using ::testing::Pair;

Decimal D(const char* text) { return Decimal::Parse(text).value(); }

std::vector<std::string> Amounts(const Payroll& payroll) {
  std::vector<std::string> amounts;
  for (const PayrollLine& line : payroll.lines) amounts.push_back(line.amount);
  return amounts;
}

TEST(StatementsPayrollTest, LinesKeepTheirOrderAndTotalsSumEachCurrencyExactly) {
  // USD: 1200.50 - 100.25 + 0 + 0.10 = 1100.35; EUR: 99.99 + 0.01 = 100.00.
  auto payroll = BuildPayroll({{"rep-a", "USD", D("1200.5")},
                               {"rep-b", "EUR", D("99.99")},
                               {"rep-c", "USD", D("-100.25")},
                               {"rep-d", "USD", D("0")},
                               {"rep-e", "EUR", D("0.01")},
                               {"rep-f", "USD", D("0.1")}});
  ASSERT_TRUE(payroll.ok()) << payroll.status();
  EXPECT_THAT(Amounts(*payroll),
              ElementsAre("1200.50", "99.99", "-100.25", "0.00", "0.01", "0.10"));
  EXPECT_EQ(payroll->lines[1].seller_id, "rep-b");
  EXPECT_EQ(payroll->lines[1].currency, "EUR");
  EXPECT_THAT(payroll->totals, ElementsAre(Pair("EUR", "100.00"), Pair("USD", "1100.35")));
}

TEST(StatementsPayrollTest, NoStatementsExportNoLinesAndNoTotals) {
  auto payroll = BuildPayroll({});
  ASSERT_TRUE(payroll.ok());
  EXPECT_TRUE(payroll->lines.empty());
  EXPECT_TRUE(payroll->totals.empty());
}

TEST(StatementsPayrollTest, TotalThatIsNotWholeCentsIsABrokenRun) {
  auto payroll = BuildPayroll({{"rep-a", "USD", D("10.005")}});
  EXPECT_EQ(payroll.status().code(), absl::StatusCode::kInternal);
}

TEST(StatementsPayrollTest, OverflowingSumIsOutOfRangeNotWrapped) {
  auto payroll =
      BuildPayroll({{"rep-a", "USD", D("9000000000000")}, {"rep-b", "USD", D("9000000000000")}});
  EXPECT_EQ(payroll.status().code(), absl::StatusCode::kOutOfRange);
}

}  // namespace
}  // namespace attain::compensation::statements

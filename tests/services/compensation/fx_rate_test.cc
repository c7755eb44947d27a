// FX rates: month and rate validation, and conversion at calculation time.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/errors/errors.h"
#include "services/compensation/fx/fx_rate.h"

namespace attain::compensation::fx {
namespace {

using ::testing::ElementsAre;
using money::Decimal;

Decimal D(const char* text) { return Decimal::Parse(text).value(); }

TEST(FxRateTest, MonthsAreStrictYearDashMonth) {
  EXPECT_EQ(ParseMonth("2026-01"), absl::CivilMonth(2026, 1));
  EXPECT_EQ(ParseMonth("2026-12"), absl::CivilMonth(2026, 12));
  for (const char* bad : {"2026-13", "2026-00", "2026-1", "26-01", "2026/01", "2026-01-01", ""}) {
    EXPECT_EQ(ParseMonth(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(FormatMonth(absl::CivilMonth(2026, 3)), "2026-03");
}

TEST(FxRateTest, EveryBadFieldIsNamed) {
  std::vector<errors::FieldViolation> violations;
  EXPECT_FALSE(ParseFxRate({"eur", "USD", "2026-13", "0"}, "rates[2]", &violations));
  EXPECT_FALSE(ParseFxRate({"USD", "USD", "2026-01", "1.1234567"}, "rates[3]", &violations));
  std::vector<std::string> fields;
  for (const auto& v : violations) fields.push_back(v.field);
  EXPECT_THAT(fields, ElementsAre("rates[2].from_currency", "rates[2].month", "rates[2].rate",
                                  "rates[3].to_currency", "rates[3].rate"));
}

TEST(FxRateTest, ConvertsWithTheRateOfTheTransactionMonth) {
  FxTable table;
  std::vector<errors::FieldViolation> violations;
  table.Add(*ParseFxRate({"EUR", "USD", "2026-01", "1.0825"}, "r", &violations));
  table.Add(*ParseFxRate({"EUR", "USD", "2026-02", "0.5"}, "r", &violations));
  // 1234.56 * 1.0825 = 1336.4112 exactly.
  EXPECT_EQ(table.Convert(D("1234.56"), "EUR", "USD", absl::CivilMonth(2026, 1)).value(),
            D("1336.4112"));
  // 10.000005 * 0.5 = 5.0000025 -> half-even at six digits -> 5.000002.
  EXPECT_EQ(table.Convert(D("10.000005"), "EUR", "USD", absl::CivilMonth(2026, 2)).value(),
            D("5.000002"));
  // Reversals convert with their sign.
  EXPECT_EQ(table.Convert(D("-200"), "EUR", "USD", absl::CivilMonth(2026, 2)).value(), D("-100"));
  EXPECT_EQ(table.Convert(D("99.99"), "USD", "USD", absl::CivilMonth(2030, 7)).value(), D("99.99"));
}

TEST(FxRateTest, MissingRateIsAFailedPreconditionNamingPairAndMonth) {
  FxTable table;
  auto converted = table.Convert(D("1"), "GBP", "USD", absl::CivilMonth(2026, 4));
  ASSERT_FALSE(converted.ok());
  EXPECT_EQ(converted.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(errors::ReasonOf(converted.status()), "FX_RATE_MISSING");
  EXPECT_THAT(std::string(converted.status().message()),
              ::testing::HasSubstr("from GBP to USD for 2026-04"));
}

}  // namespace
}  // namespace attain::compensation::fx

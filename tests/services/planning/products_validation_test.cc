// Product and booking field validation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/planning/products/booking.h"
#include "services/planning/products/product.h"

namespace attain::planning {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Fields(const std::vector<errors::FieldViolation>& violations) {
  std::vector<std::string> fields;
  for (const auto& v : violations) fields.push_back(v.field);
  return fields;
}

TEST(ProductValidationTest, ValidProductKeepsItsExactPrice) {
  std::vector<errors::FieldViolation> violations;
  auto product = products::ParseProduct(
      {"an-01", "Analytics Pro", "Analytics", "Analytics Cloud", "1499.99", "EUR"}, "product",
      &violations);
  ASSERT_TRUE(product.has_value());
  EXPECT_EQ(product->list_price.micros(), 1'499'990'000);
  EXPECT_EQ(product->currency, "EUR");
}

TEST(ProductValidationTest, MissingHierarchyAndBadPriceAreNamed) {
  std::vector<errors::FieldViolation> violations;
  EXPECT_FALSE(products::ParseProduct({"an-01", "Analytics Pro", "", " ", "1.5e3", "eur"},
                                      "rows[3]", &violations)
                   .has_value());
  EXPECT_THAT(Fields(violations), ElementsAre("rows[3].family", "rows[3].line",
                                              "rows[3].list_price", "rows[3].currency"));
}

TEST(BookingValidationTest, NegativeAmountsAreCreditsButDatesMustExist) {
  std::vector<errors::FieldViolation> violations;
  auto credit =
      bookings::ParseBooking({"acme", "an-01", "2024-02-29", "-120.5", "USD"}, "rows[2]", &violations);
  ASSERT_TRUE(credit.has_value());
  EXPECT_EQ(credit->amount.micros(), -120'500'000);
  EXPECT_FALSE(
      bookings::ParseBooking({"acme", "", "2023-02-29", "1", "USD"}, "rows[3]", &violations)
          .has_value());
  EXPECT_THAT(Fields(violations), ElementsAre("rows[3].product_id", "rows[3].booking_date"));
}

TEST(BookingValidationTest, TrimDecimalTextGivesTheShortestForm) {
  EXPECT_EQ(bookings::TrimDecimalText("1250.500000"), "1250.5");
  EXPECT_EQ(bookings::TrimDecimalText("1000.000000"), "1000");
  EXPECT_EQ(bookings::TrimDecimalText("-3.000000"), "-3");
  EXPECT_EQ(bookings::TrimDecimalText("0.000000"), "0");
  EXPECT_EQ(bookings::TrimDecimalText("-0.000000"), "0");
  EXPECT_EQ(bookings::TrimDecimalText("99999999999999999.000001"), "99999999999999999.000001");
}

}  // namespace
}  // namespace attain::planning

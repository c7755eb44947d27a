#include "services/planning/org/seller_validation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace attain::planning::org {
namespace {

SellerInput ValidInput() {
  SellerInput input;
  input.id = "rep-001";
  input.display_name = "Ada Lovelace";
  input.email = "Ada.Lovelace@Example.com";
  input.title = "Account Executive";
  input.hire_date = "2024-03-01";
  input.home_currency = "USD";
  input.lines = {{"mgr-01", "2024-03-01", "2025-06-30"}, {"mgr-02", "2025-07-01", ""}};
  return input;
}

std::vector<std::string> Fields(const std::vector<errors::FieldViolation>& violations) {
  std::vector<std::string> fields;
  for (const auto& v : violations) fields.push_back(v.field);
  return fields;
}

TEST(SellerValidationTest, ValidSellerParsesAndNormalizesEmail) {
  std::vector<errors::FieldViolation> violations;
  auto seller = ParseSeller(ValidInput(), "seller", &violations);
  ASSERT_TRUE(seller.has_value());
  EXPECT_TRUE(violations.empty());
  EXPECT_EQ(seller->email, "ada.lovelace@example.com");
  EXPECT_EQ(seller->hire_date, absl::CivilDay(2024, 3, 1));
  ASSERT_EQ(seller->lines.size(), 2u);
  EXPECT_EQ(seller->lines[1].manager_id, "mgr-02");
  EXPECT_FALSE(seller->lines[1].period.end.has_value());
}

TEST(SellerValidationTest, TerminationBeforeHireNamesTheField) {
  SellerInput input = ValidInput();
  input.termination_date = "2024-02-28";
  input.lines.clear();
  std::vector<errors::FieldViolation> violations;
  EXPECT_FALSE(ParseSeller(input, "seller", &violations).has_value());
  EXPECT_THAT(Fields(violations), ::testing::ElementsAre("seller.termination_date"));
}

TEST(SellerValidationTest, MalformedEmailIsRejected) {
  for (const char* email : {"", "no-at-sign", "a@b", "a@@b.com", "a b@c.com", "@x.com", "a@.com"}) {
    SellerInput input = ValidInput();
    input.email = email;
    std::vector<errors::FieldViolation> violations;
    EXPECT_FALSE(ParseSeller(input, "seller", &violations).has_value()) << email;
    EXPECT_THAT(Fields(violations), ::testing::ElementsAre("seller.email")) << email;
  }
}

TEST(SellerValidationTest, OverlappingLinesOfOneSellerAreRejected) {
  SellerInput input = ValidInput();
  input.lines = {{"mgr-01", "2024-03-01", "2025-07-01"}, {"mgr-02", "2025-07-01", ""}};
  std::vector<errors::FieldViolation> violations;
  EXPECT_FALSE(ParseSeller(input, "rows[7]", &violations).has_value());
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "rows[7].reporting_lines[1]");
}

TEST(SellerValidationTest, EveryBadFieldIsReportedAtOnce) {
  SellerInput input;
  input.id = "bad id!";
  input.hire_date = "2024-02-30";
  input.home_currency = "usd";
  input.lines = {{"bad id!", "2024-13-01", ""}};
  std::vector<errors::FieldViolation> violations;
  EXPECT_FALSE(ParseSeller(input, "seller", &violations).has_value());
  EXPECT_THAT(Fields(violations),
              ::testing::ElementsAre("seller.seller_id", "seller.display_name", "seller.email",
                                     "seller.title", "seller.home_currency", "seller.hire_date",
                                     "seller.reporting_lines[0].manager_id",
                                     "seller.reporting_lines[0].start_date"));
}

TEST(SellerValidationTest, LineBeforeHireOrSelfManagedIsRejected) {
  SellerInput input = ValidInput();
  input.lines = {{"rep-001", "2024-02-01", ""}};
  std::vector<errors::FieldViolation> violations;
  EXPECT_FALSE(ParseSeller(input, "seller", &violations).has_value());
  EXPECT_THAT(Fields(violations), ::testing::ElementsAre("seller.reporting_lines[0].manager_id",
                                                         "seller.reporting_lines[0].start_date"));
}

TEST(SellerValidationTest, EmployedOnHonoursBothEnds) {
  std::vector<errors::FieldViolation> violations;
  SellerInput input = ValidInput();
  input.termination_date = "2025-12-31";
  auto seller = ParseSeller(input, "seller", &violations);
  ASSERT_TRUE(seller.has_value());
  EXPECT_FALSE(seller->EmployedOn(absl::CivilDay(2024, 2, 29)));
  EXPECT_TRUE(seller->EmployedOn(absl::CivilDay(2024, 3, 1)));
  EXPECT_TRUE(seller->EmployedOn(absl::CivilDay(2025, 12, 31)));
  EXPECT_FALSE(seller->EmployedOn(absl::CivilDay(2026, 1, 1)));
  EXPECT_EQ(seller->ManagerOn(absl::CivilDay(2025, 6, 30)), "mgr-01");
  EXPECT_EQ(seller->ManagerOn(absl::CivilDay(2025, 7, 1)), "mgr-02");
  EXPECT_EQ(seller->ManagerOn(absl::CivilDay(2026, 1, 1)), std::nullopt);
}

}  // namespace
}  // namespace attain::planning::org

// The account, product and booking CSV formats: round trips and named problems.
#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "tools/attainctl/catalog_csv.h"
#include "tools/attainctl/csv.h"

namespace attain::catalog_csv {
namespace {

using google::protobuf::util::MessageDifferencer;
using ::testing::ElementsAre;

planning::v1::Account FullAccount() {
  planning::v1::Account account;
  account.set_account_id("acme");
  account.set_display_name("Acme, \"the\" company");
  account.set_parent_account_id("acme-group");
  account.set_country("US");
  account.set_employee_count(1200);
  account.set_annual_revenue("1250000.5");
  account.set_currency("USD");
  account.set_locked(true);
  (*account.mutable_attributes())["tier"] = "gold";
  (*account.mutable_attributes())["owner"] = "a;b=c";
  return account;
}

TEST(CatalogCsvTest, AccountSurvivesExportThenImport) {
  const auto& codec = Accounts();
  const std::string text = csv::FormatRecord(codec.Header()) +
                           csv::FormatRecord(codec.ToFields(FullAccount()));
  auto records = csv::ParseAll(text);
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 2u);
  auto reader = codec.ReaderFor((*records)[0].fields);
  ASSERT_TRUE(reader.ok()) << reader.status();
  planning::v1::Account back;
  EXPECT_TRUE(reader->Decode((*records)[1].fields, back).empty());
  EXPECT_TRUE(MessageDifferencer::Equals(back, FullAccount())) << back.DebugString();
}

TEST(CatalogCsvTest, BadCellsAreNamedByColumn) {
  auto reader = Accounts().ReaderFor({"account_id", "employee_count", "locked", "attributes"});
  ASSERT_TRUE(reader.ok());
  planning::v1::Account account;
  std::vector<std::string> fields;
  for (const auto& violation : reader->Decode({"acme", "12k", "maybe", "[1]"}, account)) {
    fields.push_back(violation.field);
  }
  EXPECT_THAT(fields, ElementsAre("employee_count", "locked", "attributes"));
}

TEST(CatalogCsvTest, HeaderMustNameTheKeyAndOnlyKnownColumns) {
  EXPECT_FALSE(Products().ReaderFor({"display_name", "family"}).ok());
  EXPECT_FALSE(Products().ReaderFor({"product_id", "colour"}).ok());
  EXPECT_FALSE(Products().ReaderFor({"product_id", "line", "LINE"}).ok());
  EXPECT_TRUE(Bookings().ReaderFor({" Account_ID ", "product_id", "amount"}).ok());
}

}  // namespace
}  // namespace attain::catalog_csv

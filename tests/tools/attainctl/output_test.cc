#include "tools/attainctl/output.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "attain/planning/v1/organization.pb.h"

namespace attain::ctl {
namespace {

TEST(RenderTableTest, AlignsColumnsWithoutTrailingSpaces) {
  const Table table{{"seller_id", "name"}, {{"rep-1", "Ana"}, {"manager-10", "José Ortiz"}}};
  EXPECT_EQ(RenderTable(table),
            "SELLER_ID   NAME\n"
            "rep-1       Ana\n"
            "manager-10  José Ortiz\n");
}

TEST(RenderCsvTest, WritesHeaderAndQuotedRows) {
  const Table table{{"id", "name"}, {{"1", "Smith, Jo"}}};
  EXPECT_EQ(RenderCsv(table), "id,name\n1,\"Smith, Jo\"\n");
}

TEST(RenderJsonTest, UsesProtoFieldNames) {
  planning::v1::Seller seller;
  seller.set_seller_id("rep-1");
  seller.set_hire_date("2025-01-06");
  absl::StatusOr<std::string> json = RenderJson(seller);
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_THAT(*json, testing::HasSubstr("\"seller_id\": \"rep-1\""));
  EXPECT_THAT(*json, testing::HasSubstr("\"hire_date\": \"2025-01-06\""));
  EXPECT_EQ(json->back(), '\n');
}

}  // namespace
}  // namespace attain::ctl

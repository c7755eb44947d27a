#include "tools/attainctl/seller_csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace attain::seller_csv {
namespace {

TEST(ReportingLinesTest, ParsesClosedAndOpenLines) {
  absl::StatusOr<std::vector<ReportingLine>> lines =
      ParseReportingLines("MGR@2024-01-01..2025-06-30; MGR2@2025-07-01..");
  ASSERT_TRUE(lines.ok()) << lines.status();
  ASSERT_EQ(lines->size(), 2u);
  EXPECT_EQ((*lines)[0].manager_id(), "MGR");
  EXPECT_EQ((*lines)[0].start_date(), "2024-01-01");
  EXPECT_EQ((*lines)[0].end_date(), "2025-06-30");
  EXPECT_EQ((*lines)[1].manager_id(), "MGR2");
  EXPECT_EQ((*lines)[1].start_date(), "2025-07-01");
  EXPECT_EQ((*lines)[1].end_date(), "");
}

TEST(ReportingLinesTest, RejectsSegmentsWithoutManagerOrRange) {
  EXPECT_FALSE(ParseReportingLines("MGR").ok());
  EXPECT_FALSE(ParseReportingLines("@2024-01-01..").ok());
  EXPECT_FALSE(ParseReportingLines("MGR@2024-01-01").ok());
  EXPECT_FALSE(ParseReportingLines("MGR@..2024-01-01").ok());
}

TEST(ReportingLinesTest, FormatIsTheInverseOfParse) {
  Seller seller;
  auto* first = seller.add_reporting_lines();
  first->set_manager_id("a");
  first->set_start_date("2024-01-01");
  first->set_end_date("2024-12-31");
  auto* second = seller.add_reporting_lines();
  second->set_manager_id("b");
  second->set_start_date("2025-01-01");
  EXPECT_EQ(FormatReportingLines(seller.reporting_lines()), "a@2024-01-01..2024-12-31;b@2025-01-01..");
}

TEST(HeaderMapTest, ColumnsMayComeInAnyOrderAndBeOmitted) {
  absl::StatusOr<HeaderMap> header = HeaderMap::FromHeader({"email", " Seller_ID ", "manager_id", "hire_date"});
  ASSERT_TRUE(header.ok()) << header.status();
  Seller seller;
  EXPECT_THAT(header->ToSeller({"a@x.example", "rep-1", "mgr-1", "2025-02-03"}, seller), testing::IsEmpty());
  EXPECT_EQ(seller.seller_id(), "rep-1");
  EXPECT_EQ(seller.email(), "a@x.example");
  ASSERT_EQ(seller.reporting_lines_size(), 1);
  EXPECT_EQ(seller.reporting_lines(0).manager_id(), "mgr-1");
  EXPECT_EQ(seller.reporting_lines(0).start_date(), "2025-02-03");
  EXPECT_EQ(seller.reporting_lines(0).end_date(), "");
}

TEST(HeaderMapTest, RejectsUnknownRepeatedAndMissingIdColumns) {
  EXPECT_FALSE(HeaderMap::FromHeader({"seller_id", "region"}).ok());
  EXPECT_FALSE(HeaderMap::FromHeader({"seller_id", "email", "email"}).ok());
  EXPECT_FALSE(HeaderMap::FromHeader({"email"}).ok());
}

TEST(HeaderMapTest, ManagerIdOfATerminatedSellerEndsOnTheTerminationDate) {
  absl::StatusOr<HeaderMap> header = HeaderMap::FromHeader(Columns());
  ASSERT_TRUE(header.ok());
  Seller seller;
  EXPECT_THAT(header->ToSeller({"r", "R", "r@x", "AE", "2025-01-01", "2025-06-30", "USD", "m", ""}, seller),
              testing::IsEmpty());
  ASSERT_EQ(seller.reporting_lines_size(), 1);
  EXPECT_EQ(seller.reporting_lines(0).end_date(), "2025-06-30");
}

TEST(HeaderMapTest, ReportingLinesWinOverManagerId) {
  absl::StatusOr<HeaderMap> header = HeaderMap::FromHeader(Columns());
  ASSERT_TRUE(header.ok());
  Seller seller;
  EXPECT_THAT(header->ToSeller({"r", "R", "r@x", "AE", "2025-01-01", "", "USD", "ignored",
                                "a@2025-01-01..2025-03-31;b@2025-04-01.."},
                               seller),
              testing::IsEmpty());
  ASSERT_EQ(seller.reporting_lines_size(), 2);
  EXPECT_EQ(seller.reporting_lines(1).manager_id(), "b");
}

TEST(HeaderMapTest, ReportsBadRecordsByColumn) {
  absl::StatusOr<HeaderMap> header = HeaderMap::FromHeader(Columns());
  ASSERT_TRUE(header.ok());
  Seller seller;
  const auto short_row = header->ToSeller({"r", "R"}, seller);
  ASSERT_EQ(short_row.size(), 1u);
  EXPECT_EQ(short_row[0].field, "row");
  const auto bad_lines = header->ToSeller({"r", "R", "r@x", "AE", "2025-01-01", "", "USD", "", "m"}, seller);
  ASSERT_EQ(bad_lines.size(), 1u);
  EXPECT_EQ(bad_lines[0].field, "reporting_lines");
}

TEST(ToFieldsTest, ManagerIdIsTheMostRecentLinesManager) {
  Seller seller;
  seller.set_seller_id("r");
  auto* later = seller.add_reporting_lines();
  later->set_manager_id("b");
  later->set_start_date("2025-04-01");
  auto* earlier = seller.add_reporting_lines();
  earlier->set_manager_id("a");
  earlier->set_start_date("2025-01-01");
  earlier->set_end_date("2025-03-31");
  const std::vector<std::string> fields = ToFields(seller);
  ASSERT_EQ(fields.size(), Columns().size());
  EXPECT_EQ(fields[7], "b");
  EXPECT_EQ(fields[8], "b@2025-04-01..;a@2025-01-01..2025-03-31");
}

}  // namespace
}  // namespace attain::seller_csv

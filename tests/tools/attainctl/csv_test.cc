#include "tools/attainctl/csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace attain::csv {
namespace {

using testing::ElementsAre;

TEST(CsvReaderTest, QuotedFieldsKeepCommasQuotesAndLineBreaks) {
  absl::StatusOr<std::vector<Record>> records =
      ParseAll("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x,\r\nlast,,\n");
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 3u);
  EXPECT_THAT((*records)[0].fields, ElementsAre("a", "b,c", "say \"hi\""));
  EXPECT_THAT((*records)[1].fields, ElementsAre("two\nlines", "x", ""));
  EXPECT_THAT((*records)[2].fields, ElementsAre("last", "", ""));
}

TEST(CsvReaderTest, RecordLineIsWhereTheRecordStarts) {
  absl::StatusOr<std::vector<Record>> records = ParseAll("h1,h2\n\"a\nb\",c\n\nd,e");
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[0].line, 1);
  EXPECT_EQ((*records)[1].line, 2);
  EXPECT_EQ((*records)[2].line, 5);  // line 4 is blank and skipped
  EXPECT_THAT((*records)[2].fields, ElementsAre("d", "e"));
}

TEST(CsvReaderTest, SkipsByteOrderMark) {
  absl::StatusOr<std::vector<Record>> records = ParseAll("\xEF\xBB\xBFseller_id\r\nx\r\n");
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 2u);
  EXPECT_THAT((*records)[0].fields, ElementsAre("seller_id"));
}

TEST(CsvReaderTest, QuotedEmptyFieldIsARecord) {
  absl::StatusOr<std::vector<Record>> records = ParseAll("\"\"\n");
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 1u);
  EXPECT_THAT((*records)[0].fields, ElementsAre(""));
}

TEST(CsvReaderTest, UnterminatedQuoteNamesItsLine) {
  absl::StatusOr<std::vector<Record>> records = ParseAll("a\n\"open,\nstill open");
  EXPECT_EQ(records.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(records.status().message(), testing::HasSubstr("line 2: unterminated"));
}

TEST(CsvReaderTest, RejectsQuoteInsideUnquotedFieldAndTextAfterClosingQuote) {
  EXPECT_EQ(ParseAll("ab\"c\n").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseAll("\"ab\"c\n").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(CsvWriterTest, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(FormatRecord({"plain", "a,b", "say \"hi\"", "two\nlines", ""}),
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\n");
}

TEST(CsvWriterTest, WhatIsWrittenReadsBack) {
  const std::vector<std::string> fields{"x", ",", "\"", "\r\n", " padded ", ""};
  absl::StatusOr<std::vector<Record>> records = ParseAll(FormatRecord(fields));
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0].fields, fields);
}

}  // namespace
}  // namespace attain::csv

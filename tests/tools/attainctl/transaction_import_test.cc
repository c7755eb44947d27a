// Reading transaction CSVs into import rows: row numbers, the rows the client cannot read,
// and how they are reported; and the import's progress line.
#include "tools/attainctl/transaction_import.h"

#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/errors/errors.h"
#include "tools/attainctl/progress.h"

namespace attain::ctl {
namespace {

namespace v1 = compensation::v1;
using testing::ElementsAre;
using testing::HasSubstr;

constexpr char kHeader[] =
    "source_system,transaction_id,type,transaction_date,account_id,product_id,amount,currency,"
    "quantity,margin,owner_seller_id,splits,attributes\n";

struct Read {
  absl::StatusOr<TransactionRowErrors> errors;
  std::vector<v1::TransactionImportRow> rows;
};

Read ReadText(const std::string& text) {
  std::istringstream in(text);
  Read read;
  read.errors = ReadTransactionRows(in, "tx.csv", [&read](v1::TransactionImportRow& row) {
    read.rows.push_back(row);
    return absl::OkStatus();
  });
  return read;
}

// "7 type: must be ..." ("3: ..." for a problem of the whole record).
std::vector<std::string> ErrorTexts(const TransactionRowErrors& errors) {
  std::vector<std::string> texts;
  for (const v1::RowError& e : errors) {
    texts.push_back(absl::StrCat(e.row_number(), e.field().empty() ? "" : " ", e.field(), ": ", e.reason()));
  }
  return texts;
}

TEST(ReadTransactionRowsTest, RowsCarryTheirCsvLineAndEveryColumn) {
  const Read read = ReadText(
      std::string(kHeader) +
      "crm,SO-1,ORDER,2026-10-03,acc-1,prd-1,1250.50,USD,2,400.10,rep-1,"
      "rep-1:60;rep-2:40;rep-9:100:overlay,\"{\"\"channel\"\":\"\"partner\"\"}\"\n"
      "crm,\"RF\n2\",REFUND,2026-10-04,acc-2,prd-2,-99.99,EUR,,,rep-2,,\n"
      "erp,INV-3,INVOICE,2026-10-05,acc-3,prd-3,10,JPY,1,,,,\n");
  ASSERT_TRUE(read.errors.ok()) << read.errors.status();
  EXPECT_TRUE(read.errors->empty());
  ASSERT_EQ(read.rows.size(), 3u);
  // The second record spans lines 3 and 4, so the third starts on line 5.
  EXPECT_EQ(read.rows[0].row_number(), 2);
  EXPECT_EQ(read.rows[1].row_number(), 3);
  EXPECT_EQ(read.rows[2].row_number(), 5);
  const v1::Transaction& first = read.rows[0].transaction();
  EXPECT_EQ(first.source_system(), "crm");
  EXPECT_EQ(first.type(), v1::TRANSACTION_TYPE_ORDER);
  EXPECT_EQ(first.amount(), "1250.50");  // decimal text as written, never a double
  EXPECT_EQ(first.margin(), "400.10");
  ASSERT_EQ(first.splits_size(), 3);
  EXPECT_EQ(first.splits(1).seller_id(), "rep-2");
  EXPECT_EQ(first.splits(1).percent(), "40");
  EXPECT_FALSE(first.splits(1).overlay());
  EXPECT_TRUE(first.splits(2).overlay());
  EXPECT_EQ(first.attributes().at("channel"), "partner");
  EXPECT_EQ(read.rows[1].transaction().transaction_id(), "RF\n2");
  EXPECT_EQ(read.rows[1].transaction().type(), v1::TRANSACTION_TYPE_REFUND);
  EXPECT_EQ(read.rows[1].transaction().quantity(), "");
  EXPECT_EQ(read.rows[2].transaction().currency(), "JPY");
}

TEST(ReadTransactionRowsTest, UnreadableRowsAreReportedByLineAndTheRestIsRead) {
  const Read read = ReadText(std::string(kHeader) +
                             "crm,SO-1,ORDER,2026-10-03,acc-1,prd-1,1,USD,,,rep-1,,\n"    // 2: fine
                             "crm,SO-2,ORDER,2026-10-03,acc-1,prd-1,1,USD\n"              // 3: 8 fields
                             "crm,SO-3,ORDER,2026-10-03,acc-1,prd-1,1\"5,USD,,,,,\n"      // 4: stray quote
                             "\n"                                                        // 5: blank
                             "crm,SO-4,ORDER,2026-10-03,acc-1,prd-1,2,USD,,,rep-1,,\n"    // 6: fine
                             "crm,SO-5,SALE,2026-10-03,acc-1,prd-1,2,USD,,,,rep-1,{\n");  // 7: 3 bad cells
  ASSERT_TRUE(read.errors.ok()) << read.errors.status();
  EXPECT_THAT(ErrorTexts(*read.errors),
              ElementsAre("3: has 8 fields but the header has 13", "4: '\"' inside an unquoted field",
                          "7 type: must be ORDER, INVOICE, CANCELLATION, REFUND or ADJUSTMENT",
                          "7 splits: entries are seller:percent or seller:percent:overlay, separated by ';'",
                          "7 attributes: must be a JSON object such as {\"channel\":\"partner\"}"));
  ASSERT_EQ(read.rows.size(), 2u);
  EXPECT_EQ(read.rows[0].transaction().transaction_id(), "SO-1");
  EXPECT_EQ(read.rows[1].transaction().transaction_id(), "SO-4");
  EXPECT_EQ(read.rows[1].row_number(), 6);
}

TEST(ReadTransactionRowsTest, AQuoteLeftOpenRefusesTheWholeFile) {
  // Everything after the open quote is inside it, so no later row can be trusted.
  const Read read = ReadText(std::string(kHeader) +
                             "crm,SO-1,ORDER,2026-10-03,acc-1,prd-1,1,USD,,,rep-1,,\n"
                             "crm,\"SO-2,ORDER,2026-10-03,acc-1,prd-1,1,USD,,,rep-1,,\n"
                             "crm,SO-3,ORDER,2026-10-03,acc-1,prd-1,1,USD,,,rep-1,,\n");
  ASSERT_FALSE(read.errors.ok());
  EXPECT_EQ(read.errors.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(read.errors.status().message(),
            "tx.csv: line 3: unterminated quoted field (the rest of the file is inside it)");
}

TEST(ReadTransactionRowsTest, AFileWithoutUsableHeaderOrRowsIsRefused) {
  EXPECT_EQ(ReadText("").errors.status().message(), "tx.csv: empty file, a header row is required");
  EXPECT_THAT(std::string(ReadText("transaction_id,amount,colour\nx,1,red\n").errors.status().message()),
              HasSubstr("tx.csv: line 1: unknown column \"colour\""));
  EXPECT_EQ(ReadText(kHeader).errors.status().message(), "tx.csv: no rows after the header");
}

TEST(ReadTransactionRowsTest, TheCallbacksErrorStopsTheReading) {
  std::istringstream in(std::string(kHeader) + "crm,SO-1,ORDER,2026-10-03,acc-1,prd-1,1,USD,,,rep-1,,\n" +
                        "crm,SO-2,ORDER,2026-10-03,acc-1,prd-1,1,USD,,,rep-1,,\n");
  int calls = 0;
  auto read = ReadTransactionRows(in, "tx.csv", [&calls](v1::TransactionImportRow&) {
    ++calls;
    return absl::CancelledError("stream closed");
  });
  EXPECT_EQ(read.status().code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(calls, 1);
}

v1::RowError Error(int64_t row, const std::string& field, const std::string& reason) {
  v1::RowError error;
  error.set_row_number(row);
  error.set_field(field);
  error.set_reason(reason);
  return error;
}

TEST(RowErrorsStatusTest, NamesEachRowAndFieldAsAViolation) {
  const absl::Status status = RowErrorsStatus(
      "tx.csv: 2 rows cannot be read", {Error(3, "", "has 8 fields"), Error(7, "type", "must be ORDER")});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "tx.csv: 2 rows cannot be read");
  std::vector<std::string> violations;
  for (const auto& v : errors::FieldViolationsOf(status)) violations.push_back(v.field + ": " + v.description);
  EXPECT_THAT(violations, ElementsAre("rows[3]: has 8 fields", "rows[7].type: must be ORDER"));
}

TEST(AddSkippedRowsTest, CountsEachSkippedRowOnceAndKeepsRowOrder) {
  v1::ImportTransactionsResponse response;
  response.set_received_count(10);
  response.set_rejected_count(1);
  *response.add_rejected_rows() = Error(5, "amount", "must be a decimal");
  AddSkippedRows({Error(3, "type", "bad"), Error(3, "splits", "bad"), Error(9, "", "has 2 fields")}, response);
  EXPECT_EQ(response.rejected_count(), 3);  // row 5 from the server, rows 3 and 9 from the client
  EXPECT_EQ(response.received_count(), 10);
  std::vector<int64_t> rows;
  for (const auto& e : response.rejected_rows()) rows.push_back(e.row_number());
  EXPECT_THAT(rows, ElementsAre(3, 3, 5, 9));
  EXPECT_EQ(DistinctRows({Error(3, "a", ""), Error(3, "b", ""), Error(4, "", "")}), 2);
}

TEST(SendProgressTextTest, ShowsRowsSentAndTheRate) {
  EXPECT_EQ(SendProgressText(5000, 20000, absl::Seconds(2)), "sent 5000/20000 rows, 2500 rows/s");
  EXPECT_EQ(SendProgressText(0, 20000, absl::ZeroDuration()), "sent 0/20000 rows");
}

}  // namespace
}  // namespace attain::ctl

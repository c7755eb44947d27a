#include "tools/attainctl/transaction_import.h"

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/errors/errors.h"
#include "tools/attainctl/csv.h"
#include "tools/datagen/transaction_csv.h"

namespace attain::ctl {
namespace {

using compensation::v1::RowError;
using compensation::v1::TransactionImportRow;

RowError MakeRowError(int64_t line, std::string field, std::string reason) {
  RowError error;
  error.set_row_number(line);
  error.set_field(std::move(field));
  error.set_reason(std::move(reason));
  return error;
}

// The reader's "line N: why" without the line, which the row number says.
std::string WithoutLine(absl::string_view message) {
  absl::string_view rest = message;
  if (absl::ConsumePrefix(&rest, "line ")) {
    const size_t colon = rest.find(": ");
    int64_t line = 0;
    if (colon != absl::string_view::npos && absl::SimpleAtoi(rest.substr(0, colon), &line)) {
      return std::string(rest.substr(colon + 2));
    }
  }
  return std::string(message);
}

}  // namespace

absl::StatusOr<TransactionRowErrors> ReadTransactionRows(
    std::istream& in, const std::string& source,
    const std::function<absl::Status(TransactionImportRow&)>& row) {
  csv::Reader reader(in);
  csv::Record record;
  absl::StatusOr<bool> more = reader.Next(record);
  if (!more.ok()) return absl::InvalidArgumentError(absl::StrCat(source, ": ", more.status().message()));
  if (!*more) return absl::InvalidArgumentError(absl::StrCat(source, ": empty file, a header row is required"));
  auto decoder = datagen::TransactionsCsv().ReaderFor(record.fields);
  if (!decoder.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": line ", record.line, ": ", decoder.status().message()));
  }
  TransactionRowErrors errors;
  int64_t records = 0;
  TransactionImportRow import_row;
  while (true) {
    more = reader.Next(record);
    if (!more.ok()) {
      const std::string why = WithoutLine(more.status().message());
      if (absl::StrContains(why, "unterminated quoted field")) {
        // The open quote has swallowed every later line: nothing after it can be trusted.
        return absl::InvalidArgumentError(absl::StrCat(
            source, ": line ", record.line, ": ", why, " (the rest of the file is inside it)"));
      }
      ++records;
      errors.push_back(MakeRowError(record.line, "", why));
      reader.SkipRestOfLine();
      continue;
    }
    if (!*more) break;
    ++records;
    import_row.Clear();
    import_row.set_row_number(record.line);
    const std::vector<errors::FieldViolation> problems =
        decoder->Decode(record.fields, *import_row.mutable_transaction());
    for (const errors::FieldViolation& problem : problems) {
      errors.push_back(
          MakeRowError(record.line, problem.field == "row" ? "" : problem.field, problem.description));
    }
    if (!problems.empty()) continue;
    if (absl::Status status = row(import_row); !status.ok()) return status;
  }
  if (records == 0) return absl::InvalidArgumentError(absl::StrCat(source, ": no rows after the header"));
  return errors;
}

int64_t DistinctRows(const TransactionRowErrors& errors) {
  int64_t rows = 0;
  for (size_t i = 0; i < errors.size(); ++i) {
    if (i == 0 || errors[i].row_number() != errors[i - 1].row_number()) ++rows;
  }
  return rows;
}

absl::Status RowErrorsStatus(const std::string& message, const TransactionRowErrors& errors) {
  std::vector<errors::FieldViolation> violations;
  for (const RowError& error : errors) {
    violations.push_back({absl::StrCat("rows[", error.row_number(), "]",
                                       error.field().empty() ? "" : ".", error.field()),
                          error.reason()});
  }
  const absl::Status details = errors::InvalidFields(std::move(violations));
  absl::Status out(absl::StatusCode::kInvalidArgument, message);
  details.ForEachPayload(
      [&out](absl::string_view url, const absl::Cord& payload) { out.SetPayload(url, payload); });
  return out;
}

void AddSkippedRows(const TransactionRowErrors& skipped,
                    compensation::v1::ImportTransactionsResponse& response) {
  if (skipped.empty()) return;
  for (const RowError& error : skipped) *response.add_rejected_rows() = error;
  response.set_rejected_count(response.rejected_count() + static_cast<int32_t>(DistinctRows(skipped)));
  std::stable_sort(response.mutable_rejected_rows()->begin(), response.mutable_rejected_rows()->end(),
                   [](const RowError& a, const RowError& b) { return a.row_number() < b.row_number(); });
}

}  // namespace attain::ctl

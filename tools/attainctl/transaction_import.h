#pragma once
// Reading a transactions CSV (the format `attain-datagen transactions` writes,
// tools/datagen/transaction_csv.h) into ImportTransactions rows, separate from the streaming
// so it is tested without a server. Row numbers are CSV lines (the header is line 1), the
// numbers the server names rows by in its errors.
//
// A record the client cannot turn into a transaction (bad quoting, a wrong number of fields,
// a type, splits or attributes cell the format cannot hold) is a row error found before
// anything is sent. What happens to such rows is the import mode's decision
// (transactions_commands.cc): all-or-nothing refuses the whole file, accept-valid skips them.

#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "attain/compensation/v1/transactions.pb.h"

namespace attain::ctl {

using TransactionRowErrors = std::vector<compensation::v1::RowError>;

// Calls `row` with each record after the header that decodes, in file order (an error it
// returns stops the reading and is returned), and returns the records that do not. A file
// that cannot be read as this CSV at all is INVALID_ARGUMENT naming `source`: an empty file,
// an unknown or repeated column, no transaction_id column, a quote left open to the end.
absl::StatusOr<TransactionRowErrors> ReadTransactionRows(
    std::istream& in, const std::string& source,
    const std::function<absl::Status(compensation::v1::TransactionImportRow&)>& row);

// How many rows the errors name (a row may have several errors, which are adjacent).
int64_t DistinctRows(const TransactionRowErrors& errors);

// The row errors as INVALID_ARGUMENT with one field violation each: "rows[7].amount", or
// "rows[7]" for a problem of the whole record.
absl::Status RowErrorsStatus(const std::string& message, const TransactionRowErrors& errors);

// Adds rows the client skipped to an accept-valid import's response: rejected_count and
// rejected_rows (kept in row order) count them too.
void AddSkippedRows(const TransactionRowErrors& skipped,
                    compensation::v1::ImportTransactionsResponse& response);

}  // namespace attain::ctl

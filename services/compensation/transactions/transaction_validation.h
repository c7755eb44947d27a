#pragma once
// Field-level validation of one transaction row, independent of every other row and of the
// stored data (duplicates within an import, unknown references and versions are checked
// later, in batch).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/compensation/transactions/transaction.h"

namespace attain::compensation::transactions {

// A problem with one field of a row: "amount", "splits[1].percent".
struct FieldProblem {
  std::string field;
  std::string reason;
  friend bool operator==(const FieldProblem&, const FieldProblem&) = default;
};

// A problem with one row, as an import reports it.
struct RowError {
  int64_t row_number = 0;
  std::string field;  // within the row: "amount", "splits[0].seller_id"
  std::string reason;
  friend bool operator==(const RowError&, const RowError&) = default;
};

inline constexpr size_t kMaxSplits = 20;
inline constexpr size_t kMaxAttributes = 50;

// Letters, digits, '-', '_' and '.'; 1-64 characters (source systems, account, product,
// seller ids and attribute keys, as the planning service spells them).
bool IsValidId(std::string_view id);
// 1-128 printable ASCII characters without spaces (source systems' own ids vary widely).
bool IsValidTransactionId(std::string_view id);

// Parses and checks every field into `out` (reusing its storage), normalizing the sign of
// reversals (transaction.h). True when `problems` gained nothing; `out` is then complete.
bool ParseTransaction(const TransactionInput& input, Transaction* out,
                      std::vector<FieldProblem>* problems);
// The same, for callers that parse one transaction.
std::optional<Transaction> ParseTransaction(const TransactionInput& input,
                                            std::vector<FieldProblem>* problems);

}  // namespace attain::compensation::transactions

#pragma once
// Sales transactions: the domain type, its as-received (text) form, and the sign convention.
//
// Sign convention: amounts are stored as they count toward credit, so a sum over any set of
// transactions needs no per-type rule. ORDER and INVOICE are never negative. CANCELLATION
// and REFUND are stored negative: a source may send them already negative or as a positive
// magnitude, which the import negates together with quantity and margin (the row becomes a
// mirror of what it reverses). ADJUSTMENT keeps the sign it was sent with.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/money/decimal.h"
#include "services/compensation/engine/plan/plan.h"

namespace attain::compensation::transactions {

// The calculation engine's transaction types, so imported rows need no translation.
using TransactionType = plan::TransactionType;

// "ORDER", "INVOICE", ... (the stored and CSV spelling).
const char* TypeName(TransactionType type);
std::optional<TransactionType> ParseTypeName(std::string_view name);
// Cancellations and refunds undo earlier revenue and are stored negative.
bool IsReversal(TransactionType type);

struct CreditSplit {
  std::string seller_id;
  money::Decimal percent;  // 0 < percent <= 100
  bool overlay = false;
  friend bool operator==(const CreditSplit&, const CreditSplit&) = default;
};

// (source_system, transaction_id) identifies a transaction across its versions.
struct TransactionKey {
  std::string source_system;
  std::string transaction_id;
  friend bool operator==(const TransactionKey&, const TransactionKey&) = default;
  template <typename H>
  friend H AbslHashValue(H h, const TransactionKey& key) {
    return H::combine(std::move(h), key.source_system, key.transaction_id);
  }
};

struct Transaction {
  TransactionKey key;
  TransactionType type = TransactionType::kOrder;
  absl::CivilDay date;
  std::string account_id;
  std::string product_id;
  money::Decimal amount;  // signed per the convention above
  std::string currency;
  std::optional<money::Decimal> quantity;
  std::optional<money::Decimal> margin;
  std::string owner_seller_id;  // "" = none
  std::vector<CreditSplit> splits;
  // Sorted by key, keys unique. A vector rather than a map so that a Transaction reused for
  // row after row keeps its storage (an import parses a million of them).
  std::vector<std::pair<std::string, std::string>> attributes;
  // The deal a CANCELLATION or REFUND reverses (same source system); "" = not linked.
  std::string original_transaction_id;
};

// One stored version of a transaction.
struct TransactionVersion {
  Transaction transaction;
  int64_t version = 1;
  int64_t import_id = 0;
  int64_t import_time_micros = 0;                    // Unix microseconds
  std::optional<int64_t> superseded_time_micros;     // unset while current
};

struct SplitInput {
  std::string_view seller_id;
  std::string_view percent;
  bool overlay = false;
};

// A transaction as received (API or CSV): decimals and dates still text, so validation can
// name every bad field instead of failing on the first. Views into the received message,
// which outlives the parse; ParseTransaction copies what it keeps.
struct TransactionInput {
  std::string_view source_system;
  std::string_view transaction_id;
  std::optional<TransactionType> type;  // nullopt: missing or not a known type
  std::string_view date;
  std::string_view account_id;
  std::string_view product_id;
  std::string_view amount;
  std::string_view currency;
  std::string_view quantity;
  std::string_view margin;
  std::string_view owner_seller_id;
  std::vector<SplitInput> splits;
  std::vector<std::pair<std::string_view, std::string_view>> attributes;
  std::string_view original_transaction_id;
};

}  // namespace attain::compensation::transactions

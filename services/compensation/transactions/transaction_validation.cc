#include "services/compensation/transactions/transaction_validation.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/time/dates.h"

namespace attain::compensation::transactions {
namespace {

using money::Decimal;

constexpr size_t kMaxIdLength = 64;
constexpr size_t kMaxTransactionIdLength = 128;
constexpr size_t kMaxAttributeValueLength = 1000;
constexpr char kIdRule[] = "is required: 1-64 letters, digits, '-', '_' or '.'";
const Decimal kHundred = Decimal::FromUnits(100);

// Debian's Abseil has its own string_view, which StrCat takes.
absl::string_view AsAbsl(std::string_view text) { return {text.data(), text.size()}; }

// Collects the problems of one row.
class Problems {
 public:
  explicit Problems(std::vector<FieldProblem>* out) : out_(out), before_(out->size()) {}
  void Add(std::string_view field, std::string reason) {
    out_->push_back({std::string(field), std::move(reason)});
  }
  bool Clean() const { return out_->size() == before_; }

  // A decimal; empty text is nullopt, and a problem when `required`.
  std::optional<Decimal> Number(std::string_view field, std::string_view text, bool required) {
    if (text.empty()) {
      if (required) Add(field, "is required (a decimal such as 1250.50)");
      return std::nullopt;
    }
    auto value = Decimal::Parse(text);
    if (!value.ok()) {
      Add(field, "must be a decimal with at most 6 fractional digits, such as 1250.50");
      return std::nullopt;
    }
    return *value;
  }

  void Id(std::string_view field, std::string_view id) {
    if (!IsValidId(id)) Add(field, kIdRule);
  }

 private:
  std::vector<FieldProblem>* out_;
  size_t before_;
};

// Splits: valid seller ids, each at most once, percents in (0, 100], and the primary (non-overlay)
// ones totalling exactly 100 unless every split is an overlay.
void ParseSplits(const std::vector<SplitInput>& input, Problems& problems,
                 std::vector<CreditSplit>* splits) {
  if (input.size() > kMaxSplits) {
    problems.Add("splits", absl::StrCat("at most ", kMaxSplits, " splits"));
    return;
  }
  absl::flat_hash_set<std::string_view> sellers;
  Decimal primary_total;
  bool any_primary = false;
  bool totals_known = true;
  for (size_t i = 0; i < input.size(); ++i) {
    const SplitInput& split = input[i];
    auto field = [i](const char* name) { return absl::StrCat("splits[", i, "].", name); };
    if (!IsValidId(split.seller_id)) {
      problems.Add(field("seller_id"), kIdRule);
    } else if (!sellers.insert(split.seller_id).second) {
      problems.Add(field("seller_id"), "names a seller who already has a split");
    }
    std::optional<Decimal> percent = problems.Number(field("percent"), split.percent, true);
    if (percent && (*percent <= Decimal() || *percent > kHundred)) {
      problems.Add(field("percent"), "must be above 0 and at most 100");
      percent.reset();
    }
    if (!percent) {
      totals_known = false;
      continue;
    }
    splits->push_back({std::string(split.seller_id), *percent, split.overlay});
    if (!split.overlay) {
      any_primary = true;
      // At most 20 splits of at most 100 each: the sum cannot overflow.
      primary_total = *primary_total.Add(*percent);
    }
  }
  if (totals_known && any_primary && primary_total != kHundred) {
    problems.Add("splits", absl::StrCat("the splits not marked overlay total ",
                                        primary_total.ToString(), " %; they must total exactly 100"));
  }
}

// Applies the sign convention of transaction.h to the parsed amount, quantity and margin.
void NormalizeSign(TransactionType type, Problems& problems, Decimal* amount,
                   std::optional<Decimal>* quantity, std::optional<Decimal>* margin) {
  if (type == TransactionType::kAdjustment) return;
  if (!IsReversal(type)) {
    const char* name = TypeName(type);
    if (amount->IsNegative()) {
      problems.Add("amount", absl::StrCat("must not be negative on an ", name,
                                          "; send a CANCELLATION or REFUND instead"));
    }
    if (*quantity && (*quantity)->IsNegative()) {
      problems.Add("quantity", absl::StrCat("must not be negative on an ", name));
    }
    return;
  }
  // A reversal sent as a positive magnitude: mirror the whole row.
  if (*amount > Decimal()) {
    *amount = amount->Negated();
    if (*quantity) *quantity = (*quantity)->Negated();
    if (*margin) *margin = (*margin)->Negated();
  }
  if (*quantity && **quantity > Decimal()) {
    problems.Add("quantity",
                 "must have the amount's sign on a CANCELLATION or REFUND (both negative, or "
                 "both positive to be negated together)");
  }
}

}  // namespace

bool IsValidId(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

bool IsValidTransactionId(std::string_view id) {
  if (id.empty() || id.size() > kMaxTransactionIdLength) return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return c > ' ' && c <= '~'; });
}

bool ParseTransaction(const TransactionInput& input, Transaction* out,
                      std::vector<FieldProblem>* problems_out) {
  Problems problems(problems_out);
  Transaction& transaction = *out;
  transaction.key.source_system.assign(input.source_system);
  problems.Id("source_system", input.source_system);
  transaction.key.transaction_id.assign(input.transaction_id);
  if (!IsValidTransactionId(input.transaction_id)) {
    problems.Add("transaction_id", "is required: 1-128 printable ASCII characters, no spaces");
  }
  if (input.type) {
    transaction.type = *input.type;
  } else {
    problems.Add("type", "is required: ORDER, INVOICE, CANCELLATION, REFUND or ADJUSTMENT");
  }
  if (input.date.empty()) {
    problems.Add("transaction_date", "is required (YYYY-MM-DD)");
  } else if (auto day = dates::Parse(input.date, "transaction_date"); day.ok()) {
    transaction.date = *day;
  } else {
    problems.Add("transaction_date", "must be a calendar date YYYY-MM-DD");
  }
  transaction.account_id.assign(input.account_id);
  problems.Id("account_id", input.account_id);
  transaction.product_id.assign(input.product_id);
  problems.Id("product_id", input.product_id);
  std::optional<Decimal> amount = problems.Number("amount", input.amount, true);
  transaction.currency.assign(input.currency);
  if (!money::IsCurrencyCode(input.currency)) {
    problems.Add("currency", "must be an ISO-4217 code such as USD");
  }
  transaction.quantity = problems.Number("quantity", input.quantity, false);
  transaction.margin = problems.Number("margin", input.margin, false);
  if (amount) {
    transaction.amount = *amount;
    if (input.type) {
      NormalizeSign(*input.type, problems, &transaction.amount, &transaction.quantity,
                    &transaction.margin);
    }
  }
  transaction.owner_seller_id.assign(input.owner_seller_id);
  if (!input.owner_seller_id.empty()) problems.Id("owner_seller_id", input.owner_seller_id);
  transaction.splits.clear();
  ParseSplits(input.splits, problems, &transaction.splits);
  if (input.attributes.size() > kMaxAttributes) {
    problems.Add("attributes", absl::StrCat("at most ", kMaxAttributes, " attributes"));
  }
  transaction.attributes.clear();
  for (const auto& [key, value] : input.attributes) {
    if (!IsValidId(key)) {
      problems.Add(absl::StrCat("attributes[", AsAbsl(key), "]"),
                   "keys are 1-64 letters, digits, '-', '_' or '.'");
    } else if (value.size() > kMaxAttributeValueLength) {
      problems.Add(absl::StrCat("attributes[", AsAbsl(key), "]"), "must be at most 1000 characters");
    } else if (value.find('\0') != std::string_view::npos) {
      // PostgreSQL text cannot hold NUL.
      problems.Add(absl::StrCat("attributes[", AsAbsl(key), "]"), "must not contain NUL characters");
    } else {
      transaction.attributes.emplace_back(key, value);
    }
  }
  transaction.original_transaction_id.assign(input.original_transaction_id);
  if (!input.original_transaction_id.empty()) {
    if (!IsValidTransactionId(input.original_transaction_id)) {
      problems.Add("original_transaction_id", "must be 1-128 printable ASCII characters, no spaces");
    } else if (input.type && !IsReversal(*input.type)) {
      problems.Add("original_transaction_id",
                   "only a CANCELLATION or REFUND names the deal it reverses");
    } else if (input.original_transaction_id == input.transaction_id) {
      problems.Add("original_transaction_id", "must name another transaction than itself");
    }
  }
  std::sort(transaction.attributes.begin(), transaction.attributes.end());
  for (size_t i = 1; i < transaction.attributes.size(); ++i) {
    if (transaction.attributes[i].first == transaction.attributes[i - 1].first) {
      problems.Add(absl::StrCat("attributes[", transaction.attributes[i].first, "]"),
                   "is given twice");
    }
  }
  return problems.Clean();
}

std::optional<Transaction> ParseTransaction(const TransactionInput& input,
                                            std::vector<FieldProblem>* problems) {
  Transaction transaction;
  if (!ParseTransaction(input, &transaction, problems)) return std::nullopt;
  return transaction;
}

}  // namespace attain::compensation::transactions

#include "tools/datagen/transaction_csv.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace attain::datagen {
namespace {

using compensation::v1::CreditSplit;
using compensation::v1::Transaction;
using compensation::v1::TransactionType;
using csv::Text;

constexpr char kTypePrefix[] = "TRANSACTION_TYPE_";

std::string TypeName(const Transaction& t) {
  if (t.type() == compensation::v1::TRANSACTION_TYPE_UNSPECIFIED) return "";
  return compensation::v1::TransactionType_Name(t.type()).substr(sizeof(kTypePrefix) - 1);
}

std::optional<std::string> SetType(const std::string& cell, Transaction& t) {
  TransactionType type = compensation::v1::TRANSACTION_TYPE_UNSPECIFIED;
  if (!cell.empty() && (cell == "UNSPECIFIED" ||
                        !compensation::v1::TransactionType_Parse(kTypePrefix + cell, &type))) {
    return "must be ORDER, INVOICE, CANCELLATION, REFUND or ADJUSTMENT";
  }
  t.set_type(type);
  return std::nullopt;
}

std::string SplitsText(const Transaction& t) {
  std::string out;
  for (const CreditSplit& split : t.splits()) {
    absl::StrAppend(&out, out.empty() ? "" : ";", split.seller_id(), ":", split.percent(),
                    split.overlay() ? ":overlay" : "");
  }
  return out;
}

std::optional<std::string> SetSplits(const std::string& cell, Transaction& t) {
  t.clear_splits();
  if (cell.empty()) return std::nullopt;
  for (absl::string_view entry : absl::StrSplit(cell, ';')) {
    std::vector<std::string> parts = absl::StrSplit(entry, ':');
    const bool overlay = parts.size() == 3 && parts[2] == "overlay";
    if (parts.size() != 2 && !overlay) {
      return "entries are seller:percent or seller:percent:overlay, separated by ';'";
    }
    CreditSplit* split = t.add_splits();
    split->set_seller_id(parts[0]);
    split->set_percent(parts[1]);
    split->set_overlay(overlay);
  }
  return std::nullopt;
}

std::string AttributesJson(const Transaction& t) {
  if (t.attributes().empty()) return "";
  nlohmann::json json = nlohmann::json::object();
  for (const auto& [key, value] : t.attributes()) json[key] = value;
  return json.dump();  // keys sorted: the same transaction always writes the same text
}

std::optional<std::string> SetAttributes(const std::string& cell, Transaction& t) {
  t.clear_attributes();
  if (cell.empty()) return std::nullopt;
  const nlohmann::json json = nlohmann::json::parse(cell, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return "must be a JSON object such as {\"channel\":\"partner\"}";
  for (const auto& [key, value] : json.items()) {
    if (!value.is_string()) return "attribute values must be strings";
    (*t.mutable_attributes())[key] = value.get<std::string>();
  }
  return std::nullopt;
}

}  // namespace

const csv::RecordCodec<Transaction>& TransactionsCsv() {
  static const auto* const kCodec = new csv::RecordCodec<Transaction>(
      {Text<Transaction>("source_system", "The system the transaction comes from",
                         &Transaction::source_system, &Transaction::set_source_system),
       Text<Transaction>("transaction_id", "The source system's id",
                         &Transaction::transaction_id, &Transaction::set_transaction_id),
       {"type", "ORDER, INVOICE, CANCELLATION, REFUND or ADJUSTMENT", TypeName, SetType},
       Text<Transaction>("transaction_date", "YYYY-MM-DD", &Transaction::transaction_date,
                         &Transaction::set_transaction_date),
       Text<Transaction>("account_id", "Account id", &Transaction::account_id,
                         &Transaction::set_account_id),
       Text<Transaction>("product_id", "Product id", &Transaction::product_id,
                         &Transaction::set_product_id),
       Text<Transaction>("amount", "Decimal amount", &Transaction::amount, &Transaction::set_amount),
       Text<Transaction>("currency", "ISO-4217 code of amount and margin", &Transaction::currency,
                         &Transaction::set_currency),
       Text<Transaction>("quantity", "Decimal quantity (optional)", &Transaction::quantity,
                         &Transaction::set_quantity),
       Text<Transaction>("margin", "Decimal margin (optional)", &Transaction::margin,
                         &Transaction::set_margin),
       Text<Transaction>("owner_seller_id", "Owning seller (optional)",
                         &Transaction::owner_seller_id, &Transaction::set_owner_seller_id),
       {"splits", "seller:percent[:overlay] entries separated by ';'", SplitsText, SetSplits},
       {"attributes", "Custom attributes as a JSON object", AttributesJson, SetAttributes},
       Text<Transaction>("original_transaction_id",
                         "CANCELLATION/REFUND: the id of the deal it reverses (optional)",
                         &Transaction::original_transaction_id,
                         &Transaction::set_original_transaction_id)},
      "transaction_id");
  return *kCodec;
}

}  // namespace attain::datagen

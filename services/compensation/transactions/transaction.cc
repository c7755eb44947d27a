#include "services/compensation/transactions/transaction.h"

#include <cstdlib>

namespace attain::compensation::transactions {
namespace {

constexpr std::pair<TransactionType, const char*> kTypeNames[] = {
    {TransactionType::kOrder, "ORDER"},
    {TransactionType::kInvoice, "INVOICE"},
    {TransactionType::kCancellation, "CANCELLATION"},
    {TransactionType::kRefund, "REFUND"},
    {TransactionType::kAdjustment, "ADJUSTMENT"}};

}  // namespace

const char* TypeName(TransactionType type) {
  for (const auto& [value, name] : kTypeNames) {
    if (value == type) return name;
  }
  std::abort();  // every enumerator is listed in kTypeNames
}

std::optional<TransactionType> ParseTypeName(std::string_view name) {
  for (const auto& [value, type_name] : kTypeNames) {
    if (name == type_name) return value;
  }
  return std::nullopt;
}

bool IsReversal(TransactionType type) {
  return type == TransactionType::kCancellation || type == TransactionType::kRefund;
}

}  // namespace attain::compensation::transactions

#pragma once
// What the transaction generators share: the mix of transaction types, money as cents text,
// split shares and attribute values. Both draw from these in the same way, so a change here
// changes both generators' output.

#include <cstdint>
#include <string>
#include <vector>

#include "tools/datagen/random.h"

namespace attain::datagen {

struct TransactionKind {
  const char* type;       // ORDER, INVOICE, CANCELLATION, REFUND, ADJUSTMENT
  const char* id_prefix;  // of the transaction id
  int percent;            // of all rows
};

// 55 % orders, 35 % invoices, 4 % cancellations, 4 % refunds, 2 % adjustments.
const TransactionKind& PickKind(Random& random);
// Whether a row of `type` is sent negative: half the cancellations, refunds and adjustments
// (the other half of the reversals come as positive magnitudes, as source systems send them).
bool DrawNegative(Random& random, const std::string& type);

// "-12.05" from -1205.
std::string Cents(int64_t cents);
// "1234.50" -> 123450.
int64_t PriceCents(const std::string& list_price);

// An index of [0, n) other than those in `taken` (sorted ascending, fewer than n).
size_t PickOther(Random& random, size_t n, const std::vector<size_t>& taken);

// Split shares in percent: {60, 40}, {50, 50} or {70, 30}.
const int* PickSplitShares(Random& random);
const char* PickChannel(Random& random);
const char* PickDealType(Random& random);

}  // namespace attain::datagen

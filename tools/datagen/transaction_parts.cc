#include "tools/datagen/transaction_parts.h"

#include <iterator>

#include "absl/strings/str_format.h"

namespace attain::datagen {
namespace {

constexpr TransactionKind kKinds[] = {{"ORDER", "SO", 55},       {"INVOICE", "INV", 35},
                                      {"CANCELLATION", "CX", 4}, {"REFUND", "RF", 4},
                                      {"ADJUSTMENT", "ADJ", 2}};
constexpr const char* kChannels[] = {"direct", "partner", "online"};
constexpr const char* kDealTypes[] = {"new", "expansion", "renewal"};
constexpr int kSplits[][2] = {{60, 40}, {50, 50}, {70, 30}};

}  // namespace

const TransactionKind& PickKind(Random& random) {
  int roll = static_cast<int>(random.Below(100));
  for (const TransactionKind& kind : kKinds) {
    if (roll < kind.percent) return kind;
    roll -= kind.percent;
  }
  return kKinds[0];
}

bool DrawNegative(Random& random, const std::string& type) {
  return ((type == "CANCELLATION" || type == "REFUND") && random.Below(2) == 0) ||
         (type == "ADJUSTMENT" && random.Below(2) == 0);
}

std::string Cents(int64_t cents) {
  const char* sign = cents < 0 ? "-" : "";
  if (cents < 0) cents = -cents;
  return absl::StrFormat("%s%d.%02d", sign, cents / 100, cents % 100);
}

int64_t PriceCents(const std::string& list_price) {
  const size_t dot = list_price.find('.');
  return std::stoll(list_price.substr(0, dot)) * 100 + std::stoll(list_price.substr(dot + 1));
}

size_t PickOther(Random& random, size_t n, const std::vector<size_t>& taken) {
  size_t index = random.Below(n - taken.size());
  for (size_t t : taken) {
    if (index >= t) ++index;
  }
  return index;
}

const int* PickSplitShares(Random& random) { return kSplits[random.Below(std::size(kSplits))]; }
const char* PickChannel(Random& random) { return kChannels[random.Below(std::size(kChannels))]; }
const char* PickDealType(Random& random) { return kDealTypes[random.Below(std::size(kDealTypes))]; }

}  // namespace attain::datagen

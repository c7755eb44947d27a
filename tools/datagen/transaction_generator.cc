#include "tools/datagen/transaction_generator.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "common/time/dates.h"
#include "tools/attainctl/csv.h"
#include "tools/datagen/catalog_generator.h"
#include "tools/datagen/org_generator.h"
#include "tools/datagen/random.h"
#include "tools/datagen/transaction_csv.h"

namespace attain::datagen {
namespace {

// The same last day as the bookings history.
const absl::CivilDay kLastDay(2026, 10, 31);

struct Kind {
  const char* type;
  const char* id_prefix;
  int percent;
};
constexpr Kind kKinds[] = {{"ORDER", "SO", 55},       {"INVOICE", "INV", 35},
                           {"CANCELLATION", "CX", 4}, {"REFUND", "RF", 4},
                           {"ADJUSTMENT", "ADJ", 2}};
constexpr const char* kChannels[] = {"direct", "partner", "online"};
constexpr const char* kDealTypes[] = {"new", "expansion", "renewal"};
constexpr int kSplits[][2] = {{60, 40}, {50, 50}, {70, 30}};

std::string Cents(int64_t cents) {
  const char* sign = cents < 0 ? "-" : "";
  if (cents < 0) cents = -cents;
  return absl::StrFormat("%s%d.%02d", sign, cents / 100, cents % 100);
}

int64_t PriceCents(const std::string& list_price) {
  const size_t dot = list_price.find('.');
  return std::stoll(list_price.substr(0, dot)) * 100 + std::stoll(list_price.substr(dot + 1));
}

// An index of [0, n) other than those in `taken` (sorted ascending, fewer than n).
size_t PickOther(Random& random, size_t n, std::vector<size_t> taken) {
  size_t index = random.Below(n - taken.size());
  for (size_t t : taken) {
    if (index >= t) ++index;
  }
  return index;
}

const Kind& PickKind(Random& random) {
  int roll = static_cast<int>(random.Below(100));
  for (const Kind& kind : kKinds) {
    if (roll < kind.percent) return kind;
    roll -= kind.percent;
  }
  return kKinds[0];
}

}  // namespace

int64_t WriteTransactionsCsv(const TransactionOptions& options, std::string* out) {
  const auto accounts = GenerateAccounts({.seed = options.seed, .count = options.accounts});
  const auto products = GenerateProducts(options.seed);
  std::vector<int64_t> price_cents;
  for (const auto& product : products) price_cents.push_back(PriceCents(product.list_price()));
  std::vector<std::string> reps;
  for (const auto& seller : GenerateOrg({.seed = options.seed, .reps = options.reps})) {
    if (seller.title() == "Account Executive" && seller.termination_date().empty()) {
      reps.push_back(seller.seller_id());
    }
  }
  // A stream of its own, so transactions do not change when another generator draws more.
  Random random(options.seed ^ 0x7f4a7c159e3779b9ULL);
  const absl::CivilDay first_day =
      absl::CivilDay(absl::CivilMonth(kLastDay) - (options.months - 1));
  const int64_t days = kLastDay - first_day + 1;
  const int id_width = std::max<int>(8, absl::StrCat(options.count).size());

  const auto& codec = TransactionsCsv();
  *out = csv::FormatRecord(codec.Header());
  out->reserve(out->size() + options.count * 160);
  compensation::v1::Transaction t;
  for (int64_t i = 0; i < options.count; ++i) {
    t.Clear();
    const Kind& kind = PickKind(random);
    const auto& account = accounts[random.Below(accounts.size())];
    const size_t product = random.Below(products.size());
    const int64_t quantity = random.Between(1, 5);
    // 70 %-100 % of list: discounts are normal.
    int64_t cents = price_cents[product] * quantity * random.Between(70, 100) / 100;
    const int64_t margin = cents * random.Between(20, 60) / 100;
    int64_t signed_quantity = quantity;
    int64_t signed_margin = margin;
    const std::string type = kind.type;
    const bool negative = ((type == "CANCELLATION" || type == "REFUND") && random.Below(2) == 0) ||
                          (type == "ADJUSTMENT" && random.Below(2) == 0);
    if (negative) {
      cents = -cents;
      signed_quantity = -quantity;
      signed_margin = -margin;
    }
    t.set_source_system(options.source_system);
    t.set_transaction_id(absl::StrFormat("%s-%0*d", kind.id_prefix, id_width, i + 1));
    compensation::v1::TransactionType proto_type = compensation::v1::TRANSACTION_TYPE_UNSPECIFIED;
    compensation::v1::TransactionType_Parse(absl::StrCat("TRANSACTION_TYPE_", type), &proto_type);
    t.set_type(proto_type);
    t.set_transaction_date(dates::Format(first_day + random.Below(days)));
    t.set_account_id(account.account_id());
    t.set_product_id(products[product].product_id());
    t.set_amount(Cents(cents));
    t.set_currency(account.currency());
    t.set_quantity(absl::StrCat(signed_quantity));
    t.set_margin(Cents(signed_margin));
    const size_t owner = random.Below(reps.size());
    t.set_owner_seller_id(reps[owner]);
    const int split_roll = static_cast<int>(random.Below(100));
    if (split_roll >= 70 && reps.size() >= 3) {
      const size_t partner = PickOther(random, reps.size(), {owner});
      const int* shares = kSplits[random.Below(std::size(kSplits))];
      for (auto [seller, share] : {std::pair{owner, shares[0]}, std::pair{partner, shares[1]}}) {
        auto* split = t.add_splits();
        split->set_seller_id(reps[seller]);
        split->set_percent(absl::StrCat(share));
      }
      if (split_roll >= 95) {
        // An overlay specialist on top of the primary 100 %.
        auto* overlay = t.add_splits();
        overlay->set_seller_id(
            reps[PickOther(random, reps.size(), {std::min(owner, partner), std::max(owner, partner)})]);
        overlay->set_percent("100");
        overlay->set_overlay(true);
      }
    }
    if (random.Below(2) == 0) {
      (*t.mutable_attributes())["channel"] = kChannels[random.Below(std::size(kChannels))];
      (*t.mutable_attributes())["deal_type"] = kDealTypes[random.Below(std::size(kDealTypes))];
    }
    *out += csv::FormatRecord(codec.ToFields(t));
  }
  return options.count;
}

}  // namespace attain::datagen

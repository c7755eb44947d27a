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
#include "tools/datagen/transaction_parts.h"

namespace attain::datagen {
namespace {

// The same last day as the bookings history.
const absl::CivilDay kLastDay(2026, 10, 31);

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
    const TransactionKind& kind = PickKind(random);
    const auto& account = accounts[random.Below(accounts.size())];
    const size_t product = random.Below(products.size());
    const int64_t quantity = random.Between(1, 5);
    // 70 %-100 % of list: discounts are normal.
    int64_t cents = price_cents[product] * quantity * random.Between(70, 100) / 100;
    const int64_t margin = cents * random.Between(20, 60) / 100;
    int64_t signed_quantity = quantity;
    int64_t signed_margin = margin;
    const std::string type = kind.type;
    if (DrawNegative(random, type)) {
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
      const int* shares = PickSplitShares(random);
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
      (*t.mutable_attributes())["channel"] = PickChannel(random);
      (*t.mutable_attributes())["deal_type"] = PickDealType(random);
    }
    *out += csv::FormatRecord(codec.ToFields(t));
  }
  return options.count;
}

}  // namespace attain::datagen

#pragma once
// Credit templates: the credits a territory-credited (or owner-credited) transaction
// produces depend only on its account (or owner) and its date, and the organization
// changes rarely. A template is that credit list with the widest day range over which it
// stays the same — bounded by every period the resolution looked at (the account's
// territories, their coverage, the reporting lines walked for roll-up) — so most
// transactions reuse one instead of resolving the organization again.
//
// A template's credits are exactly those CreditTransactions produces for a transaction of
// that account or owner on any day of its range (transaction index, territory and depth
// aside: sums need only seller, share and rule), so sums built from templates equal sums
// built from materialized credits to the micro-unit.
//
// Layout, for the cache: every template's credits sit in one arena, 16 bytes each; an
// account's (or owner's) first template sits in a flat per-account (per-owner) array and
// the rare further ones (the organization changed within the dates met) in a chained side
// array. Transactions in account order, as a run hands them, hit one template in a row.

#include <span>
#include <vector>

#include "services/compensation/engine/credit/crediting.h"

namespace attain::compensation::credit {

// What summing needs of a credit.
struct SumCredit {
  Decimal fraction;
  uint32_t seller = kNone;
  CreditRule rule = CreditRule::kOwner;
};

// One per thread: not thread-safe, grows as accounts and owners are met.
class TemplateCache {
 public:
  TemplateCache(const OrgIndex& org, const RollUpPolicy& policy);

  // The credits of a transaction without an explicit split list (owner or territory); valid
  // until the next call.
  std::span<const SumCredit> For(const Transaction& transaction);
  // Hints that For(transaction) comes soon: loads its key's first template (far ahead) or that
  // template's credits (near ahead) into the cache, so transactions in random account order
  // do not wait on memory one after another.
  void PrefetchTemplate(const Transaction& transaction) const {
    if (const Template* head = Head(transaction)) __builtin_prefetch(head);
  }
  void PrefetchCredits(const Transaction& transaction) const {
    const Template* head = Head(transaction);
    if (head == nullptr || head->count == 0) return;
    __builtin_prefetch(arena_.data() + head->first);
    __builtin_prefetch(arena_.data() + head->first + head->count - 1);
  }

 private:
  // Credits arena_[first, first + count) over `valid`; an empty `valid` (as constructed)
  // marks an account or owner not met yet.
  struct Template {
    DayRange valid{kOpenEnd, 0};
    uint32_t first = 0;
    uint32_t count = 0;
    uint32_t next = kNone;  // the key's next template, in more_
  };

  // A transaction's templates are keyed by its owner, else by its account; each key's first
  // template sits in the key's slot.
  static uint32_t KeyOf(const Transaction& t) { return t.owner != kNone ? t.owner : t.account; }
  std::vector<Template>& SlotsOf(const Transaction& t) {
    return t.owner != kNone ? by_owner_ : by_account_;
  }
  const std::vector<Template>& SlotsOf(const Transaction& t) const {
    return t.owner != kNone ? by_owner_ : by_account_;
  }
  // The transaction's key's first template, or null before the key's slot exists.
  const Template* Head(const Transaction& transaction) const {
    const std::vector<Template>& slots = SlotsOf(transaction);
    const uint32_t key = KeyOf(transaction);
    return key < slots.size() ? &slots[key] : nullptr;
  }
  std::span<const SumCredit> Credits(const Template& t) const {
    return {arena_.data() + t.first, t.count};
  }
  // Resolves a template for `transaction` and links it into the key's chain at `head`.
  std::span<const SumCredit> Resolve(Template& head, const Transaction& transaction);

  const OrgIndex& org_;
  const RollUpPolicy& policy_;
  std::vector<Template> by_account_;
  std::vector<Template> by_owner_;
  std::vector<Template> more_;
  std::vector<SumCredit> arena_;
  std::vector<Credit> scratch_;
};

}  // namespace attain::compensation::credit

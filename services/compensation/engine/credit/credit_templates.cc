#include "services/compensation/engine/credit/credit_templates.h"

#include <algorithm>

namespace attain::compensation::credit {
namespace {

// Narrows `valid` to the days on which `period`'s relation to `day` (holding it or not)
// stays the same.
void Bound(const DayRange& period, Day day, DayRange* valid) {
  if (period.Contains(day)) {
    valid->first = std::max(valid->first, period.first);
    valid->last = std::min(valid->last, period.last);
  } else if (period.last < day) {
    valid->first = std::max(valid->first, period.last + 1);
  } else {
    valid->last = std::min(valid->last, period.first - 1);
  }
}

// The reporting lines walked for roll-up from `seller` on `day`.
void BoundChain(const OrgIndex& org, const RollUpPolicy& policy, uint32_t seller, Day day, DayRange* valid) {
  for (int depth = 1; depth <= policy.max_depth && seller != kNone; ++depth) {
    uint32_t manager = kNone;
    for (const ReportingLine& line : org.LinesOf(seller)) {
      Bound(line.when, day, valid);
      // The first line holding the day, as OrgIndex::ManagerOn picks it.
      if (line.when.Contains(day) && manager == kNone) manager = line.manager;
    }
    seller = manager;
  }
}

}  // namespace

TemplateCache::TemplateCache(const OrgIndex& org, const RollUpPolicy& policy)
    : org_(org), policy_(policy), by_owner_(org.sellers()) {}

const std::vector<Credit>& TemplateCache::For(const Transaction& transaction) {
  if (transaction.owner != kNone && transaction.owner < by_owner_.size()) {
    return Resolve(by_owner_[transaction.owner], transaction).credits;
  }
  if (transaction.account >= by_account_.size()) {
    by_account_.resize(std::max<size_t>(transaction.account + 1, by_account_.size() * 2));
  }
  return Resolve(by_account_[transaction.account], transaction).credits;
}

const CreditTemplate& TemplateCache::Resolve(std::vector<CreditTemplate>& slot,
                                             const Transaction& transaction) {
  const Day day = transaction.date;
  for (const CreditTemplate& t : slot) {
    if (t.valid.Contains(day)) return t;
  }
  CreditTemplate made;
  Transaction probe;
  probe.date = day;
  probe.account = transaction.account;
  probe.owner = transaction.owner;
  CreditTransactions(std::span<const Transaction>(&probe, 1), 0, org_, policy_, &made.credits);
  made.valid = {std::numeric_limits<Day>::min(), kOpenEnd};
  if (probe.owner == kNone) {
    for (const AccountTerritory& at : org_.TerritoriesOf(probe.account)) {
      Bound(at.when, day, &made.valid);
      if (!at.when.Contains(day)) continue;
      for (const Coverage& c : org_.CoverageOf(at.territory)) Bound(c.when, day, &made.valid);
    }
  }
  for (const Credit& c : made.credits) {
    if (c.rule != CreditRule::kRollUp) BoundChain(org_, policy_, c.seller, day, &made.valid);
  }
  slot.push_back(std::move(made));
  return slot.back();
}

}  // namespace attain::compensation::credit

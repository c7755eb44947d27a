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
    : org_(org), policy_(policy), by_account_(org.accounts()), by_owner_(org.sellers()) {}

std::span<const SumCredit> TemplateCache::For(const Transaction& transaction) {
  std::vector<Template>& slots = SlotsOf(transaction);
  const uint32_t key = KeyOf(transaction);
  if (key >= slots.size()) slots.resize(std::max<size_t>(size_t{key} + 1, slots.size() * 2));
  Template& head = slots[key];
  if (head.valid.Contains(transaction.date)) return Credits(head);
  for (uint32_t next = head.next; next != kNone; next = more_[next].next) {
    if (more_[next].valid.Contains(transaction.date)) return Credits(more_[next]);
  }
  return Resolve(head, transaction);
}

std::span<const SumCredit> TemplateCache::Resolve(Template& head, const Transaction& transaction) {
  const Day day = transaction.date;
  Transaction probe;
  probe.date = day;
  probe.account = transaction.account;
  probe.owner = transaction.owner;
  scratch_.clear();
  CreditTransactions(std::span<const Transaction>(&probe, 1), {}, 0, org_, policy_, &scratch_);
  Template made;
  made.valid = {std::numeric_limits<Day>::min(), kOpenEnd};
  if (probe.owner == kNone) {
    for (const AccountTerritory& at : org_.TerritoriesOf(probe.account)) {
      Bound(at.when, day, &made.valid);
      if (!at.when.Contains(day)) continue;
      for (const Coverage& c : org_.CoverageOf(at.territory)) Bound(c.when, day, &made.valid);
    }
  }
  for (const Credit& c : scratch_) {
    if (c.rule != CreditRule::kRollUp) BoundChain(org_, policy_, c.seller, day, &made.valid);
  }
  made.first = static_cast<uint32_t>(arena_.size());
  made.count = static_cast<uint32_t>(scratch_.size());
  for (const Credit& c : scratch_) arena_.push_back({c.fraction, c.seller, c.rule});
  if (head.valid.first > head.valid.last) {  // the key's first template
    head = made;
    return Credits(head);
  }
  made.next = head.next;
  head.next = static_cast<uint32_t>(more_.size());
  more_.push_back(made);
  return Credits(more_.back());
}

}  // namespace attain::compensation::credit

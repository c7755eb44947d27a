#pragma once
// Credit templates: the credits a territory-credited (or owner-credited) transaction
// produces depend only on its account (or owner) and its date, and the organization
// changes rarely. A template is that credit list with the widest day range over which it
// stays the same — bounded by every period the resolution looked at (the account's
// territories, their coverage, the reporting lines walked for roll-up) — so most
// transactions reuse one instead of resolving the organization again.
//
// A template's credits are exactly those CreditTransactions produces for a transaction of
// that account or owner on any day of its range (transaction index aside), so sums built
// from templates equal sums built from materialized credits to the micro-unit.

#include <vector>

#include "services/compensation/engine/credit/crediting.h"

namespace attain::compensation::credit {

struct CreditTemplate {
  DayRange valid;
  std::vector<Credit> credits;  // transaction index 0
};

// One per thread: not thread-safe, grows as accounts and owners are met.
class TemplateCache {
 public:
  TemplateCache(const OrgIndex& org, const RollUpPolicy& policy);

  // The credits of a transaction without an explicit split list (owner or territory).
  const std::vector<Credit>& For(const Transaction& transaction);

 private:
  const CreditTemplate& Resolve(std::vector<CreditTemplate>& slot, const Transaction& transaction);

  const OrgIndex& org_;
  const RollUpPolicy& policy_;
  std::vector<std::vector<CreditTemplate>> by_account_;
  std::vector<std::vector<CreditTemplate>> by_owner_;
};

}  // namespace attain::compensation::credit

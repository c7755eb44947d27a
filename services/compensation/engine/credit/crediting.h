#pragma once
// Crediting: which sellers a transaction counts for, with what share, and why.
//
// Per transaction, in this order of precedence:
//   1. an explicit split list: each listed seller gets their fraction (overlay shares on
//      top of the 100 %);                                                   -> kSplit
//   2. otherwise an owner: the owner gets 1;                                -> kOwner
//   3. otherwise territories: every territory of the account on the transaction date, and
//      every seller covering it that day with their split — the primary role of a
//      geographic or named-account territory as kTerritory, overlay roles and every seller
//      of an overlay territory as kOverlay.
// Then roll-up: each credited seller's managers on the transaction date, up to
// `max_depth` levels and only those the policy lets receive, get indirect credit of the
// same share (kRollUp). A manager reached through several credited sellers of one
// transaction gets one roll-up credit with their shares summed, at the smallest depth.
//
// Output order is deterministic: by transaction, then direct credits in rule order, then
// roll-ups by manager index — independent of how many threads ran.

#include <cstdint>
#include <span>
#include <vector>

#include "services/compensation/engine/credit/inputs.h"
#include "services/compensation/engine/credit/org_index.h"

namespace attain::compensation::credit {

enum class CreditRule : uint8_t { kSplit, kOwner, kTerritory, kOverlay, kRollUp };

struct Credit {
  uint32_t transaction = 0;  // index into the run's transactions
  uint32_t seller = kNone;
  Decimal fraction;          // share of the transaction credited
  CreditRule rule = CreditRule::kOwner;
  // kTerritory / kOverlay: the territory; kRollUp: the nearest credited seller below.
  uint32_t via = kNone;
  uint8_t depth = 0;         // kRollUp: levels above `via`
};

// Credits of `transactions` (whose indices start at `first_index`), appended to `out`.
// `splits` is the split table the transactions' split lists point into.
void CreditTransactions(std::span<const Transaction> transactions,
                        std::span<const SplitShare> splits, uint32_t first_index,
                        const OrgIndex& org, const RollUpPolicy& policy, std::vector<Credit>* out);

// The same over `threads` contiguous chunks run in parallel, concatenated in order.
std::vector<Credit> CreditAll(std::span<const Transaction> transactions,
                              std::span<const SplitShare> splits, const OrgIndex& org,
                              const RollUpPolicy& policy, int threads);

}  // namespace attain::compensation::credit

#pragma once
// The reference assigner: for each account, every rule in precedence order, first match per
// territory type wins. Obviously correct and slow (accounts x rules); the tests use it as the
// oracle for RuleIndex and the bench as the baseline.

#include <memory>

#include "services/planning/engine/territory/assignments.h"

namespace attain::planning::territory {

WinnerRanks NaiveFirstMatch(const RuleSet& rules, const AccountTable& accounts, Row row);

// Every row, on the calling thread.
Assignments NaiveAssign(std::shared_ptr<const RuleSet> rules, const AccountTable& accounts);

}  // namespace attain::planning::territory

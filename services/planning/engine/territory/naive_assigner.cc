#include "services/planning/engine/territory/naive_assigner.h"

#include "services/planning/engine/territory/predicate_match.h"

namespace attain::planning::territory {

WinnerRanks NaiveFirstMatch(const RuleSet& rules, const AccountTable& accounts, Row row) {
  WinnerRanks winners = kNoWinners;
  int open = kTerritoryTypeCount;
  for (uint32_t rank = 0; rank < rules.size() && open > 0; ++rank) {
    const EffectiveRule& rule = rules.at(rank);
    uint32_t& winner = winners[static_cast<int>(rule.type)];
    if (winner != kNoRule) continue;
    if (FirstFailingPredicate(rule, accounts, row) < 0) {
      winner = rank;
      --open;
    }
  }
  return winners;
}

Assignments NaiveAssign(std::shared_ptr<const RuleSet> rules, const AccountTable& accounts) {
  std::vector<WinnerRanks> winners(accounts.size());
  for (Row row = 0; row < accounts.size(); ++row) {
    winners[row] = NaiveFirstMatch(*rules, accounts, row);
  }
  return Assignments(std::move(rules), std::move(winners));
}

}  // namespace attain::planning::territory

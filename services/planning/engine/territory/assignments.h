#pragma once
// The outcome of assigning every account: per account and territory type, the rank of the
// winning rule in the RuleSet (kNoRule when no territory of that type claims the account).

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "services/planning/engine/territory/account_table.h"
#include "services/planning/engine/territory/rule_set.h"

namespace attain::planning::territory {

inline constexpr uint32_t kNoRule = std::numeric_limits<uint32_t>::max();

// Indexed by static_cast<int>(TerritoryType).
using WinnerRanks = std::array<uint32_t, kTerritoryTypeCount>;
inline constexpr WinnerRanks kNoWinners = {kNoRule, kNoRule, kNoRule};

class Assignments {
 public:
  Assignments(std::shared_ptr<const RuleSet> rules, std::vector<WinnerRanks> winners)
      : rules_(std::move(rules)), winners_(std::move(winners)) {}

  Row size() const { return static_cast<Row>(winners_.size()); }
  // The winning rule (territory id, priority, rule index) for row < size(), or nullptr when
  // no territory of `type` claims the account.
  const EffectiveRule* Winner(Row row, TerritoryType type) const {
    const uint32_t rank = winners_[row][static_cast<int>(type)];
    return rank == kNoRule ? nullptr : &rules_->at(rank);
  }
  const std::vector<WinnerRanks>& winner_ranks() const { return winners_; }
  const RuleSet& rules() const { return *rules_; }

 private:
  std::shared_ptr<const RuleSet> rules_;
  std::vector<WinnerRanks> winners_;
};

}  // namespace attain::planning::territory

#pragma once
// Top-down vs bottom-up: territories submit what they believe they can book; the report
// sets each node's top-down allocation beside the submissions rolled up its subtree.
//
//   bottom_up(leaf)   = its submission (0 when missing; counted in missing_submissions)
//   bottom_up(parent) = sum of its children's bottom_up (a parent's own submission is
//                       reported as `submitted` but does not replace the roll-up)
//   difference        = bottom_up - top_down
//   relative_difference = difference / top_down, 6 decimals half-even (0.125 = +12.5 %);
//                       absent when top_down is 0

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/money/decimal.h"
#include "services/planning/engine/quota/allocation.h"

namespace attain::planning::quota {

struct BottomUpSubmission {
  std::string node_id;
  money::Decimal amount;  // annual, >= 0
};

struct NodeReconciliation {
  std::string node_id;
  std::string parent_id;
  int depth = 0;
  money::Decimal top_down;
  std::optional<money::Decimal> submitted;
  money::Decimal bottom_up;
  money::Decimal difference;
  std::optional<money::Decimal> relative_difference;
  int missing_submissions = 0;  // leaves of the subtree that submitted nothing
};

// One row per node of `top_down`, in its order (parents before children). Violations:
// "submissions[i].node_id" unknown or duplicate, "submissions[i].amount" negative.
absl::StatusOr<std::vector<NodeReconciliation>> Reconcile(
    const TopDownAllocation& top_down, const std::vector<BottomUpSubmission>& submissions);

}  // namespace attain::planning::quota

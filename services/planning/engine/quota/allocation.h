#pragma once
// Top-down quota allocation: the company target flows down the territory tree, each level
// with its own method and padding, then each node's annual amount is spread over the
// fiscal periods by the seasonality profile.
//
//   pool(P)      = round_half_even_to_units(annual(P) * (1 + padding[depth(P)]))
//   annual(C)    = largest_remainder(pool(P), weight(C) / sum of weight(sibling))
//   periods(N)   = largest_remainder(annual(N), seasonality)
//
// Every amount is whole currency units; children sum exactly to their parent's pool and
// a node's periods sum exactly to its annual. Ties go to the smaller node id (bytewise) and
// to the earlier period. See docs/engines/quota.md.

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/money/decimal.h"
#include "services/planning/engine/quota/hierarchy.h"
#include "services/planning/engine/quota/seasonality.h"

namespace attain::planning::quota {

enum class AllocationMethod {
  kEven,             // every child the same share; no weights
  kHistoricalShare,  // weight = the child's bookings over a HistoryWindow (summed by the caller)
  kPotential,        // weight = the child's market potential
  kCustomWeights,    // weight = any non-negative number
};

struct NodeWeight {
  std::string node_id;
  money::Decimal weight;
};

// levels[k] splits every depth-k node's pool among its children (the root has depth 0).
struct AllocationLevel {
  AllocationMethod method = AllocationMethod::kEven;
  // Over-assignment as a fraction, 0..1: 0.1 means the children together get 110 % of the
  // parent.
  money::Decimal padding;
  // One entry per depth-(k+1) node for every method but kEven (which takes none).
  std::vector<NodeWeight> weights;
};

struct TopDownRequest {
  money::Decimal company_target;  // whole currency units, >= 0
  std::vector<TerritoryNode> nodes;
  std::vector<AllocationLevel> levels;  // exactly one per depth below the root
  SeasonalityProfile seasonality;       // one weight per fiscal period
};

struct NodeAllocation {
  std::string node_id;
  std::string parent_id;
  int depth = 0;
  money::Decimal annual;                // whole units
  money::Decimal children_pool;         // annual * (1 + padding) rounded; zero for a leaf
  std::vector<money::Decimal> periods;  // whole units, sum == annual
};

struct TopDownAllocation {
  std::vector<NodeAllocation> nodes;               // parents before children
  absl::flat_hash_map<std::string, size_t> index;  // node id -> position in `nodes`

  const NodeAllocation* Find(absl::string_view node_id) const;
};

// Validates the whole request (every violation at once, see validation.h) and allocates.
absl::StatusOr<TopDownAllocation> AllocateTopDown(const TopDownRequest& request);

}  // namespace attain::planning::quota

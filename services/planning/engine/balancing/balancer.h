#pragma once
// Territory balancing: re-assign the accounts under one parent among its k child territories so
// every territory's potential (and optionally workload) is within ±tolerance of the mean,
// moving as few accounts as possible and never a locked one. Deterministic: the same request
// gives the same proposal; ties break by account id, then territory index.

#include "absl/status/statusor.h"
#include "services/planning/engine/balancing/types.h"

namespace attain::planning::balancing {

// The continuity-preserving proposal: keeps the current assignment, places unassigned accounts
// into the lightest territories, then repairs territories outside the band with the moves (or
// swaps) that remove the most imbalance. INVALID_ARGUMENT when Validate() finds violations.
// A band that cannot be reached is not an error: target_reached is false and shortfall/reason
// say why, with the best assignment found.
absl::StatusOr<Proposal> Balance(const Request& request);

// The from-scratch baseline ("what a fresh assignment would move"): locked accounts stay, every
// other account is re-placed largest first into the lightest territory (LPT), ignoring where it
// is now. Same validation and result shape as Balance().
absl::StatusOr<Proposal> AssignFromScratch(const Request& request);

}  // namespace attain::planning::balancing

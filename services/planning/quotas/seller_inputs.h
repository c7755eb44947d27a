#pragma once
// The quota engine's seller inputs from stored coverage: only territories the plan
// allocated and that a requested seller covers, so co-sellers come with exactly the
// territories whose splits must be checked together. Pure.

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/civil_time.h"
#include "services/planning/engine/quota/seller_quota.h"
#include "services/planning/quotas/history_store.h"

namespace attain::planning::quotas {

// `requested`: the sellers asked for; `hire_dates`: every seller in `coverage`.
// An assignment starting before the hire date starts at the hire date (the ramp and
// proration both begin there); one ending before it is dropped. Sellers without any
// remaining assignment are left out.
std::vector<quota::SellerPlanInput> BuildSellerInputs(
    const std::vector<Coverage>& coverage, const std::vector<std::string>& requested,
    const absl::flat_hash_map<std::string, absl::CivilDay>& hire_dates,
    const quota::TerritoryQuotas& territory_quotas);

}  // namespace attain::planning::quotas

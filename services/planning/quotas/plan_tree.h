#pragma once
// The part of the territory tree a quota plan covers, and account figures rolled up it.
// Pure: the caller loads territories, account assignments and amounts.

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "attain/planning/v1/territories.pb.h"
#include "common/money/decimal.h"
#include "services/planning/engine/quota/hierarchy.h"

namespace attain::planning::quotas {

// The subtree under `root_id` on `day`, each node's parent taken from its territory version
// effective that day; the root comes first with an empty parent, then breadth first.
// INVALID_ARGUMENT naming `field` when the root does not exist or has no version that day.
absl::StatusOr<std::vector<quota::TerritoryNode>> SubtreeAsOf(
    const std::vector<v1::Territory>& territories, const std::string& root_id, absl::CivilDay day,
    const std::string& field);

// (account_id, territory_id) as stored by an AssignAccounts run.
using AccountTerritory = std::pair<std::string, std::string>;

// Each node's total of `amount_by_account` over the accounts assigned to a territory in its
// subtree; an account assigned to several territories of one subtree counts once there.
// A node whose accounts net to a negative total (credits) weighs 0. Nodes without accounts
// are 0.
absl::StatusOr<absl::flat_hash_map<std::string, money::Decimal>> RollUpTotals(
    const std::vector<quota::TerritoryNode>& nodes, const std::vector<AccountTerritory>& assignments,
    const absl::flat_hash_map<std::string, money::Decimal>& amount_by_account);

// The ids of `nodes` (for SQL filters).
std::vector<std::string> NodeIds(const std::vector<quota::TerritoryNode>& nodes);

}  // namespace attain::planning::quotas

#pragma once
// The content of a PLAN scenario — territories with their seller coverage — and how two of
// them (live and scenario) differ: territories, account placements and quotas. Pure logic.

#include <map>
#include <string>
#include <vector>

#include "attain/planning/v1/scenarios.pb.h"
#include "common/money/decimal.h"
#include "services/planning/engine/quota/allocation.h"

namespace attain::planning::scenarios {

// Territories (any order) joined with their coverage, by territory id.
std::vector<v1::ScenarioTerritory> JoinCoverage(const std::vector<v1::Territory>& territories,
                                                const std::vector<v1::SellerAssignment>& coverage);
// The territory `id` of `plan` (sorted by territory id), or nullptr.
const v1::ScenarioTerritory* FindTerritory(const std::vector<v1::ScenarioTerritory>& plan,
                                           const std::string& id);
std::vector<v1::Territory> TerritoriesOf(const std::vector<v1::ScenarioTerritory>& plan);
std::vector<v1::SellerAssignment> CoverageOf(const std::vector<v1::ScenarioTerritory>& plan);

// Without output-only fields (name, update time, revision) and with every assignment naming
// its territory, so equal content compares and hashes equal.
v1::ScenarioTerritory Normalized(const v1::ScenarioTerritory& territory);

// A digest of `plan` (by territory id) and the quota plan version it goes with.
std::string PlanFingerprint(const std::vector<v1::ScenarioTerritory>& plan,
                            const std::string& quota_version);

// Territories added, removed or changed from `live` to `scenario` (both by territory id).
std::vector<v1::TerritoryChange> TerritoryChanges(const std::vector<v1::ScenarioTerritory>& live,
                                                  const std::vector<v1::ScenarioTerritory>& scenario);

// Where one account is placed for one territory type.
struct Placement {
  std::string account_id;
  v1::TerritoryType type = v1::TERRITORY_TYPE_UNSPECIFIED;
  std::string territory_id;
  money::Decimal potential;
  money::Decimal workload;
  bool locked = false;
};
// The (account, type) pairs whose territory differs, by account id then type; both inputs
// sorted that way. An empty side means "no territory of that type".
std::vector<v1::ScenarioAccount> MovedAccounts(const std::vector<Placement>& live,
                                               const std::vector<Placement>& scenario);

// Nodes whose annual quota differs (a missing side counts as 0), by territory id.
std::vector<v1::QuotaNodeChange> QuotaNodeChanges(const quota::TopDownAllocation& live,
                                                  const quota::TopDownAllocation& scenario);
// Sellers whose annual quota differs (a missing side counts as 0), by seller id.
std::vector<v1::SellerQuotaChange> SellerQuotaChanges(
    const std::map<std::string, money::Decimal>& live,
    const std::map<std::string, money::Decimal>& scenario);

}  // namespace attain::planning::scenarios

#pragma once
// Pure logic between the stored territory tree / live assignment and the balancing engine:
// which child territories a parent's accounts are balanced among, the request options, and
// the engine request built from the live rows. No SQL, no gRPC.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "attain/planning/v1/scenarios.pb.h"
#include "attain/planning/v1/territories.pb.h"
#include "common/money/decimal.h"
#include "services/planning/engine/balancing/types.h"

namespace attain::planning::scenarios {

// The child territories a parent's accounts are balanced among.
struct Children {
  std::vector<std::string> territory_ids;  // sorted
  v1::TerritoryType type = v1::TERRITORY_TYPE_UNSPECIFIED;
};

// The TERRITORY-level children of `parent_id` in force on `as_of`. INVALID_ARGUMENT naming
// parent_territory_id when the parent is unknown or not in force, has no territory-level
// children, or its children are of more than one type.
absl::StatusOr<Children> ChildTerritories(const std::vector<v1::Territory>& stored,
                                          const std::string& parent_id, absl::CivilDay as_of);

// The validated options of a ProposeBalancing request.
struct ProposeOptions {
  absl::CivilDay as_of;
  money::Decimal tolerance_percent;  // as asked, e.g. 5
  money::Decimal tolerance;          // the engine's fraction, e.g. 0.05
  money::Decimal workload_weight;
  std::string display_name;
};

// Every problem of the request at once (INVALID_ARGUMENT with one violation per field):
// parent_territory_id required, as_of a date (default today), tolerance_percent in (0, 100)
// (default 5), workload_weight in [0, 1] (default 0), display_name at most 200 characters.
absl::StatusOr<ProposeOptions> ParseProposeOptions(const v1::ProposeBalancingRequest& request,
                                                   absl::CivilDay today);

// One account assigned to a child territory on the scenario's date, with its live figures.
struct CurrentAccount {
  std::string account_id;
  std::string territory_id;
  money::Decimal potential;
  money::Decimal workload;
  bool locked = false;
};

// The balancer's request: territories in `children` order, accounts in `accounts` order, each
// account's current territory by index (nullopt when it is not one of the children).
balancing::Request BuildRequest(const Children& children,
                                const std::vector<CurrentAccount>& accounts,
                                const ProposeOptions& options);

}  // namespace attain::planning::scenarios

#pragma once
// Which accounts a set of sibling territories holds on a date: the stored AssignAccounts
// result for that date when there is one, otherwise the rules in force evaluated in memory
// (as GetCoverage does).

#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "attain/planning/v1/scenarios.pb.h"
#include "attain/planning/v1/territories.pb.h"
#include "common/db/pg.h"
#include "services/planning/scenarios/balancing_input.h"

namespace attain::planning::scenarios {

struct LiveAssignment {
  v1::AssignmentSource source = v1::ASSIGNMENT_SOURCE_UNSPECIFIED;
  std::vector<CurrentAccount> accounts;  // in account id order (database collation)
};

// The accounts assigned to `children` on `as_of`, with their potential, workload and lock
// flag. `stored` is every territory (for evaluating the rules). `rules_only` skips the
// stored run (a PLAN scenario's territories have none).
absl::StatusOr<LiveAssignment> LoadLiveAssignment(db::PgConn& conn,
                                                  const std::vector<v1::Territory>& stored,
                                                  const Children& children, absl::CivilDay as_of,
                                                  bool rules_only = false);

}  // namespace attain::planning::scenarios

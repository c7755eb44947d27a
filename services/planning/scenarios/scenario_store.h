#pragma once
// SQL for scenarios and their accounts, and the reads of live assignment data scenarios
// are built from (the stored AssignAccounts result and account lock flags).

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "attain/planning/v1/scenarios.pb.h"
#include "common/db/pg.h"
#include "services/planning/scenarios/balancing_input.h"

namespace attain::planning::scenarios {

// True when AssignAccounts has stored a result for `as_of`.
absl::StatusOr<bool> HasAssignmentRun(db::PgConn& conn, absl::CivilDay as_of);
// The accounts the stored run for `as_of` assigns to `territory_ids` (of `type_name`), with
// their current potential, workload and lock flag, by account id.
absl::StatusOr<std::vector<CurrentAccount>> LoadStoredAssignment(
    db::PgConn& conn, absl::CivilDay as_of, const std::string& type_name,
    const std::vector<std::string>& territory_ids);
// Ids of every locked account.
absl::StatusOr<absl::flat_hash_set<std::string>> LockedAccounts(db::PgConn& conn);

// Inserts the scenario (its id and times are assigned) with its accounts; returns the id.
// `live_fingerprint` is a PLAN scenario's digest of the live data it copied.
absl::StatusOr<int64_t> InsertScenario(db::PgConn& tx, const v1::Scenario& scenario,
                                       const std::vector<v1::ScenarioAccount>& accounts,
                                       const std::string& live_fingerprint = "");
// Rewrites the scenario's detail (what edits change: display name, PLAN figures and quota
// spec); bumps revision and update time.
absl::Status UpdateScenarioDetail(db::PgConn& tx, int64_t id, const v1::Scenario& scenario);
// The digest InsertScenario recorded ("" for a BALANCING scenario).
absl::StatusOr<std::string> LiveFingerprintOf(db::PgConn& conn, int64_t id);
// `for_update` locks the row until the transaction ends.
absl::StatusOr<std::optional<v1::Scenario>> GetScenario(db::PgConn& conn, int64_t id,
                                                        bool for_update = false);
absl::Status MarkPromoted(db::PgConn& tx, int64_t id, absl::CivilDay effective_from);
absl::Status DeleteScenario(db::PgConn& tx, int64_t id);

struct ScenarioPage {
  std::vector<v1::Scenario> scenarios;
  int total = 0;
  bool more = false;
};
// Filters are optional ("" = any); keyset by id after `after_id`.
absl::StatusOr<ScenarioPage> ListScenarios(db::PgConn& conn, const std::string& state,
                                           const std::string& parent_territory_id,
                                           int64_t after_id, int limit);

// Accounts of a scenario by account id, after `after_account`; limit <= 0 means all.
// `moved_only` keeps those whose proposed territory differs from the one they had.
absl::StatusOr<std::vector<v1::ScenarioAccount>> ListScenarioAccounts(
    db::PgConn& conn, int64_t id, const std::string& after_account, int limit, bool moved_only);

}  // namespace attain::planning::scenarios

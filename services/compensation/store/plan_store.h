#pragma once
// SQL for the compensation schema's plans, plan_versions and plan_assignments
// (migrations/0002_plans.sql). Nothing else touches these tables. Writers hold LockPlans for
// their transaction, so the rules that span rows are decided over a stable picture.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/db/pg.h"
#include "common/money/decimal.h"
#include "services/compensation/engine/plan/plan.h"
#include "services/compensation/plans/assignment_input.h"
#include "services/compensation/plans/plan_input.h"
#include "services/compensation/plans/plan_lifecycle.h"

namespace attain::compensation::store {

// Serializes every plan write (version numbers, activation, the overlap of assignments
// across plans) until the transaction ends.
absl::Status LockPlans(db::PgConn& tx);

struct StoredPlan {
  plans::PlanHeader header;
  int64_t create_time_micros = 0;
};

struct StoredVersion {
  std::string plan_id;
  plans::VersionDates dates;
  std::string rules_json;  // empty unless the rules were asked for
  std::string creator;
  int64_t create_time_micros = 0;
};

struct StoredAssignment {
  plans::PlanAssignment assignment;  // assignment_id always set
  std::string creator;
  int64_t create_time_micros = 0;
};

absl::StatusOr<std::optional<StoredPlan>> GetPlan(db::PgConn& conn, const std::string& plan_id);
absl::Status InsertPlan(db::PgConn& tx, const plans::PlanHeader& header);

// Versions of the given plans ordered by plan_id, version; with their rules when
// `with_rules`. `only_version` 0 = every version.
absl::StatusOr<std::vector<StoredVersion>> LoadVersions(db::PgConn& conn,
                                                        const std::vector<std::string>& plan_ids,
                                                        bool with_rules, int only_version = 0);
// The plan's highest version number (0 when it has none).
absl::StatusOr<int> LatestVersionNumber(db::PgConn& conn, const std::string& plan_id);
// Writes version `version` as a DRAFT.
absl::Status InsertVersion(db::PgConn& tx, const std::string& plan_id, int version,
                           const std::string& rules_json, const std::string& creator);
// Sets a version's state and range (the rules never change).
absl::Status SetVersionDates(db::PgConn& tx, const std::string& plan_id,
                             const plans::VersionDates& dates);

struct PlanPage {
  std::vector<StoredPlan> plans;
  int total = 0;
  bool more = false;
};
// Plans ordered by plan_id, after `after_plan_id` ("" = from the start), at most `limit`.
absl::StatusOr<PlanPage> ListPlans(db::PgConn& conn, const std::string& after_plan_id, int limit);

absl::StatusOr<std::optional<StoredAssignment>> GetAssignment(db::PgConn& conn,
                                                              const std::string& plan_id,
                                                              const std::string& assignment_id);
// Inserts `assignment`; an empty assignment_id gets a generated one (a UUID). Returns the row.
absl::StatusOr<StoredAssignment> InsertAssignment(db::PgConn& tx,
                                                  const plans::PlanAssignment& assignment,
                                                  const std::string& creator);
// Every assignment, of any plan, naming `seller_id` directly (or, when seller_id is empty, for
// `title`).
absl::StatusOr<std::vector<plans::AssignmentSpan>> AssignmentsOfAssignee(
    db::PgConn& conn, const std::string& seller_id, const std::string& title);
absl::Status SetAssignmentEnd(db::PgConn& tx, const std::string& plan_id,
                              const std::string& assignment_id, absl::CivilDay effective_to);

struct AssignmentFilter {
  std::string plan_id;    // "" = any
  std::string seller_id;  // "" = any; direct assignments only
  std::string title;      // "" = any
  std::optional<absl::CivilDay> as_of;
};
struct AssignmentKey {
  std::string plan_id;
  std::string assignment_id;
};
struct AssignmentPage {
  std::vector<StoredAssignment> assignments;
  int total = 0;
  bool more = false;
};
// Assignments ordered by plan_id, assignment_id, after `after`, at most `limit`.
absl::StatusOr<AssignmentPage> ListAssignments(db::PgConn& conn, const AssignmentFilter& filter,
                                               const std::optional<AssignmentKey>& after,
                                               int limit);

// What the calculation run reads.
struct PlanVersionInForce {
  // Decoded by plans::DecodeStoredVersion; plan_id, version, currency, period_type set.
  std::shared_ptr<const plan::Plan> plan;
  absl::CivilDay effective_from;
  std::optional<absl::CivilDay> effective_to;  // inclusive; nullopt = open
};
struct AssignmentInForce {
  std::string assignment_id, plan_id;
  std::string seller_id;  // exactly one of seller_id and title is set
  std::string title;
  absl::CivilDay effective_from;
  std::optional<absl::CivilDay> effective_to;
  money::Decimal target_incentive;
  std::string quota_measure_id;
  std::vector<std::pair<std::string, money::Decimal>> parameter_overrides;  // sorted by id
};
struct PlansInForce {
  // ACTIVE/RETIRED versions whose range overlaps [first, last], ordered by plan_id, version.
  std::vector<PlanVersionInForce> versions;
  // Assignments overlapping [first, last], ordered by assignment_id (then plan_id).
  std::vector<AssignmentInForce> assignments;
};
// Reads within the caller's transaction (the calculation run reads all inputs from one
// REPEATABLE READ snapshot). Which assignment applies to a seller (a direct one wins over
// one for their title) is the run's decision.
absl::StatusOr<PlansInForce> LoadPlansInForce(db::PgConn& connection, absl::CivilDay first,
                                              absl::CivilDay last);

}  // namespace attain::compensation::store

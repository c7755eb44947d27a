#pragma once
// SQL for quota plans, their versions, territory allocations and bottom-up submissions.
// Nothing else touches these tables.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "attain/planning/v1/quotas.pb.h"
#include "common/db/pg.h"
#include "common/money/decimal.h"
#include "services/planning/engine/quota/allocation.h"
#include "services/planning/engine/quota/reconciliation.h"
#include "services/planning/quotas/plan_input.h"

namespace attain::planning::quotas {

// Serializes quota plan writes (version numbers, activation overlap checks).
absl::Status LockPlans(db::PgConn& tx);

// The plan as stored: header fields, create_time and every version (no allocations).
absl::StatusOr<std::optional<v1::QuotaPlan>> GetPlan(db::PgConn& conn, const std::string& plan_id);
absl::Status InsertPlan(db::PgConn& tx, const PlanHeader& header);

// Writes `version` (its number, spec and resolved inputs) as DRAFT.
absl::Status InsertVersion(db::PgConn& tx, const std::string& plan_id,
                           const v1::QuotaPlanVersion& version);
// Moves a version to `state` with the given effective range; bumps its revision.
absl::Status SetVersionState(db::PgConn& tx, const std::string& plan_id, int version,
                             v1::QuotaPlanState state, const std::optional<absl::CivilDay>& from,
                             const std::optional<absl::CivilDay>& to);

absl::Status InsertAllocation(db::PgConn& tx, const std::string& plan_id, int version,
                              const quota::TopDownAllocation& allocation);
// NOT_FOUND when the version has no allocation.
absl::StatusOr<quota::TopDownAllocation> LoadAllocation(db::PgConn& conn, const std::string& plan_id,
                                                        int version);

absl::StatusOr<v1::BottomUpSubmission> UpsertSubmission(db::PgConn& tx, const std::string& plan_id,
                                                        const std::string& territory_id,
                                                        money::Decimal amount);
absl::StatusOr<std::vector<quota::BottomUpSubmission>> LoadSubmissions(db::PgConn& conn,
                                                                       const std::string& plan_id);

struct PlanPage {
  std::vector<v1::QuotaPlan> plans;
  int total = 0;
  bool more = false;
};
// Plans ordered by id after `after_id`; fiscal_year 0 = any.
absl::StatusOr<PlanPage> ListPlans(db::PgConn& conn, int fiscal_year, const std::string& after_id,
                                   int limit);

// An ACTIVE version in force on a date, with its plan.
struct ActiveVersion {
  PlanHeader header;
  v1::QuotaPlanVersion version;
};
// plan_id "" = every plan.
absl::StatusOr<std::vector<ActiveVersion>> ActiveVersionsOn(db::PgConn& conn, absl::CivilDay day,
                                                            const std::string& plan_id);

// A NUMERIC column's text as a Decimal (DATA_LOSS when it is not one).
absl::StatusOr<money::Decimal> StoredDecimal(std::string_view text);

// The header fields of a stored plan message.
PlanHeader HeaderOf(const v1::QuotaPlan& plan);

}  // namespace attain::planning::quotas

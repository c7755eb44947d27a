#pragma once
// Reads shared by the plan use cases: a stored plan, version or latest version by id, with
// NOT_FOUND naming the missing resource, as API messages or as the engine's plan.

#include <string>

#include "absl/status/statusor.h"
#include "attain/compensation/v1/plans.pb.h"
#include "common/db/pg.h"
#include "services/compensation/engine/plan/plan.h"
#include "services/compensation/store/plan_store.h"

namespace attain::compensation::plans {

// NOT_FOUND "plans/{plan_id} not found".
absl::StatusOr<store::StoredPlan> RequirePlan(db::PgConn& conn, const std::string& plan_id);

// The plan with every version (their rules only when `with_rules`).
absl::StatusOr<v1::Plan> LoadPlanMessage(db::PgConn& conn, const std::string& plan_id,
                                         bool with_rules);

// One version with its rules.
absl::StatusOr<v1::PlanVersion> LoadVersionMessage(db::PgConn& conn, const std::string& plan_id,
                                                   int version);

// The plan's highest-numbered version (whatever its state) decoded for the engine: what
// assignments are checked against.
absl::StatusOr<plan::Plan> LoadLatestVersion(db::PgConn& conn, const store::StoredPlan& plan);

}  // namespace attain::compensation::plans

#pragma once
// Reading a quota plan with one of its versions, and writing a computed version. Shared by
// the quota use cases and plan scenario promotion.

#include <string>

#include "absl/status/statusor.h"
#include "attain/planning/v1/quotas.pb.h"
#include "common/db/pg.h"
#include "services/planning/quotas/allocation_builder.h"
#include "services/planning/quotas/plan_input.h"
#include "services/planning/quotas/plan_names.h"

namespace attain::planning::quotas {

// A plan and one of its versions (the named one, or the latest for a plan name).
struct PlanVersion {
  v1::QuotaPlan plan;
  v1::QuotaPlanVersion version;
};

// NOT_FOUND naming the plan or version.
absl::StatusOr<PlanVersion> LoadPlanVersion(db::PgConn& conn, const PlanRef& ref);

// Stores `computed` as DRAFT version `number` of `header`'s plan (spec, resolved inputs and
// territory allocation) and returns it as stored.
absl::StatusOr<v1::QuotaPlanVersion> WriteComputedVersion(db::PgConn& tx, const PlanHeader& header,
                                                          const v1::QuotaPlanSpec& spec_proto,
                                                          const ComputedVersion& computed,
                                                          int number);

}  // namespace attain::planning::quotas

#pragma once
// Stored plans, versions and assignments as the API's messages.

#include "absl/status/statusor.h"
#include "attain/compensation/v1/plans.pb.h"
#include "services/compensation/store/plan_store.h"

namespace attain::compensation::plans {

// name, plan_id, display_name, currency, period_type and create_time (no versions).
v1::Plan StoredPlanToProto(const store::StoredPlan& plan);

// name, version, state, dates, create_time, creator and, when the rules were loaded, the
// measures, parameters, components and cap. DATA_LOSS when the stored rules do not parse.
absl::StatusOr<v1::PlanVersion> StoredVersionToProto(const store::StoredVersion& version);

// `plan` with `versions` (its own, in order) added.
absl::StatusOr<v1::Plan> PlanWithVersions(const store::StoredPlan& plan,
                                          const std::vector<store::StoredVersion>& versions);

v1::PlanAssignment StoredAssignmentToProto(const store::StoredAssignment& assignment);

}  // namespace attain::compensation::plans

#pragma once
// How a version's rules are kept in plan_versions.rules: the validated version as the
// PlanVersion message in proto3 JSON (measures, parameters, components, cap; field names as
// in the .proto). Written from the engine's plan, so the stored form is canonical whatever
// spelling the request used; read back into the message for the API and into the engine's
// plan for the calculation.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "attain/compensation/v1/plans.pb.h"
#include "services/compensation/engine/plan/plan.h"
#include "services/compensation/plans/plan_input.h"

namespace attain::compensation::plans {

// The rules of a validated version as JSON.
std::string RulesJson(const plan::Plan& version);

// The stored JSON as the message (only its rule fields set). DATA_LOSS when it does not parse.
absl::StatusOr<v1::PlanVersion> RulesFromJson(std::string_view json);

// The stored JSON as version `version` of `header`'s plan, decoded and validated exactly as
// CreatePlan and RevisePlan do (expressions by the expression engine). DATA_LOSS when the
// stored rules no longer pass: validation may only be tightened together with a migration of
// the stored versions.
absl::StatusOr<plan::Plan> DecodeStoredVersion(const PlanHeader& header, int version,
                                               std::string_view json);

}  // namespace attain::compensation::plans

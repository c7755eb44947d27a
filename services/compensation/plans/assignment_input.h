#pragma once
// Decoding and validating a plan assignment (attain.compensation.v1.PlanAssignment) against
// the plan version it will be calculated with, reporting every problem at once under a field
// prefix ("assignment.effective_to"), and encoding it back.

#include <map>
#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "attain/compensation/v1/plans.pb.h"
#include "common/money/decimal.h"
#include "services/compensation/engine/plan/plan.h"
#include "services/compensation/plans/field_input.h"

namespace attain::compensation::plans {

inline constexpr size_t kMaxTitleLength = 100;

struct PlanAssignment {
  std::string assignment_id;  // empty = for the service to choose
  std::string plan_id;
  // Exactly one of the two.
  std::string seller_id;
  std::string title;
  absl::CivilDay effective_from;
  std::optional<absl::CivilDay> effective_to;  // inclusive; nullopt = open-ended
  money::Decimal target_incentive;
  std::string quota_measure_id;  // empty = none
  std::map<std::string, money::Decimal> parameter_overrides;
};

// `assignment`'s input fields (output-only ones are ignored). quota_measure_id and the override
// keys must be a measure and parameters of `version`. Violations go under `prefix`
// ("assignment"); nullopt when there were any.
std::optional<PlanAssignment> ParsePlanAssignment(const v1::PlanAssignment& assignment,
                                                  const plan::Plan& version,
                                                  const std::string& prefix,
                                                  Violations* violations);

// name ("plans/{plan_id}/assignments/{assignment_id}") and the input fields.
v1::PlanAssignment PlanAssignmentToProto(const PlanAssignment& assignment);

}  // namespace attain::compensation::plans

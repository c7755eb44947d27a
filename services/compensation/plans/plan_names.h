#pragma once
// Parsing the resource names of plans, versions and assignments from requests (the inverse of
// PlanName, PlanVersionName and PlanAssignmentName in plan_output.h). A malformed name is
// INVALID_ARGUMENT naming `field`.

#include <string>

#include "absl/status/statusor.h"

namespace attain::compensation::plans {

struct VersionRef {
  std::string plan_id;
  int version = 0;
};

struct AssignmentRef {
  std::string plan_id;
  std::string assignment_id;
};

// "plans/{plan_id}" -> plan_id.
absl::StatusOr<std::string> ParsePlanName(const std::string& name, const std::string& field);
// "plans/{plan_id}/versions/{version}", version >= 1.
absl::StatusOr<VersionRef> ParsePlanVersionName(const std::string& name, const std::string& field);
// "plans/{plan_id}/assignments/{assignment_id}".
absl::StatusOr<AssignmentRef> ParsePlanAssignmentName(const std::string& name,
                                                      const std::string& field);

}  // namespace attain::compensation::plans

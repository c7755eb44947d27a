#pragma once
// Resource names of quota plans: "quotaPlans/{plan_id}" and
// "quotaPlans/{plan_id}/versions/{version}".

#include <optional>
#include <string>

#include "absl/status/statusor.h"

namespace attain::planning::quotas {

struct PlanRef {
  std::string plan_id;
  std::optional<int> version;  // absent for a plan name
};

// Either form; INVALID_ARGUMENT naming `field` otherwise. `require_version` refuses a plan name.
absl::StatusOr<PlanRef> ParsePlanName(const std::string& name, const std::string& field,
                                      bool require_version);

std::string PlanName(const std::string& plan_id);
std::string VersionName(const std::string& plan_id, int version);

}  // namespace attain::planning::quotas

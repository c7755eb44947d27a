#pragma once
// PlanCapacityRequest -> the quota engine's CapacityRequest (everything but the periods and
// targets when they come from a plan). Every unparsable field is reported at once. Pure.

#include <optional>
#include <vector>

#include "attain/planning/v1/capacity.pb.h"
#include "services/planning/engine/quota/capacity.h"
#include "services/planning/quotas/plan_input.h"

namespace attain::planning::quotas {

// `with_calendar`: also take the calendar and targets from the request (no plan given).
std::optional<quota::CapacityRequest> ParseCapacityRequest(const v1::PlanCapacityRequest& request,
                                                           bool with_calendar,
                                                           Violations* violations);

v1::PlanCapacityResponse CapacityToProto(const std::vector<quota::CapacityPeriod>& periods);

}  // namespace attain::planning::quotas

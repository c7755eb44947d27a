#pragma once
// PlanCapacity: the quota engine's capacity model over a plan's calendar and root targets
// (when a plan version is named) or over a calendar and targets given in the request.

#include "absl/status/statusor.h"
#include "attain/planning/v1/capacity.pb.h"
#include "common/db/pg.h"

namespace attain::planning::quotas {

class CapacityPlanner {
 public:
  explicit CapacityPlanner(db::PgPool* pool) : pool_(pool) {}
  absl::StatusOr<v1::PlanCapacityResponse> Plan(const v1::PlanCapacityRequest& request);

 private:
  db::PgPool* pool_;
};

}  // namespace attain::planning::quotas

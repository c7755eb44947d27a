#include "services/planning/quotas/capacity_planner.h"

#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"
#include "services/planning/engine/quota/capacity.h"
#include "services/planning/quotas/allocation_builder.h"
#include "services/planning/quotas/capacity_input.h"
#include "services/planning/quotas/plan_names.h"
#include "services/planning/quotas/quota_store.h"

namespace attain::planning::quotas {

absl::StatusOr<v1::PlanCapacityResponse> CapacityPlanner::Plan(const v1::PlanCapacityRequest& request) {
  const bool from_plan = !request.quota_plan_version().empty();
  Violations violations;
  auto parsed = ParseCapacityRequest(request, !from_plan, &violations);
  if (!violations.empty()) return errors::InvalidFields(std::move(violations));
  if (from_plan) {
    auto ref = ParsePlanName(request.quota_plan_version(), "quota_plan_version", true);
    if (!ref.ok()) return ref.status();
    auto lease = pool_->Acquire();
    if (!lease.ok()) return lease.status();
    auto plan = GetPlan(**lease, ref->plan_id);
    if (!plan.ok()) return plan.status();
    if (!plan->has_value()) return absl::NotFoundError(absl::StrCat(PlanName(ref->plan_id), " not found"));
    const PlanHeader header = HeaderOf(**plan);
    auto allocation = LoadAllocation(**lease, ref->plan_id, *ref->version);
    if (!allocation.ok()) return allocation.status();
    parsed->periods = CalendarOf(header).Periods(header.fiscal_year);
    parsed->targets = allocation->nodes.front().periods;  // the root comes first
  }
  auto periods = quota::PlanCapacity(*parsed);
  if (!periods.ok()) return FromEngineStatus(periods.status(), "", nullptr);
  return CapacityToProto(*periods);
}

}  // namespace attain::planning::quotas

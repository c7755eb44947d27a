#pragma once
// The engine's plan back into the API's messages (the inverse of plan_input.h): what the
// service returns for stored plans. Decimals are written in their shortest exact form, zero
// thresholds and minimum amounts as empty text.

#include <string>

#include "attain/compensation/v1/plans.pb.h"
#include "services/compensation/engine/plan/plan.h"
#include "services/compensation/plans/plan_input.h"

namespace attain::compensation::plans {

std::string PlanName(const std::string& plan_id);                      // "plans/{plan_id}"
std::string PlanVersionName(const std::string& plan_id, int version);  // ".../versions/{version}"
// "plans/{plan_id}/assignments/{assignment_id}"
std::string PlanAssignmentName(const std::string& plan_id, const std::string& assignment_id);

// name, plan_id, display_name, currency and period_type.
v1::Plan PlanHeaderToProto(const PlanHeader& header);

// name, version, measures, parameters, components and cap; the caller adds state, dates,
// create_time and creator from where it keeps them.
v1::PlanVersion PlanVersionToProto(const plan::Plan& plan);

}  // namespace attain::compensation::plans

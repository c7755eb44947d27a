#pragma once
// Decoding and validating a compensation plan from the API (attain.compensation.v1) into the
// calculation engine's plan::Plan. Every problem is reported at once as a field violation named
// after the request field ("plan.currency",
// "version.components[1].commission.rates.tiers[2].from"). Expressions are checked through an
// injected ExpressionChecker. Nothing here touches the database. docs/compensation_plans.md
// lists the rules.

#include <optional>
#include <string>

#include "attain/compensation/v1/plans.pb.h"
#include "services/compensation/engine/plan/plan.h"
#include "services/compensation/plans/expression_checker.h"
#include "services/compensation/plans/field_input.h"

namespace attain::compensation::plans {

// A plan's identity, fixed at creation.
struct PlanHeader {
  std::string plan_id;
  std::string display_name;
  std::string currency;
  plan::PeriodType period_type = plan::PeriodType::kMonthly;
};

// plan_id, display_name, currency and period_type of `plan` (other fields are output only),
// with violations under `prefix` ("plan"); nullopt when there were any.
std::optional<PlanHeader> ParsePlanHeader(const v1::Plan& plan, const std::string& prefix,
                                          Violations* violations);

// The version's measures, parameters, components and cap as the engine's plan carrying
// `header`'s plan_id, currency and period type (output-only fields such as state and dates are
// ignored; the result's version is 1, for the caller to number). Violations go under `prefix`
// ("version"); nullopt when there were any.
std::optional<plan::Plan> ParsePlanVersion(const PlanHeader& header, const v1::PlanVersion& version,
                                           const ExpressionChecker& checker,
                                           const std::string& prefix, Violations* violations);

}  // namespace attain::compensation::plans

#pragma once
// Compensation plans for people: the plan and its versions, a version's measures and
// components in one line each, and assignments. Pure, so it is tested without a server.

#include <string>

#include "attain/compensation/v1/plans.pb.h"
#include "tools/attainctl/output.h"

namespace attain::ctl {

// "graduated by amount: 0-100000 at 3%, 100000+ at 5%"; attainment bounds read as percents
// ("0-100%"), per-unit rates as "25/unit".
std::string RatesText(const compensation::v1::RateTable& rates);
// What a component pays and when, in one line ("revenue: graduated by amount: ...; gate ...").
std::string ComponentRule(const compensation::v1::Component& component);
// "50000", "300% of target", or "min(50000, 300% of target)"; "" for no cap.
std::string CapText(const compensation::v1::Cap& cap);

// One row per plan: plan_id, display_name, currency, period, active (version) and active_from,
// latest (version) and latest_state.
Table PlansTable(const google::protobuf::RepeatedPtrField<compensation::v1::Plan>& plans);
// One row per version: version, state, effective_from, effective_to, creator, created.
Table VersionsTable(const compensation::v1::Plan& plan);
// One row per component of `version`: component, display_name, kind, rule, cap.
Table ComponentsTable(const compensation::v1::PlanVersion& version);

// The plan's header and versions, then the measures and components of `version` (0 = the
// latest version that has rules, which ListPlans' summaries do not).
std::string PlanText(const compensation::v1::Plan& plan, int version);
// One version's rules under a title line ("plans/ae/versions/2  draft").
std::string VersionText(const compensation::v1::PlanVersion& version);

// One row per assignment: plan, assignment, assignee ("seller rep-001", "title Account
// Executive"), from, to, target_incentive, quota_measure, params ("a=1;b=2").
Table AssignmentsTable(const google::protobuf::RepeatedPtrField<compensation::v1::PlanAssignment>& assignments);

}  // namespace attain::ctl

#include "services/compensation/plans/assignment_input.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/time/dates.h"
#include "services/compensation/plans/plan_output.h"

namespace attain::compensation::plans {

std::optional<PlanAssignment> ParsePlanAssignment(const v1::PlanAssignment& assignment,
                                                  const plan::Plan& version,
                                                  const std::string& prefix,
                                                  Violations* violations) {
  const size_t before = violations->size();
  PlanAssignment out;
  out.assignment_id = assignment.assignment_id();
  out.plan_id = assignment.plan_id();
  out.seller_id = assignment.seller_id();
  out.title = assignment.title();
  if (!out.assignment_id.empty() && !IsResourceId(out.assignment_id)) {
    violations->push_back(
        {prefix + ".assignment_id", absl::StrCat("must be empty or ", kResourceIdRule)});
  }
  if (!IsResourceId(out.plan_id)) {
    violations->push_back({prefix + ".plan_id", absl::StrCat("is required: ", kResourceIdRule)});
  }
  switch (assignment.assignee_case()) {
    case v1::PlanAssignment::kSellerId:
      if (!IsResourceId(out.seller_id)) {
        violations->push_back(
            {prefix + ".seller_id", absl::StrCat("must be a seller id: ", kResourceIdRule)});
      }
      break;
    case v1::PlanAssignment::kTitle:
      if (out.title.empty() || out.title.size() > kMaxTitleLength) {
        violations->push_back({prefix + ".title", "must be a title (1-100 characters)"});
      }
      break;
    case v1::PlanAssignment::ASSIGNEE_NOT_SET:
      violations->push_back({prefix + ".assignee", "set seller_id or title"});
      break;
  }

  auto from = ParseDate(assignment.effective_from(), prefix + ".effective_from", violations);
  if (!assignment.effective_to().empty()) {
    out.effective_to = ParseDate(assignment.effective_to(), prefix + ".effective_to", violations);
    if (from && out.effective_to) {
      CheckDateOrder(*from, *out.effective_to, "effective_from", prefix + ".effective_to",
                     violations);
    }
  }
  out.effective_from = from.value_or(out.effective_from);
  out.target_incentive =
      ParseNonNegative(assignment.target_incentive(), prefix + ".target_incentive", violations)
          .value_or(money::Decimal());

  out.quota_measure_id = assignment.quota_measure_id();
  const bool known_measure =
      std::any_of(version.measures.begin(), version.measures.end(),
                  [&](const plan::Measure& m) { return m.id == out.quota_measure_id; });
  if (!out.quota_measure_id.empty() && !known_measure) {
    violations->push_back({prefix + ".quota_measure_id",
                           absl::StrCat("unknown measure '", out.quota_measure_id, "' in version ",
                                        version.version, " of plan ", version.plan_id)});
  }

  // Sorted, so the violations come in the same order whatever the map's iteration order.
  const std::map<std::string, std::string> overrides(assignment.parameter_overrides().begin(),
                                                     assignment.parameter_overrides().end());
  CheckListSize(static_cast<int>(overrides.size()), kMaxListSize, prefix + ".parameter_overrides",
                violations);
  for (const auto& [key, text] : overrides) {
    const std::string field = absl::StrCat(prefix, ".parameter_overrides.", key);
    const bool known = std::any_of(version.parameters.begin(), version.parameters.end(),
                                   [&](const plan::Parameter& p) { return p.id == key; });
    if (!known) {
      violations->push_back({field, absl::StrCat("unknown parameter '", key, "' in version ",
                                                 version.version, " of plan ", version.plan_id)});
    }
    if (auto value = ParseDecimal(text, field, violations)) out.parameter_overrides[key] = *value;
  }
  if (violations->size() != before) return std::nullopt;
  return out;
}

v1::PlanAssignment PlanAssignmentToProto(const PlanAssignment& assignment) {
  v1::PlanAssignment out;
  out.set_name(PlanAssignmentName(assignment.plan_id, assignment.assignment_id));
  out.set_assignment_id(assignment.assignment_id);
  out.set_plan_id(assignment.plan_id);
  if (!assignment.title.empty()) {
    out.set_title(assignment.title);
  } else {
    out.set_seller_id(assignment.seller_id);
  }
  out.set_effective_from(dates::Format(assignment.effective_from));
  out.set_effective_to(dates::FormatOptional(assignment.effective_to));
  out.set_target_incentive(assignment.target_incentive.ToString());
  out.set_quota_measure_id(assignment.quota_measure_id);
  for (const auto& [key, value] : assignment.parameter_overrides) {
    (*out.mutable_parameter_overrides())[key] = value.ToString();
  }
  return out;
}

}  // namespace attain::compensation::plans

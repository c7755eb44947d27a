#include "services/compensation/plans/plan_lifecycle.h"

#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"
#include "common/time/dates.h"
#include "services/compensation/plans/plan_output.h"

namespace attain::compensation::plans {
namespace {

constexpr std::pair<VersionState, std::string_view> kStateNames[] = {
    {VersionState::kDraft, "DRAFT"},
    {VersionState::kActive, "ACTIVE"},
    {VersionState::kRetired, "RETIRED"}};

// "2026-01-01 to 2026-12-31" or "from 2026-01-01 on".
std::string DescribeRange(absl::CivilDay from, const std::optional<absl::CivilDay>& to) {
  if (!to) return absl::StrCat("from ", dates::Format(from), " on");
  return absl::StrCat(dates::Format(from), " to ", dates::Format(*to));
}

}  // namespace

std::string_view StateName(VersionState state) {
  for (const auto& [s, name] : kStateNames) {
    if (s == state) return name;
  }
  return "DRAFT";  // every state is in the table
}

std::optional<VersionState> StateFromName(std::string_view name) {
  for (const auto& [state, n] : kStateNames) {
    if (n == name) return state;
  }
  return std::nullopt;
}

absl::StatusOr<Activation> PlanActivation(const std::string& plan_id,
                                          const std::vector<VersionDates>& versions, int version,
                                          absl::CivilDay from) {
  const VersionDates* target = nullptr;
  const VersionDates* active = nullptr;
  for (const VersionDates& v : versions) {
    if (v.version == version) target = &v;
    if (v.state == VersionState::kActive) active = &v;
  }
  const std::string name = PlanVersionName(plan_id, version);
  if (target == nullptr) return absl::NotFoundError(absl::StrCat(name, " not found"));
  if (target->state != VersionState::kDraft) {
    return errors::WithReason(
        absl::FailedPreconditionError(absl::StrCat(
            name, " is ", std::string(StateName(target->state)),
            "; only a DRAFT version can be activated (revise the plan for a new one)")),
        "ILLEGAL_STATE_TRANSITION");
  }
  Activation out;
  out.version = version;
  out.effective_from = from;
  if (active != nullptr) {
    // Stored ACTIVE versions always have a start (the table's CHECK).
    const absl::CivilDay active_from = active->effective_from.value_or(from);
    if (from <= active_from) {
      return errors::InvalidField(
          "effective_from",
          absl::StrCat("must be after ", dates::Format(active_from), ", when ",
                       PlanVersionName(plan_id, active->version),
                       " took effect: an earlier range is only ever closed, never rewritten"));
    }
    out.retired_version = active->version;
    out.retired_effective_to = from - 1;
  }
  return out;
}

absl::Status CheckNoOverlap(const std::vector<AssignmentSpan>& same_assignee, absl::CivilDay from,
                            std::optional<absl::CivilDay> to, const std::string& assignee,
                            const std::string& field) {
  const dates::DateRange wanted{from, to};
  for (const AssignmentSpan& other : same_assignee) {
    if (!wanted.Overlaps({other.effective_from, other.effective_to})) continue;
    return errors::WithReason(
        errors::InvalidField(
            field, absl::StrCat(assignee, " already has ",
                                PlanAssignmentName(other.plan_id, other.assignment_id), " ",
                                DescribeRange(other.effective_from, other.effective_to),
                                "; at most one plan applies on any date (end that "
                                "assignment first, or start this one after it)")),
        "ASSIGNMENT_OVERLAP");
  }
  return absl::OkStatus();
}

absl::Status CheckNewEnd(const AssignmentSpan& assignment, absl::CivilDay to) {
  if (to < assignment.effective_from) {
    return errors::InvalidField("effective_to",
                                absl::StrCat("must not be before effective_from (",
                                             dates::Format(assignment.effective_from), ")"));
  }
  if (assignment.effective_to && to > *assignment.effective_to) {
    return errors::InvalidField("effective_to",
                                absl::StrCat("must not be after the current effective_to (",
                                             dates::Format(*assignment.effective_to),
                                             "): an assignment's end only moves earlier"));
  }
  return absl::OkStatus();
}

}  // namespace attain::compensation::plans

#pragma once
// The lifecycle rules of plan versions and assignments, decided over what is stored without
// touching it (docs/compensation_plans.md, "Lifecycle"). The manager loads the rows, asks
// these functions what may change and writes the answer.
//
//   versions:     DRAFT -> ACTIVE (from a date, open-ended) -> RETIRED (closed the day before
//                 the next activation); an earlier range is only ever closed, never moved.
//   assignments:  at most one plan per seller on any date. Direct assignments of one seller
//                 must not overlap (whatever their plans), nor may assignments of one title;
//                 on a date where a seller has both, the direct one applies.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace attain::compensation::plans {

enum class VersionState { kDraft, kActive, kRetired };

// "DRAFT", "ACTIVE", "RETIRED": the stored and displayed names.
std::string_view StateName(VersionState state);
std::optional<VersionState> StateFromName(std::string_view name);

// A version's place in its plan's history.
struct VersionDates {
  int version = 0;
  VersionState state = VersionState::kDraft;
  std::optional<absl::CivilDay> effective_from;  // set unless DRAFT
  std::optional<absl::CivilDay> effective_to;    // set when RETIRED
};

// What activating a version changes.
struct Activation {
  int version = 0;
  absl::CivilDay effective_from;
  // The ACTIVE version it retires, closed the day before effective_from; nullopt for the
  // plan's first activation.
  std::optional<int> retired_version;
  std::optional<absl::CivilDay> retired_effective_to;
};

// Activating `version` of plan `plan_id` (whose versions are `versions`) from `from`:
// NOT_FOUND when there is no such version; FAILED_PRECONDITION (ILLEGAL_STATE_TRANSITION)
// unless it is a DRAFT; INVALID_ARGUMENT on effective_from unless `from` is later than the
// ACTIVE version's effective_from.
absl::StatusOr<Activation> PlanActivation(const std::string& plan_id,
                                          const std::vector<VersionDates>& versions, int version,
                                          absl::CivilDay from);

// An assignment's identity and range, as the overlap rule sees it.
struct AssignmentSpan {
  std::string plan_id;
  std::string assignment_id;
  absl::CivilDay effective_from;
  std::optional<absl::CivilDay> effective_to;  // inclusive; nullopt = open-ended
};

// A new assignment of `assignee` ("seller s-17" / "title Account Executive") over
// [from, to] against the stored assignments of the same assignee: INVALID_ARGUMENT on
// `field` (reason ASSIGNMENT_OVERLAP) naming the first one that overlaps.
absl::Status CheckNoOverlap(const std::vector<AssignmentSpan>& same_assignee, absl::CivilDay from,
                            std::optional<absl::CivilDay> to, const std::string& assignee,
                            const std::string& field);

// Moving an assignment's last day to `to`: INVALID_ARGUMENT on effective_to when it is before
// the assignment's effective_from, or after its current effective_to (an end only moves
// earlier).
absl::Status CheckNewEnd(const AssignmentSpan& assignment, absl::CivilDay to);

}  // namespace attain::compensation::plans

#include "services/compensation/plans/plan_names.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "common/errors/errors.h"
#include "services/compensation/plans/field_input.h"

namespace attain::compensation::plans {
namespace {

// The parts of `name` when it is "plans/{plan_id}" followed by `tail` more parts; empty
// otherwise.
std::vector<std::string> Parts(const std::string& name, size_t tail) {
  std::vector<std::string> parts = absl::StrSplit(name, '/');
  if (parts.size() != 2 + tail || parts[0] != "plans" || !IsResourceId(parts[1])) return {};
  return parts;
}

}  // namespace

absl::StatusOr<std::string> ParsePlanName(const std::string& name, const std::string& field) {
  std::vector<std::string> parts = Parts(name, 0);
  if (parts.empty()) return errors::InvalidField(field, "must be a plan name plans/{plan_id}");
  return parts[1];
}

absl::StatusOr<VersionRef> ParsePlanVersionName(const std::string& name, const std::string& field) {
  std::vector<std::string> parts = Parts(name, 2);
  VersionRef ref;
  if (parts.empty() || parts[2] != "versions" || !absl::SimpleAtoi(parts[3], &ref.version) ||
      ref.version < 1 || parts[3] != std::to_string(ref.version)) {
    return errors::InvalidField(field,
                                "must be a plan version name plans/{plan_id}/versions/{version}");
  }
  ref.plan_id = parts[1];
  return ref;
}

absl::StatusOr<AssignmentRef> ParsePlanAssignmentName(const std::string& name,
                                                      const std::string& field) {
  std::vector<std::string> parts = Parts(name, 2);
  if (parts.empty() || parts[2] != "assignments" || !IsResourceId(parts[3])) {
    return errors::InvalidField(
        field, "must be an assignment name plans/{plan_id}/assignments/{assignment_id}");
  }
  return AssignmentRef{parts[1], parts[3]};
}

}  // namespace attain::compensation::plans

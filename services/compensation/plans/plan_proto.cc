#include "services/compensation/plans/plan_proto.h"

#include <google/protobuf/util/time_util.h>

#include "common/time/dates.h"
#include "services/compensation/plans/plan_output.h"
#include "services/compensation/plans/plan_rules.h"

namespace attain::compensation::plans {
namespace {

using google::protobuf::util::TimeUtil;

v1::PlanVersionState StateToProto(VersionState state) {
  switch (state) {
    case VersionState::kDraft:
      return v1::PLAN_VERSION_STATE_DRAFT;
    case VersionState::kActive:
      return v1::PLAN_VERSION_STATE_ACTIVE;
    case VersionState::kRetired:
      return v1::PLAN_VERSION_STATE_RETIRED;
  }
  return v1::PLAN_VERSION_STATE_UNSPECIFIED;
}

}  // namespace

v1::Plan StoredPlanToProto(const store::StoredPlan& plan) {
  v1::Plan out = PlanHeaderToProto(plan.header);
  *out.mutable_create_time() = TimeUtil::MicrosecondsToTimestamp(plan.create_time_micros);
  return out;
}

absl::StatusOr<v1::PlanVersion> StoredVersionToProto(const store::StoredVersion& version) {
  v1::PlanVersion out;
  if (!version.rules_json.empty()) {
    auto rules = RulesFromJson(version.rules_json);
    if (!rules.ok()) return rules.status();
    out = *std::move(rules);
  }
  out.set_name(PlanVersionName(version.plan_id, version.dates.version));
  out.set_version(version.dates.version);
  out.set_state(StateToProto(version.dates.state));
  out.set_effective_from(dates::FormatOptional(version.dates.effective_from));
  out.set_effective_to(dates::FormatOptional(version.dates.effective_to));
  *out.mutable_create_time() = TimeUtil::MicrosecondsToTimestamp(version.create_time_micros);
  out.set_creator(version.creator);
  return out;
}

absl::StatusOr<v1::Plan> PlanWithVersions(const store::StoredPlan& plan,
                                          const std::vector<store::StoredVersion>& versions) {
  v1::Plan out = StoredPlanToProto(plan);
  for (const store::StoredVersion& version : versions) {
    auto message = StoredVersionToProto(version);
    if (!message.ok()) return message.status();
    *out.add_versions() = *std::move(message);
  }
  return out;
}

v1::PlanAssignment StoredAssignmentToProto(const store::StoredAssignment& assignment) {
  v1::PlanAssignment out = PlanAssignmentToProto(assignment.assignment);
  *out.mutable_create_time() = TimeUtil::MicrosecondsToTimestamp(assignment.create_time_micros);
  out.set_creator(assignment.creator);
  return out;
}

}  // namespace attain::compensation::plans

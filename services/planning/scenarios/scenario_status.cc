#include "services/planning/scenarios/scenario_status.h"

#include <google/protobuf/util/json_util.h>

#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"
#include "services/planning/scenarios/scenario_proto.h"

namespace attain::planning::scenarios {

absl::Status ScenarioNotFound(int64_t id) {
  return absl::NotFoundError(absl::StrCat(ScenarioName(id), " not found"));
}

absl::Status NotDraft(const v1::Scenario& scenario) {
  return errors::WithReason(
      absl::FailedPreconditionError(absl::StrCat(scenario.name(), " is ", StateName(scenario.state()),
                                                 "; only a DRAFT scenario can change")),
      "SCENARIO_NOT_DRAFT");
}

absl::Status Stale(const std::string& message) {
  return errors::WithReason(absl::FailedPreconditionError(message), "SCENARIO_STALE");
}

absl::Status RequireKind(const v1::Scenario& scenario, v1::ScenarioKind kind) {
  if (scenario.kind() == kind) return absl::OkStatus();
  return errors::WithReason(
      absl::FailedPreconditionError(absl::StrCat(scenario.name(), " is a ", KindName(scenario.kind()),
                                                 " scenario; this needs a ", KindName(kind), " one")),
      "WRONG_SCENARIO_KIND");
}

std::string EventJson(const google::protobuf::Message& message) {
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(message, &json);
  return json;
}

}  // namespace attain::planning::scenarios

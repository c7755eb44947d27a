#include "services/compensation/plans/plan_rules.h"

#include <google/protobuf/util/json_util.h>

#include "absl/strings/str_cat.h"
#include "services/compensation/plans/plan_output.h"
#include "services/compensation/plans/plan_variables.h"

namespace attain::compensation::plans {

std::string RulesJson(const plan::Plan& version) {
  v1::PlanVersion rules = PlanVersionToProto(version);
  rules.clear_name();  // the row's key says which version it is
  rules.clear_version();
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string json;
  // Printing a message without Any fields cannot fail.
  (void)google::protobuf::util::MessageToJsonString(rules, &json, options);
  return json;
}

absl::StatusOr<v1::PlanVersion> RulesFromJson(std::string_view json) {
  v1::PlanVersion rules;
  if (!google::protobuf::util::JsonStringToMessage(std::string(json), &rules).ok()) {
    return absl::DataLossError("stored plan version rules are not a PlanVersion in JSON");
  }
  return rules;
}

absl::StatusOr<plan::Plan> DecodeStoredVersion(const PlanHeader& header, int version,
                                               std::string_view json) {
  auto rules = RulesFromJson(json);
  if (!rules.ok()) return rules.status();
  const EngineExpressionChecker checker;
  Violations violations;
  auto decoded = ParsePlanVersion(header, *rules, checker, "rules", &violations);
  if (!decoded) {
    const std::string first = violations.empty() ? ""
                                                 : absl::StrCat(": ", violations[0].field, " ",
                                                                violations[0].description);
    return absl::DataLossError(absl::StrCat(PlanVersionName(header.plan_id, version),
                                            " as stored does not pass validation", first));
  }
  decoded->version = version;
  return *std::move(decoded);
}

}  // namespace attain::compensation::plans

#include "services/planning/quotas/plan_names.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/errors/errors.h"
#include "services/planning/org/seller_validation.h"

namespace attain::planning::quotas {

absl::StatusOr<PlanRef> ParsePlanName(const std::string& name, const std::string& field,
                                      bool require_version) {
  const std::vector<std::string> parts = absl::StrSplit(name, '/');
  const char* expected = require_version ? "must be quotaPlans/{plan_id}/versions/{version}"
                                         : "must be quotaPlans/{plan_id}[/versions/{version}]";
  PlanRef ref;
  if ((parts.size() != 2 && parts.size() != 4) || parts[0] != "quotaPlans" ||
      !org::IsValidSellerId(parts[1])) {
    return errors::InvalidField(field, expected);
  }
  ref.plan_id = parts[1];
  if (parts.size() == 4) {
    int version = 0;
    if (parts[2] != "versions" || !absl::SimpleAtoi(parts[3], &version) || version < 1) {
      return errors::InvalidField(field, expected);
    }
    ref.version = version;
  } else if (require_version) {
    return errors::InvalidField(field, expected);
  }
  return ref;
}

std::string PlanName(const std::string& plan_id) { return absl::StrCat("quotaPlans/", plan_id); }

std::string VersionName(const std::string& plan_id, int version) {
  return absl::StrCat("quotaPlans/", plan_id, "/versions/", version);
}

}  // namespace attain::planning::quotas

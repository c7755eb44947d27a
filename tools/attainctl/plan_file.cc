#include "tools/attainctl/plan_file.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tools/attainctl/cli.h"
#include "tools/attainctl/compensation_text.h"

namespace attain::ctl {

absl::StatusOr<compensation::v1::CreatePlanRequest> LoadPlanFile(const std::string& file) {
  const std::string lower = absl::AsciiStrToLower(file);
  if (absl::EndsWith(lower, ".yaml") || absl::EndsWith(lower, ".yml")) {
    return absl::InvalidArgumentError(absl::StrCat(
        file, ": YAML plan files are not read (attainctl has no YAML library); convert it to JSON "
              "first: python3 -c 'import json,sys,yaml; json.dump(yaml.safe_load(sys.stdin), "
              "sys.stdout, indent=2)' < ", file, " > plan.json"));
  }
  return ReadJson<compensation::v1::CreatePlanRequest>(file);
}

absl::StatusOr<compensation::v1::PlanVersion> RevisionOf(const compensation::v1::CreatePlanRequest& file,
                                                         const std::string& source,
                                                         const std::string& plan_name) {
  const std::string& id = file.plan().plan_id();
  if (!id.empty() && comp::PlanName(id) != plan_name) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": the file is for plan ", id, ", not ", plan_name));
  }
  return file.version();
}

}  // namespace attain::ctl

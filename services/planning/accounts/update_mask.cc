#include "services/planning/accounts/update_mask.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"

namespace attain::planning::catalog {

absl::StatusOr<std::vector<std::string>> UpdatePaths(const google::protobuf::FieldMask& mask,
                                                     const std::vector<std::string>& updatable) {
  std::vector<std::string> paths(mask.paths().begin(), mask.paths().end());
  if (paths.empty()) return updatable;
  for (const std::string& path : paths) {
    if (std::find(updatable.begin(), updatable.end(), path) == updatable.end()) {
      return errors::InvalidField("update_mask", absl::StrCat("'", path, "' cannot be updated"));
    }
  }
  return paths;
}

absl::Status CheckRevision(const std::string& resource, int64_t sent, int64_t stored) {
  if (sent == 0 || sent == stored) return absl::OkStatus();
  return errors::WithReason(absl::AbortedError(absl::StrCat(resource, " changed since revision ",
                                                            sent, "; re-read and retry")),
                            "STALE_REVISION");
}

}  // namespace attain::planning::catalog

#pragma once
// What the account and product Update methods share: the update mask and revision checks.

#include <cstdint>
#include <string>
#include <vector>

#include <google/protobuf/field_mask.pb.h>

#include "absl/status/statusor.h"

namespace attain::planning::catalog {

// The mask's paths, or all of `updatable` when the mask is empty; INVALID_ARGUMENT naming
// update_mask for a path that cannot be updated.
absl::StatusOr<std::vector<std::string>> UpdatePaths(const google::protobuf::FieldMask& mask,
                                                     const std::vector<std::string>& updatable);

// OK when `sent` is 0 (no check asked) or equals `stored`; ABORTED STALE_REVISION otherwise.
absl::Status CheckRevision(const std::string& resource, int64_t sent, int64_t stored);

}  // namespace attain::planning::catalog

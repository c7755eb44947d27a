#pragma once
// Who reports to a manager: the sellers below them in planning's organization on a day. The
// MBO APIs narrow a manager to these (score_access.h). An interface so tests need no planning.

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace attain::compensation::mbo {

class ReportsSource {
 public:
  virtual ~ReportsSource() = default;
  // Everyone below `manager_id` (directly or further down) on `day`, not the manager; empty
  // when nobody is, or `manager_id` is no seller. UNAVAILABLE when planning cannot answer.
  virtual absl::StatusOr<absl::flat_hash_set<std::string>> Reports(const std::string& manager_id,
                                                                    absl::CivilDay day) = 0;
};

}  // namespace attain::compensation::mbo

#pragma once
// Request validation. Balance() and AssignFromScratch() run it themselves; the adapter calls it
// directly to turn the violations into google.rpc.BadRequest (errors::InvalidFields).

#include <vector>

#include "absl/status/status.h"
#include "services/planning/engine/balancing/types.h"

namespace attain::planning::balancing {

// Every violation, in request order: k >= 1, unique non-empty ids, non-negative potential and
// workload, known current territory, locked accounts assigned, tolerance in (0, 1), workload
// weight in [0, 1], max_iterations >= 0, totals within the Decimal range.
std::vector<FieldViolation> Validate(const Request& request);

// OK when `violations` is empty, else INVALID_ARGUMENT "field: description (and N more)".
absl::Status ViolationsToStatus(const std::vector<FieldViolation>& violations);

}  // namespace attain::planning::balancing

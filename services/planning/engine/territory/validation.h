#pragma once
// Validation of a territory model before it is compiled. Every problem is reported at once as
// a field violation whose path follows the protobuf field names
// ("territories[3].versions[0].rules[1].predicates[0].attribute"), so the gRPC adapter can
// turn the list into google.rpc.BadRequest 1:1 (errors::FieldViolation has the same shape).

#include <span>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/planning/engine/territory/attributes.h"
#include "services/planning/engine/territory/territory.h"

namespace attain::planning::territory {

struct FieldViolation {
  std::string field;
  std::string description;
  friend bool operator==(const FieldViolation&, const FieldViolation&) = default;
};

// Checks ids, the hierarchy (parents exist, one level up), effective dates (end >= start,
// no overlapping versions), rules (only on TERRITORY nodes, unique priorities per version)
// and predicates (known attribute of the right kind, non-empty lists and values, min <= max,
// postal bounds of equal normalized length with from <= to).
std::vector<FieldViolation> ValidateTerritories(std::span<const Territory> territories,
                                                const AttributeSchema& schema);

// OK when empty; otherwise INVALID_ARGUMENT "<field>: <description> (and N more)".
absl::Status ViolationsToStatus(const std::vector<FieldViolation>& violations);

}  // namespace attain::planning::territory

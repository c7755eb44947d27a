#pragma once
// Building planning territories and seller coverage in tests.

#include <string>

#include "attain/planning/v1/territories.grpc.pb.h"

namespace attain::itest {

// A territory "Territory <id>" of `level` and `type` with one version from `effective_from`
// under `parent` ("" for a WORLD root) and no rules.
planning::v1::Territory TerritoryNode(const std::string& id, planning::v1::TerritoryLevel level,
                                      planning::v1::TerritoryType type, const std::string& parent,
                                      const std::string& effective_from);

// `seller` covering a territory in `role` with `percent` of its credit from `start` through
// `end` ("" = open).
planning::v1::SellerAssignment SellerCoverage(const std::string& seller, planning::v1::SellerRole role,
                                              const std::string& percent, const std::string& start,
                                              const std::string& end);

}  // namespace attain::itest

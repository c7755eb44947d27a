#pragma once
// Field-level validation of one seller, independent of the rest of the organization.
// Each problem becomes a FieldViolation whose field is `prefix` + "." + the proto field
// path ("seller.email", "rows[12].reporting_lines[0].start_date"), so the caller can reject
// the request naming every bad field at once.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/errors/errors.h"
#include "services/planning/org/seller.h"

namespace attain::planning::org {

// Parses and checks every field. Returns the seller when `violations` gained nothing.
std::optional<Seller> ParseSeller(const SellerInput& input, const std::string& prefix,
                                  std::vector<errors::FieldViolation>* violations);

bool IsValidSellerId(const std::string& id);
bool IsValidEmail(const std::string& email);

}  // namespace attain::planning::org

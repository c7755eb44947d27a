#pragma once
// Validation shared by live territory writes and plan scenario edits: a territory's own
// fields, a territory within the whole tree it joins, and a territory's seller coverage.
// Pure logic; violations name request fields under the given prefix.

#include <string>
#include <vector>

#include <google/protobuf/repeated_ptr_field.h>

#include "attain/planning/v1/territories.pb.h"
#include "common/errors/errors.h"

namespace attain::planning::territories {

// Id (1-64 letters, digits, '-', '_', '.') and display name.
void CheckTerritoryFields(const v1::Territory& territory, const std::string& prefix,
                          std::vector<errors::FieldViolation>* violations);

// Validates `changed` within the whole tree `stored` (which it replaces or joins). Only the
// changed territory's problems are reported, under `prefix`.
std::vector<errors::FieldViolation> ValidateInTree(const std::vector<v1::Territory>& stored,
                                                   const v1::Territory& changed,
                                                   const std::string& prefix);

using SellerAssignments = google::protobuf::RepeatedPtrField<v1::SellerAssignment>;

// A territory's full coverage as SetSellerAssignments takes it: valid ids, roles, splits in
// (0, 100] and dates, and per role the splits active on every date total exactly 100 %.
// Appends the well-formed seller ids to `seller_ids` (for the existence check).
std::vector<errors::FieldViolation> ValidateSellerAssignments(const std::string& territory_id,
                                                              const SellerAssignments& assignments,
                                                              std::vector<std::string>* seller_ids);

// "assignments[i].seller_id: unknown seller" for each assignment naming one of `missing`.
std::vector<errors::FieldViolation> UnknownSellers(const SellerAssignments& assignments,
                                                   const std::vector<std::string>& missing);

}  // namespace attain::planning::territories

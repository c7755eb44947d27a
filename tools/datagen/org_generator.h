#pragma once
// A deterministic demo sales organization: one CRO, four regional VPs (NA East, NA West,
// EMEA, APAC), five sales managers per VP and `reps` account executives spread over the
// managers. Hire dates fall in the two years before 2026-11-01, leaders first; about 8% of
// reps are terminated and a few change manager mid-year. Every reporting line lies within
// the seller's employment and starts no earlier than the manager's hire date, so the output
// passes the planning service's import validation.

#include <cstdint>
#include <string>
#include <vector>

#include "attain/planning/v1/organization.pb.h"

namespace attain::datagen {

struct OrgOptions {
  uint64_t seed = 42;
  int reps = 200;
};

// Leaders first (CRO, VPs, managers, reps) so every manager precedes their reports.
std::vector<planning::v1::Seller> GenerateOrg(const OrgOptions& options);

// The sellers in the import CSV format of `attainctl sellers import`, header included.
std::string ToCsv(const std::vector<planning::v1::Seller>& sellers);

}  // namespace attain::datagen

#pragma once
// Deterministic demo territories and their sellers, consistent with the same seed's accounts
// (catalog_generator.h) and organization (org_generator.h), in the CSV formats of
// `attainctl territories import` and `territories sellers import` (territory_csv.h).
//
// territories: WORLD -> the org's four regions (NA East, NA West, EMEA, APAC) -> four
//   geographic districts each -> geographic territories splitting each district's
//   states/provinces by postal-code range (country equals in North America, country in-lists
//   in EMEA and APAC; state equals, or the district's states as an in-list where it has two),
//   so every demo account matches exactly one geographic territory. Each region also has a strategic district with one NAMED_ACCOUNT territory
//   listing the region's largest accounts by annual revenue, and NA East a specialists
//   district with two industry OVERLAY territories (Healthcare, Financial Services) for North
//   America. The seed decides how many territories a district has and where the postal
//   ranges split. Every version is effective from kTerritoriesEffectiveFrom, open-ended.
// territory sellers: from kAssignmentsStart, open-ended, each region's account executives
//   employed on that day and not terminated are shuffled and dealt over the region's
//   geographic and named-account territories (every territory gets one, leftovers a second or
//   third, splits 100, 60/40, 40/30/30, ...); each overlay gets two NA reps as OVERLAY 50/50.
// The same options always give byte-identical output.

#include <cstdint>
#include <string>
#include <vector>

#include "attain/planning/v1/territories.pb.h"

namespace attain::datagen {

inline constexpr char kTerritoriesEffectiveFrom[] = "2025-01-01";
inline constexpr char kAssignmentsStart[] = "2026-01-01";

struct TerritoryOptions {
  uint64_t seed = 42;
  int accounts = 20000;  // the accounts file's --count (named accounts come from it)
};

struct TerritorySellerOptions {
  uint64_t seed = 42;
  int accounts = 20000;  // as for the territories
  int reps = 200;        // the org file's --reps
};

// Parents before children.
std::vector<planning::v1::Territory> GenerateTerritories(const TerritoryOptions& options);
std::vector<planning::v1::SellerAssignment> GenerateTerritorySellers(
    const TerritorySellerOptions& options);

std::string TerritoriesCsv(const std::vector<planning::v1::Territory>& territories);
std::string TerritorySellersCsv(const std::vector<planning::v1::SellerAssignment>& assignments);

}  // namespace attain::datagen

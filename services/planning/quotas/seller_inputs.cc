#include "services/planning/quotas/seller_inputs.h"

#include <algorithm>
#include <map>

#include "absl/container/flat_hash_set.h"

namespace attain::planning::quotas {

std::vector<quota::SellerPlanInput> BuildSellerInputs(
    const std::vector<Coverage>& coverage, const std::vector<std::string>& requested,
    const absl::flat_hash_map<std::string, absl::CivilDay>& hire_dates,
    const quota::TerritoryQuotas& territory_quotas) {
  const absl::flat_hash_set<std::string> wanted(requested.begin(), requested.end());
  absl::flat_hash_set<std::string> territories;
  for (const Coverage& c : coverage) {
    if (wanted.contains(c.seller_id) && territory_quotas.contains(c.territory_id)) {
      territories.insert(c.territory_id);
    }
  }
  std::map<std::string, quota::SellerPlanInput> by_seller;  // ordered: deterministic output
  for (const Coverage& c : coverage) {
    if (!territories.contains(c.territory_id)) continue;
    auto hire = hire_dates.find(c.seller_id);
    if (hire == hire_dates.end()) continue;
    dates::DateRange active = c.active;
    active.start = std::max(active.start, hire->second);
    if (active.end && *active.end < active.start) continue;
    quota::SellerPlanInput& input = by_seller[c.seller_id];
    input.seller_id = c.seller_id;
    input.hire_date = hire->second;
    input.assignments.push_back({c.territory_id, c.split, active, c.overlay});
  }
  std::vector<quota::SellerPlanInput> out;
  out.reserve(by_seller.size());
  for (auto& [id, input] : by_seller) out.push_back(std::move(input));
  return out;
}

}  // namespace attain::planning::quotas

#include "services/planning/scenarios/scenario_diff.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"

namespace attain::planning::scenarios {

std::vector<v1::ScenarioAccount> DiffAgainstLive(const std::vector<v1::ScenarioAccount>& scenario,
                                                 const std::vector<CurrentAccount>& live) {
  absl::flat_hash_map<std::string, const CurrentAccount*> now;
  for (const CurrentAccount& a : live) now[a.account_id] = &a;
  std::vector<v1::ScenarioAccount> moved;
  for (const v1::ScenarioAccount& a : scenario) {
    auto it = now.find(a.account_id());
    const CurrentAccount* current = it == now.end() ? nullptr : it->second;
    if (current != nullptr && current->territory_id == a.to_territory_id()) continue;
    v1::ScenarioAccount& out = moved.emplace_back(a);
    out.set_from_territory_id(current != nullptr ? current->territory_id : "");
    if (current != nullptr) {
      out.set_potential(current->potential.ToString());
      out.set_workload(current->workload.ToString());
      out.set_locked(current->locked);
    }
    out.set_moved(true);
  }
  std::sort(moved.begin(), moved.end(), [](const v1::ScenarioAccount& a, const v1::ScenarioAccount& b) {
    return a.account_id() < b.account_id();
  });
  return moved;
}

}  // namespace attain::planning::scenarios

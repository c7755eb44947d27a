#include "services/planning/accounts/account_hierarchy.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"

namespace attain::planning::accounts {

absl::StatusOr<HierarchyProblems> CheckHierarchy(const ParentMap& written,
                                                 const StoredParentLoader& load_stored) {
  ParentMap stored;
  absl::flat_hash_set<std::string> missing;
  auto known = [&](const std::string& id) {
    return written.contains(id) || stored.contains(id) || missing.contains(id);
  };

  // Load stored ancestors one level at a time until every chain ends or reaches a written
  // account.
  absl::flat_hash_set<std::string> wanted;
  for (const auto& [id, parent] : written) {
    if (!parent.empty() && !known(parent)) wanted.insert(parent);
  }
  while (!wanted.empty()) {
    std::vector<std::string> ids(wanted.begin(), wanted.end());
    wanted.clear();
    auto loaded = load_stored(ids);
    if (!loaded.ok()) return loaded.status();
    for (const std::string& id : ids) {
      auto it = loaded->find(id);
      if (it == loaded->end()) {
        missing.insert(id);
      } else {
        stored[id] = it->second;
      }
    }
    for (const std::string& id : ids) {
      auto it = stored.find(id);
      if (it != stored.end() && !it->second.empty() && !known(it->second)) {
        wanted.insert(it->second);
      }
    }
  }

  auto parent_of = [&](const std::string& id) -> std::string {
    if (auto it = written.find(id); it != written.end()) return it->second;
    if (auto it = stored.find(id); it != stored.end()) return it->second;
    return "";
  };

  HierarchyProblems problems;
  // Colouring walk over a graph where every node has at most one parent: 1 = on the current
  // path, 2 = finished. Reaching a node on the current path closes a cycle.
  absl::flat_hash_map<std::string, int> state;
  std::vector<std::string> path;
  for (const auto& [start, start_parent] : written) {
    if (!start_parent.empty() && missing.contains(start_parent)) {
      problems.unknown_parent.push_back(start);
    }
    path.clear();
    std::string node = start;
    while (!node.empty() && state[node] == 0) {
      state[node] = 1;
      path.push_back(node);
      node = parent_of(node);
    }
    if (!node.empty() && state[node] == 1) {
      auto first = std::find(path.begin(), path.end(), node);
      for (auto it = first; it != path.end(); ++it) {
        if (written.contains(*it)) problems.in_cycle.push_back(*it);
      }
    }
    for (const std::string& visited : path) state[visited] = 2;
  }
  std::sort(problems.unknown_parent.begin(), problems.unknown_parent.end());
  std::sort(problems.in_cycle.begin(), problems.in_cycle.end());
  return problems;
}

}  // namespace attain::planning::accounts

#pragma once
// The account parent hierarchy check, run against the whole set of accounts: every parent
// must exist (among the stored accounts or the accounts being written) and no chain of
// parents may loop. Pure: stored parents come from a loader, so it is tested without SQL.

#include <functional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"

namespace attain::planning::accounts {

// account id -> parent id ("" = top level).
using ParentMap = absl::flat_hash_map<std::string, std::string>;

// Parents of those stored accounts among `ids` that exist; absent ids are unknown.
using StoredParentLoader = std::function<absl::StatusOr<ParentMap>(const std::vector<std::string>& ids)>;

struct HierarchyProblems {
  // Written accounts whose parent exists nowhere.
  std::vector<std::string> unknown_parent;
  // Written accounts on a parent cycle.
  std::vector<std::string> in_cycle;
  bool empty() const { return unknown_parent.empty() && in_cycle.empty(); }
};

// `written` is what the write will store (it overrides stored parents). The stored
// hierarchy is acyclic, so any cycle passes through a written account; ancestors are
// loaded level by level, one loader call per level. Both lists are sorted.
absl::StatusOr<HierarchyProblems> CheckHierarchy(const ParentMap& written,
                                                 const StoredParentLoader& load_stored);

}  // namespace attain::planning::accounts

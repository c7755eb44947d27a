#pragma once
// The territory tree a quota plan is allocated down: one root (the company), each other
// node naming its parent. Indexes are positions in the caller's node list.

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "services/planning/engine/quota/validation.h"

namespace attain::planning::quota {

struct TerritoryNode {
  std::string id;
  std::string parent_id;  // "" for the root
};

class Hierarchy {
 public:
  static constexpr size_t kNoParent = static_cast<size_t>(-1);

  // Checks ids (non-empty, unique), parents (known), exactly one root and no cycles,
  // adding violations under `field` ("nodes[3].parent_id"). nullopt when any was added.
  static std::optional<Hierarchy> Build(const std::vector<TerritoryNode>& nodes,
                                        const std::string& field, Violations* violations);

  size_t size() const { return ids_.size(); }
  size_t root() const { return order_.front(); }
  const std::string& id(size_t node) const { return ids_[node]; }
  size_t parent(size_t node) const { return parent_[node]; }
  int depth(size_t node) const { return depth_[node]; }
  int max_depth() const { return max_depth_; }
  // Children ordered by id, which is also the largest-remainder tie-break order.
  const std::vector<size_t>& children(size_t node) const { return children_[node]; }
  // Every node, parents before children (breadth first).
  const std::vector<size_t>& top_down_order() const { return order_; }
  std::optional<size_t> Find(absl::string_view id) const;

 private:
  Hierarchy() = default;
  std::vector<std::string> ids_;
  std::vector<size_t> parent_;
  std::vector<int> depth_;
  std::vector<std::vector<size_t>> children_;
  std::vector<size_t> order_;
  absl::flat_hash_map<std::string, size_t> index_;
  int max_depth_ = 0;
};

}  // namespace attain::planning::quota

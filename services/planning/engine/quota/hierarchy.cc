#include "services/planning/engine/quota/hierarchy.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace attain::planning::quota {

std::optional<Hierarchy> Hierarchy::Build(const std::vector<TerritoryNode>& nodes,
                                          const std::string& field, Violations* violations) {
  const size_t before = violations->list().size();
  Hierarchy h;
  h.ids_.reserve(nodes.size());
  // Field paths are built only for violations: a plan has thousands of nodes.
  auto at = [&](size_t i, const char* member) {
    return absl::StrCat(Indexed(field, i), ".", member);
  };
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].id.empty()) violations->Add(at(i, "id"), "must not be empty");
    auto [it, inserted] = h.index_.emplace(nodes[i].id, i);
    if (!inserted && !nodes[i].id.empty()) {
      violations->Add(at(i, "id"), absl::StrCat("duplicate of ", Indexed(field, it->second), " (\"",
                                                nodes[i].id, "\")"));
    }
    h.ids_.push_back(nodes[i].id);
  }
  h.parent_.assign(nodes.size(), kNoParent);
  h.children_.resize(nodes.size());
  std::optional<size_t> root;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].parent_id.empty()) {
      if (root.has_value()) {
        violations->Add(at(i, "parent_id"),
                        absl::StrCat("a second root; the root is ", Indexed(field, *root)));
      } else {
        root = i;
      }
      continue;
    }
    auto parent = h.index_.find(nodes[i].parent_id);
    if (parent == h.index_.end()) {
      violations->Add(at(i, "parent_id"),
                      absl::StrCat("unknown node \"", nodes[i].parent_id, "\""));
      continue;
    }
    h.parent_[i] = parent->second;
    h.children_[parent->second].push_back(i);
  }
  if (!root.has_value()) {
    violations->Add(field, "no root: exactly one node must have an empty parent_id");
  }
  for (auto& kids : h.children_) {
    std::sort(kids.begin(), kids.end(), [&](size_t a, size_t b) { return h.ids_[a] < h.ids_[b]; });
  }

  // Breadth first from the root; whatever it does not reach hangs off a cycle (unknown
  // parents were reported above and are never reached either).
  h.depth_.assign(nodes.size(), -1);
  if (root.has_value()) {
    h.order_.push_back(*root);
    h.depth_[*root] = 0;
    for (size_t k = 0; k < h.order_.size(); ++k) {
      const size_t node = h.order_[k];
      for (size_t child : h.children_[node]) {
        h.depth_[child] = h.depth_[node] + 1;
        h.max_depth_ = std::max(h.max_depth_, h.depth_[child]);
        h.order_.push_back(child);
      }
    }
  }
  // Walk up from each unreached node; a walk that meets itself is a cycle, reported once
  // at the member listed first.
  std::vector<char> done(nodes.size(), 0);
  for (size_t start = 0; start < nodes.size(); ++start) {
    if (h.depth_[start] >= 0 || done[start]) continue;
    std::vector<size_t> path;
    size_t node = start;
    while (node != kNoParent && h.depth_[node] < 0 && !done[node]) {
      done[node] = 1;
      path.push_back(node);
      node = h.parent_[node];
    }
    auto cycle_start = std::find(path.begin(), path.end(), node);
    if (node == kNoParent || cycle_start == path.end()) continue;
    const size_t first = *std::min_element(cycle_start, path.end());
    std::string text = h.ids_[first];
    for (size_t n = h.parent_[first];; n = h.parent_[n]) {
      absl::StrAppend(&text, " -> ", h.ids_[n]);
      if (n == first) break;
    }
    violations->Add(at(first, "parent_id"), "cycle " + text);
  }
  if (violations->list().size() != before) return std::nullopt;
  return h;
}

std::optional<size_t> Hierarchy::Find(absl::string_view id) const {
  auto it = index_.find(id);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

}  // namespace attain::planning::quota

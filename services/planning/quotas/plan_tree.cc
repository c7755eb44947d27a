#include "services/planning/quotas/plan_tree.h"

#include <deque>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"
#include "common/time/dates.h"
#include "services/planning/engine/quota/checked_math.h"

namespace attain::planning::quotas {
namespace {

// The version of `territory` effective on `day`, if any.
const v1::TerritoryVersion* VersionOn(const v1::Territory& territory, absl::CivilDay day) {
  for (const v1::TerritoryVersion& version : territory.versions()) {
    auto from = dates::Parse(version.effective_from(), "effective_from");
    auto to = dates::ParseOptional(version.effective_to(), "effective_to");
    if (!from.ok() || !to.ok()) continue;
    if (dates::DateRange{*from, *to}.Contains(day)) return &version;
  }
  return nullptr;
}

}  // namespace

absl::StatusOr<std::vector<quota::TerritoryNode>> SubtreeAsOf(
    const std::vector<v1::Territory>& territories, const std::string& root_id, absl::CivilDay day,
    const std::string& field) {
  absl::flat_hash_map<std::string, std::vector<std::string>> children;
  bool root_found = false;
  for (const v1::Territory& t : territories) {
    const v1::TerritoryVersion* version = VersionOn(t, day);
    if (version == nullptr) continue;
    if (t.territory_id() == root_id) root_found = true;
    if (!version->parent_id().empty()) children[version->parent_id()].push_back(t.territory_id());
  }
  if (!root_found) {
    return errors::InvalidField(field, absl::StrCat("unknown territory \"", root_id,
                                                    "\" (or none in effect on ",
                                                    dates::Format(day), ")"));
  }
  std::vector<quota::TerritoryNode> nodes = {{root_id, ""}};
  absl::flat_hash_set<std::string> seen = {root_id};
  for (size_t i = 0; i < nodes.size(); ++i) {
    auto it = children.find(nodes[i].id);
    if (it == children.end()) continue;
    for (const std::string& child : it->second) {
      if (seen.insert(child).second) nodes.push_back({child, nodes[i].id});
    }
  }
  return nodes;
}

absl::StatusOr<absl::flat_hash_map<std::string, money::Decimal>> RollUpTotals(
    const std::vector<quota::TerritoryNode>& nodes, const std::vector<AccountTerritory>& assignments,
    const absl::flat_hash_map<std::string, money::Decimal>& amount_by_account) {
  absl::flat_hash_map<std::string, const quota::TerritoryNode*> by_id;
  for (const quota::TerritoryNode& node : nodes) by_id[node.id] = &node;
  // Every subtree node each account rolls into, once.
  absl::flat_hash_map<std::string, absl::flat_hash_set<std::string>> nodes_of_account;
  for (const auto& [account, territory] : assignments) {
    auto node = by_id.find(territory);
    if (node == by_id.end() || !amount_by_account.contains(account)) continue;
    auto& into = nodes_of_account[account];
    for (const quota::TerritoryNode* at = node->second; at != nullptr;) {
      if (!into.insert(at->id).second) break;  // the rest of the path is already counted
      auto parent = by_id.find(at->parent_id);
      at = parent == by_id.end() ? nullptr : parent->second;
    }
  }
  quota::Checked c;
  absl::flat_hash_map<std::string, money::Decimal> totals;
  for (const quota::TerritoryNode& node : nodes) totals[node.id] = money::Decimal();
  for (const auto& [account, node_ids] : nodes_of_account) {
    const money::Decimal amount = amount_by_account.at(account);
    for (const std::string& id : node_ids) totals[id] = c.Add(totals[id], amount);
  }
  if (!c.ok()) return c.status();
  for (auto& [id, total] : totals) {
    if (total.IsNegative()) total = money::Decimal();
  }
  return totals;
}

std::vector<std::string> NodeIds(const std::vector<quota::TerritoryNode>& nodes) {
  std::vector<std::string> ids;
  ids.reserve(nodes.size());
  for (const quota::TerritoryNode& node : nodes) ids.push_back(node.id);
  return ids;
}

}  // namespace attain::planning::quotas

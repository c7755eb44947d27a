#include "services/planning/engine/quota/reconciliation.h"

#include "absl/strings/str_cat.h"
#include "services/planning/engine/quota/checked_math.h"
#include "services/planning/engine/quota/validation.h"

namespace attain::planning::quota {

using money::Decimal;

absl::StatusOr<std::vector<NodeReconciliation>> Reconcile(
    const TopDownAllocation& top_down, const std::vector<BottomUpSubmission>& submissions) {
  std::vector<NodeReconciliation> rows(top_down.nodes.size());
  Violations violations;
  for (size_t i = 0; i < submissions.size(); ++i) {
    const std::string at = Indexed("submissions", i);
    auto it = top_down.index.find(submissions[i].node_id);
    if (it == top_down.index.end()) {
      violations.Add(at + ".node_id",
                     absl::StrCat("unknown node \"", submissions[i].node_id, "\""));
      continue;
    }
    if (submissions[i].amount.IsNegative()) violations.Add(at + ".amount", "must not be negative");
    std::optional<Decimal>& submitted = rows[it->second].submitted;
    if (submitted.has_value()) {
      violations.Add(at + ".node_id",
                     absl::StrCat("duplicate submission for \"", submissions[i].node_id, "\""));
    }
    submitted = submissions[i].amount;
  }
  if (!violations.empty()) return violations.ToStatus();

  std::vector<size_t> parent(rows.size(), rows.size());
  std::vector<char> has_children(rows.size(), 0);
  for (size_t i = 0; i < rows.size(); ++i) {
    const NodeAllocation& node = top_down.nodes[i];
    rows[i].node_id = node.node_id;
    rows[i].parent_id = node.parent_id;
    rows[i].depth = node.depth;
    rows[i].top_down = node.annual;
    if (!node.parent_id.empty()) {
      parent[i] = top_down.index.at(node.parent_id);
      has_children[parent[i]] = 1;
    }
  }
  Checked c;
  // Children come after their parents, so a reverse walk finishes every subtree first.
  for (size_t i = rows.size(); i-- > 0;) {
    NodeReconciliation& row = rows[i];
    if (!has_children[i]) {
      if (row.submitted.has_value()) {
        row.bottom_up = *row.submitted;
      } else {
        row.missing_submissions = 1;
      }
    }
    row.difference = c.Sub(row.bottom_up, row.top_down);
    if (!row.top_down.IsZero()) row.relative_difference = c.Div(row.difference, row.top_down);
    if (parent[i] != rows.size()) {
      NodeReconciliation& up = rows[parent[i]];
      up.bottom_up = c.Add(up.bottom_up, row.bottom_up);
      up.missing_submissions += row.missing_submissions;
    }
  }
  if (!c.ok()) return c.status();
  return rows;
}

}  // namespace attain::planning::quota

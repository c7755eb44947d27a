#include "services/planning/engine/quota/allocation.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "services/planning/engine/quota/checked_math.h"
#include "services/planning/engine/quota/largest_remainder.h"

namespace attain::planning::quota {
namespace {

using money::Decimal;

bool IsWholeUnits(Decimal d) { return d.micros() % Decimal::kScale == 0; }

// Weight of each node (indexed like the hierarchy) from the level that allocates to it.
struct NodeWeights {
  std::vector<Decimal> weight;
  std::vector<char> present;
};

void ValidateLevel(const AllocationLevel& level, size_t k, const Hierarchy& tree,
                   NodeWeights* weights, Violations* violations) {
  const std::string at = Indexed("levels", k);
  if (level.padding.IsNegative()) {
    violations->Add(at + ".padding", "must not be negative");
  } else if (level.padding > kOne) {
    violations->Add(at + ".padding",
                    absl::StrCat("must be at most 1 (100 %), got ", level.padding.ToString()));
  }
  if (level.method == AllocationMethod::kEven) {
    if (!level.weights.empty()) violations->Add(at + ".weights", "must be empty for EVEN");
    return;
  }
  for (size_t j = 0; j < level.weights.size(); ++j) {
    const NodeWeight& entry = level.weights[j];
    // Field paths are built only for violations: a plan has thousands of weights.
    auto entry_field = [&](const char* member) {
      return absl::StrCat(Indexed(at + ".weights", j), ".", member);
    };
    if (entry.weight.IsNegative()) violations->Add(entry_field("weight"), "must not be negative");
    std::optional<size_t> node = tree.Find(entry.node_id);
    if (!node.has_value()) {
      violations->Add(entry_field("node_id"), absl::StrCat("unknown node \"", entry.node_id, "\""));
    } else if (tree.depth(*node) != static_cast<int>(k) + 1) {
      violations->Add(entry_field("node_id"),
                      absl::StrCat("node \"", entry.node_id, "\" is at depth ", tree.depth(*node),
                                   "; ", at, " weighs depth-", k + 1, " nodes"));
    } else if (weights->present[*node]) {
      violations->Add(entry_field("node_id"),
                      absl::StrCat("duplicate weight for \"", entry.node_id, "\""));
    } else {
      weights->present[*node] = 1;
      weights->weight[*node] = entry.weight;
    }
  }
  // Every child of every depth-k parent needs a weight, and some weight must be positive.
  for (size_t parent : tree.top_down_order()) {
    if (tree.depth(parent) != static_cast<int>(k) || tree.children(parent).empty()) continue;
    bool any_positive = false;
    for (size_t child : tree.children(parent)) {
      if (!weights->present[child]) {
        violations->Add(at + ".weights",
                        absl::StrCat("no weight for node \"", tree.id(child), "\""));
      } else if (weights->weight[child] > Decimal()) {
        any_positive = true;
      }
    }
    if (!any_positive) {
      violations->Add(at + ".weights", absl::StrCat("the weights of the children of \"",
                                                    tree.id(parent), "\" are all zero"));
    }
  }
}

}  // namespace

const NodeAllocation* TopDownAllocation::Find(absl::string_view node_id) const {
  auto it = index.find(node_id);
  return it == index.end() ? nullptr : &nodes[it->second];
}

absl::StatusOr<TopDownAllocation> AllocateTopDown(const TopDownRequest& request) {
  Violations violations;
  if (request.company_target.IsNegative() || !IsWholeUnits(request.company_target)) {
    violations.Add("company_target", "must be a whole number of currency units >= 0");
  }
  ValidateSeasonality(request.seasonality, static_cast<int>(request.seasonality.weights.size()),
                      "seasonality", &violations);
  std::optional<Hierarchy> tree = Hierarchy::Build(request.nodes, "nodes", &violations);
  NodeWeights weights;
  if (tree.has_value()) {
    if (request.levels.size() != static_cast<size_t>(tree->max_depth())) {
      violations.Add("levels", absl::StrCat("the hierarchy has ", tree->max_depth(),
                                            " levels below the root; got ", request.levels.size()));
    }
    weights.weight.assign(tree->size(), Decimal());
    weights.present.assign(tree->size(), 0);
    for (size_t k = 0; k < request.levels.size() && k < static_cast<size_t>(tree->max_depth());
         ++k) {
      ValidateLevel(request.levels[k], k, *tree, &weights, &violations);
    }
  }
  if (!violations.empty()) return violations.ToStatus();

  std::vector<Decimal> annual(tree->size());
  annual[tree->root()] = request.company_target;
  TopDownAllocation result;
  result.nodes.reserve(tree->size());
  result.index.reserve(tree->size());
  std::vector<Decimal> child_weights;
  std::vector<int> rank;
  for (size_t node : tree->top_down_order()) {
    NodeAllocation out;
    out.node_id = tree->id(node);
    if (tree->parent(node) != Hierarchy::kNoParent) out.parent_id = tree->id(tree->parent(node));
    out.depth = tree->depth(node);
    out.annual = annual[node];
    const std::vector<size_t>& kids = tree->children(node);
    if (!kids.empty()) {
      const AllocationLevel& level = request.levels[out.depth];
      Checked c;
      const Decimal padded = c.Mul(annual[node], c.Add(kOne, level.padding));
      if (!c.ok()) return c.status();
      out.children_pool = padded.RoundHalfEven(0);
      child_weights.clear();
      rank.clear();
      for (size_t i = 0; i < kids.size(); ++i) {
        child_weights.push_back(level.method == AllocationMethod::kEven ? kOne
                                                                        : weights.weight[kids[i]]);
        rank.push_back(static_cast<int>(i));  // children are sorted by id
      }
      absl::StatusOr<std::vector<Decimal>> parts =
          ApportionWholeUnits(out.children_pool, child_weights, rank);
      if (!parts.ok()) return parts.status();
      for (size_t i = 0; i < kids.size(); ++i) annual[kids[i]] = (*parts)[i];
    }
    absl::StatusOr<std::vector<Decimal>> periods =
        SplitAcrossPeriods(out.annual, request.seasonality);
    if (!periods.ok()) return periods.status();
    out.periods = *std::move(periods);
    result.index.emplace(out.node_id, result.nodes.size());
    result.nodes.push_back(std::move(out));
  }
  return result;
}

}  // namespace attain::planning::quota

#include "services/compensation/engine/expr/suggest.h"

#include <algorithm>
#include <vector>

namespace attain::compensation::expr {
namespace {

constexpr int kMaxEdits = 2;

// Levenshtein distance (insert, delete, substitute), one row at a time.
int EditDistance(std::string_view a, std::string_view b) {
  std::vector<int> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      const int above = row[j];
      row[j] = std::min({above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::optional<std::string> ClosestVariable(std::string_view name, const SlotLayout& layout) {
  std::optional<std::string> best;
  int best_distance = kMaxEdits + 1;
  for (int slot = 0; slot < layout.size(); ++slot) {
    const std::string& candidate = layout.NameOf(slot);
    // Lengths that differ by more than kMaxEdits cannot be within kMaxEdits.
    const size_t longer = std::max(candidate.size(), name.size());
    const size_t shorter = std::min(candidate.size(), name.size());
    if (longer - shorter > static_cast<size_t>(kMaxEdits)) continue;
    const int distance = EditDistance(name, candidate);
    // Replacing every character of a short name is a different name, not a typo.
    if (distance < best_distance && distance < static_cast<int>(name.size())) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

}  // namespace attain::compensation::expr

#include "services/compensation/plans/earnings_cycles.h"

#include <algorithm>
#include <deque>

namespace attain::compensation::plans {
namespace {

// Breadth-first from `start`; parent[j] is the node j was first reached from (-1 = unreached).
// Reaching `start` again records its parent too, which closes a shortest cycle.
std::vector<int> SearchFrom(int start, const std::vector<std::vector<int>>& reads) {
  std::vector<int> parent(reads.size(), -1);
  std::deque<int> queue = {start};
  bool start_reached = false;
  while (!queue.empty()) {
    const int node = queue.front();
    queue.pop_front();
    for (int next : reads[node]) {
      if (next < 0 || next >= static_cast<int>(reads.size())) continue;
      if (next == start) {
        if (!start_reached) parent[start] = node;
        start_reached = true;
        continue;
      }
      if (parent[next] != -1) continue;
      parent[next] = node;
      queue.push_back(next);
    }
  }
  return parent;
}

}  // namespace

std::vector<std::vector<int>> FindEarningsCycles(const std::vector<std::vector<int>>& reads) {
  const int n = static_cast<int>(reads.size());
  // Plans hold at most a few hundred components, so a search from every node is cheap.
  std::vector<std::vector<int>> parents(n);
  for (int i = 0; i < n; ++i) parents[i] = SearchFrom(i, reads);
  auto reaches = [&](int from, int to) { return parents[from][to] != -1; };

  std::vector<bool> reported(n, false);
  std::vector<std::vector<int>> cycles;
  for (int i = 0; i < n; ++i) {
    if (reported[i] || !reaches(i, i)) continue;
    for (int j = i; j < n; ++j) {
      if (reaches(i, j) && reaches(j, i)) reported[j] = true;
    }
    std::vector<int> cycle;  // walked backwards from i's own parent
    for (int node = parents[i][i]; node != i; node = parents[i][node]) cycle.push_back(node);
    cycle.push_back(i);
    std::reverse(cycle.begin(), cycle.end());
    cycles.push_back(std::move(cycle));
  }
  return cycles;
}

}  // namespace attain::compensation::plans

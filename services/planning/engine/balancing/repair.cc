#include "services/planning/engine/balancing/repair.h"

#include <algorithm>
#include <array>
#include <limits>
#include <vector>

namespace attain::planning::balancing {
namespace {

// Unlocked accounts of a territory ordered by one dimension's value, then by id rank, so
// equal values break ties by account id.
struct Key {
  int64_t value;
  int32_t rank;
  friend auto operator<=>(const Key&, const Key&) = default;
};
// A sorted vector rather than a tree: the search probes every territory's pool per step, and
// binary search over contiguous keys is several times faster than chasing tree nodes.
using Pool = std::vector<Key>;

void Insert(Pool& pool, Key key) {
  pool.insert(std::lower_bound(pool.begin(), pool.end(), key), key);
}
void Erase(Pool& pool, Key key) { pool.erase(std::lower_bound(pool.begin(), pool.end(), key)); }

// A candidate step: move `account` from `from` to `to`, or swap it with `partner` (in `to`).
struct Step {
  int account = -1;
  int partner = -1;
  int from = -1;
  int to = -1;
  // No touched territory is pushed past its band: an overshooting step leaves a violation on
  // the other side that costs another step, so clean steps come first.
  bool clean = false;
  __int128 gain = 0;  // imbalance removed; only steps with gain > 0 are taken
  __int128 miss = 0;  // |net transfer - desired transfer| in the searched dimension

  bool BetterThan(const Step& other) const {
    if ((gain > 0) != (other.gain > 0)) return gain > 0;
    if (clean != other.clean) return clean;
    return gain != other.gain ? gain > other.gain : miss < other.miss;
  }
};

__int128 Abs(__int128 v) { return v < 0 ? -v : v; }

// a - b clamped to the int64 range (a search target; the clamp cannot change the neighbours).
int64_t ClampedDifference(int64_t a, int64_t b) {
  const __int128 d = static_cast<__int128>(a) - b;
  return static_cast<int64_t>(std::clamp<__int128>(d, std::numeric_limits<int64_t>::min(),
                                                   std::numeric_limits<int64_t>::max()));
}

class Repairer {
 public:
  Repairer(const Problem& problem, std::vector<int>& territory_of, Loads& loads)
      : problem_(problem), territory_of_(territory_of), loads_(loads) {
    by_rank_.resize(problem.rank.size());
    for (size_t a = 0; a < problem.rank.size(); ++a) {
      by_rank_[problem.rank[a]] = static_cast<int>(a);
    }
    for (int d = 0; d < problem.dims; ++d) pools_[d].resize(problem.k);
    const std::vector<Account>& accounts = problem.request->accounts;
    for (size_t a = 0; a < accounts.size(); ++a) {
      if (accounts[a].locked) continue;
      for (int d = 0; d < problem.dims; ++d) {
        pools_[d][territory_of[a]].push_back(KeyOf(d, static_cast<int>(a)));
      }
    }
    for (int d = 0; d < problem.dims; ++d) {
      for (Pool& pool : pools_[d]) std::sort(pool.begin(), pool.end());
    }
    for (int t = 0; t < problem.k; ++t) imbalance_.push_back(Imbalance(t));
  }

  RepairResult Run() {
    RepairResult result;
    const int64_t limit = problem_.request->options.max_iterations;
    while (true) {
      std::vector<int> violating = ViolatingWorstFirst();
      if (violating.empty()) return result;
      if (result.moves + result.swaps >= limit) {
        result.stop = Shortfall::kIterationLimit;
        return result;
      }
      // Moves (one account) before swaps (two), worst territory first.
      bool stepped = false;
      for (int j : violating) {
        if (Step move = BestMove(j); move.gain > 0) {
          Apply(move);
          ++result.moves;
          stepped = true;
          break;
        }
      }
      for (size_t i = 0; !stepped && i < violating.size(); ++i) {
        if (Step swap = BestSwap(violating[i]); swap.gain > 0) {
          Apply(swap);
          ++result.swaps;
          stepped = true;
        }
      }
      if (!stepped) {
        result.stop = Shortfall::kNoImprovingMove;
        return result;
      }
    }
  }

 private:
  Key KeyOf(int dim, int account) const {
    return Key{problem_.Value(dim, account), problem_.rank[account]};
  }
  int64_t Load(int dim, int t) const { return loads_.of[dim][t]; }
  __int128 Imbalance(int t, int64_t dp = 0, int64_t dw = 0) const {
    return problem_.Imbalance(Load(kPotential, t) + dp, Load(kWorkload, t) + dw);
  }

  // Territories outside their band, largest imbalance first (ties by index).
  std::vector<int> ViolatingWorstFirst() const {
    std::vector<std::pair<__int128, int>> bad;
    for (int t = 0; t < problem_.k; ++t) {
      if (imbalance_[t] > 0) bad.emplace_back(-imbalance_[t], t);
    }
    std::sort(bad.begin(), bad.end());
    std::vector<int> out;
    out.reserve(bad.size());
    for (const auto& [unused, t] : bad) out.push_back(t);
    return out;
  }

  // Scores shifting (dp, dw) from territory `from` to territory `to`: the imbalance removed and
  // whether it is clean.
  Step Evaluate(int account, int partner, int from, int to, int64_t dp, int64_t dw,
                __int128 miss) const {
    const std::array<int64_t, 2> shift = {dp, dw};
    bool clean = true;
    for (int d = 0; d < problem_.dims; ++d) {
      clean = clean && !PushedPast(d, Load(d, from), -shift[d]) &&
              !PushedPast(d, Load(d, to), shift[d]);
    }
    const __int128 gain =
        imbalance_[from] + imbalance_[to] - Imbalance(from, -dp, -dw) - Imbalance(to, dp, dw);
    return Step{account, partner, from, to, clean, gain, miss};
  }

  // True when adding `delta` to `load` ends outside the band on the side it pushes toward.
  bool PushedPast(int dim, int64_t load, int64_t delta) const {
    const DimBand& band = problem_.band[dim];
    return (delta > 0 && load + delta > band.upper) || (delta < 0 && load + delta < band.lower);
  }

  // The transfer of `dim` from `from` to `to` that removes the most imbalance of this dimension,
  // preferring the one that brings one side to the mean. Gain is concave in the transfer, so
  // the best account is a neighbour of this value in the pool ordering.
  int64_t DesiredTransfer(int dim, int from, int to) const {
    const DimBand& band = problem_.band[dim];
    const int64_t mean = band.total / problem_.k;
    const int64_t lf = Load(dim, from), lt = Load(dim, to);
    const int64_t need = std::max(lf - band.upper, band.lower - lt);
    const int64_t allowed = std::min(lf - band.lower, band.upper - lt);
    if (need > allowed) return std::max<int64_t>(allowed, 0);
    return std::clamp(std::min(lf - mean, mean - lt), std::max<int64_t>(need, 0),
                      std::max<int64_t>(allowed, 0));
  }

  // Calls visit(account) for the accounts of `pool` just below and at-or-above `target`.
  template <typename Visit>
  void Neighbours(const Pool& pool, int64_t target, Visit visit) const {
    auto it = std::lower_bound(pool.begin(), pool.end(), Key{target, -1});
    if (it != pool.end()) visit(by_rank_[it->rank], it->value);
    if (it != pool.begin()) {
      --it;
      visit(by_rank_[it->rank], it->value);
    }
  }

  // The best single move into or out of violating territory `j`. Only directions that can
  // reduce j's own imbalance are searched: out of j when it is above a band, into j when below.
  // Any improving move reduces the imbalance of its source (above) or its destination (below),
  // so searching every violating territory this way misses none.
  Step BestMove(int j) const {
    bool above = false, below = false;
    for (int d = 0; d < problem_.dims; ++d) {
      above = above || Load(d, j) > problem_.band[d].upper;
      below = below || Load(d, j) < problem_.band[d].lower;
    }
    Step best;
    for (int t = 0; t < problem_.k; ++t) {
      if (t == j) continue;
      if (above) ConsiderMoves(j, t, best);
      if (below) ConsiderMoves(t, j, best);
    }
    return best;
  }

  // Updates `best` with the accounts of `from` whose values are nearest the desired transfer.
  void ConsiderMoves(int from, int to, Step& best) const {
    for (int d = 0; d < problem_.dims; ++d) {
      const int64_t desired = DesiredTransfer(d, from, to);
      Neighbours(pools_[d][from], desired, [&](int a, int64_t value) {
        const Step step =
            Evaluate(a, -1, from, to, problem_.Value(kPotential, a), problem_.Value(kWorkload, a),
                     Abs(static_cast<__int128>(value) - desired));
        if (step.BetterThan(best)) best = step;
      });
    }
  }

  // A swap of an account of `j` with one of another territory, used when no single move
  // helps (e.g. every account of an over-loaded territory is larger than the room elsewhere).
  Step BestSwap(int j) const {
    Step best;
    for (int t = 0; t < problem_.k; ++t) {
      if (t == j) continue;
      for (int d = 0; d < problem_.dims; ++d) {
        // Desired net transfer out of j: positive when j is the heavier side.
        const int64_t desired =
            Load(d, j) >= Load(d, t) ? DesiredTransfer(d, j, t) : -DesiredTransfer(d, t, j);
        for (const Key& key : pools_[d][j]) {
          const int a = by_rank_[key.rank];
          Neighbours(
              pools_[d][t], ClampedDifference(key.value, desired), [&](int b, int64_t value) {
                const int64_t dp = problem_.Value(kPotential, a) - problem_.Value(kPotential, b);
                const int64_t dw = problem_.Value(kWorkload, a) - problem_.Value(kWorkload, b);
                const __int128 net = static_cast<__int128>(key.value) - value;
                const Step step = Evaluate(a, b, j, t, dp, dw, Abs(net - desired));
                if (step.BetterThan(best)) best = step;
              });
        }
      }
    }
    return best;
  }

  void Relocate(int account, int from, int to) {
    for (int d = 0; d < problem_.dims; ++d) {
      Erase(pools_[d][from], KeyOf(d, account));
      Insert(pools_[d][to], KeyOf(d, account));
    }
    for (int d : {kPotential, kWorkload}) {
      loads_.of[d][from] -= problem_.Value(d, account);
      loads_.of[d][to] += problem_.Value(d, account);
    }
    territory_of_[account] = to;
    imbalance_[from] = Imbalance(from);
    imbalance_[to] = Imbalance(to);
  }

  void Apply(const Step& step) {
    Relocate(step.account, step.from, step.to);
    if (step.partner >= 0) Relocate(step.partner, step.to, step.from);
  }

  const Problem& problem_;
  std::vector<int>& territory_of_;
  Loads& loads_;
  std::vector<int> by_rank_;
  std::array<std::vector<Pool>, 2> pools_;  // [dim][territory]
  std::vector<__int128> imbalance_;         // [territory], kept in step with loads_
};

}  // namespace

RepairResult Repair(const Problem& problem, std::vector<int>& territory_of, Loads& loads) {
  return Repairer(problem, territory_of, loads).Run();
}

}  // namespace attain::planning::balancing

#pragma once
// A validated Request in the integer form the balancer and the from-scratch baseline share:
// per-account values, id ranks for tie-breaking, bands, the imbalance objective, greedy
// placement and the proposal builder. Internal to the engine.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/planning/engine/balancing/band.h"
#include "services/planning/engine/balancing/types.h"

namespace attain::planning::balancing {

inline constexpr int kPotential = 0;
inline constexpr int kWorkload = 1;

struct Problem {
  const Request* request = nullptr;
  int k = 0;
  // 1 balances potential only; 2 also workload (Options::workload_weight > 0).
  int dims = 1;
  int64_t workload_weight_micros = 0;
  std::array<std::vector<int64_t>, 2> value;  // [dim][account] micro-units
  std::vector<int32_t> rank;                  // [account] position in id order
  std::array<DimBand, 2> band;

  int64_t Value(int dim, int account) const { return value[dim][account]; }

  // Imbalance of one territory: how far its loads are outside their bands. With one dim it is
  // the potential excess in micro-units; with two, each excess is normalized by its mean
  // (parts per 1e9) and workload is weighted. Sums over territories never overflow for the
  // two territories a move touches.
  __int128 Imbalance(int64_t potential, int64_t workload) const;
  // Ordering key of a load pair for "lightest territory" and "largest account": the same
  // normalization as Imbalance, without the band.
  __int128 Weight(int64_t potential, int64_t workload) const;
};

// Per-territory loads in every dimension.
struct Loads {
  std::array<std::vector<int64_t>, 2> of;  // [dim][territory]
};

// Requires a request that passed Validate().
Problem MakeProblem(const Request& request);

// Loads of the accounts that have a territory in `territory_of`.
Loads LoadsOf(const Problem& problem, const std::vector<int>& territory_of);

// Places `accounts` heaviest first (ties by id) into the currently lightest territory (ties by
// index), updating `territory_of` and `loads` - longest-processing-time-first.
void PlaceGreedily(const Problem& problem, std::vector<int> accounts,
                   std::vector<int>& territory_of, Loads& loads);

struct Diagnosis {
  Shortfall shortfall = Shortfall::kNone;
  std::string reason;
};

// A reason no assignment can reach the band, when one is provable up front.
std::optional<Diagnosis> ProveInfeasible(const Problem& problem);

// Placements and after-metrics of `territory_of`; target_reached from the after-metrics.
// `diagnosis` explains a miss (ignored when the band is reached).
Proposal MakeProposal(const Problem& problem, const std::vector<int>& territory_of,
                      Diagnosis diagnosis);

}  // namespace attain::planning::balancing

#pragma once
// Inputs and outputs of the territory balancer. Plain values: the adapter maps them to and
// from protobuf / SQL rows. All business numbers are Decimal (int64 micro-units); ratios
// and fractions are Decimal too (0.05 == 5 %), computed with integer arithmetic only.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/money/decimal.h"

namespace attain::planning::balancing {

using money::Decimal;

// One account under the parent territory being rebalanced.
struct Account {
  std::string id;
  Decimal potential;
  Decimal workload;
  // Index into Request::territories; nullopt = not assigned yet (always gets assigned).
  std::optional<int> current_territory;
  // A locked account stays in current_territory (it must have one).
  bool locked = false;
};

// One of the k child territories. Accounts refer to it by its index in Request::territories.
struct Territory {
  std::string id;
};

struct Options {
  // Allowed relative deviation from the mean per territory, as a fraction in (0, 1).
  Decimal tolerance = Decimal::FromMicros(50'000);  // 5 %
  // 0 balances potential only. In (0, 1] workload must also land in the same band; the weight
  // sets how much a unit of workload imbalance counts against a unit of potential imbalance
  // when both cannot be fixed by one move.
  Decimal workload_weight;
  // Upper bound on repair steps (one step = one move or one swap); 0 only places unassigned
  // accounts.
  int64_t max_iterations = 1'000'000;
};

struct Request {
  std::vector<Account> accounts;
  std::vector<Territory> territories;
  Options options;
};

// A validation failure; `field` is a path into Request ("accounts[3].potential").
struct FieldViolation {
  std::string field;
  std::string description;
  friend bool operator==(const FieldViolation&, const FieldViolation&) = default;
};

struct TerritoryTotals {
  Decimal potential;
  Decimal workload;
  int64_t accounts = 0;
  friend bool operator==(const TerritoryTotals&, const TerritoryTotals&) = default;
};

// Figures for one assignment. Unassigned accounts belong to no territory and are left out of
// every per-territory figure (they only occur in the "before" metrics).
struct Metrics {
  std::vector<TerritoryTotals> territories;  // indexed like Request::territories
  // Population standard deviation / mean of per-territory potential, rounded to micro-units
  // (exact to within 1 micro). 0 when the mean is 0.
  Decimal potential_cv;
  Decimal workload_cv;
  // Largest / smallest territory potential; nullopt when the smallest is 0 (unbounded) or the
  // ratio exceeds the Decimal range.
  std::optional<Decimal> potential_max_min_ratio;
  // max |territory potential - mean| / mean (0.031 = 3.1 % off the mean at worst).
  Decimal max_potential_deviation;
  bool potential_within_band = false;
  bool workload_within_band = false;
  int64_t accounts_unassigned = 0;
  // Accounts whose territory differs from their current one (newly assigned ones excluded),
  // and that count over the accounts that had a current territory.
  int64_t accounts_moved = 0;
  Decimal moved_fraction;
};

// Why the band was not reached. The first three are proven before balancing starts; the
// balancer still returns its best effort.
enum class Shortfall {
  kNone,
  kAccountExceedsBand,  // one account alone is above the upper bound
  kLockedExceedBand,    // locked accounts of one territory together are above it
  kTooFewAccounts,      // fewer accounts with a positive value than territories
  kNoImprovingMove,     // local optimum: no single move or swap reduces the imbalance
  kIterationLimit,      // Options::max_iterations reached
};

struct Placement {
  std::string account_id;
  int territory = 0;   // index into Request::territories
  bool moved = false;  // had a current territory and it changed
  friend bool operator==(const Placement&, const Placement&) = default;
};

// Allowed range of a territory total: [lower, upper] around the mean, in micro-units.
struct Band {
  Decimal lower;
  Decimal upper;
  friend bool operator==(const Band&, const Band&) = default;
};

struct Proposal {
  std::vector<Placement> placements;  // one per account, in Request::accounts order
  Metrics before;                     // the current assignment
  Metrics after;                      // the proposal
  Band potential_band;
  Band workload_band;
  bool target_reached = false;  // every balanced dimension of every territory is in its band
  Shortfall shortfall = Shortfall::kNone;
  std::string reason;  // human-readable detail of the shortfall; empty when reached
  int64_t moves = 0;   // single-account repair moves performed
  int64_t swaps = 0;   // two-account swaps performed
};

}  // namespace attain::planning::balancing

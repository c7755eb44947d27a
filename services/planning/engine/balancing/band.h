#pragma once
// Integer arithmetic on tolerance bands, shared by the balancer and the metrics. Internal.

#include <cstdint>

namespace attain::planning::balancing {

// The band of one dimension (potential or workload) for `k` territories sharing `total`
// micro-units: lower = ceil(mean * (1 - t)), upper = floor(mean * (1 + t)), mean = total / k,
// exact (no rounding of the mean itself), so "within" is decided to the micro-unit.
struct DimBand {
  int64_t total = 0;
  int64_t lower = 0;
  int64_t upper = 0;
  int64_t mean_floor = 1;  // max(1, total / k): the unit that normalizes excess across dims

  bool Contains(int64_t load) const { return lower <= load && load <= upper; }
  // How far `load` is outside [lower, upper]; 0 inside.
  int64_t Excess(int64_t load) const {
    if (load > upper) return load - upper;
    if (load < lower) return lower - load;
    return 0;
  }
};

// `tolerance_micros` in (0, 1e6); `total` >= 0; k >= 1.
DimBand MakeBand(int64_t total, int k, int64_t tolerance_micros);

// floor(sqrt(n)).
unsigned __int128 ISqrt(unsigned __int128 n);

}  // namespace attain::planning::balancing

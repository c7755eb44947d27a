#include "services/planning/engine/balancing/band.h"

#include <algorithm>

namespace attain::planning::balancing {

DimBand MakeBand(int64_t total, int k, int64_t tolerance_micros) {
  constexpr __int128 kScale = 1'000'000;
  const __int128 denominator = static_cast<__int128>(k) * kScale;
  DimBand band;
  band.total = total;
  band.upper = static_cast<int64_t>(static_cast<__int128>(total) * (kScale + tolerance_micros) /
                                    denominator);
  const __int128 low_numerator = static_cast<__int128>(total) * (kScale - tolerance_micros);
  band.lower = static_cast<int64_t>((low_numerator + denominator - 1) / denominator);
  band.mean_floor = std::max<int64_t>(1, total / k);
  return band;
}

unsigned __int128 ISqrt(unsigned __int128 n) {
  // Digit-by-digit (base 4) square root: exact, 64 steps, no floating point.
  unsigned __int128 root = 0;
  unsigned __int128 bit = static_cast<unsigned __int128>(1) << 126;
  while (bit > n) bit >>= 2;
  while (bit != 0) {
    if (n >= root + bit) {
      n -= root + bit;
      root = (root >> 1) + bit;
    } else {
      root >>= 1;
    }
    bit >>= 2;
  }
  return root;
}

}  // namespace attain::planning::balancing

#pragma once
// Seeded randomness whose sequence is the same on every platform: std::mt19937_64's output is
// fixed by the standard, but std::uniform_int_distribution's algorithm is not, so integers are
// derived here by rejection sampling.

#include <cstdint>
#include <random>
#include <vector>

namespace attain::datagen {

class Random {
 public:
  explicit Random(uint64_t seed) : engine_(seed) {}

  // Uniform in [0, n); n > 0.
  uint64_t Below(uint64_t n) {
    // Reject the top partial block of 2^64 so every residue is equally likely.
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t value;
    do {
      value = engine_();
    } while (value >= limit);
    return value % n;
  }

  // Uniform in [lo, hi]; lo <= hi.
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }

  // `count` distinct indices of [0, n) in the order drawn (partial Fisher-Yates); count <= n.
  std::vector<size_t> Sample(size_t n, size_t count) {
    std::vector<size_t> pool(n);
    for (size_t i = 0; i < n; ++i) pool[i] = i;
    for (size_t i = 0; i < count; ++i) std::swap(pool[i], pool[i + Below(n - i)]);
    pool.resize(count);
    return pool;
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace attain::datagen

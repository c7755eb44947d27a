#include "services/planning/engine/territory/row_slices.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace attain::planning::territory {

void ForEachRowSlice(uint32_t count, int threads,
                     const std::function<void(uint32_t begin, uint32_t end)>& fn) {
  const uint32_t slices = std::max<uint32_t>(1, std::min<uint32_t>(std::max(threads, 1), count));
  const uint32_t per_slice = (count + slices - 1) / slices;
  std::vector<std::thread> workers;
  for (uint32_t s = 1; s < slices; ++s) {
    const uint32_t begin = std::min(count, s * per_slice);
    const uint32_t end = std::min(count, begin + per_slice);
    workers.emplace_back([&fn, begin, end] { fn(begin, end); });
  }
  fn(0, std::min(count, per_slice));
  for (std::thread& worker : workers) worker.join();
}

}  // namespace attain::planning::territory

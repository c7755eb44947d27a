#pragma once
// Splitting work over threads in contiguous chunks, so results concatenated or summed in
// chunk order are the same for any thread count.

#include <algorithm>
#include <thread>
#include <vector>

namespace attain::compensation::credit {

// Runs `work(w, begin, end)` for `threads` contiguous chunks of [0, size); the last chunk
// runs on the calling thread.
template <typename Work>
void InChunks(size_t size, int threads, Work work) {
  const size_t chunk = (size + threads - 1) / threads;
  std::vector<std::thread> workers;
  for (int w = 0; w < threads; ++w) {
    const size_t begin = std::min(size, w * chunk);
    const size_t end = std::min(size, begin + chunk);
    if (w + 1 == threads) {
      work(w, begin, end);
    } else {
      workers.emplace_back([&work, w, begin, end] { work(w, begin, end); });
    }
  }
  for (std::thread& worker : workers) worker.join();
}

}  // namespace attain::compensation::credit

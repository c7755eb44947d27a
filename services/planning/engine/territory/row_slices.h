#pragma once
// Splits rows [0, count) into contiguous slices, one per thread. Each row is written by
// exactly one slice, so results do not depend on the thread count or on scheduling.

#include <cstdint>
#include <functional>

namespace attain::planning::territory {

// Runs fn(begin, end) for each of up to `threads` slices and returns when all are done;
// the calling thread runs the first slice. threads < 1 counts as 1.
void ForEachRowSlice(uint32_t count, int threads,
                     const std::function<void(uint32_t begin, uint32_t end)>& fn);

}  // namespace attain::planning::territory

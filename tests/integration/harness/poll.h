#pragma once
// Waiting on a condition with a deadline instead of sleeping a fixed time.

#include <chrono>
#include <thread>

namespace attain::itest {

inline constexpr std::chrono::milliseconds kPollInterval{20};

// Calls `condition` until it returns true (-> true) or `timeout` passes (-> false). The
// condition is always evaluated at least once.
template <typename Condition>
bool PollUntil(std::chrono::steady_clock::duration timeout, Condition&& condition,
               std::chrono::milliseconds interval = kPollInterval) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(interval);
  }
}

}  // namespace attain::itest

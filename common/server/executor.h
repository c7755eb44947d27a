#pragma once
// A bounded thread pool for blocking work (SQL, Redis) so gRPC's callback threads never
// block. When the queue is full, TrySubmit refuses at once and the caller answers
// RESOURCE_EXHAUSTED: under overload Attain sheds load instead of piling up latency.

#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace prometheus { class Gauge; class Counter; }

namespace attain::server {

class Executor {
 public:
  Executor(int threads, int queue_capacity);
  ~Executor();  // drains queued work, then joins
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  // False (and `task` not run) when the queue is full or the executor is stopping.
  bool TrySubmit(std::function<void()> task);
  // Stops accepting work, runs what is queued, joins the threads. Idempotent.
  void Drain();
  int queue_depth();

 private:
  void Work();

  const int capacity_;
  absl::Mutex mu_;
  std::vector<std::function<void()>> queue_ ABSL_GUARDED_BY(mu_);  // FIFO via head_
  size_t head_ ABSL_GUARDED_BY(mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
  prometheus::Gauge* depth_gauge_;
  prometheus::Counter* rejected_;
};

}  // namespace attain::server

#include "common/server/executor.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>

#include "common/metrics/registry.h"

namespace attain::server {

Executor::Executor(int threads, int queue_capacity) : capacity_(queue_capacity) {
  depth_gauge_ = &prometheus::BuildGauge()
                      .Name("attain_executor_queue_depth")
                      .Help("Tasks waiting for a worker thread")
                      .Register(metrics::Registry())
                      .Add({});
  rejected_ = &prometheus::BuildCounter()
                   .Name("attain_executor_rejected_total")
                   .Help("Tasks refused because the executor queue was full")
                   .Register(metrics::Registry())
                   .Add({});
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Work(); });
}

Executor::~Executor() { Drain(); }

bool Executor::TrySubmit(std::function<void()> task) {
  absl::MutexLock lock(&mu_);
  if (stopping_ || static_cast<int>(queue_.size() - head_) >= capacity_) {
    rejected_->Increment();
    return false;
  }
  queue_.push_back(std::move(task));
  depth_gauge_->Set(static_cast<double>(queue_.size() - head_));
  return true;
}

int Executor::queue_depth() {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(queue_.size() - head_);
}

void Executor::Work() {
  while (true) {
    std::function<void()> task;
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
        return stopping_ || head_ < queue_.size();
      };
      mu_.Await(absl::Condition(&ready));
      if (head_ == queue_.size()) return;  // stopping and drained
      task = std::move(queue_[head_++]);
      if (head_ == queue_.size()) {
        queue_.clear();
        head_ = 0;
      }
      depth_gauge_->Set(static_cast<double>(queue_.size() - head_));
    }
    task();
  }
}

void Executor::Drain() {
  {
    absl::MutexLock lock(&mu_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

}  // namespace attain::server

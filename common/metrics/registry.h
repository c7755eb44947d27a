#pragma once
// The process-wide Prometheus registry every module registers its metric families in; the
// server bootstrap exposes it on the metrics port at /metrics.

#include <memory>

#include <prometheus/histogram.h>
#include <prometheus/registry.h>

namespace attain::metrics {

std::shared_ptr<prometheus::Registry> SharedRegistry();
inline prometheus::Registry& Registry() { return *SharedRegistry(); }

// Buckets for latencies in seconds: 0.5 ms .. 30 s.
const prometheus::Histogram::BucketBoundaries& LatencyBuckets();

}  // namespace attain::metrics

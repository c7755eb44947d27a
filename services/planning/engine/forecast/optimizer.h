#pragma once
// The engine's deterministic minimiser for smoothing parameters.

#include <vector>

#include "absl/functional/function_ref.h"

namespace attain::planning::forecast {

// Minimises f over the unit box [0, 1]^dims (dims 1..3). Two stages, no randomness, so the
// same input always yields the same parameters:
//  1. grid search over 0.05, 0.15, ..., 0.95 on every axis (10^dims points);
//  2. compass search from the best grid point: try +step and -step on each axis in turn
//     (clamped to the box), keep any improvement, halve the step after a sweep without one,
//     stop when the step falls below 1e-7 (or after 20 000 evaluations).
// Ties keep the earlier point. Points where f is +infinity are never chosen over finite ones.
std::vector<double> MinimizeOnUnitBox(absl::FunctionRef<double(const std::vector<double>&)> f,
                                      int dims);

}  // namespace attain::planning::forecast

#pragma once
// Fitting and forecasting each method on a double series (internal to the engine).

#include <vector>

#include "services/planning/engine/forecast/forecast.h"
#include "services/planning/engine/forecast/smoothing.h"

namespace attain::planning::forecast {

inline constexpr double kDampedPhi = 0.98;

struct FittedModel {
  Method method = Method::kUnspecified;
  SmoothingParams params;      // as fitted (gamma in FPP form)
  std::vector<double> mean;    // point forecasts for h = 1..horizon
  std::vector<double> stddev;  // forecast standard deviations; empty when not estimable
};

// Observations `method` needs to fit: 2m (Holt-Winters), m (seasonal naive), 4 (damped
// trend), 1 (mean).
int MinimumHistory(Method method, int m);

// Fits `method` to y (y.size() >= MinimumHistory(method, m); all y > 0 for
// kMultiplicative) and forecasts `horizon` steps. The one-step error variance divides the
// squared errors by (residuals - parameters fitted); with no degrees of freedom left the
// stddev is empty.
FittedModel FitAndForecast(Method method, const std::vector<double>& y, int m, int horizon);

}  // namespace attain::planning::forecast

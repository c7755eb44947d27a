#include "services/planning/engine/forecast/intervals.h"

#include <cmath>
#include <vector>

namespace attain::planning::forecast {

std::vector<double> ForecastStdDevs(const SmoothingState& state, const SmoothingParams& params,
                                    Seasonality seasonality, double sigma, int horizon) {
  const bool multiplicative = seasonality == Seasonality::kMultiplicative;
  const int m = static_cast<int>(state.seasonal.size());
  const double trend_gain = params.alpha * params.beta;  // ETS beta = alpha * beta*
  std::vector<double> stddevs;
  stddevs.reserve(horizon);
  for (int h = 1; h <= horizon; ++h) {
    const double path_h = state.level + DampedSum(params.phi, h) * state.trend;
    double sum = 1;
    for (int j = 1; j < h; ++j) {
      const int i = h - j;
      double c = params.alpha + trend_gain * DampedSum(params.phi, i);
      if (multiplicative) c *= (state.level + DampedSum(params.phi, j) * state.trend) / path_h;
      if (seasonality != Seasonality::kNone && i % m == 0) c += params.gamma;
      sum += c * c;
    }
    const double scale =
        multiplicative ? std::abs(PointForecast(state, params, seasonality, h)) * sigma : sigma;
    stddevs.push_back(scale * std::sqrt(sum));
  }
  return stddevs;
}

}  // namespace attain::planning::forecast

#include "services/planning/engine/forecast/models.h"

#include <cmath>
#include <vector>

#include "services/planning/engine/forecast/intervals.h"
#include "services/planning/engine/forecast/optimizer.h"

namespace attain::planning::forecast {
namespace {

// A smoothing model's initial state, how its parameters map from the optimiser's unit box,
// and how many of them are fitted.
struct SmoothingSpec {
  Seasonality seasonality = Seasonality::kNone;
  SmoothingState initial;
  int fitted_parameters = 0;
  SmoothingParams (*params_from)(const std::vector<double>&) = nullptr;
};

// Holt-Winters: (alpha, beta*, g) in [0,1]^3, gamma = (1 - alpha) g keeps FPP's
// 0 <= gamma <= 1 - alpha.
SmoothingParams HoltWintersParams(const std::vector<double>& v) {
  return SmoothingParams{.alpha = v[0], .beta = v[1], .gamma = (1 - v[0]) * v[2], .phi = 1};
}

SmoothingParams DampedParams(const std::vector<double>& v) {
  return SmoothingParams{.alpha = v[0], .beta = v[1], .gamma = 0, .phi = kDampedPhi};
}

SmoothingSpec SpecFor(Method method, const std::vector<double>& y, int m) {
  SmoothingSpec spec;
  switch (method) {
    case Method::kAdditive:
    case Method::kMultiplicative:
      spec.seasonality =
          method == Method::kAdditive ? Seasonality::kAdditive : Seasonality::kMultiplicative;
      spec.initial = ClassicalInit(y, m, spec.seasonality);
      spec.fitted_parameters = 3;
      spec.params_from = HoltWintersParams;
      break;
    case Method::kDampedTrend:
      spec.initial.level = y[0];
      spec.initial.trend = y[1] - y[0];
      spec.initial.time = 1;
      spec.fitted_parameters = 2;
      spec.params_from = DampedParams;
      break;
    default:  // seasonal naive: additive seasonal with alpha = beta* = 0, gamma = 1
      spec.seasonality = Seasonality::kAdditive;
      spec.initial.seasonal.assign(y.begin(), y.begin() + m);
      spec.initial.time = m;
      break;
  }
  return spec;
}

FittedModel FitSmoothing(Method method, const std::vector<double>& y, int m, int horizon) {
  const SmoothingSpec spec = SpecFor(method, y, m);
  SmoothingParams params{.alpha = 0, .beta = 0, .gamma = 1, .phi = 1};  // seasonal naive
  if (spec.params_from != nullptr) {
    const std::vector<double> best = MinimizeOnUnitBox(
        [&](const std::vector<double>& v) {
          return Smooth(y, spec.initial, spec.params_from(v), spec.seasonality).sse;
        },
        spec.fitted_parameters);
    params = spec.params_from(best);
  }
  const SmoothingRun run = Smooth(y, spec.initial, params, spec.seasonality);

  FittedModel model;
  model.method = method;
  model.params = params;
  for (int h = 1; h <= horizon; ++h) {
    model.mean.push_back(PointForecast(run.state, params, spec.seasonality, h));
  }
  const int dof = run.residuals - spec.fitted_parameters;
  if (run.valid && dof > 0) {
    const double squares =
        spec.seasonality == Seasonality::kMultiplicative ? run.relative_sse : run.sse;
    model.stddev =
        ForecastStdDevs(run.state, params, spec.seasonality, std::sqrt(squares / dof), horizon);
  }
  return model;
}

// FPP's mean method: forecast ybar, variance s^2 (1 + 1/T) with the sample variance s^2.
FittedModel FitMean(const std::vector<double>& y, int horizon) {
  const int n = static_cast<int>(y.size());
  double mean = 0;
  for (double v : y) mean += v / n;
  FittedModel model;
  model.method = Method::kMean;
  model.mean.assign(horizon, mean);
  if (n >= 2) {
    double squares = 0;
    for (double v : y) squares += (v - mean) * (v - mean);
    model.stddev.assign(horizon, std::sqrt(squares / (n - 1) * (1 + 1.0 / n)));
  }
  return model;
}

}  // namespace

int MinimumHistory(Method method, int m) {
  switch (method) {
    case Method::kAdditive:
    case Method::kMultiplicative:
      return 2 * m;
    case Method::kSeasonalNaive:
      return m;
    case Method::kDampedTrend:
      return 4;
    default:
      return 1;
  }
}

FittedModel FitAndForecast(Method method, const std::vector<double>& y, int m, int horizon) {
  if (method == Method::kMean) return FitMean(y, horizon);
  return FitSmoothing(method, y, m, horizon);
}

}  // namespace attain::planning::forecast

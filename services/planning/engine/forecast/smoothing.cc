#include "services/planning/engine/forecast/smoothing.h"

#include <cmath>
#include <limits>
#include <vector>

namespace attain::planning::forecast {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

SmoothingRun Invalid(SmoothingState state) {
  SmoothingRun run;
  run.state = std::move(state);
  run.sse = kInfinity;
  run.relative_sse = kInfinity;
  run.valid = false;
  return run;
}

}  // namespace

SmoothingRun Smooth(const std::vector<double>& y, SmoothingState state,
                    const SmoothingParams& params, Seasonality seasonality,
                    SeasonalUpdate update) {
  const bool multiplicative = seasonality == Seasonality::kMultiplicative;
  const int m = static_cast<int>(state.seasonal.size());
  const double a = params.alpha;
  const double b = params.beta;
  const double g = params.gamma;
  SmoothingRun run;
  for (int t = state.time; t < static_cast<int>(y.size()); ++t) {
    const double base = state.level + params.phi * state.trend;  // l_{t-1} + phi b_{t-1}
    double* season = seasonality == Seasonality::kNone ? nullptr : &state.seasonal[t % m];
    double yhat = base;
    double level = 0;
    if (season == nullptr) {
      level = a * y[t] + (1 - a) * base;
    } else if (multiplicative) {
      if (!(base > 0) || !(*season > 0)) return Invalid(std::move(state));
      yhat = base * *season;
      level = a * y[t] / *season + (1 - a) * base;
    } else {
      yhat = base + *season;
      level = a * (y[t] - *season) + (1 - a) * base;
    }
    const double error = y[t] - yhat;
    run.sse += error * error;
    if (yhat != 0) run.relative_sse += (error / yhat) * (error / yhat);
    ++run.residuals;

    if (season != nullptr) {
      // kFpp compares y_t with the prior base; kWinters1960 with the new level.
      const double reference = update == SeasonalUpdate::kFpp ? base : level;
      if (multiplicative) {
        if (!(reference > 0)) return Invalid(std::move(state));
        *season = g * y[t] / reference + (1 - g) * *season;
      } else {
        *season = g * (y[t] - reference) + (1 - g) * *season;
      }
    }
    state.trend = b * (level - state.level) + (1 - b) * params.phi * state.trend;
    state.level = level;
    state.time = t + 1;
  }
  if (!std::isfinite(run.sse)) return Invalid(std::move(state));
  run.state = std::move(state);
  return run;
}

double DampedSum(double phi, int h) {
  if (phi == 1) return h;
  double sum = 0;
  double power = 1;
  for (int i = 0; i < h; ++i) {
    power *= phi;
    sum += power;
  }
  return sum;
}

double PointForecast(const SmoothingState& state, const SmoothingParams& params,
                     Seasonality seasonality, int h) {
  const double base = state.level + DampedSum(params.phi, h) * state.trend;
  if (seasonality == Seasonality::kNone) return base;
  const int m = static_cast<int>(state.seasonal.size());
  const double season = state.seasonal[(state.time + h - 1) % m];
  return seasonality == Seasonality::kMultiplicative ? base * season : base + season;
}

SmoothingState ClassicalInit(const std::vector<double>& y, int m, Seasonality seasonality) {
  const bool multiplicative = seasonality == Seasonality::kMultiplicative;
  const int n = 2 * m;
  // Centred moving average: weights 1/m over m + 1 points with halves at the ends for even
  // m, 1/m over m points for odd m.
  const int half = m / 2;
  std::vector<double> trend(n, std::numeric_limits<double>::quiet_NaN());
  for (int t = half; t + half < n; ++t) {
    double sum = 0;
    if (m % 2 == 0) {
      sum = 0.5 * y[t - half] + 0.5 * y[t + half];
      for (int i = t - half + 1; i < t + half; ++i) sum += y[i];
    } else {
      for (int i = t - half; i <= t + half; ++i) sum += y[i];
    }
    trend[t] = sum / m;
  }

  // Seasonal figure: mean detrended value per position, then normalised.
  std::vector<double> figure(m, 0);
  std::vector<int> count(m, 0);
  for (int t = 0; t < n; ++t) {
    if (std::isnan(trend[t])) continue;
    figure[t % m] += multiplicative ? y[t] / trend[t] : y[t] - trend[t];
    ++count[t % m];
  }
  double mean = 0;
  for (int p = 0; p < m; ++p) {
    figure[p] /= count[p];
    mean += figure[p] / m;
  }
  for (double& s : figure) s = multiplicative ? s / mean : s - mean;

  // Least-squares line trend[t] = intercept + slope * t over the defined points.
  double st = 0, sy = 0, stt = 0, sty = 0;
  int k = 0;
  for (int t = 0; t < n; ++t) {
    if (std::isnan(trend[t])) continue;
    st += t;
    sy += trend[t];
    stt += static_cast<double>(t) * t;
    sty += t * trend[t];
    ++k;
  }
  const double slope = (k * sty - st * sy) / (k * stt - st * st);
  const double intercept = (sy - slope * st) / k;

  SmoothingState state;
  state.level = intercept + slope * (m - 1);
  state.trend = slope;
  state.seasonal = std::move(figure);
  state.time = m;
  return state;
}

}  // namespace attain::planning::forecast

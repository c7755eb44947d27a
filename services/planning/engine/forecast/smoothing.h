#pragma once
// Exponential-smoothing recursions in double (internal to the forecast engine; see
// forecast.h for why double is allowed here and nowhere past the API boundary).
//
// One recursion serves every smoothing method the engine offers: Holt-Winters additive and
// multiplicative (phi = 1), and damped-trend Holt (no seasonality, phi < 1). The equations
// are Hyndman & Athanasopoulos, "Forecasting: Principles and Practice" (FPP), component form
// with damping:
//   level    l_t = a (y_t - s_{t-m}) + (1 - a)(l_{t-1} + phi b_{t-1})      [additive]
//            l_t = a  y_t / s_{t-m}  + (1 - a)(l_{t-1} + phi b_{t-1})      [multiplicative]
//   trend    b_t = b* (l_t - l_{t-1}) + (1 - b*) phi b_{t-1}
//   season   s_t = g (y_t - l_{t-1} - phi b_{t-1}) + (1 - g) s_{t-m}       [additive]
//            s_t = g  y_t / (l_{t-1} + phi b_{t-1}) + (1 - g) s_{t-m}      [multiplicative]
//   forecast y_{t+h|t} = l_t + (phi + ... + phi^h) b_t  (+ or *)  s_{t+h-m(k+1)}

#include <vector>

namespace attain::planning::forecast {

enum class Seasonality { kNone, kAdditive, kMultiplicative };

// Which seasonal equation to run. kFpp is the engine's; kWinters1960 is Winters' original
// s_t = g (y_t - l_t) + (1 - g) s_{t-m} (or g y_t / l_t + ...), which R's HoltWinters()
// uses. It exists so the recursions can be checked against R's published output.
enum class SeasonalUpdate { kFpp, kWinters1960 };

struct SmoothingParams {
  double alpha = 0;  // level
  double beta = 0;   // trend, FPP's beta* (R's beta)
  double gamma = 0;  // season, in the form selected by SeasonalUpdate
  double phi = 1;    // damping; 1 = undamped
};

// The state after consuming observations [0, time): seasonal[p] is the latest seasonal
// index of every period position p = t mod m (empty for Seasonality::kNone).
struct SmoothingState {
  double level = 0;
  double trend = 0;
  std::vector<double> seasonal;
  int time = 0;
};

struct SmoothingRun {
  SmoothingState state;
  double sse = 0;           // sum of squared one-step errors y_t - yhat_t
  double relative_sse = 0;  // sum of squared relative errors (y_t - yhat_t) / yhat_t
  int residuals = 0;
  bool valid = true;  // false when a multiplicative base or index left (0, inf)
};

// Runs the recursion over y[state.time, y.size()). An invalid run has sse = +infinity.
SmoothingRun Smooth(const std::vector<double>& y, SmoothingState state,
                    const SmoothingParams& params, Seasonality seasonality,
                    SeasonalUpdate update = SeasonalUpdate::kFpp);

// phi + phi^2 + ... + phi^h (h when phi == 1).
double DampedSum(double phi, int h);

// The h-step point forecast (h >= 1) from `state`.
double PointForecast(const SmoothingState& state, const SmoothingParams& params,
                     Seasonality seasonality, int h);

// Classical decomposition of the first two seasons y[0, 2m) (centred 2 x m moving average
// for even m, m moving average for odd m, as R's decompose()): the seasonal figure averaged
// per position and normalised (sum 0 additive, mean 1 multiplicative), and a least-squares
// line through the moving average. The state represents time m - 1 (end of the first
// season): level = the line at t = m - 1, trend = its slope, time = m.
// Requires y.size() >= 2m, m >= 2, and for kMultiplicative a positive moving average.
SmoothingState ClassicalInit(const std::vector<double>& y, int m, Seasonality seasonality);

}  // namespace attain::planning::forecast

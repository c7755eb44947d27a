#pragma once
// Bookings forecast for one territory node and product family: a monthly series in, the
// next N months out with 80 % and 95 % prediction intervals, the chosen method, its fitted
// parameters and its backtest MAPE. Pure domain logic (no gRPC, SQL or I/O); the adapter
// maps ForecastRequest/ForecastResult to protobuf. docs/engines/forecast.md has the maths.
//
// Float-vs-Decimal boundary (a deliberate exception to "no float/double for money"):
// a forecast is a statistical estimate, not an amount anyone is paid, and exponential
// smoothing, parameter search and variance formulas need real arithmetic. So the engine
// converts the booked amounts (Decimal) to double on entry, does ALL smoothing, fitting and
// interval arithmetic in double internally, and converts back on exit. No double crosses
// this header: forecast values and interval bounds are Decimal rounded half-even to cents
// (from the double directly, without an intermediate rounding), smoothing parameters are
// Decimal rounded half-even to 6 digits, MAPE is a Decimal percentage rounded half-even to
// 4 digits. Never feed a forecast Decimal back into payout arithmetic as if it were booked.
//
// Errors: INVALID_ARGUMENT whose message is "<field path>: <reason>" (field paths like
// "horizon", "season_length", "series.values", "series.values[7]", "options.method"), the
// shape errors::InvalidField produces, so the adapter can re-issue it with a BadRequest
// field violation. OUT_OF_RANGE if a forecast value leaves the Decimal range.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/money/decimal.h"

namespace attain::planning::forecast {

inline constexpr int kMinHorizon = 1;
inline constexpr int kMaxHorizon = 36;
inline constexpr int kDefaultSeasonLength = 12;

enum class Method {
  kUnspecified,     // in a request: choose automatically
  kAdditive,        // Holt-Winters, additive seasonality
  kMultiplicative,  // Holt-Winters, multiplicative seasonality (all values > 0)
  kSeasonalNaive,   // fallback: repeat the last full season
  kDampedTrend,     // fallback: damped-trend Holt, phi = 0.98, no seasonality
  kMean,            // fallback: the historical mean (fewer than 4 months)
};

// "ADDITIVE", "MULTIPLICATIVE", "SEASONAL_NAIVE", "DAMPED_TREND", "MEAN", "UNSPECIFIED".
std::string_view MethodName(Method method);

// Consecutive monthly booked amounts: values[i] is the total for month start + i.
struct MonthlySeries {
  absl::CivilMonth start;
  std::vector<money::Decimal> values;
};

struct ForecastOptions {
  // kUnspecified = automatic (Holt-Winters chosen by backtest, or the short-history
  // fallback). Any other value forces that method; INVALID_ARGUMENT if the series cannot
  // support it (too short, or values <= 0 for kMultiplicative).
  Method method = Method::kUnspecified;
};

struct ForecastRequest {
  MonthlySeries series;
  int horizon = 0;                            // months to forecast, kMinHorizon..kMaxHorizon
  int season_length = kDefaultSeasonLength;  // months per season, >= 2
  ForecastOptions options;
};

struct ForecastPoint {
  absl::CivilMonth month;
  money::Decimal value;  // point forecast, cents
  money::Decimal lower80;
  money::Decimal upper80;
  money::Decimal lower95;
  money::Decimal upper95;
};

// The fitted smoothing parameters, 6 fractional digits; absent when the method has none.
// beta is FPP's beta* (trend smoothing in the component form, R's "beta"); gamma is FPP's
// gamma, bounded by 1 - alpha. Holt-Winters has no phi (undamped).
struct FittedParameters {
  std::optional<money::Decimal> alpha;
  std::optional<money::Decimal> beta;
  std::optional<money::Decimal> gamma;
  std::optional<money::Decimal> phi;
};

// One method the engine evaluated on the holdout (the last `holdout_months` of history).
struct MethodScore {
  Method method = Method::kUnspecified;
  // Mean absolute percentage error in percent (3.1416 = 3.1416 %), over holdout months with
  // a non-zero actual; absent when there was no holdout or every actual in it was zero.
  std::optional<money::Decimal> mape_percent;
};

struct ForecastResult {
  Method method = Method::kUnspecified;
  FittedParameters parameters;
  std::optional<money::Decimal> backtest_mape_percent;  // of `method`
  int holdout_months = 0;             // length of the backtest window (0 = no backtest)
  std::vector<MethodScore> considered;  // every method scored, the chosen one included
  std::vector<ForecastPoint> points;    // `horizon` months after the last observation
  // False when the history is too short to estimate the error variance; the bounds then
  // equal the point forecast and `note` says so.
  bool intervals_available = true;
  std::string note;  // why a fallback or a restricted choice was made; "" otherwise
};

absl::StatusOr<ForecastResult> Forecast(const ForecastRequest& request);

}  // namespace attain::planning::forecast

#include "services/planning/engine/forecast/forecast.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "services/planning/engine/forecast/models.h"

namespace attain::planning::forecast {
namespace {

using money::Decimal;

constexpr int kMaxSeasonLength = 60;
constexpr int kMaxHoldout = 12;
constexpr double kZ80 = 1.2816;
constexpr double kZ95 = 1.9600;

absl::Status InvalidField(const std::string& field, const std::string& reason) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", reason));
}

// Half-even rounding of x to `digits` fractional digits, straight from the double.
absl::StatusOr<Decimal> ToDecimal(double x, int digits) {
  const double unit = std::pow(10.0, digits);
  const double steps = std::nearbyint(x * unit);  // default rounding mode: ties to even
  const double step_micros = Decimal::kScale / unit;
  if (!std::isfinite(steps) || std::abs(steps) * step_micros > 9.2e18) {
    return absl::OutOfRangeError("forecast: value outside the Decimal range");
  }
  return Decimal::FromMicros(static_cast<int64_t>(steps) * static_cast<int64_t>(step_micros));
}

std::optional<Decimal> RoundedDecimal(double x, int digits) {
  absl::StatusOr<Decimal> d = ToDecimal(x, digits);
  return d.ok() ? std::optional<Decimal>(*d) : std::nullopt;
}

absl::Status Validate(const ForecastRequest& request) {
  const int m = request.season_length;
  if (m < 2 || m > kMaxSeasonLength) {
    return InvalidField("season_length", absl::StrCat("must be between 2 and ", kMaxSeasonLength));
  }
  if (request.horizon < kMinHorizon || request.horizon > kMaxHorizon) {
    return InvalidField("horizon",
                        absl::StrCat("must be between ", kMinHorizon, " and ", kMaxHorizon));
  }
  const std::vector<Decimal>& values = request.series.values;
  if (values.empty()) return InvalidField("series.values", "must not be empty");
  const Method method = request.options.method;
  if (method < Method::kUnspecified || method > Method::kMean) {
    return InvalidField("options.method", "unknown method");
  }
  if (method == Method::kUnspecified) return absl::OkStatus();
  if (method == Method::kMultiplicative) {
    for (size_t i = 0; i < values.size(); ++i) {
      if (values[i] <= Decimal()) {
        return InvalidField(absl::StrCat("series.values[", i, "]"),
                            "must be > 0 for MULTIPLICATIVE seasonality");
      }
    }
  }
  if (const int needed = MinimumHistory(method, m); static_cast<int>(values.size()) < needed) {
    return InvalidField("series.values", absl::StrCat(std::string(MethodName(method)),
                                                      " needs at least ",
                                                      needed, " months, got ", values.size()));
  }
  return absl::OkStatus();
}

// The candidate methods for an automatic choice, and the note explaining any restriction.
std::vector<Method> Candidates(const std::vector<double>& y, int m, std::string* note) {
  const int n = static_cast<int>(y.size());
  const std::string history = absl::StrCat("Short history: ", n, " months is fewer than the ",
                                           2 * m + 1, " Holt-Winters needs (two seasons of ", m,
                                           " months to initialise plus one to backtest); ");
  if (n > MinimumHistory(Method::kAdditive, m)) {
    if (std::all_of(y.begin(), y.end(), [](double v) { return v > 0; })) {
      return {Method::kAdditive, Method::kMultiplicative};
    }
    *note = "MULTIPLICATIVE not considered: the series has values <= 0.";
    return {Method::kAdditive};
  }
  if (n >= MinimumHistory(Method::kSeasonalNaive, m)) {
    *note = absl::StrCat(history, "seasonal naive repeats the last full season.");
    return {Method::kSeasonalNaive};
  }
  if (n >= MinimumHistory(Method::kDampedTrend, m)) {
    *note = absl::StrCat(history, "less than one full season, so damped-trend Holt (phi ",
                         kDampedPhi, ") without seasonality.");
    return {Method::kDampedTrend};
  }
  *note = absl::StrCat(history, "fewer than 4 months, so the historical mean.");
  return {Method::kMean};
}

// Backtest window: min(12, n/4, n - what the method needs to fit); 0 = no backtest.
int HoldoutMonths(Method method, int n, int m) {
  return std::max(0, std::min({kMaxHoldout, n / 4, n - MinimumHistory(method, m)}));
}

// MAPE in percent of `method` fitted on all but the last `holdout` values; nullopt when
// there is no holdout, every actual in it is zero, or the backtest forecast is not finite.
std::optional<double> BacktestMape(Method method, const std::vector<double>& y, int m,
                                   int holdout) {
  if (holdout < 1) return std::nullopt;
  const int train = static_cast<int>(y.size()) - holdout;
  const FittedModel model =
      FitAndForecast(method, std::vector<double>(y.begin(), y.begin() + train), m, holdout);
  double sum = 0;
  int count = 0;
  for (int h = 0; h < holdout; ++h) {
    const double actual = y[train + h];
    if (actual == 0) continue;
    sum += std::abs((actual - model.mean[h]) / actual);
    ++count;
  }
  if (count == 0 || !std::isfinite(sum)) return std::nullopt;
  return 100 * sum / count;
}

FittedParameters ParametersOf(const FittedModel& model) {
  FittedParameters out;
  if (model.method == Method::kSeasonalNaive || model.method == Method::kMean) return out;
  out.alpha = RoundedDecimal(model.params.alpha, 6);
  out.beta = RoundedDecimal(model.params.beta, 6);
  if (model.method == Method::kDampedTrend) {
    out.phi = RoundedDecimal(model.params.phi, 6);
  } else {
    out.gamma = RoundedDecimal(model.params.gamma, 6);
  }
  return out;
}

absl::StatusOr<ForecastPoint> PointAt(absl::CivilMonth month, double mean,
                                      std::optional<double> stddev) {
  const double sd = stddev.value_or(0);
  ForecastPoint point;
  point.month = month;
  for (auto [out, x] : {std::pair{&point.value, mean}, std::pair{&point.lower80, mean - kZ80 * sd},
                        std::pair{&point.upper80, mean + kZ80 * sd},
                        std::pair{&point.lower95, mean - kZ95 * sd},
                        std::pair{&point.upper95, mean + kZ95 * sd}}) {
    absl::StatusOr<Decimal> d = ToDecimal(x, 2);
    if (!d.ok()) return d.status();
    *out = *d;
  }
  return point;
}

}  // namespace

std::string_view MethodName(Method method) {
  switch (method) {
    case Method::kAdditive:
      return "ADDITIVE";
    case Method::kMultiplicative:
      return "MULTIPLICATIVE";
    case Method::kSeasonalNaive:
      return "SEASONAL_NAIVE";
    case Method::kDampedTrend:
      return "DAMPED_TREND";
    case Method::kMean:
      return "MEAN";
    case Method::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

absl::StatusOr<ForecastResult> Forecast(const ForecastRequest& request) {
  if (absl::Status status = Validate(request); !status.ok()) return status;
  const int m = request.season_length;
  std::vector<double> y;
  y.reserve(request.series.values.size());
  for (Decimal v : request.series.values) {
    y.push_back(static_cast<double>(v.micros()) / Decimal::kScale);
  }
  const int n = static_cast<int>(y.size());

  ForecastResult result;
  std::vector<Method> candidates = {request.options.method};
  if (request.options.method == Method::kUnspecified) candidates = Candidates(y, m, &result.note);

  // Candidates share min-history, hence one holdout. The first with the lowest MAPE wins;
  // one without a MAPE only wins when none has one.
  result.holdout_months = HoldoutMonths(candidates.front(), n, m);
  std::optional<double> best_mape;
  result.method = candidates.front();
  for (Method method : candidates) {
    const std::optional<double> mape = BacktestMape(method, y, m, result.holdout_months);
    result.considered.push_back(
        MethodScore{.method = method, .mape_percent = mape ? RoundedDecimal(*mape, 4) : std::nullopt});
    if (mape && (!best_mape || *mape < *best_mape)) {
      best_mape = mape;
      result.method = method;
      result.backtest_mape_percent = result.considered.back().mape_percent;
    }
  }

  const FittedModel model = FitAndForecast(result.method, y, m, request.horizon);
  result.parameters = ParametersOf(model);
  result.intervals_available = !model.stddev.empty();
  if (!result.intervals_available) {
    absl::StrAppend(&result.note, result.note.empty() ? "" : " ",
                    "Prediction intervals unavailable: too few months to estimate the error "
                    "variance; bounds equal the point forecast.");
  }
  const absl::CivilMonth last = request.series.start + (n - 1);
  for (int h = 1; h <= request.horizon; ++h) {
    std::optional<double> sd;
    if (result.intervals_available) sd = model.stddev[h - 1];
    absl::StatusOr<ForecastPoint> point = PointAt(last + h, model.mean[h - 1], sd);
    if (!point.ok()) return point.status();
    result.points.push_back(*point);
  }
  return result;
}

}  // namespace attain::planning::forecast

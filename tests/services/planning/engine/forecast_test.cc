#include "services/planning/engine/forecast/forecast.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "common/money/decimal.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/planning/engine/forecast/intervals.h"
#include "services/planning/engine/forecast/optimizer.h"
#include "services/planning/engine/forecast/smoothing.h"

namespace attain::planning::forecast {
namespace {

using money::Decimal;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// AirPassengers: monthly totals of international airline passengers (thousands), Jan 1949 -
// Dec 1960. Box, Jenkins & Reinsel, "Time Series Analysis, Forecasting and Control", Series G;
// R's datasets::AirPassengers.
const std::vector<double> kAirPassengers = {
    112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118,  // 1949
    115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140,  // 1950
    145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166,  // 1951
    171, 180, 193, 181, 183, 218, 230, 242, 209, 191, 172, 194,  // 1952
    196, 196, 236, 235, 229, 243, 264, 272, 237, 211, 180, 201,  // 1953
    204, 188, 235, 227, 234, 264, 302, 293, 259, 229, 203, 229,  // 1954
    242, 233, 267, 269, 270, 315, 364, 347, 312, 274, 237, 278,  // 1955
    284, 277, 317, 313, 318, 374, 413, 405, 355, 306, 271, 306,  // 1956
    315, 301, 356, 348, 355, 422, 465, 467, 404, 347, 305, 336,  // 1957
    340, 318, 362, 348, 363, 435, 491, 505, 404, 359, 310, 337,  // 1958
    360, 342, 406, 396, 420, 472, 548, 559, 463, 407, 362, 405,  // 1959
    417, 391, 419, 461, 472, 535, 622, 606, 508, 461, 390, 432,  // 1960
};

// R's published output (R `stats`, as printed by print.HoltWinters) for
//   HoltWinters(AirPassengers, seasonal = "multiplicative")  and  HoltWinters(AirPassengers).
// R fits Winters' (1960) recursion, seasonal update against the new level, starting at
// observation 13 from decompose() of the first two seasons; a, b are the final level and
// trend, s1..s12 the seasonal indices for Jan..Dec 1961.
constexpr double kRMultAlpha = 0.2755925, kRMultBeta = 0.03269295, kRMultGamma = 0.8707292;
constexpr double kRMultA = 469.3232206, kRMultB = 3.0215391;
const std::vector<double> kRMultS = {0.9464611, 0.8829239, 0.9717369, 1.0304825,
                                     1.0476884, 1.1805272, 1.3590778, 1.3331706,
                                     1.1083381, 0.9868813, 0.8361333, 0.9209877};
constexpr double kRAddAlpha = 0.2479595, kRAddBeta = 0.03453373, kRAddGamma = 1;
constexpr double kRAddA = 477.827781, kRAddB = 3.127627;
const std::vector<double> kRAddS = {-27.457685, -54.692464, -20.174608, 12.919120,
                                    18.873607,  75.294426,  152.888368, 134.613464,
                                    33.778349,  -18.379060, -87.772408, -45.827781};

std::vector<Decimal> ToDecimals(const std::vector<double>& values) {
  std::vector<Decimal> out;
  for (double v : values) out.push_back(Decimal::FromMicros(std::llround(v * Decimal::kScale)));
  return out;
}

Decimal D(const std::string& text) { return *Decimal::Parse(text); }

ForecastRequest Request(const std::vector<double>& values, int horizon) {
  ForecastRequest request;
  request.series.start = absl::CivilMonth(1949, 1);
  request.series.values = ToDecimals(values);
  request.horizon = horizon;
  return request;
}

double ToDouble(Decimal d) { return static_cast<double>(d.micros()) / Decimal::kScale; }

// R's initial state: our ClassicalInit's line evaluated at R's origin. R regresses the
// moving average on 1..k (k points starting at t = m/2), so its level is the line at
// t = m/2 - 1, m/2 steps before ours at t = m - 1.
SmoothingState RInitialState(Seasonality seasonality) {
  SmoothingState state = ClassicalInit(kAirPassengers, 12, seasonality);
  state.level -= 6 * state.trend;
  return state;
}

// --- Published reference values -----------------------------------------------------------

TEST(AirPassengersReference, TypedSeriesMatchesPublishedSummary) {
  // R: summary(AirPassengers) -> Min 104, Max 622, Mean 280.3 (280.2986 = 40363 / 144).
  double sum = 0;
  for (double v : kAirPassengers) sum += v;
  ASSERT_EQ(kAirPassengers.size(), 144u);
  EXPECT_EQ(sum, 40363);
  EXPECT_EQ(*std::min_element(kAirPassengers.begin(), kAirPassengers.end()), 104);
  EXPECT_EQ(*std::max_element(kAirPassengers.begin(), kAirPassengers.end()), 622);
}

TEST(AirPassengersReference, WintersRecursionReproducesRMultiplicativeFit) {
  const SmoothingRun run = Smooth(
      kAirPassengers, RInitialState(Seasonality::kMultiplicative),
      SmoothingParams{.alpha = kRMultAlpha, .beta = kRMultBeta, .gamma = kRMultGamma, .phi = 1},
      Seasonality::kMultiplicative, SeasonalUpdate::kWinters1960);
  ASSERT_TRUE(run.valid);
  // R prints the parameters to 7 significant digits; that rounding moves a by ~2e-6.
  EXPECT_NEAR(run.state.level, kRMultA, 1e-5);
  EXPECT_NEAR(run.state.trend, kRMultB, 1e-6);
  for (int p = 0; p < 12; ++p) EXPECT_NEAR(run.state.seasonal[p], kRMultS[p], 1e-6) << p;
}

TEST(AirPassengersReference, FppAdditiveRecursionReproducesRAdditiveFit) {
  // Additive only: Winters' gamma* maps exactly onto FPP's gamma = (1 - alpha) gamma*
  // (FPP 2nd ed. section 7.5), so the engine's own recursion must land on R's numbers.
  const SmoothingParams fpp{.alpha = kRAddAlpha,
                            .beta = kRAddBeta,
                            .gamma = (1 - kRAddAlpha) * kRAddGamma,
                            .phi = 1};
  const SmoothingRun run =
      Smooth(kAirPassengers, RInitialState(Seasonality::kAdditive), fpp, Seasonality::kAdditive);
  ASSERT_TRUE(run.valid);
  EXPECT_NEAR(run.state.level, kRAddA, 1e-5);
  EXPECT_NEAR(run.state.trend, kRAddB, 1e-6);
  for (int p = 0; p < 12; ++p) EXPECT_NEAR(run.state.seasonal[p], kRAddS[p], 1e-5) << p;
}

TEST(AirPassengersReference, PointForecastIsRsPredictFromTheFinalState) {
  // predict.HoltWinters: (a + h b) s_h. Jan 1961 = (469.3232206 + 3.0215391) * 0.9464611.
  const SmoothingRun run = Smooth(
      kAirPassengers, RInitialState(Seasonality::kMultiplicative),
      SmoothingParams{.alpha = kRMultAlpha, .beta = kRMultBeta, .gamma = kRMultGamma, .phi = 1},
      Seasonality::kMultiplicative, SeasonalUpdate::kWinters1960);
  const SmoothingParams undamped{.alpha = 0, .beta = 0, .gamma = 0, .phi = 1};
  for (int h = 1; h <= 24; ++h) {
    const double published = (kRMultA + h * kRMultB) * kRMultS[(h - 1) % 12];
    EXPECT_NEAR(PointForecast(run.state, undamped, Seasonality::kMultiplicative, h), published,
                2e-3)
        << h;
  }
}

// --- Hand-computed recursions -------------------------------------------------------------

TEST(ClassicalInit, DecomposesFirstTwoSeasonsByHand) {
  // m = 2, y = 10 20 14 24. Centred 2x2 MA: t1 = (5 + 20 + 7)/2 = 16, t2 = (10 + 14 + 12)/2
  // = 18. Detrended: pos 1: 20 - 16 = 4, pos 0: 14 - 18 = -4 (already sum 0). Line through
  // (1, 16), (2, 18): slope 2, at t = m - 1 = 1: 16.
  const SmoothingState state = ClassicalInit({10, 20, 14, 24}, 2, Seasonality::kAdditive);
  EXPECT_DOUBLE_EQ(state.level, 16);
  EXPECT_DOUBLE_EQ(state.trend, 2);
  EXPECT_THAT(state.seasonal, ElementsAre(-4, 4));
  EXPECT_EQ(state.time, 2);
}

TEST(Smooth, MultiplicativeFppUpdatesMatchHandComputation) {
  // m = 2, l0 = 10, b0 = 1, s = {0.8, 1.2}, alpha = beta* = gamma = 0.5.
  // t0: base 11, yhat 8.8, y 9 (e 0.2): l = .5*9/.8 + .5*11 = 11.125,
  //     b = .5*(11.125-10) + .5*1 = 1.0625, s0 = .5*9/11 + .5*.8 = 89/110.
  // t1: base 12.1875, yhat 12.1875*1.2 = 14.625, y 15 (e 0.375): l = .5*15/1.2 + .5*12.1875
  //     = 12.34375, b = .5*(12.34375-11.125) + .5*1.0625 = 1.140625,
  //     s1 = .5*15/12.1875 + .6 = 1.2153846...
  // Forecast h=1 (position 0): (12.34375 + 1.140625) * 89/110.
  SmoothingState state{.level = 10, .trend = 1, .seasonal = {0.8, 1.2}, .time = 0};
  const SmoothingRun run =
      Smooth({9, 15}, state, SmoothingParams{.alpha = 0.5, .beta = 0.5, .gamma = 0.5, .phi = 1},
             Seasonality::kMultiplicative);
  EXPECT_DOUBLE_EQ(run.state.level, 12.34375);
  EXPECT_DOUBLE_EQ(run.state.trend, 1.140625);
  EXPECT_DOUBLE_EQ(run.state.seasonal[0], 89.0 / 110.0);
  EXPECT_DOUBLE_EQ(run.state.seasonal[1], 0.5 * 15 / 12.1875 + 0.6);
  EXPECT_NEAR(run.sse, 0.2 * 0.2 + 0.375 * 0.375, 1e-12);
  EXPECT_NEAR(run.relative_sse,
              (0.2 / 8.8) * (0.2 / 8.8) + (0.375 / 14.625) * (0.375 / 14.625), 1e-15);
  EXPECT_DOUBLE_EQ(PointForecast(run.state, {.alpha = 0.5, .beta = 0.5, .gamma = 0.5, .phi = 1},
                                 Seasonality::kMultiplicative, 1),
                   13.484375 * 89.0 / 110.0);
}

TEST(Smooth, DampedTrendUpdatesMatchHandComputation) {
  // l0 = 10, b0 = 10, alpha = beta* = 0.5, phi = 0.98, y1 = 20, y2 = 30.
  // t1: base 10 + 9.8 = 19.8 (e 0.2), l = 19.9, b = .5*9.9 + .5*.98*10 = 9.85.
  // t2: base 19.9 + 9.653 = 29.553 (e 0.447), l = 29.7765, b = .5*9.8765 + .5*.98*9.85
  //     = 9.76475. h = 2: 29.7765 + (0.98 + 0.9604) * 9.76475.
  SmoothingState state{.level = 10, .trend = 10, .seasonal = {}, .time = 1};
  const SmoothingParams params{.alpha = 0.5, .beta = 0.5, .gamma = 0, .phi = 0.98};
  const SmoothingRun run = Smooth({10, 20, 30}, state, params, Seasonality::kNone);
  EXPECT_NEAR(run.state.level, 29.7765, 1e-12);
  EXPECT_NEAR(run.state.trend, 9.76475, 1e-12);
  EXPECT_NEAR(run.sse, 0.04 + 0.447 * 0.447, 1e-12);
  EXPECT_EQ(run.residuals, 2);
  EXPECT_NEAR(PointForecast(run.state, params, Seasonality::kNone, 2),
              29.7765 + 1.9404 * 9.76475, 1e-12);
}

TEST(ForecastStdDevs, AdditiveMatchesFppClosedFormTable) {
  // FPP ETS(A,A,A): sigma^2 [1 + (h-1){a^2 + aBh + B^2 h(2h-1)/6} + g k {2a + g + Bm(k+1)}],
  // B = alpha * beta*, k = floor((h-1)/m).
  const double a = 0.3, beta_star = 0.2, g = 0.25, sigma = 7.5;
  const int m = 12;
  SmoothingState state{.level = 100, .trend = 2, .seasonal = std::vector<double>(m, 0), .time = 0};
  const std::vector<double> sd = ForecastStdDevs(
      state, {.alpha = a, .beta = beta_star, .gamma = g, .phi = 1}, Seasonality::kAdditive, sigma,
      36);
  const double B = a * beta_star;
  for (int h = 1; h <= 36; ++h) {
    const int k = (h - 1) / m;
    const double var = sigma * sigma *
                       (1 + (h - 1) * (a * a + a * B * h + B * B * h * (2 * h - 1) / 6.0) +
                        g * k * (2 * a + g + B * m * (k + 1)));
    EXPECT_NEAR(sd[h - 1], std::sqrt(var), 1e-9) << h;
  }
}

TEST(ForecastStdDevs, MultiplicativeLinearisationByHand) {
  // l = 100, b = 10, m = 2, s = {0.5, 1.5}, alpha .5, beta* .2 (B = .1), gamma .4, sigma_r .1.
  // h1: mu 110*.5 = 55, sd 5.5.
  // h2: mu 120*1.5 = 180; j1 (i=1): r = 110/120, c = r (.5 + .1) = .55; sd 18 sqrt(1.3025).
  // h3: mu 130*.5 = 65; j1 (i=2): (110/130)(.5 + .2) + .4 (same season); j2 (i=1):
  //     (120/130)(.6).
  SmoothingState state{.level = 100, .trend = 10, .seasonal = {0.5, 1.5}, .time = 0};
  const std::vector<double> sd =
      ForecastStdDevs(state, {.alpha = 0.5, .beta = 0.2, .gamma = 0.4, .phi = 1},
                      Seasonality::kMultiplicative, 0.1, 3);
  const double c31 = 110.0 / 130 * 0.7 + 0.4, c32 = 120.0 / 130 * 0.6;
  EXPECT_NEAR(sd[0], 5.5, 1e-12);
  EXPECT_NEAR(sd[1], 18 * std::sqrt(1.3025), 1e-12);
  EXPECT_NEAR(sd[2], 6.5 * std::sqrt(1 + c31 * c31 + c32 * c32), 1e-12);
}

TEST(MinimizeOnUnitBox, FindsInteriorAndBoundaryMinimaDeterministically) {
  auto f = [](const std::vector<double>& v) {
    return (v[0] - 0.3) * (v[0] - 0.3) + (v[1] - 0.123) * (v[1] - 0.123) + v[2];  // v2 -> 0
  };
  const std::vector<double> best = MinimizeOnUnitBox(f, 3);
  EXPECT_NEAR(best[0], 0.3, 1e-6);
  EXPECT_NEAR(best[1], 0.123, 1e-6);
  EXPECT_EQ(best[2], 0);
  EXPECT_EQ(MinimizeOnUnitBox(f, 3), best);
}

// --- The engine on AirPassengers ----------------------------------------------------------

TEST(ForecastAirPassengers, ChoosesMultiplicativeByBacktest) {
  absl::StatusOr<ForecastResult> result = Forecast(Request(kAirPassengers, 12));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->method, Method::kMultiplicative);
  EXPECT_EQ(result->holdout_months, 12);
  ASSERT_EQ(result->considered.size(), 2u);
  EXPECT_EQ(result->considered[0].method, Method::kAdditive);
  EXPECT_EQ(result->considered[1].method, Method::kMultiplicative);
  ASSERT_TRUE(result->considered[0].mape_percent.has_value());
  ASSERT_TRUE(result->backtest_mape_percent.has_value());
  EXPECT_EQ(result->backtest_mape_percent, result->considered[1].mape_percent);
  EXPECT_LT(*result->backtest_mape_percent, *result->considered[0].mape_percent);
  // 1960 forecast from 1949-1959 history (the engine gets 2.22 % vs additive 2.52 %).
  EXPECT_LT(*result->backtest_mape_percent, D("3"));
  EXPECT_TRUE(result->note.empty()) << result->note;
  EXPECT_TRUE(result->intervals_available);
  ASSERT_TRUE(result->parameters.alpha && result->parameters.beta && result->parameters.gamma);
  EXPECT_FALSE(result->parameters.phi.has_value());
  EXPECT_LE(*result->parameters.gamma, D("1").Sub(*result->parameters.alpha).value());
}

TEST(ForecastAirPassengers, ForecastIsCloseToRsAndLabelledWithTheNextMonths) {
  // Different initial origin and seasonal equation from R, so agreement is approximate.
  absl::StatusOr<ForecastResult> result = Forecast(Request(kAirPassengers, 12));
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->points.size(), 12u);
  for (int h = 1; h <= 12; ++h) {
    const ForecastPoint& point = result->points[h - 1];
    EXPECT_EQ(point.month, absl::CivilMonth(1960 + 1, h));
    const double r = (kRMultA + h * kRMultB) * kRMultS[h - 1];
    EXPECT_NEAR(ToDouble(point.value), r, 0.01 * r) << h;
    EXPECT_EQ(point.value.micros() % 10'000, 0);  // whole cents
  }
}

TEST(ForecastAirPassengers, NinetyFivePercentBandContainsEightyAndBothWidenEachSeason) {
  absl::StatusOr<ForecastResult> result = Forecast(Request(kAirPassengers, 36));
  ASSERT_TRUE(result.ok()) << result.status();
  const std::vector<ForecastPoint>& points = result->points;
  for (const ForecastPoint& p : points) {
    EXPECT_LT(p.lower95, p.lower80);
    EXPECT_LT(p.lower80, p.value);
    EXPECT_LT(p.value, p.upper80);
    EXPECT_LT(p.upper80, p.upper95);
    // Half-widths are z * sd: their ratio is 1.96 / 1.2816 up to cent rounding.
    const double ratio = ToDouble(p.upper95.Sub(p.value).value()) /
                         ToDouble(p.upper80.Sub(p.value).value());
    EXPECT_NEAR(ratio, 1.96 / 1.2816, 2e-3);
  }
  // Multiplicative: the width scales with the seasonal level, so compare the same month.
  for (int h = 0; h + 12 < 36; ++h) {
    EXPECT_GT(points[h + 12].upper95.Sub(points[h + 12].lower95).value(),
              points[h].upper95.Sub(points[h].lower95).value())
        << h;
  }
}

TEST(ForecastAirPassengers, AdditiveIntervalsWidenEveryMonth) {
  ForecastRequest request = Request(kAirPassengers, 36);
  request.options.method = Method::kAdditive;
  absl::StatusOr<ForecastResult> result = Forecast(request);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->method, Method::kAdditive);
  ASSERT_EQ(result->considered.size(), 1u);
  for (int h = 1; h < 36; ++h) {
    const ForecastPoint& before = result->points[h - 1];
    const ForecastPoint& after = result->points[h];
    EXPECT_GT(after.upper80.Sub(after.lower80).value(), before.upper80.Sub(before.lower80).value())
        << h;
  }
}

TEST(ForecastAirPassengers, IsDeterministic) {
  absl::StatusOr<ForecastResult> first = Forecast(Request(kAirPassengers, 6));
  absl::StatusOr<ForecastResult> second = Forecast(Request(kAirPassengers, 6));
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->parameters.alpha, second->parameters.alpha);
  EXPECT_EQ(first->parameters.beta, second->parameters.beta);
  EXPECT_EQ(first->parameters.gamma, second->parameters.gamma);
  for (int h = 0; h < 6; ++h) EXPECT_EQ(first->points[h].upper95, second->points[h].upper95);
}

// --- Fallbacks ----------------------------------------------------------------------------

// 18 months: a year rising by 10, then the same months +2, -2, +2, -2, +2, -2.
const std::vector<double> kEighteenMonths = {100, 110, 120, 130, 140, 150, 160, 170, 180,
                                             190, 200, 210, 102, 108, 122, 128, 142, 148};

TEST(ForecastFallback, SeasonalNaiveRepeatsTheLastSeasonExactly) {
  absl::StatusOr<ForecastResult> result = Forecast(Request(kEighteenMonths, 24));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->method, Method::kSeasonalNaive);
  EXPECT_THAT(result->note, StartsWith("Short history: 18 months is fewer than the 25"));
  EXPECT_FALSE(result->parameters.alpha.has_value());
  // Last season = months 7..18 of history; point h repeats y[6 + (h-1) mod 12].
  for (int h = 1; h <= 24; ++h) {
    EXPECT_EQ(result->points[h - 1].value, ToDecimals({kEighteenMonths[6 + (h - 1) % 12]})[0])
        << h;
  }
  EXPECT_EQ(result->points[0].month, absl::CivilMonth(1950, 7));
}

TEST(ForecastFallback, SeasonalNaiveIntervalsGrowWithCompletedSeasons) {
  // Residuals y_t - y_{t-12}: +2 -2 +2 -2 +2 -2, sigma^2 = 24/6 = 4. FPP: Var(h) = 4 (k+1).
  // h = 1 (value 160, sd 2): 80 % +-2.5632 -> 157.44 / 162.56; 95 % +-3.92 -> 156.08 / 163.92.
  // h = 13 (sd 2 sqrt 2 = 2.828427): 80 % +-3.624912 -> 156.38 / 163.62;
  //                                  95 % +-5.543717 -> 154.46 / 165.54.
  absl::StatusOr<ForecastResult> result = Forecast(Request(kEighteenMonths, 24));
  ASSERT_TRUE(result.ok()) << result.status();
  const ForecastPoint& h1 = result->points[0];
  EXPECT_EQ(h1.lower80, D("157.44"));
  EXPECT_EQ(h1.upper80, D("162.56"));
  EXPECT_EQ(h1.lower95, D("156.08"));
  EXPECT_EQ(h1.upper95, D("163.92"));
  const ForecastPoint& h13 = result->points[12];
  EXPECT_EQ(h13.value, D("160"));
  EXPECT_EQ(h13.lower80, D("156.38"));
  EXPECT_EQ(h13.upper80, D("163.62"));
  EXPECT_EQ(h13.lower95, D("154.46"));
  EXPECT_EQ(h13.upper95, D("165.54"));
}

TEST(ForecastFallback, SeasonalNaiveBacktestMapeByHand) {
  // Holdout min(12, 18/4, 18-12) = 4: trained on 14 months it forecasts 120 130 140 150
  // against 122 128 142 148: MAPE = 100/4 (2/122 + 2/128 + 2/142 + 2/148) = 1.490411... %.
  absl::StatusOr<ForecastResult> result = Forecast(Request(kEighteenMonths, 3));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->holdout_months, 4);
  EXPECT_EQ(result->backtest_mape_percent, D("1.4904"));
  ASSERT_EQ(result->considered.size(), 1u);
  EXPECT_EQ(result->considered[0].mape_percent, D("1.4904"));
}

TEST(ForecastFallback, OneSeasonExactlyHasNoIntervalsAndSaysSo) {
  const std::vector<double> year(kEighteenMonths.begin(), kEighteenMonths.begin() + 12);
  absl::StatusOr<ForecastResult> result = Forecast(Request(year, 2));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->method, Method::kSeasonalNaive);
  EXPECT_FALSE(result->intervals_available);
  EXPECT_FALSE(result->backtest_mape_percent.has_value());
  EXPECT_EQ(result->holdout_months, 0);
  EXPECT_THAT(result->note, HasSubstr("Prediction intervals unavailable"));
  EXPECT_EQ(result->points[0].value, D("100"));
  EXPECT_EQ(result->points[0].lower95, D("100"));
  EXPECT_EQ(result->points[1].upper95, D("110"));
}

TEST(ForecastFallback, LessThanASeasonUsesDampedTrendWithShrinkingSteps) {
  // A steady climb of 1000 a month for 8 months.
  absl::StatusOr<ForecastResult> result =
      Forecast(Request({1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000}, 6));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->method, Method::kDampedTrend);
  EXPECT_EQ(result->parameters.phi, D("0.98"));
  EXPECT_FALSE(result->parameters.gamma.has_value());
  EXPECT_THAT(result->note, HasSubstr("damped-trend Holt (phi 0.98)"));
  EXPECT_EQ(result->holdout_months, 2);  // min(12, 8/4, 8-4)
  // Each step is phi times the one before (to cent rounding).
  for (int h = 1; h + 1 < 6; ++h) {
    const double step = ToDouble(result->points[h].value.Sub(result->points[h - 1].value).value());
    const double next =
        ToDouble(result->points[h + 1].value.Sub(result->points[h].value).value());
    EXPECT_NEAR(next / step, 0.98, 1e-4) << h;
  }
  EXPECT_GT(result->points[0].value, D("8000"));
}

TEST(ForecastFallback, FewerThanFourMonthsUsesTheMean) {
  // Mean 20, sample sd sqrt(((10-20)^2 + 0 + (30-20)^2)/2) = 10, FPP Var = 100 (1 + 1/3):
  // sd 11.547005; 95 % +-22.632131 -> -2.63 / 42.63.
  absl::StatusOr<ForecastResult> result = Forecast(Request({10, 20, 30}, 2));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->method, Method::kMean);
  EXPECT_EQ(result->points[1].value, D("20"));
  EXPECT_EQ(result->points[1].lower95, D("-2.63"));
  EXPECT_EQ(result->points[1].upper95, D("42.63"));
}

TEST(ForecastFallback, SingleMonthForecastsItselfWithoutIntervals) {
  absl::StatusOr<ForecastResult> result = Forecast(Request({1234.56}, 1));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->method, Method::kMean);
  EXPECT_FALSE(result->intervals_available);
  EXPECT_EQ(result->points[0].value, D("1234.56"));
  EXPECT_EQ(result->points[0].upper95, D("1234.56"));
}

TEST(ForecastChoice, NonPositiveHistoryConsidersAdditiveOnly) {
  std::vector<double> values = kAirPassengers;
  values[40] = 0;  // a month with no bookings
  absl::StatusOr<ForecastResult> result = Forecast(Request(values, 3));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->method, Method::kAdditive);
  ASSERT_EQ(result->considered.size(), 1u);
  EXPECT_EQ(result->note, "MULTIPLICATIVE not considered: the series has values <= 0.");
}

// --- Validation ---------------------------------------------------------------------------

void ExpectInvalidField(const ForecastRequest& request, const std::string& field) {
  absl::StatusOr<ForecastResult> result = Forecast(request);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(result.status().message()), StartsWith(field + ": "));
}

TEST(ForecastValidation, HorizonOutsideOneToThirtySix) {
  ExpectInvalidField(Request({1, 2, 3}, 0), "horizon");
  ExpectInvalidField(Request({1, 2, 3}, 37), "horizon");
  EXPECT_TRUE(Forecast(Request({1, 2, 3}, 36)).ok());
}

TEST(ForecastValidation, EmptySeries) { ExpectInvalidField(Request({}, 1), "series.values"); }

TEST(ForecastValidation, SeasonLengthBelowTwo) {
  ForecastRequest request = Request({1, 2, 3}, 1);
  request.season_length = 1;
  ExpectInvalidField(request, "season_length");
}

TEST(ForecastValidation, MultiplicativeNamesTheFirstNonPositiveValue) {
  ForecastRequest request = Request(kAirPassengers, 1);
  request.series.values[3] = D("-5");
  request.options.method = Method::kMultiplicative;
  ExpectInvalidField(request, "series.values[3]");
}

TEST(ForecastValidation, ForcedHoltWintersNeedsTwoSeasons) {
  ForecastRequest request = Request(kEighteenMonths, 1);
  request.options.method = Method::kAdditive;
  ExpectInvalidField(request, "series.values");
  EXPECT_THAT(std::string(Forecast(request).status().message()),
              HasSubstr("ADDITIVE needs at least 24 months, got 18"));
}

}  // namespace
}  // namespace attain::planning::forecast

#include "services/planning/quotas/forecast_proto.h"

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "common/errors/errors.h"

namespace attain::planning::quotas {
namespace {

std::string Text(const std::optional<money::Decimal>& value) {
  return value ? value->ToString() : std::string();
}

}  // namespace

std::string FormatMonth(absl::CivilMonth month) {
  return absl::StrFormat("%04d-%02d", month.year(), month.month());
}

forecast::Method MethodFromProto(v1::ForecastMethod method) {
  switch (method) {
    case v1::FORECAST_METHOD_ADDITIVE: return forecast::Method::kAdditive;
    case v1::FORECAST_METHOD_MULTIPLICATIVE: return forecast::Method::kMultiplicative;
    case v1::FORECAST_METHOD_SEASONAL_NAIVE: return forecast::Method::kSeasonalNaive;
    case v1::FORECAST_METHOD_DAMPED_TREND: return forecast::Method::kDampedTrend;
    case v1::FORECAST_METHOD_MEAN: return forecast::Method::kMean;
    default: return forecast::Method::kUnspecified;
  }
}

v1::ForecastMethod MethodToProto(forecast::Method method) {
  switch (method) {
    case forecast::Method::kAdditive: return v1::FORECAST_METHOD_ADDITIVE;
    case forecast::Method::kMultiplicative: return v1::FORECAST_METHOD_MULTIPLICATIVE;
    case forecast::Method::kSeasonalNaive: return v1::FORECAST_METHOD_SEASONAL_NAIVE;
    case forecast::Method::kDampedTrend: return v1::FORECAST_METHOD_DAMPED_TREND;
    case forecast::Method::kMean: return v1::FORECAST_METHOD_MEAN;
    default: return v1::FORECAST_METHOD_UNSPECIFIED;
  }
}

forecast::MonthlySeries DenseSeries(const std::vector<quota::MonthlyTotal>& totals,
                                    absl::CivilMonth first, absl::CivilMonth last) {
  forecast::MonthlySeries series;
  series.start = first;
  if (last < first) return series;
  series.values.assign(static_cast<size_t>(last - first + 1), money::Decimal());
  for (const quota::MonthlyTotal& t : totals) {
    if (t.month < first || t.month > last) continue;
    series.values[static_cast<size_t>(t.month - first)] = t.total;
  }
  return series;
}

void ResultToProto(const forecast::ForecastResult& result, v1::ForecastBookingsResponse* response) {
  response->set_method(MethodToProto(result.method));
  v1::ForecastParameters* parameters = response->mutable_parameters();
  parameters->set_alpha(Text(result.parameters.alpha));
  parameters->set_beta(Text(result.parameters.beta));
  parameters->set_gamma(Text(result.parameters.gamma));
  parameters->set_phi(Text(result.parameters.phi));
  response->set_backtest_mape_percent(Text(result.backtest_mape_percent));
  response->set_holdout_months(result.holdout_months);
  for (const forecast::MethodScore& score : result.considered) {
    v1::ForecastMethodScore* s = response->add_considered();
    s->set_method(MethodToProto(score.method));
    s->set_mape_percent(Text(score.mape_percent));
  }
  for (const forecast::ForecastPoint& point : result.points) {
    v1::BookingsForecastPoint* p = response->add_points();
    p->set_month(FormatMonth(point.month));
    p->set_value(point.value.ToFixed(2));
    p->set_lower80(point.lower80.ToFixed(2));
    p->set_upper80(point.upper80.ToFixed(2));
    p->set_lower95(point.lower95.ToFixed(2));
    p->set_upper95(point.upper95.ToFixed(2));
  }
  response->set_intervals_available(result.intervals_available);
  response->set_note(result.note);
}

absl::Status FromForecastStatus(const absl::Status& status) {
  if (status.code() != absl::StatusCode::kInvalidArgument) return status;
  const std::string message(status.message());
  const size_t colon = message.find(": ");
  const std::string field = colon == std::string::npos ? "" : message.substr(0, colon);
  const std::string reason = colon == std::string::npos ? message : message.substr(colon + 2);
  if (field == "horizon") return errors::InvalidField("horizon_months", reason);
  if (field == "options.method" || absl::StartsWith(field, "series.values")) {
    return errors::InvalidField("method", reason);
  }
  return errors::InvalidField(field.empty() ? "territory_id" : field, reason);
}

}  // namespace attain::planning::quotas

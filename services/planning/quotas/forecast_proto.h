#pragma once
// Between attain.planning.v1 forecast messages and the forecast engine. Pure.

#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "attain/planning/v1/forecast.pb.h"
#include "services/planning/engine/forecast/forecast.h"
#include "services/planning/engine/quota/seasonality.h"

namespace attain::planning::quotas {

forecast::Method MethodFromProto(v1::ForecastMethod method);
v1::ForecastMethod MethodToProto(forecast::Method method);

// Consecutive months first..last; months without bookings are 0. `totals` may be unordered.
forecast::MonthlySeries DenseSeries(const std::vector<quota::MonthlyTotal>& totals,
                                    absl::CivilMonth first, absl::CivilMonth last);

// Fills the method, parameters, backtest, intervals and points of `response`.
void ResultToProto(const forecast::ForecastResult& result, v1::ForecastBookingsResponse* response);

// An engine INVALID_ARGUMENT ("horizon: ...") re-issued with a BadRequest naming the request
// field ("horizon_months"; a series too short or not positive for a forced method: "method").
absl::Status FromForecastStatus(const absl::Status& status);

// "YYYY-MM"
std::string FormatMonth(absl::CivilMonth month);

}  // namespace attain::planning::quotas

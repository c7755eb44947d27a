#pragma once
// ForecastBookings: a territory node's monthly bookings (the accounts the latest
// AssignAccounts run on or before as_of put in its subtree) forecast by the forecast engine.

#include "absl/status/statusor.h"
#include "attain/planning/v1/forecast.pb.h"
#include "common/db/pg.h"

namespace attain::planning::quotas {

inline constexpr int kDefaultHistoryMonths = 36;
inline constexpr int kMaxHistoryMonths = 120;

class ForecastManager {
 public:
  explicit ForecastManager(db::PgPool* pool) : pool_(pool) {}
  absl::StatusOr<v1::ForecastBookingsResponse> Forecast(const v1::ForecastBookingsRequest& request);

 private:
  db::PgPool* pool_;
};

}  // namespace attain::planning::quotas

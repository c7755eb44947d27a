#include "services/planning/quotas/forecast_manager.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/errors/errors.h"
#include "common/money/decimal.h"
#include "common/time/dates.h"
#include "services/planning/engine/forecast/forecast.h"
#include "services/planning/org/seller_validation.h"
#include "services/planning/quotas/forecast_proto.h"
#include "services/planning/quotas/history_store.h"
#include "services/planning/quotas/plan_tree.h"
#include "services/planning/territories/territory_store.h"

namespace attain::planning::quotas {
namespace {

absl::Status NoHistory(const std::string& why) {
  return errors::WithReason(absl::FailedPreconditionError(why), "NO_BOOKING_HISTORY");
}

}  // namespace

absl::StatusOr<v1::ForecastBookingsResponse> ForecastManager::Forecast(
    const v1::ForecastBookingsRequest& request) {
  std::vector<errors::FieldViolation> violations;
  if (!org::IsValidSellerId(request.territory_id())) {
    violations.push_back({"territory_id", "must be a territory id"});
  }
  absl::CivilDay as_of = dates::TodayUtc();
  if (!request.as_of().empty()) {
    auto day = dates::Parse(request.as_of(), "as_of");
    if (day.ok()) as_of = *day;
    else violations.push_back({"as_of", "must be a calendar date YYYY-MM-DD"});
  }
  const int history_months = request.history_months() == 0 ? kDefaultHistoryMonths : request.history_months();
  if (history_months < 1 || history_months > kMaxHistoryMonths) {
    violations.push_back({"history_months", absl::StrCat("must be within 1..", kMaxHistoryMonths)});
  }
  if (request.horizon_months() < forecast::kMinHorizon || request.horizon_months() > forecast::kMaxHorizon) {
    violations.push_back({"horizon_months", absl::StrCat("must be within ", forecast::kMinHorizon, "..",
                                                         forecast::kMaxHorizon)});
  }
  if (!request.currency().empty() && !money::IsCurrencyCode(request.currency())) {
    violations.push_back({"currency", "must be an ISO 4217 code such as USD"});
  }
  if (!v1::ForecastMethod_IsValid(request.method())) {
    violations.push_back({"method", "unknown method"});
  }
  if (!violations.empty()) return errors::InvalidFields(std::move(violations));

  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto territories = territories::LoadTerritories(**lease);
  if (!territories.ok()) return territories.status();
  auto nodes = SubtreeAsOf(*territories, request.territory_id(), as_of, "territory_id");
  if (!nodes.ok()) return nodes.status();
  auto assignments = LatestAccountAssignments(**lease, as_of, NodeIds(*nodes));
  if (!assignments.ok()) return assignments.status();
  if (!assignments->as_of) {
    return errors::WithReason(
        absl::FailedPreconditionError(absl::StrCat("no AssignAccounts run on or before ",
                                                   dates::Format(as_of))),
        "NO_ACCOUNT_ASSIGNMENTS");
  }
  const absl::CivilMonth last = absl::CivilMonth(as_of) - 1;
  const absl::CivilMonth first = last - (history_months - 1);
  BookingScope scope{*assignments->as_of, NodeIds(*nodes),
                     {absl::CivilDay(first), absl::CivilDay(last + 1) - 1}, request.currency(),
                     request.product_family()};
  if (scope.currency.empty()) {
    auto currencies = BookingCurrencies(**lease, scope);
    if (!currencies.ok()) return currencies.status();
    if (currencies->size() > 1) {
      return errors::InvalidField("currency", absl::StrCat("the bookings are in several currencies (",
                                                           absl::StrJoin(*currencies, ", "),
                                                           "); choose one"));
    }
    if (currencies->empty()) return NoHistory("no bookings in the history window");
    scope.currency = currencies->front();
  }
  auto monthly = BookingsByMonth(**lease, scope);
  if (!monthly.ok()) return monthly.status();
  if (monthly->empty()) return NoHistory("no bookings in the history window");
  absl::CivilMonth series_start = last;
  for (const quota::MonthlyTotal& t : *monthly) series_start = std::min(series_start, t.month);

  forecast::ForecastRequest engine;
  engine.series = DenseSeries(*monthly, series_start, last);
  engine.horizon = request.horizon_months();
  engine.options.method = MethodFromProto(request.method());
  auto result = forecast::Forecast(engine);
  if (!result.ok()) return FromForecastStatus(result.status());

  v1::ForecastBookingsResponse response;
  response.set_territory_id(request.territory_id());
  response.set_currency(scope.currency);
  response.set_assignments_as_of(dates::Format(*assignments->as_of));
  absl::flat_hash_set<std::string> accounts;
  for (const AccountTerritory& row : assignments->rows) accounts.insert(row.first);
  response.set_account_count(static_cast<int>(accounts.size()));
  for (size_t i = 0; i < engine.series.values.size(); ++i) {
    v1::MonthlyBookings* h = response.add_history();
    h->set_month(FormatMonth(engine.series.start + static_cast<int>(i)));
    h->set_amount(engine.series.values[i].ToString());
  }
  ResultToProto(*result, &response);
  return response;
}

}  // namespace attain::planning::quotas

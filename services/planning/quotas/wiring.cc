#include "services/planning/quotas/wiring.h"

namespace attain::planning {
namespace {

// How long a cached seller quota may survive an assignment or hire-date change.
constexpr absl::Duration kSellerQuotaTtl = absl::Minutes(10);

}  // namespace

absl::Status WireQuotas(bootstrap::ServiceRunner& runner, OrganizationManager* organization,
                        std::unique_ptr<QuotaApis>* apis) {
  auto wired = std::make_unique<QuotaApis>();
  wired->cache = std::make_unique<quotas::BatchCache>(runner.redis(), &runner.cache(), kSellerQuotaTtl);
  wired->manager = std::make_unique<quotas::QuotaManager>(&runner.pool(), &runner.relay());
  wired->reader = std::make_unique<quotas::SellerQuotaReader>(&runner.pool(), wired->cache.get());
  wired->capacity = std::make_unique<quotas::CapacityPlanner>(&runner.pool());
  wired->forecast = std::make_unique<quotas::ForecastManager>(&runner.pool());
  wired->quota_api = std::make_unique<quotas::QuotaService>(&runner.gate(), wired->manager.get(),
                                                            wired->reader.get(), organization);
  wired->capacity_api = std::make_unique<quotas::CapacityService>(&runner.gate(), wired->capacity.get());
  wired->forecast_api = std::make_unique<quotas::ForecastService>(&runner.gate(), wired->forecast.get());
  runner.AddService(wired->quota_api.get());
  runner.AddService(wired->capacity_api.get());
  runner.AddService(wired->forecast_api.get());
  *apis = std::move(wired);
  return absl::OkStatus();
}

}  // namespace attain::planning

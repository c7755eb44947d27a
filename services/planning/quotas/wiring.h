#pragma once
// Wires the quota, capacity and forecast APIs into the planning service. main.cc calls
// WireQuotas from its wire step and keeps the result alive as long as the server.

#include <memory>

#include "absl/status/status.h"
#include "common/bootstrap/service_runner.h"
#include "services/planning/organization_manager.h"
#include "services/planning/quotas/batch_cache.h"
#include "services/planning/quotas/capacity_planner.h"
#include "services/planning/quotas/forecast_manager.h"
#include "services/planning/quotas/quota_manager.h"
#include "services/planning/quotas/quota_service.h"
#include "services/planning/quotas/seller_quota_reader.h"

namespace attain::planning {

struct QuotaApis {
  std::unique_ptr<quotas::BatchCache> cache;
  std::unique_ptr<quotas::QuotaManager> manager;
  std::unique_ptr<quotas::SellerQuotaReader> reader;
  std::unique_ptr<quotas::CapacityPlanner> capacity;
  std::unique_ptr<quotas::ForecastManager> forecast;
  std::unique_ptr<quotas::QuotaService> quota_api;
  std::unique_ptr<quotas::CapacityService> capacity_api;
  std::unique_ptr<quotas::ForecastService> forecast_api;
};

// Creates the managers and adapters into `apis` and registers the adapters with `runner`.
absl::Status WireQuotas(bootstrap::ServiceRunner& runner, OrganizationManager* organization,
                        std::unique_ptr<QuotaApis>* apis);

}  // namespace attain::planning

#pragma once
// Wires the account, product and booking APIs into the planning service. main.cc calls
// WireAccountsAndProducts from its wire step and keeps the result alive as long as the
// server.

#include <memory>

#include "absl/status/status.h"
#include "common/bootstrap/service_runner.h"
#include "services/planning/accounts/account_manager.h"
#include "services/planning/accounts/account_service.h"
#include "services/planning/products/booking_manager.h"
#include "services/planning/products/booking_service.h"
#include "services/planning/products/product_manager.h"
#include "services/planning/products/product_service.h"

namespace attain::planning {

// The managers and their gRPC adapters.
struct CatalogApis {
  std::unique_ptr<accounts::AccountManager> account_manager;
  std::unique_ptr<accounts::AccountService> account_api;
  std::unique_ptr<products::ProductManager> product_manager;
  std::unique_ptr<products::ProductService> product_api;
  std::unique_ptr<bookings::BookingManager> booking_manager;
  std::unique_ptr<bookings::BookingService> booking_api;
};

// Creates the managers and adapters into `apis` and registers the adapters with `runner`.
absl::Status WireAccountsAndProducts(bootstrap::ServiceRunner& runner,
                                     OrganizationManager* organization,
                                     std::unique_ptr<CatalogApis>* apis);

}  // namespace attain::planning

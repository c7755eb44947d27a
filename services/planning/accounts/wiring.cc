#include "services/planning/accounts/wiring.h"

namespace attain::planning {

absl::Status WireAccountsAndProducts(bootstrap::ServiceRunner& runner,
                                     OrganizationManager* organization,
                                     std::unique_ptr<CatalogApis>* apis) {
  auto wired = std::make_unique<CatalogApis>();
  wired->account_manager =
      std::make_unique<accounts::AccountManager>(&runner.pool(), &runner.cache(), &runner.relay());
  wired->account_api =
      std::make_unique<accounts::AccountService>(&runner.gate(), wired->account_manager.get(),
                                                 organization);
  wired->product_manager =
      std::make_unique<products::ProductManager>(&runner.pool(), &runner.cache(), &runner.relay());
  wired->product_api =
      std::make_unique<products::ProductService>(&runner.gate(), wired->product_manager.get());
  wired->booking_manager = std::make_unique<bookings::BookingManager>(&runner.pool(), &runner.relay());
  wired->booking_api =
      std::make_unique<bookings::BookingService>(&runner.gate(), wired->booking_manager.get(),
                                                 organization);
  runner.AddService(wired->account_api.get());
  runner.AddService(wired->product_api.get());
  runner.AddService(wired->booking_api.get());
  *apis = std::move(wired);
  return absl::OkStatus();
}

}  // namespace attain::planning

// attain-planning: settings -> wiring -> serve.

#include <memory>

#include "attain/planning/v1/planning_service.grpc.pb.h"
#include "common/bootstrap/info_service.h"
#include "common/bootstrap/service_main.h"
#include "common/events/event_stream_service.h"
#include "common/events/outbox.h"
#include "services/planning/accounts/wiring.h"
#include "services/planning/crediting/crediting_service.h"
#include "services/planning/organization_manager.h"
#include "services/planning/organization_service.h"
#include "services/planning/quotas/wiring.h"
#include "services/planning/references/reference_service.h"
#include "services/planning/scenarios/wiring.h"
#include "services/planning/territories/territory_manager.h"
#include "services/planning/territories/territory_service.h"

namespace attain::planning {
const std::vector<db::Migration>& EmbeddedMigrations();
}  // namespace attain::planning

int main(int argc, char** argv) {
  namespace v1 = attain::planning::v1;
  using InfoAdapter = attain::bootstrap::ServiceInfoAdapter<v1::PlanningService::CallbackService,
                                                            v1::GetServiceInfoRequest,
                                                            v1::GetServiceInfoResponse>;
  std::unique_ptr<attain::planning::OrganizationManager> organization;
  std::unique_ptr<attain::planning::OrganizationService> organization_api;
  std::unique_ptr<attain::events::EventStreamService> events_api;
  std::unique_ptr<InfoAdapter> info;
  std::unique_ptr<attain::planning::territories::TerritoryManager> territories;
  std::unique_ptr<attain::planning::territories::TerritoryService> territories_api;
  std::unique_ptr<attain::planning::CatalogApis> catalog;
  std::unique_ptr<attain::planning::QuotaApis> quotas;
  std::unique_ptr<attain::planning::ScenarioApis> scenarios;
  std::unique_ptr<attain::planning::references::ReferenceService> references_api;
  std::unique_ptr<attain::planning::crediting::CreditingDataService> crediting_api;
  return attain::bootstrap::ServiceMain(
      argc, argv,
      {.name = "planning",
       .migrations = &attain::planning::EmbeddedMigrations(),
       .wire = [&](attain::bootstrap::ServiceRunner& runner) {
         organization = std::make_unique<attain::planning::OrganizationManager>(
             &runner.pool(), &runner.cache(), &runner.relay());
         organization_api = std::make_unique<attain::planning::OrganizationService>(
             &runner.gate(), organization.get());
         events_api = std::make_unique<attain::events::EventStreamService>(
             "planning", &runner.pool(), &runner.gate());
         info = std::make_unique<InfoAdapter>(
             &runner, "/attain.planning.v1.PlanningService/GetServiceInfo",
             [&runner](attain::common::v1::ServiceInfo* service_info) -> absl::Status {
               auto sequence = attain::events::LastSequence(runner.pool());
               if (!sequence.ok()) return sequence.status();
               service_info->set_last_published_sequence(*sequence);
               return absl::OkStatus();
             });
         runner.AddService(organization_api.get());
         runner.AddService(events_api.get());
         runner.AddService(info.get());
         territories = std::make_unique<attain::planning::territories::TerritoryManager>(
             &runner.pool(), &runner.relay());
         territories_api = std::make_unique<attain::planning::territories::TerritoryService>(
             &runner.gate(), territories.get(), organization.get());
         runner.AddService(territories_api.get());
         references_api = std::make_unique<attain::planning::references::ReferenceService>(
             &runner.gate(), &runner.pool());
         runner.AddService(references_api.get());
         crediting_api = std::make_unique<attain::planning::crediting::CreditingDataService>(
             &runner.gate(), &runner.pool());
         runner.AddService(crediting_api.get());
         if (auto wired = attain::planning::WireAccountsAndProducts(runner, organization.get(), &catalog); !wired.ok()) {
           return wired;
         }
         if (auto wired = attain::planning::WireQuotas(runner, organization.get(), &quotas);
             !wired.ok()) {
           return wired;
         }
         if (auto wired = attain::planning::WireScenarios(runner, &scenarios); !wired.ok()) {
           return wired;
         }
         return absl::OkStatus();
       }});
}

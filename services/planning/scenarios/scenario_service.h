#pragma once
// gRPC adapter for attain.planning.v1.ScenarioService.

#include "attain/planning/v1/scenarios.grpc.pb.h"
#include "common/server/call_gate.h"
#include "services/planning/scenarios/plan/plan_scenario_manager.h"
#include "services/planning/scenarios/scenario_manager.h"

namespace attain::planning::scenarios {

class ScenarioService final : public v1::ScenarioService::CallbackService {
 public:
  ScenarioService(server::CallGate* gate, ScenarioManager* manager, PlanScenarioManager* plans)
      : gate_(gate), manager_(manager), plans_(plans) {}

  grpc::ServerUnaryReactor* ProposeBalancing(grpc::CallbackServerContext* context,
                                             const v1::ProposeBalancingRequest* request,
                                             v1::Scenario* response) override;
  grpc::ServerUnaryReactor* GetScenario(grpc::CallbackServerContext* context,
                                        const v1::GetScenarioRequest* request,
                                        v1::GetScenarioResponse* response) override;
  grpc::ServerUnaryReactor* ListScenarios(grpc::CallbackServerContext* context,
                                          const v1::ListScenariosRequest* request,
                                          v1::ListScenariosResponse* response) override;
  grpc::ServerUnaryReactor* DiffScenario(grpc::CallbackServerContext* context,
                                         const v1::DiffScenarioRequest* request,
                                         v1::DiffScenarioResponse* response) override;
  grpc::ServerUnaryReactor* DeleteScenario(grpc::CallbackServerContext* context,
                                           const v1::DeleteScenarioRequest* request,
                                           google::protobuf::Empty* response) override;
  grpc::ServerUnaryReactor* PromoteScenario(grpc::CallbackServerContext* context,
                                            const v1::PromoteScenarioRequest* request,
                                            v1::Scenario* response) override;
  grpc::ServerUnaryReactor* CreatePlanScenario(grpc::CallbackServerContext* context,
                                               const v1::CreatePlanScenarioRequest* request,
                                               v1::Scenario* response) override;
  grpc::ServerUnaryReactor* ListScenarioTerritories(
      grpc::CallbackServerContext* context, const v1::ListScenarioTerritoriesRequest* request,
      v1::ListScenarioTerritoriesResponse* response) override;
  grpc::ServerUnaryReactor* PutScenarioTerritory(grpc::CallbackServerContext* context,
                                                 const v1::PutScenarioTerritoryRequest* request,
                                                 v1::ScenarioTerritory* response) override;
  grpc::ServerUnaryReactor* DeleteScenarioTerritory(
      grpc::CallbackServerContext* context, const v1::DeleteScenarioTerritoryRequest* request,
      google::protobuf::Empty* response) override;
  grpc::ServerUnaryReactor* SetScenarioSellerAssignments(
      grpc::CallbackServerContext* context, const v1::SetScenarioSellerAssignmentsRequest* request,
      v1::ScenarioTerritory* response) override;
  grpc::ServerUnaryReactor* ReviseScenarioQuotaPlan(
      grpc::CallbackServerContext* context, const v1::ReviseScenarioQuotaPlanRequest* request,
      v1::Scenario* response) override;

 private:
  server::CallGate* gate_;
  ScenarioManager* manager_;
  PlanScenarioManager* plans_;
};

}  // namespace attain::planning::scenarios

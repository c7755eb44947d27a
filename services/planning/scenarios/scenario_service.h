#pragma once
// gRPC adapter for attain.planning.v1.ScenarioService.

#include "attain/planning/v1/scenarios.grpc.pb.h"
#include "common/server/call_gate.h"
#include "services/planning/scenarios/scenario_manager.h"

namespace attain::planning::scenarios {

class ScenarioService final : public v1::ScenarioService::CallbackService {
 public:
  ScenarioService(server::CallGate* gate, ScenarioManager* manager) : gate_(gate), manager_(manager) {}

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

 private:
  server::CallGate* gate_;
  ScenarioManager* manager_;
};

}  // namespace attain::planning::scenarios

#include "services/planning/scenarios/scenario_service.h"

namespace attain::planning::scenarios {
namespace {

std::string Method(const char* name) {
  return std::string("/attain.planning.v1.ScenarioService/") + name;
}

// Copies a successful result into the response and passes the status on.
template <typename Message>
absl::Status Deliver(absl::StatusOr<Message> result, Message* response) {
  if (result.ok()) *response = *std::move(result);
  return result.status();
}

}  // namespace

grpc::ServerUnaryReactor* ScenarioService::ProposeBalancing(
    grpc::CallbackServerContext* context, const v1::ProposeBalancingRequest* request,
    v1::Scenario* response) {
  return gate_->Unary(context, Method("ProposeBalancing"), [=, this](const server::CallContext& call) {
    return Deliver(manager_->ProposeBalancing(*request, call.principal.subject), response);
  });
}

grpc::ServerUnaryReactor* ScenarioService::GetScenario(grpc::CallbackServerContext* context,
                                                       const v1::GetScenarioRequest* request,
                                                       v1::GetScenarioResponse* response) {
  return gate_->Unary(context, Method("GetScenario"), [=, this](const server::CallContext&) {
    return Deliver(manager_->Get(*request), response);
  });
}

grpc::ServerUnaryReactor* ScenarioService::ListScenarios(grpc::CallbackServerContext* context,
                                                         const v1::ListScenariosRequest* request,
                                                         v1::ListScenariosResponse* response) {
  return gate_->Unary(context, Method("ListScenarios"), [=, this](const server::CallContext&) {
    return Deliver(manager_->List(*request), response);
  });
}

grpc::ServerUnaryReactor* ScenarioService::DiffScenario(grpc::CallbackServerContext* context,
                                                        const v1::DiffScenarioRequest* request,
                                                        v1::DiffScenarioResponse* response) {
  return gate_->Unary(context, Method("DiffScenario"), [=, this](const server::CallContext&) {
    return Deliver(manager_->Diff(*request), response);
  });
}

grpc::ServerUnaryReactor* ScenarioService::DeleteScenario(grpc::CallbackServerContext* context,
                                                          const v1::DeleteScenarioRequest* request,
                                                          google::protobuf::Empty*) {
  return gate_->Unary(context, Method("DeleteScenario"), [=, this](const server::CallContext&) {
    return manager_->Delete(*request);
  });
}

grpc::ServerUnaryReactor* ScenarioService::PromoteScenario(
    grpc::CallbackServerContext* context, const v1::PromoteScenarioRequest* request,
    v1::Scenario* response) {
  return gate_->Unary(context, Method("PromoteScenario"), [=, this](const server::CallContext&) {
    return Deliver(manager_->Promote(*request), response);
  });
}

grpc::ServerUnaryReactor* ScenarioService::CreatePlanScenario(
    grpc::CallbackServerContext* context, const v1::CreatePlanScenarioRequest* request,
    v1::Scenario* response) {
  return gate_->Unary(context, Method("CreatePlanScenario"), [=, this](const server::CallContext& call) {
    return Deliver(plans_->Create(*request, call.principal.subject), response);
  });
}

grpc::ServerUnaryReactor* ScenarioService::ListScenarioTerritories(
    grpc::CallbackServerContext* context, const v1::ListScenarioTerritoriesRequest* request,
    v1::ListScenarioTerritoriesResponse* response) {
  return gate_->Unary(context, Method("ListScenarioTerritories"), [=, this](const server::CallContext&) {
    return Deliver(plans_->ListTerritories(*request), response);
  });
}

grpc::ServerUnaryReactor* ScenarioService::PutScenarioTerritory(
    grpc::CallbackServerContext* context, const v1::PutScenarioTerritoryRequest* request,
    v1::ScenarioTerritory* response) {
  return gate_->Unary(context, Method("PutScenarioTerritory"), [=, this](const server::CallContext&) {
    return Deliver(plans_->PutTerritory(*request), response);
  });
}

grpc::ServerUnaryReactor* ScenarioService::DeleteScenarioTerritory(
    grpc::CallbackServerContext* context, const v1::DeleteScenarioTerritoryRequest* request,
    google::protobuf::Empty*) {
  return gate_->Unary(context, Method("DeleteScenarioTerritory"), [=, this](const server::CallContext&) {
    return plans_->DeleteTerritory(*request);
  });
}

grpc::ServerUnaryReactor* ScenarioService::SetScenarioSellerAssignments(
    grpc::CallbackServerContext* context, const v1::SetScenarioSellerAssignmentsRequest* request,
    v1::ScenarioTerritory* response) {
  return gate_->Unary(context, Method("SetScenarioSellerAssignments"),
                      [=, this](const server::CallContext&) {
                        return Deliver(plans_->SetSellerAssignments(*request), response);
                      });
}

grpc::ServerUnaryReactor* ScenarioService::ReviseScenarioQuotaPlan(
    grpc::CallbackServerContext* context, const v1::ReviseScenarioQuotaPlanRequest* request,
    v1::Scenario* response) {
  return gate_->Unary(context, Method("ReviseScenarioQuotaPlan"), [=, this](const server::CallContext&) {
    return Deliver(plans_->ReviseQuota(*request), response);
  });
}

}  // namespace attain::planning::scenarios

#include "services/planning/territories/territory_service.h"

namespace attain::planning::territories {
namespace {

std::string Method(const char* name) {
  return std::string("/attain.planning.v1.TerritoryService/") + name;
}

// Copies a successful result into the response and passes the status on.
template <typename Message>
absl::Status Deliver(absl::StatusOr<Message> result, Message* response) {
  if (result.ok()) *response = *std::move(result);
  return result.status();
}

}  // namespace

grpc::ServerUnaryReactor* TerritoryService::CreateTerritory(
    grpc::CallbackServerContext* context, const v1::CreateTerritoryRequest* request,
    v1::Territory* response) {
  return gate_->Unary(context, Method("CreateTerritory"), [=, this](const server::CallContext&) {
    return Deliver(manager_->Create(*request), response);
  });
}

grpc::ServerUnaryReactor* TerritoryService::GetTerritory(grpc::CallbackServerContext* context,
                                                         const v1::GetTerritoryRequest* request,
                                                         v1::Territory* response) {
  return gate_->Unary(context, Method("GetTerritory"), [=, this](const server::CallContext& call) {
    auto visibility = organization_->VisibilityFor(call.principal);
    if (!visibility.ok()) return visibility.status();
    return Deliver(manager_->Get(request->name(), *visibility), response);
  });
}

grpc::ServerUnaryReactor* TerritoryService::ListTerritories(
    grpc::CallbackServerContext* context, const v1::ListTerritoriesRequest* request,
    v1::ListTerritoriesResponse* response) {
  return gate_->Unary(context, Method("ListTerritories"), [=, this](const server::CallContext& call) {
    auto visibility = organization_->VisibilityFor(call.principal);
    if (!visibility.ok()) return visibility.status();
    return Deliver(manager_->List(*request, *visibility), response);
  });
}

grpc::ServerUnaryReactor* TerritoryService::UpdateTerritory(
    grpc::CallbackServerContext* context, const v1::UpdateTerritoryRequest* request,
    v1::Territory* response) {
  return gate_->Unary(context, Method("UpdateTerritory"), [=, this](const server::CallContext&) {
    return Deliver(manager_->Update(*request), response);
  });
}

grpc::ServerUnaryReactor* TerritoryService::DeleteTerritory(
    grpc::CallbackServerContext* context, const v1::DeleteTerritoryRequest* request,
    google::protobuf::Empty*) {
  return gate_->Unary(context, Method("DeleteTerritory"), [=, this](const server::CallContext&) {
    return manager_->Delete(*request);
  });
}

grpc::ServerUnaryReactor* TerritoryService::SetSellerAssignments(
    grpc::CallbackServerContext* context, const v1::SetSellerAssignmentsRequest* request,
    v1::SetSellerAssignmentsResponse* response) {
  return gate_->Unary(context, Method("SetSellerAssignments"),
                      [=, this](const server::CallContext&) {
                        return Deliver(manager_->SetSellerAssignments(*request), response);
                      });
}

grpc::ServerUnaryReactor* TerritoryService::ListSellerAssignments(
    grpc::CallbackServerContext* context, const v1::ListSellerAssignmentsRequest* request,
    v1::ListSellerAssignmentsResponse* response) {
  return gate_->Unary(context, Method("ListSellerAssignments"),
                      [=, this](const server::CallContext& call) {
                        auto visibility = organization_->VisibilityFor(call.principal);
                        if (!visibility.ok()) return visibility.status();
                        return Deliver(manager_->ListSellerAssignments(*request, *visibility),
                                       response);
                      });
}

grpc::ServerUnaryReactor* TerritoryService::AssignAccounts(
    grpc::CallbackServerContext* context, const v1::AssignAccountsRequest* request,
    v1::AssignAccountsResponse* response) {
  return gate_->Unary(context, Method("AssignAccounts"), [=, this](const server::CallContext&) {
    return Deliver(manager_->AssignAccounts(*request), response);
  });
}

grpc::ServerUnaryReactor* TerritoryService::ExplainAssignment(
    grpc::CallbackServerContext* context, const v1::ExplainAssignmentRequest* request,
    v1::ExplainAssignmentResponse* response) {
  return gate_->Unary(context, Method("ExplainAssignment"), [=, this](const server::CallContext&) {
    return Deliver(manager_->Explain(*request), response);
  });
}

grpc::ServerUnaryReactor* TerritoryService::GetCoverage(grpc::CallbackServerContext* context,
                                                        const v1::GetCoverageRequest* request,
                                                        v1::GetCoverageResponse* response) {
  return gate_->Unary(context, Method("GetCoverage"), [=, this](const server::CallContext&) {
    return Deliver(manager_->Coverage(*request), response);
  });
}

}  // namespace attain::planning::territories

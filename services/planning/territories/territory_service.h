#pragma once
// gRPC adapter for attain.planning.v1.TerritoryService.

#include "attain/planning/v1/territories.grpc.pb.h"
#include "common/server/call_gate.h"
#include "services/planning/organization_manager.h"
#include "services/planning/territories/territory_manager.h"

namespace attain::planning::territories {

class TerritoryService final : public v1::TerritoryService::CallbackService {
 public:
  // `organization` supplies the caller's visibility (a rep: themselves; a manager: their
  // reporting subtree).
  TerritoryService(server::CallGate* gate, TerritoryManager* manager,
                   OrganizationManager* organization)
      : gate_(gate), manager_(manager), organization_(organization) {}

  grpc::ServerUnaryReactor* CreateTerritory(grpc::CallbackServerContext* context,
                                            const v1::CreateTerritoryRequest* request,
                                            v1::Territory* response) override;
  grpc::ServerUnaryReactor* GetTerritory(grpc::CallbackServerContext* context,
                                         const v1::GetTerritoryRequest* request,
                                         v1::Territory* response) override;
  grpc::ServerUnaryReactor* ListTerritories(grpc::CallbackServerContext* context,
                                            const v1::ListTerritoriesRequest* request,
                                            v1::ListTerritoriesResponse* response) override;
  grpc::ServerUnaryReactor* UpdateTerritory(grpc::CallbackServerContext* context,
                                            const v1::UpdateTerritoryRequest* request,
                                            v1::Territory* response) override;
  grpc::ServerUnaryReactor* DeleteTerritory(grpc::CallbackServerContext* context,
                                            const v1::DeleteTerritoryRequest* request,
                                            google::protobuf::Empty* response) override;
  grpc::ServerUnaryReactor* SetSellerAssignments(
      grpc::CallbackServerContext* context, const v1::SetSellerAssignmentsRequest* request,
      v1::SetSellerAssignmentsResponse* response) override;
  grpc::ServerUnaryReactor* ListSellerAssignments(
      grpc::CallbackServerContext* context, const v1::ListSellerAssignmentsRequest* request,
      v1::ListSellerAssignmentsResponse* response) override;
  grpc::ServerUnaryReactor* AssignAccounts(grpc::CallbackServerContext* context,
                                           const v1::AssignAccountsRequest* request,
                                           v1::AssignAccountsResponse* response) override;
  grpc::ServerUnaryReactor* ExplainAssignment(grpc::CallbackServerContext* context,
                                              const v1::ExplainAssignmentRequest* request,
                                              v1::ExplainAssignmentResponse* response) override;
  grpc::ServerUnaryReactor* GetCoverage(grpc::CallbackServerContext* context,
                                        const v1::GetCoverageRequest* request,
                                        v1::GetCoverageResponse* response) override;

 private:
  server::CallGate* gate_;
  TerritoryManager* manager_;
  OrganizationManager* organization_;
};

}  // namespace attain::planning::territories

#pragma once
// gRPC adapter for attain.planning.v1.OrganizationService: admits the call through the
// gate, narrows it to what the caller may see, delegates to OrganizationManager.

#include "attain/planning/v1/organization.grpc.pb.h"
#include "common/server/call_gate.h"
#include "services/planning/organization_manager.h"

namespace attain::planning {

class OrganizationService final : public v1::OrganizationService::CallbackService {
 public:
  OrganizationService(server::CallGate* gate, OrganizationManager* manager)
      : gate_(gate), manager_(manager) {}

  grpc::ServerUnaryReactor* CreateSeller(grpc::CallbackServerContext* context,
                                         const v1::CreateSellerRequest* request,
                                         v1::Seller* response) override;
  grpc::ServerUnaryReactor* GetSeller(grpc::CallbackServerContext* context,
                                      const v1::GetSellerRequest* request,
                                      v1::Seller* response) override;
  grpc::ServerUnaryReactor* ListSellers(grpc::CallbackServerContext* context,
                                        const v1::ListSellersRequest* request,
                                        v1::ListSellersResponse* response) override;
  grpc::ServerUnaryReactor* UpdateSeller(grpc::CallbackServerContext* context,
                                         const v1::UpdateSellerRequest* request,
                                         v1::Seller* response) override;
  grpc::ServerUnaryReactor* DeleteSeller(grpc::CallbackServerContext* context,
                                         const v1::DeleteSellerRequest* request,
                                         google::protobuf::Empty* response) override;
  grpc::ServerReadReactor<v1::ImportSellersRequest>* ImportSellers(
      grpc::CallbackServerContext* context, v1::ImportSellersResponse* response) override;
  grpc::ServerWriteReactor<v1::Seller>* ExportSellers(
      grpc::CallbackServerContext* context, const v1::ExportSellersRequest* request) override;
  grpc::ServerUnaryReactor* GetReportingChain(grpc::CallbackServerContext* context,
                                              const v1::GetReportingChainRequest* request,
                                              v1::GetReportingChainResponse* response) override;
  grpc::ServerUnaryReactor* ListReports(grpc::CallbackServerContext* context,
                                        const v1::ListReportsRequest* request,
                                        v1::ListReportsResponse* response) override;

 private:
  server::CallGate* gate_;
  OrganizationManager* manager_;
};

}  // namespace attain::planning

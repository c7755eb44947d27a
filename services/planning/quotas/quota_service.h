#pragma once
// gRPC adapters for attain.planning.v1.QuotaService, CapacityService and ForecastService.

#include "attain/planning/v1/capacity.grpc.pb.h"
#include "attain/planning/v1/forecast.grpc.pb.h"
#include "attain/planning/v1/quotas.grpc.pb.h"
#include "common/server/call_gate.h"
#include "services/planning/organization_manager.h"
#include "services/planning/quotas/capacity_planner.h"
#include "services/planning/quotas/forecast_manager.h"
#include "services/planning/quotas/quota_manager.h"
#include "services/planning/quotas/seller_quota_reader.h"

namespace attain::planning::quotas {

class QuotaService final : public v1::QuotaService::CallbackService {
 public:
  // `organization` supplies the caller's visibility (a rep: themselves; a manager: their
  // reporting subtree).
  QuotaService(server::CallGate* gate, QuotaManager* manager, SellerQuotaReader* reader,
               OrganizationManager* organization)
      : gate_(gate), manager_(manager), reader_(reader), organization_(organization) {}

  grpc::ServerUnaryReactor* CreateQuotaPlan(grpc::CallbackServerContext* context,
                                            const v1::CreateQuotaPlanRequest* request,
                                            v1::QuotaPlan* response) override;
  grpc::ServerUnaryReactor* ReviseQuotaPlan(grpc::CallbackServerContext* context,
                                            const v1::ReviseQuotaPlanRequest* request,
                                            v1::QuotaPlanVersion* response) override;
  grpc::ServerUnaryReactor* GetQuotaPlan(grpc::CallbackServerContext* context,
                                         const v1::GetQuotaPlanRequest* request,
                                         v1::QuotaPlan* response) override;
  grpc::ServerUnaryReactor* ListQuotaPlans(grpc::CallbackServerContext* context,
                                           const v1::ListQuotaPlansRequest* request,
                                           v1::ListQuotaPlansResponse* response) override;
  grpc::ServerUnaryReactor* SubmitQuotaPlan(grpc::CallbackServerContext* context,
                                            const v1::SubmitQuotaPlanRequest* request,
                                            v1::QuotaPlanVersion* response) override;
  grpc::ServerUnaryReactor* ApproveQuotaPlan(grpc::CallbackServerContext* context,
                                             const v1::ApproveQuotaPlanRequest* request,
                                             v1::QuotaPlanVersion* response) override;
  grpc::ServerUnaryReactor* ActivateQuotaPlan(grpc::CallbackServerContext* context,
                                              const v1::ActivateQuotaPlanRequest* request,
                                              v1::QuotaPlanVersion* response) override;
  grpc::ServerUnaryReactor* SubmitBottomUp(grpc::CallbackServerContext* context,
                                           const v1::SubmitBottomUpRequest* request,
                                           v1::BottomUpSubmission* response) override;
  grpc::ServerUnaryReactor* GetReconciliation(grpc::CallbackServerContext* context,
                                              const v1::GetReconciliationRequest* request,
                                              v1::GetReconciliationResponse* response) override;
  grpc::ServerUnaryReactor* GetTerritoryQuotas(grpc::CallbackServerContext* context,
                                               const v1::GetTerritoryQuotasRequest* request,
                                               v1::GetTerritoryQuotasResponse* response) override;
  grpc::ServerUnaryReactor* GetQuotas(grpc::CallbackServerContext* context,
                                      const v1::GetQuotasRequest* request,
                                      v1::GetQuotasResponse* response) override;

 private:
  server::CallGate* gate_;
  QuotaManager* manager_;
  SellerQuotaReader* reader_;
  OrganizationManager* organization_;
};

class CapacityService final : public v1::CapacityService::CallbackService {
 public:
  CapacityService(server::CallGate* gate, CapacityPlanner* planner) : gate_(gate), planner_(planner) {}
  grpc::ServerUnaryReactor* PlanCapacity(grpc::CallbackServerContext* context,
                                         const v1::PlanCapacityRequest* request,
                                         v1::PlanCapacityResponse* response) override;

 private:
  server::CallGate* gate_;
  CapacityPlanner* planner_;
};

class ForecastService final : public v1::ForecastService::CallbackService {
 public:
  ForecastService(server::CallGate* gate, ForecastManager* manager) : gate_(gate), manager_(manager) {}
  grpc::ServerUnaryReactor* ForecastBookings(grpc::CallbackServerContext* context,
                                             const v1::ForecastBookingsRequest* request,
                                             v1::ForecastBookingsResponse* response) override;

 private:
  server::CallGate* gate_;
  ForecastManager* manager_;
};

}  // namespace attain::planning::quotas

#include "services/planning/quotas/quota_service.h"

#include <string>

namespace attain::planning::quotas {
namespace {

std::string Method(const char* service, const char* name) {
  return std::string("/attain.planning.v1.") + service + "/" + name;
}

// Copies a successful result into the response and passes the status on.
template <typename Message>
absl::Status Deliver(absl::StatusOr<Message> result, Message* response) {
  if (result.ok()) *response = *std::move(result);
  return result.status();
}

}  // namespace

// Writes and plan-wide reads: who may call them is the policy table's business alone.
#define ATTAIN_QUOTA_UNARY(Rpc, Request, Response, Call)                                        \
  grpc::ServerUnaryReactor* QuotaService::Rpc(grpc::CallbackServerContext* context,             \
                                              const v1::Request* request,                       \
                                              v1::Response* response) {                         \
    return gate_->Unary(context, Method("QuotaService", #Rpc),                                  \
                        [=, this](const server::CallContext&) {                                 \
                          return Deliver(manager_->Call, response);                             \
                        });                                                                     \
  }

ATTAIN_QUOTA_UNARY(CreateQuotaPlan, CreateQuotaPlanRequest, QuotaPlan, Create(*request))
ATTAIN_QUOTA_UNARY(ReviseQuotaPlan, ReviseQuotaPlanRequest, QuotaPlanVersion, Revise(*request))
ATTAIN_QUOTA_UNARY(GetQuotaPlan, GetQuotaPlanRequest, QuotaPlan, Get(request->name()))
ATTAIN_QUOTA_UNARY(ListQuotaPlans, ListQuotaPlansRequest, ListQuotaPlansResponse, List(*request))
ATTAIN_QUOTA_UNARY(SubmitQuotaPlan, SubmitQuotaPlanRequest, QuotaPlanVersion, Submit(*request))
ATTAIN_QUOTA_UNARY(ApproveQuotaPlan, ApproveQuotaPlanRequest, QuotaPlanVersion, Approve(*request))
ATTAIN_QUOTA_UNARY(ActivateQuotaPlan, ActivateQuotaPlanRequest, QuotaPlanVersion, Activate(*request))
ATTAIN_QUOTA_UNARY(SubmitBottomUp, SubmitBottomUpRequest, BottomUpSubmission, SubmitBottomUp(*request))
ATTAIN_QUOTA_UNARY(GetReconciliation, GetReconciliationRequest, GetReconciliationResponse,
                   Reconciliation(*request))

#undef ATTAIN_QUOTA_UNARY

grpc::ServerUnaryReactor* QuotaService::GetTerritoryQuotas(
    grpc::CallbackServerContext* context, const v1::GetTerritoryQuotasRequest* request,
    v1::GetTerritoryQuotasResponse* response) {
  return gate_->Unary(context, Method("QuotaService", "GetTerritoryQuotas"),
                      [=, this](const server::CallContext& call) {
                        auto visibility = organization_->VisibilityFor(call.principal);
                        if (!visibility.ok()) return visibility.status();
                        return Deliver(manager_->TerritoryQuotas(*request, *visibility), response);
                      });
}

grpc::ServerUnaryReactor* QuotaService::GetQuotas(grpc::CallbackServerContext* context,
                                                  const v1::GetQuotasRequest* request,
                                                  v1::GetQuotasResponse* response) {
  return gate_->Unary(context, Method("QuotaService", "GetQuotas"),
                      [=, this](const server::CallContext& call) {
                        auto visibility = organization_->VisibilityFor(call.principal);
                        if (!visibility.ok()) return visibility.status();
                        return Deliver(reader_->GetQuotas(*request, *visibility), response);
                      });
}

grpc::ServerUnaryReactor* CapacityService::PlanCapacity(grpc::CallbackServerContext* context,
                                                        const v1::PlanCapacityRequest* request,
                                                        v1::PlanCapacityResponse* response) {
  return gate_->Unary(context, Method("CapacityService", "PlanCapacity"),
                      [=, this](const server::CallContext&) {
                        return Deliver(planner_->Plan(*request), response);
                      });
}

grpc::ServerUnaryReactor* ForecastService::ForecastBookings(
    grpc::CallbackServerContext* context, const v1::ForecastBookingsRequest* request,
    v1::ForecastBookingsResponse* response) {
  return gate_->Unary(context, Method("ForecastService", "ForecastBookings"),
                      [=, this](const server::CallContext&) {
                        return Deliver(manager_->Forecast(*request), response);
                      });
}

}  // namespace attain::planning::quotas

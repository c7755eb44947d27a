#include "services/compensation/periods/period_service.h"

namespace attain::compensation::periods {

grpc::ServerUnaryReactor* PeriodService::GetPeriod(grpc::CallbackServerContext* context,
                                                   const v1::GetPeriodRequest* request,
                                                   v1::Period* response) {
  return gate_->Unary(context, "/attain.compensation.v1.PeriodService/GetPeriod",
                      [=, this](const server::CallContext&) {
                        auto period = manager_->Get(*request);
                        if (period.ok()) *response = *std::move(period);
                        return period.status();
                      });
}

grpc::ServerUnaryReactor* PeriodService::ListPeriods(grpc::CallbackServerContext* context,
                                                     const v1::ListPeriodsRequest* request,
                                                     v1::ListPeriodsResponse* response) {
  return gate_->Unary(context, "/attain.compensation.v1.PeriodService/ListPeriods",
                      [=, this](const server::CallContext&) {
                        auto page = manager_->List(*request);
                        if (page.ok()) *response = *std::move(page);
                        return page.status();
                      });
}

grpc::ServerUnaryReactor* PeriodService::TransitionPeriod(
    grpc::CallbackServerContext* context, const v1::TransitionPeriodRequest* request,
    v1::Period* response) {
  return gate_->Unary(context, "/attain.compensation.v1.PeriodService/TransitionPeriod",
                      [=, this](const server::CallContext& call) {
                        auto period = manager_->Transition(call.principal, *request);
                        if (period.ok()) *response = *std::move(period);
                        return period.status();
                      });
}

}  // namespace attain::compensation::periods

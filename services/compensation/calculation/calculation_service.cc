#include "services/compensation/calculation/calculation_service.h"

namespace attain::compensation::calculation {

grpc::ServerUnaryReactor* CalculationService::StartCalculationRun(
    grpc::CallbackServerContext* context, const v1::StartCalculationRunRequest* request,
    v1::CalculationRun* response) {
  return gate_->Unary(context, "/attain.compensation.v1.CalculationService/StartCalculationRun",
                      [=, this](const server::CallContext& call) {
                        auto run = runs_->Start(*request, call.principal.subject);
                        if (run.ok()) *response = *std::move(run);
                        return run.status();
                      });
}

grpc::ServerUnaryReactor* CalculationService::GetCalculationRun(
    grpc::CallbackServerContext* context, const v1::GetCalculationRunRequest* request,
    v1::CalculationRun* response) {
  return gate_->Unary(context, "/attain.compensation.v1.CalculationService/GetCalculationRun",
                      [=, this](const server::CallContext&) {
                        auto run = runs_->Get(*request);
                        if (run.ok()) *response = *std::move(run);
                        return run.status();
                      });
}

grpc::ServerUnaryReactor* CalculationService::ListCalculationRuns(
    grpc::CallbackServerContext* context, const v1::ListCalculationRunsRequest* request,
    v1::ListCalculationRunsResponse* response) {
  return gate_->Unary(context, "/attain.compensation.v1.CalculationService/ListCalculationRuns",
                      [=, this](const server::CallContext&) {
                        auto page = runs_->List(*request);
                        if (page.ok()) *response = *std::move(page);
                        return page.status();
                      });
}

}  // namespace attain::compensation::calculation

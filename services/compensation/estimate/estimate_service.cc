#include "services/compensation/estimate/estimate_service.h"

namespace attain::compensation::estimate {

grpc::ServerUnaryReactor* EstimateService::EstimateEarnings(grpc::CallbackServerContext* context,
                                                            const v1::EstimateEarningsRequest* request,
                                                            v1::EstimateEarningsResponse* response) {
  return gate_->Unary(context, "/attain.compensation.v1.EstimateService/EstimateEarnings",
                      [=, this](const server::CallContext& call) {
                        auto result = manager_->Estimate(call.principal, *request);
                        if (result.ok()) *response = *std::move(result);
                        return result.status();
                      });
}

}  // namespace attain::compensation::estimate

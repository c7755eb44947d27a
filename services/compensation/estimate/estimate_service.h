#pragma once
// gRPC adapter for attain.compensation.v1.EstimateService: admits each call through the gate
// and delegates to EstimateManager.

#include "attain/compensation/v1/estimate.grpc.pb.h"
#include "common/server/call_gate.h"
#include "services/compensation/estimate/estimate_manager.h"

namespace attain::compensation::estimate {

class EstimateService final : public v1::EstimateService::CallbackService {
 public:
  EstimateService(server::CallGate* gate, EstimateManager* manager) : gate_(gate), manager_(manager) {}

  grpc::ServerUnaryReactor* EstimateEarnings(grpc::CallbackServerContext* context,
                                             const v1::EstimateEarningsRequest* request,
                                             v1::EstimateEarningsResponse* response) override;

 private:
  server::CallGate* gate_;
  EstimateManager* manager_;
};

}  // namespace attain::compensation::estimate

#pragma once
// gRPC adapter for attain.compensation.v1.CalculationService: admits the call through the
// gate and delegates to RunManager.

#include "attain/compensation/v1/calculation.grpc.pb.h"
#include "common/server/call_gate.h"
#include "services/compensation/calculation/run_manager.h"

namespace attain::compensation::calculation {

class CalculationService final : public v1::CalculationService::CallbackService {
 public:
  CalculationService(server::CallGate* gate, RunManager* runs) : gate_(gate), runs_(runs) {}

  grpc::ServerUnaryReactor* StartCalculationRun(grpc::CallbackServerContext* context,
                                                const v1::StartCalculationRunRequest* request,
                                                v1::CalculationRun* response) override;
  grpc::ServerUnaryReactor* GetCalculationRun(grpc::CallbackServerContext* context,
                                              const v1::GetCalculationRunRequest* request,
                                              v1::CalculationRun* response) override;
  grpc::ServerUnaryReactor* ListCalculationRuns(grpc::CallbackServerContext* context,
                                                const v1::ListCalculationRunsRequest* request,
                                                v1::ListCalculationRunsResponse* response) override;

 private:
  server::CallGate* gate_;
  RunManager* runs_;
};

}  // namespace attain::compensation::calculation

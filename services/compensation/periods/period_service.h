#pragma once
// gRPC adapter for attain.compensation.v1.PeriodService: admits each call through the gate
// and delegates to PeriodManager.

#include "attain/compensation/v1/periods.grpc.pb.h"
#include "common/server/call_gate.h"
#include "services/compensation/periods/period_manager.h"

namespace attain::compensation::periods {

class PeriodService final : public v1::PeriodService::CallbackService {
 public:
  PeriodService(server::CallGate* gate, PeriodManager* manager) : gate_(gate), manager_(manager) {}

  grpc::ServerUnaryReactor* GetPeriod(grpc::CallbackServerContext* context,
                                      const v1::GetPeriodRequest* request,
                                      v1::Period* response) override;
  grpc::ServerUnaryReactor* ListPeriods(grpc::CallbackServerContext* context,
                                        const v1::ListPeriodsRequest* request,
                                        v1::ListPeriodsResponse* response) override;
  grpc::ServerUnaryReactor* TransitionPeriod(grpc::CallbackServerContext* context,
                                             const v1::TransitionPeriodRequest* request,
                                             v1::Period* response) override;

 private:
  server::CallGate* gate_;
  PeriodManager* manager_;
};

}  // namespace attain::compensation::periods

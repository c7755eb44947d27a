#pragma once
// gRPC adapter for attain.compensation.v1.FxRateService.

#include "attain/compensation/v1/transactions.grpc.pb.h"
#include "common/server/call_gate.h"
#include "services/compensation/fx/fx_rate_manager.h"

namespace attain::compensation::fx {

class FxRateService final : public v1::FxRateService::CallbackService {
 public:
  FxRateService(server::CallGate* gate, FxRateManager* manager) : gate_(gate), manager_(manager) {}

  grpc::ServerUnaryReactor* SetFxRates(grpc::CallbackServerContext* context,
                                       const v1::SetFxRatesRequest* request,
                                       v1::SetFxRatesResponse* response) override;
  grpc::ServerUnaryReactor* ListFxRates(grpc::CallbackServerContext* context,
                                        const v1::ListFxRatesRequest* request,
                                        v1::ListFxRatesResponse* response) override;

 private:
  server::CallGate* gate_;
  FxRateManager* manager_;
};

}  // namespace attain::compensation::fx

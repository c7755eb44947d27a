#pragma once
// gRPC adapter for attain.compensation.v1.MboService: admits each call through the gate and
// delegates to MboManager.

#include "attain/compensation/v1/mbo.grpc.pb.h"
#include "common/server/call_gate.h"
#include "services/compensation/mbo/mbo_manager.h"

namespace attain::compensation::mbo {

class MboService final : public v1::MboService::CallbackService {
 public:
  MboService(server::CallGate* gate, MboManager* manager) : gate_(gate), manager_(manager) {}

  grpc::ServerUnaryReactor* SetMboScores(grpc::CallbackServerContext* context,
                                         const v1::SetMboScoresRequest* request,
                                         v1::SetMboScoresResponse* response) override;
  grpc::ServerUnaryReactor* ListMboScores(grpc::CallbackServerContext* context,
                                          const v1::ListMboScoresRequest* request,
                                          v1::ListMboScoresResponse* response) override;

 private:
  server::CallGate* gate_;
  MboManager* manager_;
};

}  // namespace attain::compensation::mbo

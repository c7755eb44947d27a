#pragma once
// gRPC adapter for attain.compensation.v1.WhatIfService: admits each call through the gate
// and delegates to WhatIfManager.

#include "attain/compensation/v1/whatif.grpc.pb.h"
#include "common/server/call_gate.h"
#include "services/compensation/whatif/whatif_manager.h"

namespace attain::compensation::whatif {

class WhatIfService final : public v1::WhatIfService::CallbackService {
 public:
  WhatIfService(server::CallGate* gate, WhatIfManager* manager) : gate_(gate), manager_(manager) {}

  grpc::ServerUnaryReactor* RunWhatIf(grpc::CallbackServerContext* context,
                                      const v1::RunWhatIfRequest* request,
                                      v1::WhatIfResult* response) override;

 private:
  server::CallGate* gate_;
  WhatIfManager* manager_;
};

}  // namespace attain::compensation::whatif

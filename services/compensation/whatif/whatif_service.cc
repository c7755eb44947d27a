#include "services/compensation/whatif/whatif_service.h"

namespace attain::compensation::whatif {

grpc::ServerUnaryReactor* WhatIfService::RunWhatIf(grpc::CallbackServerContext* context,
                                                   const v1::RunWhatIfRequest* request,
                                                   v1::WhatIfResult* response) {
  return gate_->Unary(context, "/attain.compensation.v1.WhatIfService/RunWhatIf",
                      [=, this](const server::CallContext&) {
                        auto result = manager_->Run(*request);
                        if (result.ok()) *response = *std::move(result);
                        return result.status();
                      });
}

}  // namespace attain::compensation::whatif

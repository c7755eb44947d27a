#include "services/compensation/mbo/mbo_service.h"

namespace attain::compensation::mbo {

grpc::ServerUnaryReactor* MboService::SetMboScores(grpc::CallbackServerContext* context,
                                                   const v1::SetMboScoresRequest* request,
                                                   v1::SetMboScoresResponse* response) {
  return gate_->Unary(context, "/attain.compensation.v1.MboService/SetMboScores",
                      [=, this](const server::CallContext& call) {
                        auto set = manager_->Set(call.principal, *request);
                        if (set.ok()) *response = *std::move(set);
                        return set.status();
                      });
}

grpc::ServerUnaryReactor* MboService::ListMboScores(grpc::CallbackServerContext* context,
                                                    const v1::ListMboScoresRequest* request,
                                                    v1::ListMboScoresResponse* response) {
  return gate_->Unary(context, "/attain.compensation.v1.MboService/ListMboScores",
                      [=, this](const server::CallContext& call) {
                        auto page = manager_->List(call.principal, *request);
                        if (page.ok()) *response = *std::move(page);
                        return page.status();
                      });
}

}  // namespace attain::compensation::mbo

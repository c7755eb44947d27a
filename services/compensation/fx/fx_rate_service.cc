#include "services/compensation/fx/fx_rate_service.h"

namespace attain::compensation::fx {

grpc::ServerUnaryReactor* FxRateService::SetFxRates(grpc::CallbackServerContext* context,
                                                    const v1::SetFxRatesRequest* request,
                                                    v1::SetFxRatesResponse* response) {
  return gate_->Unary(context, "/attain.compensation.v1.FxRateService/SetFxRates",
                      [=, this](const server::CallContext&) {
                        auto set = manager_->Set(*request);
                        if (set.ok()) *response = *std::move(set);
                        return set.status();
                      });
}

grpc::ServerUnaryReactor* FxRateService::ListFxRates(grpc::CallbackServerContext* context,
                                                     const v1::ListFxRatesRequest* request,
                                                     v1::ListFxRatesResponse* response) {
  return gate_->Unary(context, "/attain.compensation.v1.FxRateService/ListFxRates",
                      [=, this](const server::CallContext&) {
                        auto page = manager_->List(*request);
                        if (page.ok()) *response = *std::move(page);
                        return page.status();
                      });
}

}  // namespace attain::compensation::fx

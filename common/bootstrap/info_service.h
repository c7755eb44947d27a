#pragma once
// GetServiceInfo for any Attain service: the generated service base differs per package,
// the behaviour does not.

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "common/bootstrap/service_main.h"

namespace attain::bootstrap {

template <typename CallbackServiceBase, typename Request, typename Response>
class ServiceInfoAdapter final : public CallbackServiceBase {
 public:
  // extra: adds service-specific facts (event cursors, published sequence); optional.
  ServiceInfoAdapter(ServiceRunner* runner, std::string method,
                     std::function<absl::Status(attain::common::v1::ServiceInfo*)> extra = {})
      : runner_(runner), method_(std::move(method)), extra_(std::move(extra)) {}

  grpc::ServerUnaryReactor* GetServiceInfo(grpc::CallbackServerContext* context,
                                           const Request* request, Response* response) override {
    return runner_->gate().Unary(context, method_, [this, response](const server::CallContext& call) {
      FillServiceInfo(*runner_, call, response->mutable_info());
      return extra_ ? extra_(response->mutable_info()) : absl::OkStatus();
    });
  }

 private:
  ServiceRunner* runner_;
  std::string method_;
  std::function<absl::Status(attain::common::v1::ServiceInfo*)> extra_;
};

}  // namespace attain::bootstrap

#include "common/server/observability.h"

#include <string>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>
#include <prometheus/counter.h>
#include <prometheus/histogram.h>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/log/log.h"
#include "common/metrics/registry.h"
#include "common/server/raw_calls.h"

namespace attain::server {
namespace {

using grpc::experimental::InterceptionHookPoints;

const char* CodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK: return "OK";
    case grpc::StatusCode::CANCELLED: return "Canceled";
    case grpc::StatusCode::UNKNOWN: return "Unknown";
    case grpc::StatusCode::INVALID_ARGUMENT: return "InvalidArgument";
    case grpc::StatusCode::DEADLINE_EXCEEDED: return "DeadlineExceeded";
    case grpc::StatusCode::NOT_FOUND: return "NotFound";
    case grpc::StatusCode::ALREADY_EXISTS: return "AlreadyExists";
    case grpc::StatusCode::PERMISSION_DENIED: return "PermissionDenied";
    case grpc::StatusCode::RESOURCE_EXHAUSTED: return "ResourceExhausted";
    case grpc::StatusCode::FAILED_PRECONDITION: return "FailedPrecondition";
    case grpc::StatusCode::ABORTED: return "Aborted";
    case grpc::StatusCode::OUT_OF_RANGE: return "OutOfRange";
    case grpc::StatusCode::UNIMPLEMENTED: return "Unimplemented";
    case grpc::StatusCode::INTERNAL: return "Internal";
    case grpc::StatusCode::UNAVAILABLE: return "Unavailable";
    case grpc::StatusCode::DATA_LOSS: return "DataLoss";
    case grpc::StatusCode::UNAUTHENTICATED: return "Unauthenticated";
    default: return "Unknown";
  }
}

struct Families {
  prometheus::Family<prometheus::Counter>& started;
  prometheus::Family<prometheus::Counter>& handled;
  prometheus::Family<prometheus::Histogram>& seconds;
};

Families& Metrics() {
  static Families* families = [] {
    auto& registry = metrics::Registry();
    return new Families{
        prometheus::BuildCounter().Name("grpc_server_started_total")
            .Help("RPCs started on the server").Register(registry),
        prometheus::BuildCounter().Name("grpc_server_handled_total")
            .Help("RPCs completed on the server, by status code").Register(registry),
        prometheus::BuildHistogram().Name("grpc_server_handling_seconds")
            .Help("Time from receiving an RPC to sending its status").Register(registry),
    };
  }();
  return *families;
}

// "/pkg.Service/Method" -> {"pkg.Service", "Method"}.
std::pair<std::string, std::string> SplitMethod(const char* full) {
  std::string path = full ? full : "";
  if (!path.empty() && path[0] == '/') path.erase(0, 1);
  size_t slash = path.find('/');
  if (slash == std::string::npos) return {path, ""};
  return {path.substr(0, slash), path.substr(slash + 1)};
}

class ObservabilityInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit ObservabilityInterceptor(grpc::experimental::ServerRpcInfo* info) : info_(info) {
    auto [service, method] = SplitMethod(info->method());
    service_ = std::move(service);
    method_ = std::move(method);
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      start_ = absl::Now();
      Metrics().started.Add({{"grpc_service", service_}, {"grpc_method", method_}}).Increment();
      auto* metadata = methods->GetRecvInitialMetadata();
      if (metadata != nullptr) {
        auto it = metadata->find("x-request-id");
        if (it != metadata->end()) request_id_.assign(it->second.data(), it->second.size());
      }
    }
    // A raw method's received message is a grpc::ByteBuffer (raw_calls.h): not inspected.
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE) &&
        request_id_.empty() && !IsRawMethod(info_->method() ? info_->method() : "")) {
      // Attain's mutating requests carry request_id; log it so retries can be correlated.
      auto* message = static_cast<google::protobuf::Message*>(methods->GetRecvMessage());
      if (message != nullptr) {
        const auto* field = message->GetDescriptor()->FindFieldByName("request_id");
        if (field != nullptr && field->type() == google::protobuf::FieldDescriptor::TYPE_STRING &&
            !field->is_repeated()) {
          request_id_ = message->GetReflection()->GetString(*message, field);
        }
      }
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      grpc::Status status = methods->GetSendStatus();
      const char* code = CodeName(status.error_code());
      double seconds = absl::ToDoubleSeconds(absl::Now() - start_);
      Metrics()
          .handled.Add({{"grpc_service", service_}, {"grpc_method", method_}, {"grpc_code", code}})
          .Increment();
      Metrics()
          .seconds.Add({{"grpc_service", service_}, {"grpc_method", method_}},
                       metrics::LatencyBuckets())
          .Observe(seconds);
      std::string peer = info_->server_context() ? info_->server_context()->peer() : "";
      log::Level level = status.ok() ? log::Level::kInfo : log::Level::kWarn;
      if (status.error_code() == grpc::StatusCode::INTERNAL ||
          status.error_code() == grpc::StatusCode::UNKNOWN ||
          status.error_code() == grpc::StatusCode::DATA_LOSS) {
        level = log::Level::kError;
      }
      log::Write(level, "rpc",
                 {{"method", std::string(info_->method() ? info_->method() : "")},
                  {"request_id", request_id_},
                  {"peer", peer},
                  {"latency_ms", seconds * 1000.0},
                  {"grpc_code", code},
                  {"error", status.ok() ? std::string() : status.error_message()}});
    }
    methods->Proceed();
  }

 private:
  grpc::experimental::ServerRpcInfo* info_;
  std::string service_;
  std::string method_;
  std::string request_id_;
  absl::Time start_ = absl::Now();
};

class ObservabilityFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new ObservabilityInterceptor(info);
  }
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeObservabilityInterceptorFactory() {
  Metrics();
  return std::make_unique<ObservabilityFactory>();
}

}  // namespace attain::server

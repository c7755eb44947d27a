#pragma once
// A gRPC server interceptor that measures and logs every call, whatever its outcome:
// grpc_server_started_total, grpc_server_handled_total{grpc_service,grpc_method,grpc_code},
// grpc_server_handling_seconds, and one JSON log line per call (method, request id, peer,
// latency, status code). It never sees or logs the authorization header, and never inspects
// the message of a raw method (raw_calls.h).

#include <memory>

#include <grpcpp/support/server_interceptor.h>

namespace attain::server {

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeObservabilityInterceptorFactory();

}  // namespace attain::server

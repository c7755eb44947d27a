#pragma once
// gRPC client plumbing shared by the harness and the tests.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "grpc/health/v1/health.pb.h"

namespace attain::itest {

// Deadline for a single test RPC; generous because the first call after a restart may wait
// for a reconnect.
inline constexpr std::chrono::seconds kRpcTimeout{15};

// An insecure channel with short reconnect backoff, so a test notices a restarted server in
// milliseconds rather than after gRPC's default backoff of up to two minutes.
std::shared_ptr<grpc::Channel> MakeChannel(const std::string& address);

// A context with `timeout` and, unless `token` is empty, "authorization: Bearer <token>".
std::unique_ptr<grpc::ClientContext> MakeContext(const std::string& token,
                                                 std::chrono::milliseconds timeout = kRpcTimeout);

// grpc.health.v1.Health/Check(service) on `channel`.
absl::StatusOr<grpc::health::v1::HealthCheckResponse::ServingStatus> CheckHealth(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& service,
    std::chrono::milliseconds timeout);

// "UNAVAILABLE: connection refused" for messages.
std::string Describe(const grpc::Status& status);

// The google.rpc.BadRequest field names carried by a failed status (in order).
std::vector<std::string> ViolationFields(const grpc::Status& status);

}  // namespace attain::itest

#pragma once
// Every Attain RPC enters through the CallGate: it authenticates the bearer token,
// enforces the per-method policy table, applies the default deadline, and moves the
// handler onto the bounded executor. gRPC C++ server interceptors cannot end a call with a
// status of their own choosing, so this gate — not an interceptor — is where a call is
// refused; the observability interceptor only measures and logs.

#include <functional>
#include <string>
#include <string_view>

#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/jwt.h"
#include "common/auth/policy.h"
#include "common/server/executor.h"

namespace attain::server {

// What a handler knows about its call.
struct CallContext {
  std::string method;            // "/attain.planning.v1.OrganizationService/GetSeller"
  auth::Principal principal;     // the verified caller
  absl::Time deadline;           // the client's deadline, or now + the default
  grpc::CallbackServerContext* server_context = nullptr;

  bool Cancelled() const { return server_context != nullptr && server_context->IsCancelled(); }
  bool Expired() const { return absl::Now() > deadline; }
};

class CallGate {
 public:
  CallGate(const auth::JwtVerifier* verifier, const auth::PolicyTable* policy,
           Executor* executor, absl::Duration default_deadline);

  // Authenticates and authorizes the call (UNAUTHENTICATED / PERMISSION_DENIED).
  absl::StatusOr<CallContext> Admit(grpc::CallbackServerContext* context,
                                    std::string_view method) const;

  // Unary calls: Admit, then run `handler` on the executor and finish with its status.
  // RESOURCE_EXHAUSTED when the executor queue is full; DEADLINE_EXCEEDED or CANCELLED
  // when the call is already over by the time a worker picks it up.
  grpc::ServerUnaryReactor* Unary(grpc::CallbackServerContext* context, std::string_view method,
                                  std::function<absl::Status(const CallContext&)> handler);

  // Runs `task` on the executor; false when the queue is full.
  bool Offload(std::function<void()> task) { return executor_->TrySubmit(std::move(task)); }

 private:
  const auth::JwtVerifier* verifier_;
  const auth::PolicyTable* policy_;
  Executor* executor_;
  absl::Duration default_deadline_;
};

// The RESOURCE_EXHAUSTED status used whenever the executor refuses work.
absl::Status Overloaded();

}  // namespace attain::server

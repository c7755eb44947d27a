#include "common/server/call_gate.h"

#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"

namespace attain::server {

absl::Status Overloaded() {
  return errors::WithReason(
      absl::ResourceExhaustedError("server is overloaded; retry with backoff"), "OVERLOADED");
}

CallGate::CallGate(const auth::JwtVerifier* verifier, const auth::PolicyTable* policy,
                   Executor* executor, absl::Duration default_deadline)
    : verifier_(verifier), policy_(policy), executor_(executor),
      default_deadline_(default_deadline) {}

absl::StatusOr<CallContext> CallGate::Admit(grpc::CallbackServerContext* context,
                                            std::string_view method) const {
  const auto& metadata = context->client_metadata();
  auto header = metadata.find("authorization");
  if (header == metadata.end()) {
    return errors::WithReason(absl::UnauthenticatedError("missing bearer token"),
                              "MISSING_TOKEN");
  }
  std::string_view value(header->second.data(), header->second.size());
  auto token = auth::BearerToken(value);
  if (!token.ok()) return errors::WithReason(token.status(), "BAD_TOKEN");
  auto principal = verifier_->Verify(*token);
  if (!principal.ok()) return errors::WithReason(principal.status(), "BAD_TOKEN");
  if (absl::Status allowed = policy_->Check(method, *principal); !allowed.ok()) {
    return errors::WithReason(allowed, "ROLE_NOT_ALLOWED");
  }
  CallContext call;
  call.method = std::string(method);
  call.principal = *std::move(principal);
  call.server_context = context;
  absl::Time client_deadline = absl::FromChrono(context->deadline());
  absl::Time default_deadline = absl::Now() + default_deadline_;
  call.deadline = std::min(client_deadline, default_deadline);
  return call;
}

grpc::ServerUnaryReactor* CallGate::Unary(
    grpc::CallbackServerContext* context, std::string_view method,
    std::function<absl::Status(const CallContext&)> handler) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  auto call = Admit(context, method);
  if (!call.ok()) {
    reactor->Finish(errors::ToGrpcStatus(call.status()));
    return reactor;
  }
  bool accepted = executor_->TrySubmit(
      [reactor, call = *std::move(call), handler = std::move(handler)]() {
        if (call.Cancelled()) {
          reactor->Finish(grpc::Status(grpc::StatusCode::CANCELLED, "call cancelled"));
          return;
        }
        if (call.Expired()) {
          reactor->Finish(errors::ToGrpcStatus(
              absl::DeadlineExceededError("deadline passed while queued")));
          return;
        }
        reactor->Finish(errors::ToGrpcStatus(handler(call)));
      });
  if (!accepted) reactor->Finish(errors::ToGrpcStatus(Overloaded()));
  return reactor;
}

}  // namespace attain::server

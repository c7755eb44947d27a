#pragma once
// The client-streaming half of an import: each message is handed to the session on the
// executor (the session writes as rows arrive, which blocks), and the next message is read
// only when it is done, so a fast client cannot queue more than one message ahead. Once the
// client has sent everything the session commits, also on the executor. A cancelled call
// never commits: the session is destroyed, which rolls it back. The session is created only
// after the gate admitted the call, from the verified caller.
//
// Session: absl::Status Add(Request& message);   // non-OK ends the call at once
//          absl::StatusOr<Response> Commit();

#include <functional>
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "common/errors/errors.h"
#include "common/server/call_gate.h"

namespace attain::compensation {

template <typename Request, typename Response, typename Session>
class ImportReactor final : public grpc::ServerReadReactor<Request> {
 public:
  using SessionFactory = std::function<std::unique_ptr<Session>(const server::CallContext&)>;

  static grpc::ServerReadReactor<Request>* Start(server::CallGate* gate,
                                                 grpc::CallbackServerContext* context,
                                                 const std::string& method,
                                                 const SessionFactory& make_session,
                                                 Response* response) {
    auto call = gate->Admit(context, method);
    if (!call.ok()) return new ImportReactor(call.status());
    return new ImportReactor(gate, context, make_session(*call), response);
  }

  void OnReadDone(bool ok) override {
    const bool accepted = gate_->Offload([this, ok] {
      // Sessions are released here, on the executor: releasing one may roll it back.
      if (!ok) {
        // The client half-closed, or the call ended.
        if (context_->IsCancelled()) {
          session_.reset();
          this->Finish(grpc::Status(grpc::StatusCode::CANCELLED, "import cancelled"));
          return;
        }
        auto result = session_->Commit();
        session_.reset();
        if (result.ok()) *response_ = *std::move(result);
        this->Finish(errors::ToGrpcStatus(result.status()));
        return;
      }
      if (absl::Status added = session_->Add(request_); !added.ok()) {
        session_.reset();
        this->Finish(errors::ToGrpcStatus(added));
        return;
      }
      request_.Clear();
      this->StartRead(&request_);
    });
    if (!accepted) this->Finish(errors::ToGrpcStatus(server::Overloaded()));
  }
  void OnDone() override { delete this; }

 private:
  ImportReactor(server::CallGate* gate, grpc::CallbackServerContext* context,
                std::unique_ptr<Session> session, Response* response)
      : gate_(gate), context_(context), session_(std::move(session)), response_(response) {
    this->StartRead(&request_);
  }
  explicit ImportReactor(const absl::Status& refused) { this->Finish(errors::ToGrpcStatus(refused)); }

  server::CallGate* gate_ = nullptr;
  grpc::CallbackServerContext* context_ = nullptr;
  std::unique_ptr<Session> session_;
  Response* response_ = nullptr;
  Request request_;
};

}  // namespace attain::compensation

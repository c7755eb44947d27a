#pragma once
// The client-streaming half of every catalog import (accounts, products, bookings): each
// message is handed to a Session as it arrives (which validates and stages its rows
// compactly, so a million-row import never holds a million protobuf messages), and once
// the client has sent everything the Session commits on the executor.
//
// Session: absl::Status Add(Request& message);   // non-OK ends the call at once
//          absl::StatusOr<Response> Commit();

#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "common/errors/errors.h"
#include "common/server/call_gate.h"

namespace attain::planning::catalog {

template <typename Request, typename Response, typename Session>
class ImportReactor final : public grpc::ServerReadReactor<Request> {
 public:
  // Admits the call through the gate; a refused call only reports why.
  static grpc::ServerReadReactor<Request>* Start(server::CallGate* gate,
                                                 grpc::CallbackServerContext* context,
                                                 const std::string& method,
                                                 std::unique_ptr<Session> session,
                                                 Response* response) {
    auto call = gate->Admit(context, method);
    if (!call.ok()) return new ImportReactor(call.status());
    return new ImportReactor(gate, std::move(session), response);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      Run();
      return;
    }
    if (absl::Status added = session_->Add(request_); !added.ok()) {
      this->Finish(errors::ToGrpcStatus(added));
      return;
    }
    request_.Clear();
    this->StartRead(&request_);
  }
  void OnDone() override { delete this; }

 private:
  ImportReactor(server::CallGate* gate, std::unique_ptr<Session> session, Response* response)
      : gate_(gate), session_(std::move(session)), response_(response) {
    this->StartRead(&request_);
  }
  explicit ImportReactor(const absl::Status& refused) { this->Finish(errors::ToGrpcStatus(refused)); }

  void Run() {
    bool accepted = gate_->Offload([this] {
      auto result = session_->Commit();
      if (result.ok()) *response_ = *std::move(result);
      this->Finish(errors::ToGrpcStatus(result.status()));
    });
    if (!accepted) this->Finish(errors::ToGrpcStatus(server::Overloaded()));
  }

  server::CallGate* gate_ = nullptr;
  std::unique_ptr<Session> session_;
  Response* response_ = nullptr;
  Request request_;
};

}  // namespace attain::planning::catalog

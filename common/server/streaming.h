#pragma once
// A server-streaming reactor that pulls pages of messages on the executor and writes them
// one by one, so a large export never holds the whole result in memory nor blocks a
// callback thread.

#include <atomic>
#include <deque>
#include <functional>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "common/errors/errors.h"
#include "common/server/call_gate.h"

namespace attain::server {

template <typename Message>
class PagedWriter final : public grpc::ServerWriteReactor<Message> {
 public:
  // Returns the next page; an empty page ends the stream with OK.
  using NextPage = std::function<absl::StatusOr<std::vector<Message>>()>;

  // Starts streaming immediately; the reactor deletes itself when done.
  static grpc::ServerWriteReactor<Message>* Start(CallGate* gate, NextPage next_page) {
    auto* writer = new PagedWriter(gate, std::move(next_page));
    writer->Load();
    return writer;
  }

  // A reactor that only finishes with `status` (for calls refused at the gate).
  static grpc::ServerWriteReactor<Message>* Fail(const absl::Status& status) {
    auto* writer = new PagedWriter(nullptr, nullptr);
    writer->Finish(errors::ToGrpcStatus(status));
    return writer;
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      FinishOnce(grpc::Status(grpc::StatusCode::CANCELLED, "client went away"));
      return;
    }
    WriteNext();
  }
  void OnCancel() override { cancelled_ = true; }
  void OnDone() override { delete this; }

 private:
  PagedWriter(CallGate* gate, NextPage next_page)
      : gate_(gate), next_page_(std::move(next_page)) {}

  void Load() {
    bool accepted = gate_->Offload([this] {
      if (cancelled_) {
        FinishOnce(grpc::Status(grpc::StatusCode::CANCELLED, "call cancelled"));
        return;
      }
      auto page = next_page_();
      if (!page.ok()) {
        FinishOnce(errors::ToGrpcStatus(page.status()));
        return;
      }
      if (page->empty()) {
        FinishOnce(grpc::Status::OK);
        return;
      }
      pending_.assign(std::make_move_iterator(page->begin()),
                      std::make_move_iterator(page->end()));
      WriteNext();
    });
    if (!accepted) FinishOnce(errors::ToGrpcStatus(Overloaded()));
  }

  void WriteNext() {
    if (pending_.empty()) {
      Load();
      return;
    }
    current_ = std::move(pending_.front());
    pending_.pop_front();
    this->StartWrite(&current_);
  }

  void FinishOnce(const grpc::Status& status) {
    if (!finished_.exchange(true)) this->Finish(status);
  }

  CallGate* gate_;
  NextPage next_page_;
  std::deque<Message> pending_;
  Message current_;
  std::atomic<bool> cancelled_{false};
  std::atomic<bool> finished_{false};
};

}  // namespace attain::server

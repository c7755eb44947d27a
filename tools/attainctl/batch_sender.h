#pragma once
// Sending rows over a client stream in messages of at most `batch` rows, with the progress
// line on stderr (progress.h): what every import streams through.

#include <cstdint>
#include <functional>
#include <utility>

#include <grpcpp/support/sync_stream.h>

#include "absl/status/status.h"
#include "tools/attainctl/cli.h"
#include "tools/attainctl/progress.h"

namespace attain::ctl {

template <typename Request>
class BatchSender {
 public:
  // Rows go into `*request`; after each send, `clear` empties it (the rows, and whatever only
  // the first message carries). `total` is the number of rows expected, for the progress line.
  BatchSender(grpc::ClientWriterInterface<Request>* writer, Request* request, int batch, int64_t total,
              std::function<void(Request&)> clear)
      : writer_(writer), request_(request), batch_(batch), clear_(std::move(clear)), progress_(total) {}

  // Counts the row the caller has just added to the request, sending the message once it holds
  // `batch` rows. CANCELLED once the stream is broken (Finish says why).
  absl::Status Added() {
    if (++pending_ >= batch_) Send();
    return broken_ ? absl::CancelledError("stream closed") : absl::OkStatus();
  }

  // Sends the rows left, closes the stream and returns the call's status.
  absl::Status Finish() {
    Send();
    progress_.Finish();
    writer_->WritesDone();
    if (grpc::Status status = writer_->Finish(); !status.ok()) return FromCall(status);
    return absl::OkStatus();
  }

 private:
  void Send() {
    if (broken_ || pending_ == 0) return;
    if (!writer_->Write(*request_)) broken_ = true;
    sent_ += pending_;
    pending_ = 0;
    clear_(*request_);
    progress_.Update(sent_);
  }

  grpc::ClientWriterInterface<Request>* writer_;
  Request* request_;
  int batch_;
  std::function<void(Request&)> clear_;
  SendProgress progress_;
  int pending_ = 0;
  int64_t sent_ = 0;
  bool broken_ = false;
};

}  // namespace attain::ctl

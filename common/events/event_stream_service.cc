#include "common/events/event_stream_service.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"
#include "common/server/streaming.h"

namespace attain::events {
namespace {

constexpr int kPage = 500;
constexpr char kMethod[] = "/attain.events.v1.EventStreamService/StreamEvents";

}  // namespace

grpc::ServerWriteReactor<attain::events::v1::Event>* EventStreamService::StreamEvents(
    grpc::CallbackServerContext* context, const attain::events::v1::StreamEventsRequest* request) {
  using Writer = server::PagedWriter<attain::events::v1::Event>;
  auto call = gate_->Admit(context, kMethod);
  if (!call.ok()) return Writer::Fail(call.status());
  if (request->from_sequence() < 1) {
    return Writer::Fail(errors::InvalidField("from_sequence", "must be at least 1"));
  }
  if (request->max_events() < 0) {
    return Writer::Fail(errors::InvalidField("max_events", "must not be negative"));
  }
  struct Cursor {
    int64_t next;
    int64_t remaining;  // -1: unlimited
  };
  auto cursor = std::make_shared<Cursor>(
      Cursor{request->from_sequence(), request->max_events() == 0 ? -1 : request->max_events()});
  return Writer::Start(gate_, [this, cursor]()
                                  -> absl::StatusOr<std::vector<attain::events::v1::Event>> {
    std::vector<attain::events::v1::Event> page;
    if (cursor->remaining == 0) return page;
    int64_t limit = cursor->remaining < 0 ? kPage : std::min<int64_t>(kPage, cursor->remaining);
    auto lease = pool_->Acquire();
    if (!lease.ok()) return lease.status();
    auto rows = (*lease)->Exec(
        "SELECT sequence, event_type, resource, payload_json, "
        "       (extract(epoch from create_time) * 1000000)::bigint "
        "FROM outbox WHERE sequence >= $1 ORDER BY sequence LIMIT $2",
        {absl::StrCat(cursor->next), absl::StrCat(limit)});
    if (!rows.ok()) return rows.status();
    for (int i = 0; i < rows->rows(); ++i) {
      attain::events::v1::Event& event = page.emplace_back();
      event.set_producer(producer_);
      event.set_sequence(rows->GetInt64(i, 0));
      event.set_type(rows->GetString(i, 1));
      event.set_resource(rows->GetString(i, 2));
      event.set_payload_json(rows->GetString(i, 3));
      int64_t micros = rows->GetInt64(i, 4);
      event.mutable_create_time()->set_seconds(micros / 1000000);
      event.mutable_create_time()->set_nanos(static_cast<int32_t>(micros % 1000000) * 1000);
    }
    if (!page.empty()) cursor->next = page.back().sequence() + 1;
    if (cursor->remaining > 0) cursor->remaining -= static_cast<int64_t>(page.size());
    return page;
  });
}

}  // namespace attain::events

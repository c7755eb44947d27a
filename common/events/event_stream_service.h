#pragma once
// attain.events.v1.EventStreamService: a producer's outbox replayed in sequence order, the
// source of truth a consumer backfills from when the Redis stream lost entries.

#include <string>

#include "attain/events/v1/events.grpc.pb.h"
#include "common/db/pg.h"
#include "common/server/call_gate.h"

namespace attain::events {

class EventStreamService final : public attain::events::v1::EventStreamService::CallbackService {
 public:
  EventStreamService(std::string producer, db::PgPool* pool, server::CallGate* gate)
      : producer_(std::move(producer)), pool_(pool), gate_(gate) {}

  grpc::ServerWriteReactor<attain::events::v1::Event>* StreamEvents(
      grpc::CallbackServerContext* context,
      const attain::events::v1::StreamEventsRequest* request) override;

 private:
  std::string producer_;
  db::PgPool* pool_;
  server::CallGate* gate_;
};

}  // namespace attain::events

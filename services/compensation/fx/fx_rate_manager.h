#pragma once
// The FX rate use cases: set rates (validated all at once, one transaction with the
// idempotency claim and an outbox event) and list them.

#include "absl/status/statusor.h"
#include "attain/compensation/v1/transactions.pb.h"
#include "common/db/pg.h"
#include "common/events/outbox.h"

namespace attain::compensation::fx {

namespace v1 = ::attain::compensation::v1;

class FxRateManager {
 public:
  static constexpr int kMaxRatesPerRequest = 10'000;

  FxRateManager(db::PgPool* pool, events::OutboxRelay* relay) : pool_(pool), relay_(relay) {}

  absl::StatusOr<v1::SetFxRatesResponse> Set(const v1::SetFxRatesRequest& request);
  absl::StatusOr<v1::ListFxRatesResponse> List(const v1::ListFxRatesRequest& request);

 private:
  db::PgPool* pool_;
  events::OutboxRelay* relay_;
};

}  // namespace attain::compensation::fx

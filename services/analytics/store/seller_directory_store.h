#pragma once
// Applies planning's seller events to analytics.seller_directory.

#include "absl/status/status.h"
#include "attain/events/v1/events.pb.h"
#include "common/db/pg.h"

namespace attain::analytics {

// Idempotent by construction: upserts keyed by seller id and guarded by the event sequence.
absl::Status ApplySellerEvent(db::PgConn& tx, const attain::events::v1::Event& event);

}  // namespace attain::analytics

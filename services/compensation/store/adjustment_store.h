#pragma once
// SQL for the compensation schema's adjustments table.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/db/pg.h"
#include "services/compensation/statements/adjustment.h"

namespace attain::compensation::store {

// Inserts `adjustment` (create_time is the transaction's); returns its create_time in
// microseconds. `request_id` "" is stored as NULL.
absl::StatusOr<int64_t> InsertAdjustment(db::PgConn& tx, const statements::Adjustment& adjustment,
                                         const std::string& request_id);

// Every adjustment of `period` (canonical label), ordered by seller_id (byte order),
// create_time, adjustment_id: the inputs a run of the period includes. The calculation calls
// it inside its REPEATABLE READ transaction, so it reads the run's snapshot.
absl::StatusOr<std::vector<statements::Adjustment>> LoadAdjustments(db::PgConn& tx,
                                                                    const std::string& period);

// A position in LoadAdjustments' order.
struct AdjustmentKey {
  std::string seller_id;
  int64_t create_time_micros = 0;
  std::string adjustment_id;
};

struct AdjustmentPage {
  std::vector<statements::Adjustment> adjustments;
  bool more = false;
};

// The adjustments of `period` (of `seller_id` unless it is "") in LoadAdjustments' order,
// strictly after `after`, at most `limit`.
absl::StatusOr<AdjustmentPage> ListAdjustments(db::PgConn& conn, const std::string& period,
                                               const std::string& seller_id,
                                               const std::optional<AdjustmentKey>& after,
                                               int limit);

}  // namespace attain::compensation::store

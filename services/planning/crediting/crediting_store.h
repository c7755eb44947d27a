#pragma once
// SQL for the crediting export. Every function runs on the export's transaction; the
// interval readers return only rows overlapping `range`, clipped to it.

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/db/pg.h"
#include "services/planning/crediting/crediting_data.h"

namespace attain::planning::crediting::store {

// Makes the transaction REPEATABLE READ and read-only; must come before any other statement.
absl::Status BeginSnapshot(db::PgConn& tx);

// The highest sequenced outbox event in the transaction's snapshot (what events::LastSequence
// reads on a connection of its own).
absl::StatusOr<int64_t> LastSequence(db::PgConn& tx);

// Sellers employed at some time in `range` or named by a reporting line or a coverage row
// overlapping it, in no particular order.
absl::StatusOr<std::vector<SellerRecord>> Sellers(db::PgConn& tx, const DaySpan& range);
absl::StatusOr<std::vector<LineRecord>> ReportingLines(db::PgConn& tx, const DaySpan& range);
// Coverage with split_percent as a fraction (rounded half-even to 6 digits).
absl::StatusOr<std::vector<CoverageRecord>> Coverage(db::PgConn& tx, const DaySpan& range);
absl::StatusOr<std::vector<ProductRecord>> Products(db::PgConn& tx);

// Every AssignAccounts run date with stored rows, ascending.
absl::StatusOr<std::vector<absl::CivilDay>> RunDates(db::PgConn& tx);

// One stored account assignment; the views live until the callback returns.
struct AssignmentRow {
  std::string_view account_id;
  std::string_view territory_type;
  std::string_view territory_id;
  absl::CivilDay as_of;
};
// Calls `row` for every stored assignment of the runs from `first_run` to `last_run`,
// ordered by account, territory type and as_of, reading through a cursor in batches so the
// rows never sit in memory together. Stops at the first error `row` returns.
absl::Status ForEachAssignment(db::PgConn& tx, absl::CivilDay first_run, absl::CivilDay last_run,
                               const std::function<absl::Status(const AssignmentRow&)>& row);

}  // namespace attain::planning::crediting::store

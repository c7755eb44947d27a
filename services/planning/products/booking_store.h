#pragma once
// SQL for the planning schema's bookings table. Nothing else touches it.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/db/pg.h"
#include "services/planning/accounts/copy_in.h"
#include "services/planning/products/booking.h"

namespace attain::planning::bookings::store {

struct BookingFilter {
  // When set (comma-joined seller ids), only bookings of the accounts those sellers cover.
  std::optional<std::string> covered_by_sellers;
  std::string account_id;
  std::string product_id;
  std::optional<absl::CivilDay> start;
  std::optional<absl::CivilDay> end;
};

struct BookingPage {
  std::vector<Booking> bookings;
  int total = 0;
  bool more = false;
};

enum class Grouping { kMonth, kAccount, kProduct, kProductFamily };

struct SummaryFilter {
  std::optional<std::string> covered_by_sellers;  // as in BookingFilter
  std::vector<std::string> account_ids;  // empty = all
  std::string product_family;
  std::string product_line;
  std::string product_id;
  std::optional<absl::CivilDay> start;
  std::optional<absl::CivilDay> end;
  Grouping grouping = Grouping::kMonth;
};

struct Total {
  std::string month;  // YYYY-MM
  std::string account_id;
  std::string product_id;
  std::string product_family;
  std::string currency;
  std::string amount;  // NUMERIC text
  int64_t count = 0;
};

struct StagedImport {
  int64_t rows = 0;
  std::string first_date;
  std::string last_date;
};

// One import row in the staging layout StageImport reads.
void AppendImportRow(int64_t row_number, const Booking& booking, catalog::CopyBuffer* buffer);
// COPYs the rows into the staging table (visible to this transaction only).
absl::StatusOr<StagedImport> StageImport(db::PgConn& tx, const catalog::CopyBuffer& rows);
// Staged rows whose account or product does not exist, by row number, at most `limit`:
// (row_number, "account_id" | "product_id").
absl::StatusOr<std::vector<std::pair<int64_t, std::string>>> UnknownReferences(db::PgConn& tx,
                                                                               int limit);
// Appends the staged rows to bookings and empties the staging table.
absl::Status InsertStaged(db::PgConn& tx);

// Bookings ordered by id, strictly after `after_id`, at most `limit`.
absl::StatusOr<BookingPage> ListBookings(db::PgConn& conn, const BookingFilter& filter,
                                         int64_t after_id, int limit);
// At most `limit` totals ordered by month, grouping key and currency.
absl::StatusOr<std::vector<Total>> Summarize(db::PgConn& conn, const SummaryFilter& filter,
                                             int limit);

}  // namespace attain::planning::bookings::store

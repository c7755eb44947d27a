#pragma once
// The booking history use cases: all-or-nothing bulk imports (idempotent by request_id),
// paged listing, and monthly totals for forecasting and historical quota shares.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "attain/planning/v1/bookings.pb.h"
#include "common/db/pg.h"
#include "common/errors/errors.h"
#include "common/events/outbox.h"
#include "services/planning/accounts/copy_in.h"
#include "services/planning/store/seller_store.h"

namespace attain::planning::bookings {

class BookingImport;

class BookingManager {
 public:
  // Totals beyond this are refused: narrow the filters.
  static constexpr int kMaxTotals = 10000;

  BookingManager(db::PgPool* pool, events::OutboxRelay* relay) : pool_(pool), relay_(relay) {}

  std::unique_ptr<BookingImport> StartImport();
  // Reads narrow to `visibility`: a rep or manager sees the bookings of the accounts their
  // visible sellers' territories hold; other roles see all.
  absl::StatusOr<v1::ListBookingsResponse> List(const v1::ListBookingsRequest& request,
                                                const planning::store::Visibility& visibility);
  absl::StatusOr<v1::SummarizeBookingsResponse> Summarize(
      const v1::SummarizeBookingsRequest& request, const planning::store::Visibility& visibility);

 private:
  friend class BookingImport;
  db::PgPool* pool_;
  events::OutboxRelay* relay_;
};

// One streamed import, validated and staged as rows arrive; Commit checks every account and
// product reference and appends all rows, or writes nothing.
class BookingImport {
 public:
  static constexpr size_t kMaxRows = 1'000'000;

  explicit BookingImport(BookingManager* manager) : manager_(manager) {}

  absl::Status Add(v1::ImportBookingsRequest& message);
  absl::StatusOr<v1::ImportBookingsResponse> Commit();

 private:
  BookingManager* manager_;
  std::string request_id_;
  std::string fingerprint_;
  size_t rows_ = 0;
  catalog::CopyBuffer staged_;
  std::vector<errors::FieldViolation> violations_;
};

}  // namespace attain::planning::bookings

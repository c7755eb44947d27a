#include "services/planning/products/booking_manager.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/db/idempotency.h"
#include "common/server/page_token.h"
#include "common/time/dates.h"
#include "services/planning/accounts/field_checks.h"
#include "services/planning/products/booking.h"
#include "services/planning/products/booking_store.h"

namespace attain::planning::bookings {
namespace {

constexpr char kImportMethod[] = "ImportBookings";
// Unknown references reported at most; the rest of a bad file is summarised by its first rows.
constexpr int kMaxReportedReferences = 200;

BookingInput ToInput(const v1::Booking& booking) {
  return {booking.account_id(), booking.product_id(), booking.booking_date(), booking.amount(),
          booking.currency()};
}

void ToProto(const Booking& booking, v1::Booking* out) {
  out->set_booking_id(booking.id);
  out->set_account_id(booking.account_id);
  out->set_product_id(booking.product_id);
  out->set_booking_date(dates::Format(booking.date));
  out->set_amount(booking.amount.ToString());
  out->set_currency(booking.currency);
}

// An optional inclusive date bound named `field`.
absl::StatusOr<std::optional<absl::CivilDay>> Bound(const std::string& text,
                                                    const std::string& field) {
  if (text.empty()) return std::optional<absl::CivilDay>();
  auto day = dates::Parse(text, field);
  if (!day.ok()) return errors::InvalidField(field, "must be a calendar date YYYY-MM-DD");
  return std::optional<absl::CivilDay>(*day);
}

absl::Status CheckRange(const std::optional<absl::CivilDay>& start,
                        const std::optional<absl::CivilDay>& end) {
  if (start && end && *end < *start) {
    return errors::InvalidField("end_date", "must not be before start_date");
  }
  return absl::OkStatus();
}

}  // namespace

std::unique_ptr<BookingImport> BookingManager::StartImport() {
  return std::make_unique<BookingImport>(this);
}

absl::StatusOr<v1::ListBookingsResponse> BookingManager::List(
    const v1::ListBookingsRequest& request, const planning::store::Visibility& visibility) {
  auto page_size = server::EffectivePageSize(request.page_size());
  if (!page_size.ok()) return page_size.status();
  store::BookingFilter filter;
  if (!visibility.everyone) filter.covered_by_sellers = absl::StrJoin(visibility.ids, ",");
  filter.account_id = request.account_id();
  filter.product_id = request.product_id();
  auto start = Bound(request.start_date(), "start_date");
  if (!start.ok()) return start.status();
  auto end = Bound(request.end_date(), "end_date");
  if (!end.ok()) return end.status();
  if (auto range = CheckRange(*start, *end); !range.ok()) return range;
  filter.start = *start;
  filter.end = *end;
  v1::ListBookingsRequest fingerprint = request;
  fingerprint.clear_page_token();
  fingerprint.clear_page_size();
  const std::string filter_key = db::RequestFingerprint(fingerprint.SerializeAsString());
  auto after = server::DecodePageToken(request.page_token(), filter_key);
  if (!after.ok()) return after.status();
  int64_t after_id = 0;
  if (!after->empty()) {
    auto [end_ptr, error] = std::from_chars(after->data(), after->data() + after->size(), after_id);
    if (error != std::errc() || end_ptr != after->data() + after->size()) {
      return errors::InvalidField("page_token", "is not a token this method issued");
    }
  }
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto page = store::ListBookings(**lease, filter, after_id, *page_size);
  if (!page.ok()) return page.status();
  v1::ListBookingsResponse response;
  for (const Booking& booking : page->bookings) ToProto(booking, response.add_bookings());
  response.set_total_size(page->total);
  if (page->more) {
    response.set_next_page_token(
        server::EncodePageToken(filter_key, absl::StrCat(page->bookings.back().id)));
  }
  return response;
}

absl::StatusOr<v1::SummarizeBookingsResponse> BookingManager::Summarize(
    const v1::SummarizeBookingsRequest& request, const planning::store::Visibility& visibility) {
  store::SummaryFilter filter;
  if (!visibility.everyone) filter.covered_by_sellers = absl::StrJoin(visibility.ids, ",");
  for (int i = 0; i < request.account_ids_size(); ++i) {
    if (!catalog::IsValidId(request.account_ids(i))) {
      return errors::InvalidField(absl::StrCat("account_ids[", i, "]"), "must be an account id");
    }
    filter.account_ids.push_back(request.account_ids(i));
  }
  filter.product_family = request.product_family();
  filter.product_line = request.product_line();
  filter.product_id = request.product_id();
  auto start = Bound(request.start_date(), "start_date");
  if (!start.ok()) return start.status();
  auto end = Bound(request.end_date(), "end_date");
  if (!end.ok()) return end.status();
  if (auto range = CheckRange(*start, *end); !range.ok()) return range;
  filter.start = *start;
  filter.end = *end;
  switch (request.group_by()) {
    case v1::BOOKING_GROUPING_ACCOUNT: filter.grouping = store::Grouping::kAccount; break;
    case v1::BOOKING_GROUPING_PRODUCT: filter.grouping = store::Grouping::kProduct; break;
    case v1::BOOKING_GROUPING_PRODUCT_FAMILY:
      filter.grouping = store::Grouping::kProductFamily;
      break;
    default: filter.grouping = store::Grouping::kMonth;
  }
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto totals = store::Summarize(**lease, filter, kMaxTotals + 1);
  if (!totals.ok()) return totals.status();
  if (totals->size() > static_cast<size_t>(kMaxTotals)) {
    return errors::InvalidField(
        "group_by", "more than 10000 totals; narrow the accounts, products or dates");
  }
  v1::SummarizeBookingsResponse response;
  for (const store::Total& total : *totals) {
    v1::BookingTotal* out = response.add_totals();
    out->set_month(total.month);
    out->set_account_id(total.account_id);
    out->set_product_id(total.product_id);
    out->set_product_family(total.product_family);
    out->set_currency(total.currency);
    out->set_amount(TrimDecimalText(total.amount));
    out->set_booking_count(total.count);
  }
  return response;
}

absl::Status BookingImport::Add(v1::ImportBookingsRequest& message) {
  if (request_id_.empty()) request_id_ = message.request_id();
  fingerprint_ = db::RequestFingerprint(absl::StrCat(fingerprint_, message.SerializeAsString()));
  rows_ += message.rows_size();
  if (rows_ > kMaxRows) {
    return errors::InvalidField("rows", "more than 1000000 rows in one import; split the file");
  }
  for (const v1::BookingImportRow& row : message.rows()) {
    const std::string prefix = absl::StrCat("rows[", row.row_number(), "]");
    std::optional<Booking> booking = ParseBooking(ToInput(row.booking()), prefix, &violations_);
    if (booking) store::AppendImportRow(row.row_number(), *booking, &staged_);
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::ImportBookingsResponse> BookingImport::Commit() {
  if (request_id_.empty()) {
    return errors::InvalidField("request_id",
                                "is required: a retried import must not add its bookings twice");
  }
  if (rows_ == 0) return errors::InvalidField("rows", "the import has no rows");
  if (!violations_.empty()) return catalog::RejectFields(std::move(violations_));

  auto result = db::IdempotentWrite<v1::ImportBookingsResponse>(
      *manager_->pool_, request_id_, kImportMethod, fingerprint_,
      [&](db::PgConn& tx) -> absl::StatusOr<v1::ImportBookingsResponse> {
        auto staged = store::StageImport(tx, staged_);
        if (!staged.ok()) return staged.status();
        auto unknown = store::UnknownReferences(tx, kMaxReportedReferences);
        if (!unknown.ok()) return unknown.status();
        if (!unknown->empty()) {
          std::vector<errors::FieldViolation> violations;
          for (const auto& [row, field] : *unknown) {
            violations.push_back({absl::StrCat("rows[", row, "].", field),
                                  field == "account_id" ? "names an account that does not exist"
                                                        : "names a product that does not exist"});
          }
          return catalog::RejectFields(std::move(violations));
        }
        if (auto inserted = store::InsertStaged(tx); !inserted.ok()) return inserted;
        nlohmann::json payload = {{"request_id", request_id_},
                                  {"imported_count", staged->rows},
                                  {"first_booking_date", staged->first_date},
                                  {"last_booking_date", staged->last_date}};
        if (auto s = events::Append(tx, "bookings.imported", "bookings", payload.dump());
            !s.ok()) {
          return s;
        }
        v1::ImportBookingsResponse response;
        response.set_imported_count(static_cast<int>(staged->rows));
        return response;
      });
  if (result.ok()) manager_->relay_->Notify();
  return result;
}

}  // namespace attain::planning::bookings

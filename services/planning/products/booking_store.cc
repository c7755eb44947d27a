#include "services/planning/products/booking_store.h"

#include "services/planning/accounts/account_store.h"

#include "absl/strings/str_cat.h"
#include "common/time/dates.h"
#include "services/planning/accounts/sql_params.h"

namespace attain::planning::bookings::store {
namespace {

constexpr char kBookingColumns[] =
    "b.booking_id, b.account_id, b.product_id, b.booking_date::text, b.amount::text, b.currency";
constexpr int kBookingColumnCount = 6;

Booking RowToBooking(const db::PgResult& rows, int row) {
  Booking booking;
  booking.id = rows.GetInt64(row, 0);
  booking.account_id = rows.GetString(row, 1);
  booking.product_id = rows.GetString(row, 2);
  // The database only holds values we validated; anything else is a broken invariant.
  auto day = dates::Parse(rows.Get(row, 3), "booking_date");
  auto amount = money::Decimal::Parse(rows.Get(row, 4));
  if (!day.ok() || !amount.ok()) std::abort();
  booking.date = *day;
  booking.amount = *amount;
  booking.currency = rows.GetString(row, 5);
  return booking;
}

db::Param OptionalDay(const std::optional<absl::CivilDay>& day) {
  if (!day) return std::nullopt;
  return dates::Format(*day);
}

}  // namespace

void AppendImportRow(int64_t row_number, const Booking& booking, catalog::CopyBuffer* buffer) {
  const std::string row = absl::StrCat(row_number);
  const std::string date = dates::Format(booking.date);
  const std::string amount = booking.amount.ToString();
  for (const std::string* field :
       {&row, &booking.account_id, &booking.product_id, &date, &amount, &booking.currency}) {
    buffer->Field(*field);
  }
  buffer->EndRow();
}

absl::StatusOr<StagedImport> StageImport(db::PgConn& tx, const catalog::CopyBuffer& rows) {
  if (auto copied = catalog::CopyIn(tx,
                                    "COPY booking_import (row_number, account_id, product_id, "
                                    "booking_date, amount, currency) FROM STDIN",
                                    rows.data());
      !copied.ok()) {
    return copied;
  }
  auto summary = tx.Exec(
      "SELECT count(*), COALESCE(min(booking_date)::text, ''), "
      "COALESCE(max(booking_date)::text, '') FROM booking_import");
  if (!summary.ok()) return summary.status();
  return StagedImport{summary->GetInt64(0, 0), summary->GetString(0, 1),
                      summary->GetString(0, 2)};
}

absl::StatusOr<std::vector<std::pair<int64_t, std::string>>> UnknownReferences(db::PgConn& tx,
                                                                               int limit) {
  auto rows = tx.Exec(
      "SELECT s.row_number, a.account_id IS NULL, p.product_id IS NULL FROM booking_import s "
      "LEFT JOIN accounts a ON a.account_id = s.account_id "
      "LEFT JOIN products p ON p.product_id = s.product_id "
      "WHERE a.account_id IS NULL OR p.product_id IS NULL ORDER BY s.row_number LIMIT $1",
      {absl::StrCat(limit)});
  if (!rows.ok()) return rows.status();
  std::vector<std::pair<int64_t, std::string>> unknown;
  for (int i = 0; i < rows->rows(); ++i) {
    if (rows->GetBool(i, 1)) unknown.emplace_back(rows->GetInt64(i, 0), "account_id");
    if (rows->GetBool(i, 2)) unknown.emplace_back(rows->GetInt64(i, 0), "product_id");
  }
  return unknown;
}

absl::Status InsertStaged(db::PgConn& tx) {
  auto inserted =
      tx.Exec("INSERT INTO bookings (account_id, product_id, booking_date, amount, currency) "
              "SELECT account_id, product_id, booking_date, amount, currency FROM booking_import "
              "ORDER BY row_number");
  if (!inserted.ok()) return inserted.status();
  return tx.Exec("DELETE FROM booking_import").status();
}

absl::StatusOr<BookingPage> ListBookings(db::PgConn& conn, const BookingFilter& filter,
                                         int64_t after_id, int limit) {
  std::string sql = absl::StrCat(
      "SELECT * FROM (SELECT ", kBookingColumns, ", count(*) OVER () FROM bookings b WHERE "
      "($1::text IS NULL OR b.account_id = $1) "
      "AND ($2::text IS NULL OR b.product_id = $2) "
      "AND ($3::date IS NULL OR b.booking_date >= $3::date) "
      "AND ($4::date IS NULL OR b.booking_date <= $4::date) "
      "AND ($7::text IS NULL OR b.account_id IN (", accounts::store::CoveredAccountsSql(7), "))"
      ") page WHERE page.booking_id > $5 ORDER BY page.booking_id LIMIT $6");
  auto rows = conn.Exec(sql, {catalog::OptionalText(filter.account_id),
                              catalog::OptionalText(filter.product_id), OptionalDay(filter.start),
                              OptionalDay(filter.end), absl::StrCat(after_id),
                              absl::StrCat(limit + 1),
                              filter.covered_by_sellers ? db::Param(*filter.covered_by_sellers)
                                                        : db::Param()});
  if (!rows.ok()) return rows.status();
  BookingPage page;
  for (int i = 0; i < rows->rows() && i < limit; ++i) {
    page.bookings.push_back(RowToBooking(*rows, i));
    page.total = static_cast<int>(rows->GetInt64(i, kBookingColumnCount));
  }
  page.more = rows->rows() > limit;
  return page;
}

absl::StatusOr<std::vector<Total>> Summarize(db::PgConn& conn, const SummaryFilter& filter,
                                             int limit) {
  const char* account = filter.grouping == Grouping::kAccount ? "b.account_id" : "''::text";
  const char* product = filter.grouping == Grouping::kProduct ? "b.product_id" : "''::text";
  const char* family = filter.grouping == Grouping::kProductFamily ? "p.family" : "''::text";
  std::string sql = absl::StrCat(
      "SELECT to_char(b.booking_date, 'YYYY-MM') AS month, ", account, " AS account_key, ",
      product, " AS product_key, ", family, " AS family_key, b.currency, sum(b.amount)::text, "
      "count(*) FROM bookings b JOIN products p ON p.product_id = b.product_id WHERE "
      "($1::text[] IS NULL OR b.account_id = ANY($1::text[])) "
      "AND ($2::text IS NULL OR p.family = $2) "
      "AND ($3::text IS NULL OR p.line = $3) "
      "AND ($4::text IS NULL OR b.product_id = $4) "
      "AND ($5::date IS NULL OR b.booking_date >= $5::date) "
      "AND ($6::date IS NULL OR b.booking_date <= $6::date) "
      "AND ($8::text IS NULL OR b.account_id IN (", accounts::store::CoveredAccountsSql(8), ")) "
      "GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 LIMIT $7");
  auto rows = conn.Exec(
      sql, {filter.account_ids.empty() ? db::Param() : db::Param(catalog::TextArray(filter.account_ids)),
            catalog::OptionalText(filter.product_family), catalog::OptionalText(filter.product_line),
            catalog::OptionalText(filter.product_id), OptionalDay(filter.start),
            OptionalDay(filter.end), absl::StrCat(limit),
            filter.covered_by_sellers ? db::Param(*filter.covered_by_sellers) : db::Param()});
  if (!rows.ok()) return rows.status();
  std::vector<Total> totals;
  totals.reserve(rows->rows());
  for (int i = 0; i < rows->rows(); ++i) {
    totals.push_back({rows->GetString(i, 0), rows->GetString(i, 1), rows->GetString(i, 2),
                      rows->GetString(i, 3), rows->GetString(i, 4), rows->GetString(i, 5),
                      rows->GetInt64(i, 6)});
  }
  return totals;
}

}  // namespace attain::planning::bookings::store

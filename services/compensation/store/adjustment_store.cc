#include "services/compensation/store/adjustment_store.h"

#include "absl/strings/str_cat.h"
#include "services/compensation/store/sql_text.h"

namespace attain::compensation::store {
namespace {

using statements::Adjustment;

// Columns every read selects, in the order RowToAdjustment reads them.
const std::string& ReadColumns() {
  static const std::string* const kColumns = new std::string(absl::StrCat(
      "a.adjustment_id, a.period, a.seller_id, a.kind, a.amount::text, a.measure_id, a.reason, "
      "a.author, ",
      TimestampToMicrosSql("a.create_time")));
  return *kColumns;
}

// Byte order, whatever the database's default collation: a run's results digest depends on
// the order in which it applies adjustments.
constexpr char kOrder[] =
    " ORDER BY a.seller_id COLLATE \"C\", a.create_time, a.adjustment_id COLLATE \"C\"";

absl::StatusOr<Adjustment> RowToAdjustment(const db::PgResult& rows, int row) {
  Adjustment adjustment;
  adjustment.adjustment_id = rows.GetString(row, 0);
  adjustment.period = rows.GetString(row, 1);
  adjustment.seller_id = rows.GetString(row, 2);
  auto kind = statements::ParseKindName(rows.Get(row, 3));
  auto amount = money::Decimal::Parse(rows.Get(row, 4));
  // The table's checks and the service's validation admit nothing else.
  if (!kind || !amount.ok()) {
    return absl::InternalError(
        absl::StrCat("adjustment ", adjustment.adjustment_id, " has an unreadable kind or amount"));
  }
  adjustment.kind = *kind;
  adjustment.amount = *amount;
  adjustment.measure_id = rows.GetString(row, 5);
  adjustment.reason = rows.GetString(row, 6);
  adjustment.author = rows.GetString(row, 7);
  adjustment.create_time_micros = rows.GetInt64(row, 8);
  return adjustment;
}

absl::StatusOr<std::vector<Adjustment>> RowsToAdjustments(const db::PgResult& rows, int limit) {
  std::vector<Adjustment> adjustments;
  adjustments.reserve(std::min(rows.rows(), limit));
  for (int i = 0; i < rows.rows() && i < limit; ++i) {
    auto adjustment = RowToAdjustment(rows, i);
    if (!adjustment.ok()) return adjustment.status();
    adjustments.push_back(*std::move(adjustment));
  }
  return adjustments;
}

}  // namespace

absl::StatusOr<int64_t> InsertAdjustment(db::PgConn& tx, const Adjustment& adjustment,
                                         const std::string& request_id) {
  auto rows = tx.Exec(
      absl::StrCat("INSERT INTO adjustments (adjustment_id, period, seller_id, kind, amount, "
                   "measure_id, reason, author, request_id) "
                   "VALUES ($1, $2, $3, $4, $5::numeric, $6, $7, $8, $9) RETURNING ",
                   TimestampToMicrosSql("create_time")),
      {adjustment.adjustment_id, adjustment.period, adjustment.seller_id,
       statements::KindName(adjustment.kind), adjustment.amount.ToString(), adjustment.measure_id,
       adjustment.reason, adjustment.author, OptionalText(request_id)});
  if (!rows.ok()) return rows.status();
  return rows->GetInt64(0, 0);
}

absl::StatusOr<std::vector<Adjustment>> LoadAdjustments(db::PgConn& tx, const std::string& period) {
  auto rows = tx.Exec(
      absl::StrCat("SELECT ", ReadColumns(), " FROM adjustments a WHERE a.period = $1", kOrder),
      {period});
  if (!rows.ok()) return rows.status();
  return RowsToAdjustments(*rows, rows->rows());
}

absl::StatusOr<AdjustmentPage> ListAdjustments(db::PgConn& conn, const std::string& period,
                                               const std::string& seller_id,
                                               const std::optional<AdjustmentKey>& after,
                                               int limit) {
  auto rows = conn.Exec(
      absl::StrCat("SELECT ", ReadColumns(),
                   " FROM adjustments a WHERE a.period = $1 AND ($2::text IS NULL OR "
                   "a.seller_id = $2) AND ($3::text IS NULL OR (a.seller_id COLLATE \"C\", "
                   "a.create_time, a.adjustment_id COLLATE \"C\") > ($3::text COLLATE \"C\", ",
                   MicrosToTimestampSql(4), ", $5::text COLLATE \"C\"))", kOrder, " LIMIT $6"),
      {period, OptionalText(seller_id), after ? db::Param(after->seller_id) : db::Param(),
       after ? db::Param(absl::StrCat(after->create_time_micros)) : db::Param(),
       after ? db::Param(after->adjustment_id) : db::Param(), absl::StrCat(limit + 1)});
  if (!rows.ok()) return rows.status();
  AdjustmentPage page;
  auto adjustments = RowsToAdjustments(*rows, limit);
  if (!adjustments.ok()) return adjustments.status();
  page.adjustments = *std::move(adjustments);
  page.more = rows->rows() > limit;
  return page;
}

}  // namespace attain::compensation::store

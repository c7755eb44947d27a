#include "services/planning/crediting/crediting_store.h"

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/time/dates.h"
#include "services/planning/crediting/intervals.h"

namespace attain::planning::crediting::store {
namespace {

// Rows fetched per round trip from the assignments cursor.
constexpr int kFetchRows = 20'000;

// "[start_date, end_date] overlaps [$1, $2]" for a table alias's date columns.
std::string Overlaps(std::string_view alias) {
  const std::string a(alias);
  return absl::StrCat(a, ".start_date <= $2::date AND (", a, ".end_date IS NULL OR ", a,
                      ".end_date >= $1::date)");
}

db::Params RangeParams(const DaySpan& range) {
  return {dates::Format(range.first), dates::Format(range.last)};
}

// The database only holds dates the service validated; anything else is corruption.
absl::StatusOr<absl::CivilDay> StoredDay(std::string_view text) {
  auto day = dates::Parse(text, "stored date");
  if (!day.ok()) return absl::DataLossError(absl::StrCat("stored date '", std::string(text), "' is malformed"));
  return day;
}

absl::StatusOr<std::optional<absl::CivilDay>> StoredOptionalDay(const db::PgResult& rows, int row,
                                                                int col) {
  if (rows.IsNull(row, col)) return std::nullopt;
  auto day = StoredDay(rows.Get(row, col));
  if (!day.ok()) return day.status();
  return *day;
}

// The clipped interval of a row whose start and end dates are at `col` and `col + 1`, or
// nullopt when the SQL filter and the clip disagree (they never should).
absl::StatusOr<std::optional<DaySpan>> ClippedSpan(const db::PgResult& rows, int row, int col,
                                                   const DaySpan& range) {
  auto first = StoredDay(rows.Get(row, col));
  if (!first.ok()) return first.status();
  auto last = StoredOptionalDay(rows, row, col + 1);
  if (!last.ok()) return last.status();
  return Clip(range, *first, *last);
}

}  // namespace

absl::Status BeginSnapshot(db::PgConn& tx) {
  return tx.Exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").status();
}

absl::StatusOr<int64_t> LastSequence(db::PgConn& tx) {
  auto rows = tx.Exec("SELECT COALESCE(MAX(sequence), 0) FROM outbox");
  if (!rows.ok()) return rows.status();
  return rows->GetInt64(0, 0);
}

absl::StatusOr<std::vector<SellerRecord>> Sellers(db::PgConn& tx, const DaySpan& range) {
  auto rows = tx.Exec(
      absl::StrCat(
          "SELECT s.seller_id, s.title, s.hire_date::text, s.termination_date::text "
          "FROM sellers s WHERE (s.hire_date <= $2::date AND "
          "  (s.termination_date IS NULL OR s.termination_date >= $1::date)) "
          "OR EXISTS (SELECT 1 FROM reporting_lines r "
          "  WHERE (r.seller_id = s.seller_id OR r.manager_id = s.seller_id) AND ",
          Overlaps("r"),
          ") OR EXISTS (SELECT 1 FROM seller_territory_assignments a "
          "  WHERE a.seller_id = s.seller_id AND ",
          Overlaps("a"), ")"),
      RangeParams(range));
  if (!rows.ok()) return rows.status();
  std::vector<SellerRecord> out;
  out.reserve(rows->rows());
  for (int i = 0; i < rows->rows(); ++i) {
    auto hired = StoredDay(rows->Get(i, 2));
    if (!hired.ok()) return hired.status();
    auto terminated = StoredOptionalDay(*rows, i, 3);
    if (!terminated.ok()) return terminated.status();
    out.push_back({rows->GetString(i, 0), rows->GetString(i, 1), *hired, *terminated});
  }
  return out;
}

absl::StatusOr<std::vector<LineRecord>> ReportingLines(db::PgConn& tx, const DaySpan& range) {
  auto rows = tx.Exec(absl::StrCat("SELECT r.seller_id, r.manager_id, r.start_date::text, "
                                   "r.end_date::text FROM reporting_lines r WHERE ",
                                   Overlaps("r")),
                      RangeParams(range));
  if (!rows.ok()) return rows.status();
  std::vector<LineRecord> out;
  out.reserve(rows->rows());
  for (int i = 0; i < rows->rows(); ++i) {
    auto when = ClippedSpan(*rows, i, 2, range);
    if (!when.ok()) return when.status();
    if (*when) out.push_back({rows->GetString(i, 0), rows->GetString(i, 1), **when});
  }
  return out;
}

absl::StatusOr<std::vector<CoverageRecord>> Coverage(db::PgConn& tx, const DaySpan& range) {
  auto rows = tx.Exec(
      absl::StrCat("SELECT a.territory_id, a.seller_id, a.role, a.split_percent::text, "
                   "a.start_date::text, a.end_date::text FROM seller_territory_assignments a "
                   "WHERE ",
                   Overlaps("a")),
      RangeParams(range));
  if (!rows.ok()) return rows.status();
  const money::Decimal hundred = money::Decimal::FromUnits(100);
  std::vector<CoverageRecord> out;
  out.reserve(rows->rows());
  for (int i = 0; i < rows->rows(); ++i) {
    // NUMERIC(9,6) text always parses; the column's CHECK keeps it in (0, 100].
    auto percent = money::Decimal::Parse(rows->Get(i, 3));
    if (!percent.ok()) return absl::DataLossError("stored split_percent is malformed");
    auto fraction = percent->Div(hundred);
    if (!fraction.ok()) return fraction.status();
    auto when = ClippedSpan(*rows, i, 4, range);
    if (!when.ok()) return when.status();
    if (*when) {
      out.push_back({rows->GetString(i, 0), rows->GetString(i, 1), rows->GetString(i, 2),
                     *fraction, **when});
    }
  }
  return out;
}

absl::StatusOr<std::vector<ProductRecord>> Products(db::PgConn& tx) {
  auto rows = tx.Exec("SELECT product_id, family FROM products");
  if (!rows.ok()) return rows.status();
  std::vector<ProductRecord> out;
  out.reserve(rows->rows());
  for (int i = 0; i < rows->rows(); ++i) out.push_back({rows->GetString(i, 0), rows->GetString(i, 1)});
  return out;
}

absl::StatusOr<std::vector<absl::CivilDay>> RunDates(db::PgConn& tx) {
  // A loose index scan: one primary-key probe per run instead of reading every assignment.
  auto rows = tx.Exec(
      "WITH RECURSIVE runs(as_of) AS ("
      "  SELECT min(as_of) FROM account_assignments"
      "  UNION ALL"
      "  SELECT (SELECT min(a.as_of) FROM account_assignments a WHERE a.as_of > runs.as_of)"
      "  FROM runs WHERE runs.as_of IS NOT NULL) "
      "SELECT as_of::text FROM runs WHERE as_of IS NOT NULL ORDER BY as_of");
  if (!rows.ok()) return rows.status();
  std::vector<absl::CivilDay> out;
  out.reserve(rows->rows());
  for (int i = 0; i < rows->rows(); ++i) {
    auto day = StoredDay(rows->Get(i, 0));
    if (!day.ok()) return day.status();
    out.push_back(*day);
  }
  return out;
}

absl::Status ForEachAssignment(db::PgConn& tx, absl::CivilDay first_run, absl::CivilDay last_run,
                               const std::function<absl::Status(const AssignmentRow&)>& row) {
  auto declared = tx.Exec(
      "DECLARE crediting_assignments NO SCROLL CURSOR FOR "
      "SELECT account_id, territory_type, territory_id, as_of::text FROM account_assignments "
      "WHERE as_of BETWEEN $1::date AND $2::date ORDER BY account_id, territory_type, as_of",
      {dates::Format(first_run), dates::Format(last_run)});
  if (!declared.ok()) return declared.status();
  const std::string fetch = absl::StrCat("FETCH ", kFetchRows, " FROM crediting_assignments");
  while (true) {
    auto batch = tx.Exec(fetch);
    if (!batch.ok()) return batch.status();
    for (int i = 0; i < batch->rows(); ++i) {
      auto as_of = StoredDay(batch->Get(i, 3));
      if (!as_of.ok()) return as_of.status();
      if (auto s = row({batch->Get(i, 0), batch->Get(i, 1), batch->Get(i, 2), *as_of}); !s.ok()) {
        return s;
      }
    }
    if (batch->rows() < kFetchRows) break;
  }
  return tx.Exec("CLOSE crediting_assignments").status();
}

}  // namespace attain::planning::crediting::store

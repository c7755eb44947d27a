#include "services/compensation/store/period_store.h"

#include "absl/strings/str_cat.h"
#include "services/compensation/store/sql_text.h"

namespace attain::compensation::store {
namespace {

constexpr char kPeriodColumns[] =
    "p.period, p.status, p.published_run_id, r.run_number, r.total_payable::text "
    "FROM calc_periods p JOIN calc_runs r ON r.run_id = p.published_run_id";

// The table's CHECK admits only the lifecycle's names.
absl::StatusOr<periods::PeriodStatus> StatusOf(std::string_view name) {
  auto status = periods::ParseStatusName(name);
  if (!status) return absl::InternalError(absl::StrCat("unknown period status ", std::string(name)));
  return *status;
}

absl::StatusOr<PeriodRow> RowToPeriod(const db::PgResult& rows, int row) {
  PeriodRow period;
  period.period = rows.GetString(row, 0);
  auto status = StatusOf(rows.Get(row, 1));
  if (!status.ok()) return status.status();
  period.status = *status;
  period.published_run_id = rows.GetInt64(row, 2);
  period.published_run_number = static_cast<int>(rows.GetInt64(row, 3));
  period.total_payable_json = rows.GetString(row, 4);
  return period;
}

}  // namespace

absl::StatusOr<std::optional<PeriodRow>> LoadPeriod(db::PgConn& conn, const std::string& period,
                                                    bool for_update) {
  auto rows = conn.Exec(absl::StrCat("SELECT ", kPeriodColumns, " WHERE p.period = $1",
                                     for_update ? " FOR UPDATE OF p" : ""),
                        {period});
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::optional<PeriodRow>();
  auto row = RowToPeriod(*rows, 0);
  if (!row.ok()) return row.status();
  return std::optional<PeriodRow>(*std::move(row));
}

absl::StatusOr<periods::PeriodStatus> LoadPeriodStatus(db::PgConn& conn, const std::string& period,
                                                       bool for_update) {
  auto rows = conn.Exec(absl::StrCat("SELECT status FROM calc_periods WHERE period = $1",
                                     for_update ? " FOR UPDATE" : ""),
                        {period});
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return periods::PeriodStatus::kOpen;
  return StatusOf(rows->Get(0, 0));
}

absl::StatusOr<std::vector<PeriodRow>> ListPeriods(db::PgConn& conn, const std::string& after,
                                                   int limit) {
  auto rows = conn.Exec(absl::StrCat("SELECT ", kPeriodColumns,
                                     " WHERE p.period COLLATE \"C\" > $1 "
                                     "ORDER BY p.period COLLATE \"C\" LIMIT $2"),
                        {after, absl::StrCat(limit)});
  if (!rows.ok()) return rows.status();
  std::vector<PeriodRow> periods;
  periods.reserve(rows->rows());
  for (int i = 0; i < rows->rows(); ++i) {
    auto row = RowToPeriod(*rows, i);
    if (!row.ok()) return row.status();
    periods.push_back(*std::move(row));
  }
  return periods;
}

absl::StatusOr<std::vector<PeriodTransitionRow>> LoadTransitions(db::PgConn& conn,
                                                                 const std::string& period) {
  auto rows = conn.Exec(
      absl::StrCat("SELECT t.from_status, t.to_status, t.actor, t.reason, r.run_number, ",
                   TimestampToMicrosSql("t.create_time"),
                   " FROM period_transitions t JOIN calc_runs r ON r.run_id = t.run_id "
                   "WHERE t.period = $1 ORDER BY t.transition_id"),
      {period});
  if (!rows.ok()) return rows.status();
  std::vector<PeriodTransitionRow> transitions;
  transitions.reserve(rows->rows());
  for (int i = 0; i < rows->rows(); ++i) {
    auto from = StatusOf(rows->Get(i, 0));
    if (!from.ok()) return from.status();
    auto to = StatusOf(rows->Get(i, 1));
    if (!to.ok()) return to.status();
    transitions.push_back({*from, *to, rows->GetString(i, 2), rows->GetString(i, 3),
                           static_cast<int>(rows->GetInt64(i, 4)), rows->GetInt64(i, 5)});
  }
  return transitions;
}

absl::Status MovePeriod(db::PgConn& tx, const PeriodRow& from, periods::PeriodStatus to,
                        const std::string& actor, const std::string& reason) {
  auto updated = tx.Exec(
      "UPDATE calc_periods SET status = $2 WHERE period = $1 AND status = $3 RETURNING period",
      {from.period, std::string(periods::StatusName(to)), std::string(periods::StatusName(from.status))});
  if (!updated.ok()) return updated.status();
  if (updated->rows() != 1) {
    return absl::AbortedError("the period moved concurrently; read it and try again");
  }
  return RecordPublication(tx, from.period, from.status, from.published_run_id, actor, reason);
}

absl::Status RecordPublication(db::PgConn& tx, const std::string& period,
                               periods::PeriodStatus from_status, int64_t run_id,
                               const std::string& actor, const std::string& reason) {
  return tx
      .Exec("INSERT INTO period_transitions (period, from_status, to_status, actor, reason, run_id) "
            "SELECT $1, $2, p.status, $4, $5, $3 FROM calc_periods p WHERE p.period = $1",
            {period, std::string(periods::StatusName(from_status)), absl::StrCat(run_id), actor, reason})
      .status();
}

absl::StatusOr<PreviousPeriod> LoadPreviousPeriod(db::PgConn& tx, const std::string& period,
                                                  const std::string& previous) {
  auto rows = tx.Exec(
      "SELECT COALESCE(prev.status, 'OPEN'), "
      "COALESCE(prev.publish_time > (SELECT r.create_time FROM calc_periods p "
      "  JOIN calc_runs r ON r.run_id = p.published_run_id WHERE p.period = $1), false) "
      "FROM (SELECT 1) one LEFT JOIN calc_periods prev ON prev.period = $2",
      {period, previous});
  if (!rows.ok()) return rows.status();
  auto status = StatusOf(rows->Get(0, 0));
  if (!status.ok()) return status.status();
  return PreviousPeriod{*status, rows->GetBool(0, 1)};
}

absl::StatusOr<bool> TryLockPeriodUntilCommit(db::PgConn& tx, const std::string& period) {
  // The same key as the run's session lock (calculation_store.cc, kPeriodLock).
  auto locked = tx.Exec(
      "SELECT pg_try_advisory_xact_lock(hashtext('attain.compensation.calculation'), hashtext($1))",
      {period});
  if (!locked.ok()) return locked.status();
  return locked->GetBool(0, 0);
}

}  // namespace attain::compensation::store

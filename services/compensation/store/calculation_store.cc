#include "services/compensation/store/calculation_store.h"

#include <memory>

#include <nlohmann/json.hpp>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/time/dates.h"
#include "services/compensation/store/copy_binary.h"
#include "services/compensation/store/copy_text.h"
#include "services/compensation/store/copy_writer.h"
#include "services/compensation/store/sql_text.h"

namespace attain::compensation::store {
namespace {

constexpr char kPeriodLock[] =
    "hashtext('attain.compensation.calculation'), hashtext($1)";
// The barrier between imports and run snapshots (calculation_store.h).
constexpr char kBarrier[] = "hashtext('attain.compensation.snapshot'), 0";
// How long a run's read of its transactions may take (PostgreSQL interval syntax).
constexpr char kRunReadTimeout[] = "1h";

std::string RunColumns() {
  return absl::StrCat(
      "r.run_id, r.period, r.run_number, COALESCE(r.request_id, ''), r.state, r.stages::text, "
      "r.error_message, r.creator, ",
      TimestampToMicrosSql("r.create_time"), ", ", TimestampToMicrosSql("r.end_time"),
      ", r.transaction_count, r.statement_count, r.results_digest, r.import_watermark, ",
      TimestampToMicrosSql("r.inputs_as_of"),
      ", encode(COALESCE(r.planning_digest, ''::bytea), 'hex'), r.total_payable::text, "
      "EXISTS (SELECT 1 FROM calc_periods p WHERE p.published_run_id = r.run_id), "
      "r.incremental_requested, r.incremental, r.full_reason, r.recalculated_count");
}

RunRow ReadRun(const db::PgResult& rows, int i) {
  RunRow run;
  run.run_id = rows.GetInt64(i, 0);
  run.period = rows.GetString(i, 1);
  run.run_number = static_cast<int>(rows.GetInt64(i, 2));
  run.request_id = rows.GetString(i, 3);
  run.state = rows.GetString(i, 4);
  run.stages_json = rows.GetString(i, 5);
  run.error_message = rows.GetString(i, 6);
  run.creator = rows.GetString(i, 7);
  run.create_micros = rows.GetInt64(i, 8);
  if (!rows.IsNull(i, 9)) run.end_micros = rows.GetInt64(i, 9);
  run.transaction_count = rows.GetInt64(i, 10);
  run.statement_count = rows.GetInt64(i, 11);
  run.results_digest = rows.GetString(i, 12);
  if (!rows.IsNull(i, 13)) run.import_watermark = rows.GetInt64(i, 13);
  if (!rows.IsNull(i, 14)) run.inputs_as_of_micros = rows.GetInt64(i, 14);
  run.planning_digest = BytesFromHex(rows.Get(i, 15));
  run.total_payable_json = rows.GetString(i, 16);
  run.published = rows.GetBool(i, 17);
  run.incremental_requested = rows.GetBool(i, 18);
  run.incremental = rows.GetBool(i, 19);
  run.full_reason = rows.GetString(i, 20);
  run.recalculated_count = rows.GetInt64(i, 21);
  return run;
}

absl::StatusOr<std::optional<RunRow>> OneRun(absl::StatusOr<db::PgResult> rows) {
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::nullopt;
  return ReadRun(*rows, 0);
}

// Streams `COPY (select) TO STDOUT` rows to `row`, one line each without its newline.
absl::Status CopyOut(db::PgConn& conn, const std::string& copy_sql,
                     const std::function<absl::Status(std::string_view)>& row) {
  std::unique_ptr<PGresult, void (*)(PGresult*)> started(PQexec(conn.raw(), copy_sql.c_str()),
                                                         &PQclear);
  if (PQresultStatus(started.get()) != PGRES_COPY_OUT) {
    return db::StatusFromResult(started.get(), conn.raw());
  }
  absl::Status status;
  while (true) {
    char* buffer = nullptr;
    const int size = PQgetCopyData(conn.raw(), &buffer, 0);
    if (size < 0) break;  // -1: done (the result follows); -2: error (reported there)
    std::unique_ptr<char, void (*)(void*)> owned(buffer, &PQfreemem);
    if (!status.ok()) continue;  // drain the rest so the connection stays usable
    std::string_view line(buffer, static_cast<size_t>(size));
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    status = row(line);
  }
  while (PGresult* result = PQgetResult(conn.raw())) {
    if (PQresultStatus(result) != PGRES_COMMAND_OK && status.ok()) {
      status = db::StatusFromResult(result, conn.raw());
    }
    PQclear(result);
  }
  return status;
}

// The 16 columns StreamTransactions reads; those not asked for as constants in their place.
// The last two are a linked reversal's original id and the date of the original's version
// that `original_version` selects ("o" is the original's alias in it). Only linked rows
// evaluate the lookup: CASE does not run its subquery for the others.
std::string TransactionColumns(ReadFields fields, std::string_view original_version) {
  return absl::StrCat(
      "t.source_system, ",
      // A linked reversal's id is always sent: its clawback line names it.
      fields.keys ? "t.transaction_id, t.version"
                  : "CASE WHEN t.original_transaction_id IS NULL THEN '' ELSE t.transaction_id END, 0",
      ", t.transaction_type, t.transaction_date, t.account_id, t.product_id, "
      "t.amount, t.currency, t.quantity, t.margin, t.owner_seller_id, t.splits, ",
      fields.attributes ? "t.attributes" : "NULL",
      ", t.original_transaction_id, CASE WHEN t.original_transaction_id IS NULL THEN NULL ELSE "
      "(SELECT o.transaction_date FROM transactions o WHERE o.source_system = t.source_system "
      "AND o.transaction_id = t.original_transaction_id AND ",
      absl::string_view(original_version.data(), original_version.size()),
      " ORDER BY o.version DESC LIMIT 1) END");
}

// The original's version a run reads: its current one, in the run's snapshot.
constexpr std::string_view kCurrentOriginal = "o.superseded_time IS NULL";
// The original's version a replay reads: the latest imported up to the run's watermark.
constexpr std::string_view kOriginalAtWatermark =
    "o.import_id <= (SELECT current_setting('attain.calc_watermark')::bigint)";

// One row of TransactionColumns, as 16 fields (nullopt = NULL), to `sink`.
absl::Status EmitTransaction(const std::vector<std::optional<std::string_view>>& fields,
                             const TransactionSink& sink) {
  if (fields.size() != 16) return absl::InternalError("a transaction row has the wrong width");
  TransactionRowView row;
  row.source_system = *fields[0];
  row.transaction_id = *fields[1];
  if (!absl::SimpleAtoi(absl::string_view(fields[2]->data(), fields[2]->size()), &row.version)) {
    return absl::InternalError("transaction version is not a number");
  }
  row.type = *fields[3];
  row.date = *fields[4];
  row.account_id = *fields[5];
  row.product_id = *fields[6];
  row.amount = *fields[7];
  row.currency = *fields[8];
  row.quantity = fields[9];
  row.margin = fields[10];
  row.owner_seller_id = fields[11];
  row.splits = fields[12];
  row.attributes = fields[13];
  row.original_transaction_id = fields[14];
  row.original_date = fields[15];
  return sink(row);
}

absl::Status StreamTransactions(db::PgConn& conn, const std::string& copy_sql,
                                const TransactionSink& sink) {
  std::vector<std::optional<std::string_view>> fields;
  std::string scratch;
  return CopyOut(conn, copy_sql, [&](std::string_view line) -> absl::Status {
    if (auto split = SplitCopyTextRow(line, &fields, &scratch); !split.ok()) return split;
    return EmitTransaction(fields, sink);
  });
}

// A few rows through an ordinary parameterized query, so the planner sees the values (a
// COPY's settings are opaque to it: "import_id > watermark" would look like a third of the
// table and be read by a sequential scan).
absl::Status QueryTransactions(db::PgConn& conn, const std::string& sql, const db::Params& params,
                               const TransactionSink& sink) {
  auto rows = conn.Exec(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<std::optional<std::string_view>> fields(16);
  for (int i = 0; i < rows->rows(); ++i) {
    for (int f = 0; f < 16; ++f) {
      fields[f] = rows->IsNull(i, f) ? std::nullopt : std::optional<std::string_view>(rows->Get(i, f));
    }
    if (auto emitted = EmitTransaction(fields, sink); !emitted.ok()) return emitted;
  }
  return absl::OkStatus();
}

// COPY takes no parameters; the range travels as transaction-local settings, which the
// query reads back, so no value is ever spliced into SQL text. Each is read in a scalar
// subquery, evaluated once per statement: current_setting() is only STABLE, so a bare call
// in the WHERE clause would be looked up and cast for every row.
absl::Status SetRange(db::PgConn& conn, absl::CivilDay first, absl::CivilDay last) {
  return conn
      .Exec("SELECT set_config('attain.calc_first', $1, true), "
            "set_config('attain.calc_last', $2, true)",
            {dates::Format(first), dates::Format(last)})
      .status();
}

}  // namespace

absl::StatusOr<bool> TryLockPeriod(db::PgConn& session, const std::string& period) {
  auto locked = session.Exec(absl::StrCat("SELECT pg_try_advisory_lock(", kPeriodLock, ")"), {period});
  if (!locked.ok()) return locked.status();
  return locked->GetBool(0, 0);
}

absl::Status UnlockPeriod(db::PgConn& session, const std::string& period) {
  return session.Exec(absl::StrCat("SELECT pg_advisory_unlock(", kPeriodLock, ")"), {period})
      .status();
}

absl::StatusOr<std::optional<RunRow>> FindRunByRequest(db::PgConn& conn,
                                                       const std::string& request_id) {
  return OneRun(conn.Exec(
      absl::StrCat("SELECT ", RunColumns(), " FROM calc_runs r WHERE r.request_id = $1"),
      {request_id}));
}

absl::StatusOr<RunRow> StartRun(db::PgConn& tx, const std::string& period,
                                const std::string& request_id, const std::string& creator,
                                bool incremental) {
  auto abandoned = tx.Exec(
      "UPDATE calc_runs SET state = 'ABANDONED', end_time = now(), "
      "error_message = 'the process running it stopped before it finished' "
      "WHERE period = $1 AND state IN ('QUEUED', 'RUNNING')",
      {period});
  if (!abandoned.ok()) return abandoned.status();
  auto inserted = tx.Exec(
      "INSERT INTO calc_runs (period, run_number, request_id, state, creator, "
      "incremental_requested) "
      "SELECT $1, COALESCE(MAX(run_number), 0) + 1, $2, 'RUNNING', $3, $4 FROM calc_runs "
      "WHERE period = $1 RETURNING run_id",
      {period, OptionalText(request_id), creator, incremental ? "true" : "false"});
  if (!inserted.ok()) return inserted.status();
  auto run = OneRun(tx.Exec(
      absl::StrCat("SELECT ", RunColumns(), " FROM calc_runs r WHERE r.run_id = $1"),
      {inserted->GetString(0, 0)}));
  if (!run.ok()) return run.status();
  return **run;
}

absl::StatusOr<std::optional<RunRow>> GetRun(db::PgConn& conn, const std::string& period,
                                             int run_number) {
  return OneRun(conn.Exec(absl::StrCat("SELECT ", RunColumns(),
                                       " FROM calc_runs r WHERE r.period = $1 AND r.run_number = $2"),
                          {period, absl::StrCat(run_number)}));
}

absl::StatusOr<std::optional<RunRow>> GetRunById(db::PgConn& conn, int64_t run_id) {
  return OneRun(conn.Exec(absl::StrCat("SELECT ", RunColumns(), " FROM calc_runs r WHERE r.run_id = $1"),
                          {absl::StrCat(run_id)}));
}

absl::StatusOr<std::vector<RunRow>> ListRuns(db::PgConn& conn, const std::string& period,
                                             int64_t before_run_id, int limit) {
  auto rows = conn.Exec(
      absl::StrCat("SELECT ", RunColumns(),
                   " FROM calc_runs r WHERE ($1::text IS NULL OR r.period = $1) "
                   "AND ($2::bigint = 0 OR r.run_id < $2) ORDER BY r.run_id DESC LIMIT $3"),
      {OptionalText(period), absl::StrCat(before_run_id), absl::StrCat(limit)});
  if (!rows.ok()) return rows.status();
  std::vector<RunRow> runs;
  for (int i = 0; i < rows->rows(); ++i) runs.push_back(ReadRun(*rows, i));
  return runs;
}

absl::Status SaveProgress(db::PgConn& conn, int64_t run_id, const std::string& stages_json,
                          int64_t transaction_count) {
  return conn
      .Exec("UPDATE calc_runs SET stages = $2::jsonb, transaction_count = $3 "
            "WHERE run_id = $1 AND state = 'RUNNING'",
            {absl::StrCat(run_id), stages_json, absl::StrCat(transaction_count)})
      .status();
}

absl::Status FailRun(db::PgConn& conn, int64_t run_id, const std::string& message) {
  return conn
      .Exec("UPDATE calc_runs SET state = 'FAILED', error_message = $2, end_time = now() "
            "WHERE run_id = $1 AND state = 'RUNNING'",
            {absl::StrCat(run_id), message})
      .status();
}

absl::Status AbandonRun(db::PgConn& conn, int64_t run_id) {
  return conn
      .Exec("UPDATE calc_runs SET state = 'ABANDONED', end_time = now(), "
            "error_message = 'the process running it stopped before it finished' "
            "WHERE run_id = $1 AND state IN ('QUEUED', 'RUNNING')",
            {absl::StrCat(run_id)})
      .status();
}

absl::StatusOr<Snapshot> OpenSnapshot(db::PgConn& barrier_session, db::PgConn& reader) {
  if (auto locked = barrier_session.Exec(absl::StrCat("SELECT pg_advisory_lock(", kBarrier, ")"));
      !locked.ok()) {
    return locked.status();
  }
  absl::StatusOr<Snapshot> snapshot = [&]() -> absl::StatusOr<Snapshot> {
    if (auto begun = reader.Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); !begun.ok()) {
      return begun.status();
    }
    // The first statement fixes the snapshot, while the barrier is held.
    auto read = reader.Exec(absl::StrCat(
        "SELECT (SELECT CASE WHEN is_called THEN last_value ELSE 0 END "
        "FROM transaction_imports_import_id_seq), ",
        TimestampToMicrosSql("clock_timestamp()")));
    if (!read.ok()) return read.status();
    return Snapshot{read->GetInt64(0, 0), read->GetInt64(0, 1)};
  }();
  auto unlocked =
      barrier_session.Exec(absl::StrCat("SELECT pg_advisory_unlock(", kBarrier, ")"));
  if (!snapshot.ok()) return snapshot.status();
  if (!unlocked.ok()) return unlocked.status();
  return snapshot;
}

absl::Status JoinSnapshotBarrier(db::PgConn& import_tx) {
  return import_tx.Exec(absl::StrCat("SELECT pg_advisory_xact_lock_shared(", kBarrier, ")"))
      .status();
}

absl::Status ReadTransactions(db::PgConn& reader, absl::CivilDay first, absl::CivilDay last,
                              const TransactionSink& sink, ReadFields fields) {
  if (auto set = SetRange(reader, first, last); !set.ok()) return set;
  // A run reads its whole range in one statement; with tens of millions of rows that takes
  // longer than the session's statement_timeout, which is sized for requests. The run's read
  // gets its own bound, for the rest of its transaction.
  if (auto set = reader.Exec("SELECT set_config('statement_timeout', $1, true)", {kRunReadTimeout});
      !set.ok()) {
    return set.status();
  }
  return StreamTransactions(
      reader,
      absl::StrCat("COPY (SELECT ", TransactionColumns(fields, kCurrentOriginal),
                   " FROM transactions t WHERE t.superseded_time IS NULL "
                   "AND t.transaction_date BETWEEN (SELECT current_setting('attain.calc_first')::date) "
                   "AND (SELECT current_setting('attain.calc_last')::date)) TO STDOUT"),
      sink);
}

absl::StatusOr<int64_t> EstimateTransactions(db::PgConn& reader, absl::CivilDay first,
                                             absl::CivilDay last) {
  auto plan = reader.Exec(
      "EXPLAIN (FORMAT JSON) SELECT 1 FROM transactions t WHERE t.superseded_time IS NULL "
      "AND t.transaction_date BETWEEN $1::date AND $2::date",
      {dates::Format(first), dates::Format(last)});
  if (!plan.ok()) return plan.status();
  const nlohmann::json parsed = nlohmann::json::parse(plan->Get(0, 0), nullptr, false);
  if (!parsed.is_array() || parsed.empty() || !parsed[0].contains("Plan") ||
      !parsed[0]["Plan"].contains("Plan Rows") || !parsed[0]["Plan"]["Plan Rows"].is_number()) {
    return absl::InternalError("EXPLAIN gave no row estimate");
  }
  return parsed[0]["Plan"]["Plan Rows"].get<int64_t>();
}

absl::Status ReplayTransactions(db::PgConn& conn, int64_t import_watermark, absl::CivilDay first,
                                absl::CivilDay last, const TransactionSink& sink) {
  if (auto begun = conn.Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); !begun.ok()) {
    return begun.status();
  }
  absl::Status status = SetRange(conn, first, last);
  if (status.ok()) {
    status = conn.Exec("SELECT set_config('attain.calc_watermark', $1, true)",
                       {absl::StrCat(import_watermark)})
                 .status();
  }
  if (status.ok()) {
    // The latest version per transaction up to the watermark, then the date range: a later
    // version may have moved the transaction out of (or into) the period.
    status = StreamTransactions(
        conn,
        absl::StrCat("COPY (SELECT ", TransactionColumns({}, kOriginalAtWatermark),
                     " FROM (SELECT DISTINCT ON (source_system, transaction_id) * "
                     "FROM transactions WHERE import_id <= "
                     "(SELECT current_setting('attain.calc_watermark')::bigint) "
                     "ORDER BY source_system, transaction_id, version DESC) t "
                     "WHERE t.transaction_date BETWEEN (SELECT current_setting('attain.calc_first')::date) "
                     "AND (SELECT current_setting('attain.calc_last')::date)) TO STDOUT"),
        sink);
  }
  auto ended = conn.Exec(status.ok() ? "COMMIT" : "ROLLBACK");
  if (!status.ok()) return status;
  return ended.status();
}

absl::Status ReadTransactionChanges(db::PgConn& reader, int64_t since_watermark,
                                    const TransactionSink& current, const TransactionSink& replaced,
                                    ReadFields fields) {
  fields.keys = true;
  const std::string watermark = absl::StrCat(since_watermark);
  // New rows sit in the table's last pages: the BRIN index on import_id (0008) finds them.
  absl::Status read = QueryTransactions(
      reader,
      absl::StrCat("SELECT ", TransactionColumns(fields, kCurrentOriginal),
                   " FROM transactions t WHERE t.superseded_time IS NULL AND t.import_id > $1::bigint"),
      {watermark}, current);
  if (!read.ok()) return read;
  // Per transaction changed since, its latest version up to the watermark (through the key).
  // The original's version as of the watermark, as the kept run read it.
  const std::string original_at_watermark = "o.import_id <= $1::bigint";
  return QueryTransactions(
      reader,
      absl::StrCat("SELECT ", TransactionColumns(fields, original_at_watermark),
                   " FROM (SELECT DISTINCT ON (o.source_system, o.transaction_id) o.* "
                   "FROM (SELECT DISTINCT source_system, transaction_id FROM transactions "
                   "WHERE import_id > $1::bigint) n "
                   "JOIN transactions o ON o.source_system = n.source_system "
                   "AND o.transaction_id = n.transaction_id AND o.import_id <= $1::bigint "
                   "ORDER BY o.source_system, o.transaction_id, o.version DESC) t"),
      {watermark}, replaced);
}

absl::StatusOr<std::vector<fx::FxRate>> LoadFxRates(db::PgConn& conn, const std::string& to_currency,
                                        absl::CivilMonth first, absl::CivilMonth last) {
  auto rows = conn.Exec(
      "SELECT from_currency, month::text, rate::text FROM fx_rates "
      "WHERE to_currency = $1 AND month BETWEEN $2::date AND $3::date "
      "ORDER BY from_currency, month",
      {to_currency, dates::Format(absl::CivilDay(first)), dates::Format(absl::CivilDay(last))});
  if (!rows.ok()) return rows.status();
  std::vector<fx::FxRate> rates;
  for (int i = 0; i < rows->rows(); ++i) {
    auto day = dates::Parse(rows->Get(i, 1), "month");
    auto rate = money::Decimal::Parse(rows->Get(i, 2));
    if (!day.ok() || !rate.ok()) return absl::InternalError("unreadable fx_rates row");
    rates.push_back({rows->GetString(i, 0), to_currency, absl::CivilMonth(*day), *rate, 0});
  }
  return rates;
}

absl::Status StoreInputs(db::PgConn& conn, std::string_view digest, std::string_view body) {
  return conn
      .Exec("INSERT INTO calc_inputs (digest, body) VALUES (decode($1, 'hex'), decode($2, 'hex')) "
            "ON CONFLICT (digest) DO NOTHING",
            {HexOfBytes(digest), HexOfBytes(body)})
      .status();
}

absl::StatusOr<std::string> LoadInputs(db::PgConn& conn, std::string_view digest) {
  auto rows = conn.Exec("SELECT encode(body, 'hex') FROM calc_inputs WHERE digest = decode($1, 'hex')",
                        {HexOfBytes(digest)});
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return absl::NotFoundError("the run's stored planning inputs are missing");
  return BytesFromHex(rows->Get(0, 0));
}

absl::Status PublishRun(db::PgConn& tx, int64_t run_id, const std::string& period,
                        const RunSummary& summary, const std::vector<StatementRow>& statements) {
  // Lock the run row first: an abandoned run (its process presumed dead) must not publish.
  auto state = tx.Exec("SELECT state FROM calc_runs WHERE run_id = $1 FOR UPDATE",
                       {absl::StrCat(run_id)});
  if (!state.ok()) return state.status();
  if (state->rows() == 0 || state->Get(0, 0) != "RUNNING") {
    return absl::FailedPreconditionError("the run is no longer running; nothing was published");
  }
  auto copy = CopyWriter::Start(
      tx, "COPY statements (run_id, seller_id, plan_id, currency, total, managers, body) "
          "FROM STDIN WITH (FORMAT binary)");
  if (!copy.ok()) return copy.status();
  std::string data;
  copy_binary::AppendHeader(&data);
  for (const StatementRow& s : statements) {
    copy_binary::AppendFieldCount(7, &data);
    copy_binary::AppendInt64(run_id, &data);
    copy_binary::AppendText(s.seller_id, &data);
    copy_binary::AppendText(s.plan_id, &data);
    copy_binary::AppendText(s.currency, &data);
    copy_binary::AppendNumeric(s.total, &data);
    copy_binary::AppendTextArray(s.managers, &data);
    copy_binary::AppendBytea(s.body, &data);
    if (data.size() > (1 << 20)) {
      if (auto sent = copy->Send(data); !sent.ok()) return sent;
      data.clear();
    }
  }
  copy_binary::AppendTrailer(&data);
  if (auto sent = copy->Send(data); !sent.ok()) return sent;
  if (auto finished = copy->Finish(); !finished.ok()) return finished;
  auto updated = tx.Exec(
      absl::StrCat(
          "UPDATE calc_runs SET state = 'SUCCEEDED', end_time = now(), stages = $2::jsonb, "
          "transaction_count = $3, statement_count = $4, results_digest = $5, "
          "import_watermark = $6, inputs_as_of = ",
          MicrosToTimestampSql(7),
          ", planning_digest = decode($8, 'hex'), total_payable = $9::jsonb, "
          "incremental = $10, full_reason = $11, recalculated_count = $12 WHERE run_id = $1"),
      {absl::StrCat(run_id), summary.stages_json, absl::StrCat(summary.transaction_count),
       absl::StrCat(statements.size()), summary.results_digest,
       absl::StrCat(summary.import_watermark), absl::StrCat(summary.inputs_as_of_micros),
       HexOfBytes(summary.planning_digest), summary.total_payable_json,
       summary.incremental ? "true" : "false", summary.full_reason,
       absl::StrCat(summary.recalculated_count)});
  if (!updated.ok()) return updated.status();
  return tx
      .Exec("INSERT INTO calc_periods (period, published_run_id) VALUES ($1, $2) "
            "ON CONFLICT (period) DO UPDATE SET published_run_id = EXCLUDED.published_run_id, "
            "publish_time = now()",
            {period, absl::StrCat(run_id)})
      .status();
}

}  // namespace attain::compensation::store

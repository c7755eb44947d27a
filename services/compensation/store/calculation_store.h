#pragma once
// SQL of calculation runs: the per-period lock, run rows and their progress, the consistent
// snapshot a run reads, its stored planning inputs, and the atomic publish of its statements.
//
// Snapshot protocol. Every transaction import takes the shared "snapshot barrier" lock
// before it draws its import id and holds it until it commits. A run takes the barrier
// exclusively for an instant, and while holding it opens its REPEATABLE READ snapshot and
// reads the import-id sequence: every import that drew an id up to that watermark has
// committed and is in the snapshot, and every later import draws a larger id. So "imports
// with id <= watermark" names the run's transactions exactly, and an explanation can replay
// them later whatever was imported since.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/db/pg.h"
#include "common/money/decimal.h"
#include "services/compensation/fx/fx_rate.h"

namespace attain::compensation::store {

struct RunRow {
  int64_t run_id = 0;
  std::string period;
  int run_number = 0;
  std::string request_id;
  std::string state;        // QUEUED, RUNNING, SUCCEEDED, FAILED, ABANDONED
  std::string stages_json;  // StageProgress list, proto3 JSON array
  std::string error_message;
  std::string creator;
  int64_t create_micros = 0;
  std::optional<int64_t> end_micros;
  int64_t transaction_count = 0;
  int64_t statement_count = 0;
  std::string results_digest;
  std::optional<int64_t> import_watermark;
  std::optional<int64_t> inputs_as_of_micros;
  std::string planning_digest;     // raw bytes; empty until the run has read planning
  std::string total_payable_json;  // {"USD": "1.00"}
  bool published = false;
  bool incremental_requested = false;
  bool incremental = false;          // calculated from a kept earlier run (run_manager.h)
  std::string full_reason;           // why an incremental request calculated everything
  int64_t recalculated_count = 0;    // statements calculated; the rest were carried
};

// Session-level lock of one period on `session`, held until UnlockPeriod or the session
// ends (a crashed process releases it with its connection). False when another holds it.
absl::StatusOr<bool> TryLockPeriod(db::PgConn& session, const std::string& period);
absl::Status UnlockPeriod(db::PgConn& session, const std::string& period);

absl::StatusOr<std::optional<RunRow>> FindRunByRequest(db::PgConn& conn, const std::string& request_id);
// With the period lock held: runs of the period left RUNNING or QUEUED are orphans of a
// stopped process; they become ABANDONED and a new RUNNING run is added.
absl::StatusOr<RunRow> StartRun(db::PgConn& tx, const std::string& period,
                                const std::string& request_id, const std::string& creator,
                                bool incremental = false);
absl::StatusOr<std::optional<RunRow>> GetRun(db::PgConn& conn, const std::string& period,
                                             int run_number);
absl::StatusOr<std::optional<RunRow>> GetRunById(db::PgConn& conn, int64_t run_id);
// Newest first; `before_run_id` 0 = from the newest.
absl::StatusOr<std::vector<RunRow>> ListRuns(db::PgConn& conn, const std::string& period,
                                             int64_t before_run_id, int limit);
absl::Status SaveProgress(db::PgConn& conn, int64_t run_id, const std::string& stages_json,
                          int64_t transaction_count);
absl::Status FailRun(db::PgConn& conn, int64_t run_id, const std::string& message);
// A RUNNING run whose period lock nobody holds (checked by the caller) becomes ABANDONED.
absl::Status AbandonRun(db::PgConn& conn, int64_t run_id);

struct Snapshot {
  int64_t import_watermark = 0;
  int64_t as_of_micros = 0;
};
// Opens a REPEATABLE READ, READ ONLY transaction on `reader` behind the barrier taken on
// `barrier_session` (see above). The caller ends it with COMMIT.
absl::StatusOr<Snapshot> OpenSnapshot(db::PgConn& barrier_session, db::PgConn& reader);
// The import's side: inside the import's transaction, before it draws its import id.
absl::Status JoinSnapshotBarrier(db::PgConn& import_tx);

// One transaction as read, every field as stored (text views valid during the callback).
struct TransactionRowView {
  std::string_view source_system, transaction_id;
  int version = 0;
  std::string_view type, date, account_id, product_id, amount, currency;
  std::optional<std::string_view> quantity, margin, owner_seller_id, splits, attributes;
  // A linked reversal's original_transaction_id and the original's date (YYYY-MM-DD; nullopt
  // when it names a transaction not stored, or not yet at the time read).
  std::optional<std::string_view> original_transaction_id, original_date;
};
using TransactionSink = std::function<absl::Status(const TransactionRowView&)>;

// The fields only some readers need. Those not asked for are not sent (a fifth of what a
// row costs PostgreSQL to write) and arrive empty: transaction_id "" (except on a linked
// reversal), version 0, attributes nullopt.
struct ReadFields {
  bool keys = true;        // transaction_id and version
  bool attributes = true;
};

// The current version of every transaction dated in [first, last], in the reader's snapshot.
// The read may take up to an hour: it sets its own statement_timeout for the rest of the
// reader's transaction.
absl::Status ReadTransactions(db::PgConn& reader, absl::CivilDay first, absl::CivilDay last,
                              const TransactionSink& sink, ReadFields fields = {});
// PostgreSQL's estimate (the planner's, from the table's statistics) of how many rows
// ReadTransactions will read: for reserving memory, never for a result.
absl::StatusOr<int64_t> EstimateTransactions(db::PgConn& reader, absl::CivilDay first,
                                             absl::CivilDay last);
// The versions a run with `import_watermark` read: per transaction the latest version
// imported up to the watermark, when it is dated in [first, last].
absl::Status ReplayTransactions(db::PgConn& conn, int64_t import_watermark, absl::CivilDay first,
                                absl::CivilDay last, const TransactionSink& sink);

// What changed since a run that read up to `since_watermark`, in the reader's snapshot (an
// incremental run's read), whatever the dates: `current` gets each transaction version
// imported after the watermark that is current now; `replaced` gets, for each transaction
// with such a version, the version that was current at the watermark (if any), its linked
// original's date as of the watermark. Keys are always sent.
absl::Status ReadTransactionChanges(db::PgConn& reader, int64_t since_watermark,
                                    const TransactionSink& current, const TransactionSink& replaced,
                                    ReadFields fields = {});

// Every rate into `to_currency` for months in [first, last], in (from, month) order.
absl::StatusOr<std::vector<fx::FxRate>> LoadFxRates(db::PgConn& conn, const std::string& to_currency,
                                        absl::CivilMonth first, absl::CivilMonth last);

// A run's stored inputs (planning snapshot and FX rates, run_inputs.h) by content digest,
// written once and shared by every run that read the same.
absl::Status StoreInputs(db::PgConn& conn, std::string_view digest, std::string_view body);
absl::StatusOr<std::string> LoadInputs(db::PgConn& conn, std::string_view digest);

struct StatementRow {
  std::string seller_id;
  std::string plan_id;
  std::string currency;
  money::Decimal total;
  std::vector<std::string> managers;  // on the period's last day, nearest first
  std::string body;                   // serialized v1.Statement
};

struct RunSummary {
  int64_t transaction_count = 0;
  std::string stages_json;
  std::string results_digest;
  int64_t import_watermark = 0;
  int64_t inputs_as_of_micros = 0;
  std::string planning_digest;
  std::string total_payable_json;
  bool incremental = false;
  std::string full_reason;
  int64_t recalculated_count = 0;
};

// In one transaction: the statements, the run SUCCEEDED with its summary, and the period's
// published pointer moved to it. FAILED_PRECONDITION when the run is no longer RUNNING
// (abandoned meanwhile), so a result is never published twice.
absl::Status PublishRun(db::PgConn& tx, int64_t run_id, const std::string& period,
                        const RunSummary& summary, const std::vector<StatementRow>& statements);

}  // namespace attain::compensation::store

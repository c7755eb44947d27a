#pragma once
// SQL of the period lifecycle (calc_periods.status, period_transitions; migration 0004).
// Statuses travel as their names: "OPEN" (no calc_periods row), "CALCULATED", "APPROVED",
// "LOCKED".

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/db/pg.h"

namespace attain::compensation::store {

struct PeriodRow {
  std::string period;
  std::string status;
  int64_t published_run_id = 0;
  int published_run_number = 0;
  std::string total_payable_json;  // {"USD": "1234.56"}
};

struct PeriodTransitionRow {
  std::string from_status;
  std::string to_status;
  std::string actor;
  std::string reason;
  int run_number = 0;
  int64_t time_micros = 0;
};

// The period's row; nullopt while it is OPEN. `for_update` locks the row until the end of
// the transaction (transitions and publications serialize on it).
absl::StatusOr<std::optional<PeriodRow>> LoadPeriod(db::PgConn& conn, const std::string& period,
                                                    bool for_update);

// The period's status name ("OPEN" without a row); `for_update` as LoadPeriod.
absl::StatusOr<std::string> LoadPeriodStatus(db::PgConn& conn, const std::string& period,
                                             bool for_update);

// Periods with a published run, by label after `after` (empty: from the first).
absl::StatusOr<std::vector<PeriodRow>> ListPeriods(db::PgConn& conn, const std::string& after,
                                                   int limit);

absl::StatusOr<std::vector<PeriodTransitionRow>> LoadTransitions(db::PgConn& conn,
                                                                 const std::string& period);

// Moves an existing period row to `to` and records the move (same transaction).
absl::Status MovePeriod(db::PgConn& tx, const PeriodRow& from, const std::string& to,
                        const std::string& actor, const std::string& reason);

// Records a run's publication (call after PublishRun, in its transaction).
absl::Status RecordPublication(db::PgConn& tx, const std::string& period,
                               const std::string& from_status, int64_t run_id,
                               const std::string& actor, const std::string& reason);

// What approving `period` needs to know about the period before it (`previous`): its
// status ("OPEN" without a row) and whether it was published after `period`'s published run
// started.
struct PreviousPeriod {
  std::string status;
  bool published_after_run = false;
};
absl::StatusOr<PreviousPeriod> LoadPreviousPeriod(db::PgConn& tx, const std::string& period,
                                                  const std::string& previous);

// True when this transaction took the period's run lock (held until it ends); false while
// a run of the period is in progress.
absl::StatusOr<bool> TryLockPeriodUntilCommit(db::PgConn& tx, const std::string& period);

}  // namespace attain::compensation::store

#pragma once
// SQL of the period lifecycle (calc_periods.status, period_transitions; migration 0004).
// Statuses are stored as their names ("OPEN" is a period without a calc_periods row) and
// decoded here, so callers only see periods::PeriodStatus.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/db/pg.h"
#include "services/compensation/periods/period_status.h"

namespace attain::compensation::store {

struct PeriodRow {
  std::string period;
  periods::PeriodStatus status = periods::PeriodStatus::kCalculated;
  int64_t published_run_id = 0;
  int published_run_number = 0;
  std::string total_payable_json;  // {"USD": "1234.56"}
};

struct PeriodTransitionRow {
  periods::PeriodStatus from_status = periods::PeriodStatus::kOpen;
  periods::PeriodStatus to_status = periods::PeriodStatus::kCalculated;
  std::string actor;
  std::string reason;
  int run_number = 0;
  int64_t time_micros = 0;
};

// The period's row; nullopt while it is OPEN. `for_update` locks the row until the end of
// the transaction (transitions and publications serialize on it).
absl::StatusOr<std::optional<PeriodRow>> LoadPeriod(db::PgConn& conn, const std::string& period,
                                                    bool for_update);

// The period's status (OPEN without a row); `for_update` as LoadPeriod.
absl::StatusOr<periods::PeriodStatus> LoadPeriodStatus(db::PgConn& conn, const std::string& period,
                                             bool for_update);

// Periods with a published run, by label after `after` (empty: from the first).
absl::StatusOr<std::vector<PeriodRow>> ListPeriods(db::PgConn& conn, const std::string& after,
                                                   int limit);

absl::StatusOr<std::vector<PeriodTransitionRow>> LoadTransitions(db::PgConn& conn,
                                                                 const std::string& period);

// Moves an existing period row to `to` and records the move (same transaction).
absl::Status MovePeriod(db::PgConn& tx, const PeriodRow& from, periods::PeriodStatus to,
                        const std::string& actor, const std::string& reason);

// Records a run's publication (call after PublishRun, in its transaction).
absl::Status RecordPublication(db::PgConn& tx, const std::string& period,
                               periods::PeriodStatus from_status, int64_t run_id,
                               const std::string& actor, const std::string& reason);

// What approving `period` needs to know about the period before it (`previous`): its
// status (OPEN without a row) and whether it was published after `period`'s published run
// started.
struct PreviousPeriod {
  periods::PeriodStatus status = periods::PeriodStatus::kCalculated;
  bool published_after_run = false;
};
absl::StatusOr<PreviousPeriod> LoadPreviousPeriod(db::PgConn& tx, const std::string& period,
                                                  const std::string& previous);

// True when this transaction took the period's run lock (held until it ends); false while
// a run of the period is in progress.
absl::StatusOr<bool> TryLockPeriodUntilCommit(db::PgConn& tx, const std::string& period);

}  // namespace attain::compensation::store

#pragma once
// Calculation runs as long operations: Start validates, takes the period's lock and returns
// the RUNNING run at once; the run proceeds on its own thread through its stages
// (load -> classify -> credit -> measure -> incentive -> results) and publishes its
// statements atomically. Clients poll Get.
//
// One run per period at a time: the period's advisory lock is held on the run's own
// connection, so a crashed process releases it with the connection, and the next Start (or a
// Get of the dead run) marks the orphan ABANDONED. Nothing is published twice: publishing
// re-checks, under the run row's lock, that the run is still RUNNING.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "attain/compensation/v1/calculation.pb.h"
#include "common/db/pg.h"
#include "services/compensation/calculation/kept_period.h"
#include "services/compensation/calculation/planning_snapshot.h"
#include "services/compensation/calculation/prior_period_true_ups.h"
#include "services/compensation/calculation/run_inputs.h"
#include "services/compensation/store/calculation_store.h"

namespace attain::compensation::calculation {

class StageTracker;
struct LoadedRun;

struct CalculationSettings {
  int fiscal_year_start_month = 1;
  RollUpSettings roll_up;
  int threads = 2;
};

// Reads the adjustments of a period inside the run's snapshot transaction.
using AdjustmentLoader =
    std::function<absl::StatusOr<std::vector<RunAdjustment>>(db::PgConn&, const std::string& period)>;
// Called after a run is published (cache invalidation, events).
using PublishedHook = std::function<void(const std::string& period, int64_t run_id)>;

// One seller's result in a sandbox calculation (RunManager::CalculateSandbox).
struct SandboxSeller {
  std::string seller_id;
  std::string plan_id;
  int plan_version = 0;
  std::string currency;
  std::vector<calc::ComponentResult> components;
  calc::Statement statement;
};

// A period's inputs as a run of it would read them now, kept in memory for estimates
// (estimate/): MBO scores, adjustments and clawbacks included; balances and true-ups not
// (new credit does not move them).
struct PeriodInputs {
  Period period;
  std::shared_ptr<const PlanningSnapshot> planning;
  std::vector<fx::FxRate> fx_rates;
  std::shared_ptr<store::PlansInForce> plans;  // what the groups' plans point into
  std::vector<std::unique_ptr<RunInputs>> groups;  // one per plan currency
  int64_t transactions = 0;
};

class RunManager {
 public:
  RunManager(db::PgPool* pool, PlanningSource* planning, CalculationSettings settings,
             AdjustmentLoader adjustments, PublishedHook published);
  ~RunManager();  // WaitForRuns()
  RunManager(const RunManager&) = delete;
  RunManager& operator=(const RunManager&) = delete;

  // INVALID_ARGUMENT for a bad period; FAILED_PRECONDITION RUN_IN_PROGRESS when another run
  // of the period holds its lock. A repeated request_id returns that request's run.
  absl::StatusOr<v1::CalculationRun> Start(const v1::StartCalculationRunRequest& request,
                                           const std::string& creator);
  absl::StatusOr<v1::CalculationRun> Get(const v1::GetCalculationRunRequest& request);
  absl::StatusOr<v1::ListCalculationRunsResponse> List(const v1::ListCalculationRunsRequest& request);

  // The period calculated on today's data and published nowhere (what-if sandboxes). With
  // `substitute`, every version of its plan in force in the period is replaced by it, so the
  // sellers assigned that plan are paid by the substitute. MBO scores and clawbacks are
  // included; opening balances and true-ups are not (compare OwnEarned and component
  // earnings).
  absl::StatusOr<std::vector<SandboxSeller>> CalculateSandbox(
      const std::string& period, std::shared_ptr<const plan::Plan> substitute);

  // INVALID_ARGUMENT for a bad period.
  absl::StatusOr<std::unique_ptr<PeriodInputs>> LoadPeriodInputs(const std::string& period);
  const CalculationSettings& settings() const { return settings_; }

  // Waits until every run this process started has ended (published or failed). Called on
  // shutdown, before the database pool goes away.
  void WaitForRuns();

  // Runs the stages of `run` on `session` (which holds the period lock) to the end and
  // releases the lock. Public for tests that drive a run synchronously.
  absl::Status Execute(const store::RunRow& run, db::PgPool::Lease session);

 private:
  absl::StatusOr<v1::CalculationRun> Describe(store::RunRow run);
  // LOAD and CLASSIFY: planning's snapshot, then plans, adjustments, FX rates and the
  // transactions from one database snapshot taken behind the import barrier.
  // `substitute` (may be null) replaces its plan's versions in force (CalculateSandbox).
  // With `base` (a kept run of the period), reads only what changed since it when its
  // planning data, FX rates and plans are today's (LoadedRun::base set), else everything
  // (LoadedRun::full_reason says why).
  absl::StatusOr<LoadedRun> Load(const Period& period, db::PgConn& session, StageTracker& stages,
                                 std::shared_ptr<const plan::Plan> substitute = nullptr,
                                 std::shared_ptr<const KeptPeriod> base = nullptr);
  // The period's kept run, if this process has one.
  std::shared_ptr<const KeptPeriod> Kept(const std::string& period);
  void Keep(std::shared_ptr<const KeptPeriod> kept);
  // The MBO scores entered for the period, onto the sellers' plans.
  absl::Status AddMboScores(const Period& period, db::PgConn& conn, LoadedRun& loaded);
  // What a period carries in besides transactions: each seller's opening balance, the
  // true-ups of the locked periods right before it (prior_period_true_ups.h), the clawbacks
  // of its linked reversals and the MBO scores entered for it.
  absl::Status AddCarriedInputs(const Period& period, db::PgConn& session, LoadedRun& loaded);
  // The clawbacks of the period's linked reversals (clawbacks.h), onto the sellers' plans.
  absl::Status AddClawbacks(db::PgConn& conn, LoadedRun& loaded);
  // What the period's own calculation reads besides Load: its MBO scores and clawbacks (every
  // calculation of a period, published or not, includes both).
  absl::Status AddOwnInputs(const Period& period, db::PgConn& conn, LoadedRun& loaded);
  // A locked period calculated again on today's data, published nowhere.
  absl::StatusOr<RecomputedPeriod> Recompute(const Period& locked, db::PgConn& session);

  db::PgPool* pool_;
  PlanningSource* planning_;
  const CalculationSettings settings_;
  AdjustmentLoader adjustments_;
  PublishedHook published_;
  absl::Mutex mu_;
  std::vector<std::thread> threads_ ABSL_GUARDED_BY(mu_);
  // The last runs published by this process, one per period, oldest first.
  static constexpr size_t kKeptPeriods = 3;
  absl::Mutex kept_mu_;
  std::vector<std::shared_ptr<const KeptPeriod>> kept_ ABSL_GUARDED_BY(kept_mu_);
};

// "periods/{period}/runs/{n}" -> (period, n). INVALID_ARGUMENT naming "name" otherwise.
absl::StatusOr<std::pair<std::string, int>> ParseRunName(const std::string& name);

}  // namespace attain::compensation::calculation

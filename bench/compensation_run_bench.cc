// Calculation run end to end: load from PostgreSQL -> calculate -> publish, for N
// transactions (default 1,000,000) and S sellers (default 10,000) in a rep -> manager ->
// director hierarchy, on a private PostgreSQL 15 (the integration harness's: initdb on a free
// port under a temp dir, fsync=off).
//
// Data (tools/datagen/calculation_dataset.h, deterministic by --seed): every transaction is
// dated in March 2026, the run's period; 55 % are credited through account territories
// (a third of the accounts also in an overlay territory), 30 % to an owner, 15 % by splits (a
// third with an overlay seller); roll-up two levels up (rep -> manager -> director); 58 % of
// the amounts are in six other currencies than the plan's USD (FX conversion). They are imported
// by the service's own import path (TransactionImport, in imports of at most 1 M rows, one
// source system each) in a child process, so the loading's memory never counts in this
// process's peak RSS.
//
// Plan: the data set's (created, activated and assigned through PlanManager, as PlanService
// does): monthly, USD, assigned by title to every Account Executive and Sales Manager; a
// commission with graduated attainment tiers on revenue against the seller's monthly quota, a
// bonus with attainment steps and a SPIF per Analytics order of at least 50,000.
//
// Planning is an in-process fake gRPC server on a free port serving the organization
// (ExportCreditingData, in chunks of at most 10,000 records), the event sequence (bumped
// before every run, so every run exports afresh) and quotas (GetQuotas, GetQuotaPlan).
//
// Measured: RunManager::Execute of period 2026-03, what a started run does on its thread:
// LOAD (planning's export, plans, FX rates), CLASSIFY (the transactions' COPY read, parsed,
// converted, interned), then quotas and input assembly (sort, organization index), CREDIT +
// MEASURE (fused), INCENTIVE, RESULTS (statements), publish (the statements' COPY, the run
// row, the outbox event, then freeing the run's inputs). Stage times are the run's own
// StageProgress; "assembly" (quotas, sort, indices, and the run's inputs stored after
// RESULTS) and "publish" are the rest, split at the publishing transaction's start (the run
// row's end_time).
// Peak RSS is getrusage's ru_maxrss of this process (the loading ran in a child); the
// resident set sampled every 20 ms during a run says which step holds the peak.
//
// Baseline, in the same run and alternately: psql's \copy of the same rows and columns as the
// run's read (its SELECT, with the dates as literals) to /dev/null — the raw cost of reading
// the data out of PostgreSQL. Reported: run time / raw read time.
//
// Usage: compensation_run_bench [--transactions N] [--sellers S] [--accounts A] [--threads T]
//                               [--runs R] [--seed X] [--keep-dir] [--skip-baseline]
//                               [--reuse-dir DIR] [--statement-timeout-ms MS]
// --keep-dir keeps the temp dir (the loaded cluster, stopped); --reuse-dir runs on such a
// kept dir without loading again (the data set flags must be the same; checked).

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "common/db/common_migrations.h"
#include "common/db/migrations.h"
#include "common/db/pg.h"
#include "common/events/outbox.h"
#include "services/compensation/calculation/run_manager.h"
#include "services/compensation/estimate/estimate_manager.h"
#include "services/compensation/plans/plan_manager.h"
#include "services/compensation/plans/plan_variables.h"
#include "services/compensation/statements/statement_record.h"
#include "services/compensation/store/adjustment_store.h"
#include "services/compensation/store/calculation_store.h"
#include "services/compensation/store/fx_rate_store.h"
#include "services/compensation/transactions/transaction_import.h"
#include "tests/integration/harness/ports.h"
#include "tests/integration/harness/postgres.h"
#include "tests/integration/harness/process.h"
#include "tools/datagen/calculation_dataset.h"

namespace attain::compensation {
const std::vector<db::Migration>& EmbeddedMigrations();
}  // namespace attain::compensation

namespace attain::compensation::calculation {
namespace {

namespace pv1 = planning::v1;
using Clock = std::chrono::steady_clock;

constexpr char kPeriod[] = "2026-03";
constexpr char kFirstDay[] = "2026-03-01";
constexpr char kLastDay[] = "2026-03-31";
constexpr char kQuotaVersion[] = "quotaPlans/fy26/versions/1";
// Rows per import: TransactionImport::kMaxRows.
constexpr int64_t kRowsPerImport = 1'000'000;

struct Options {
  int64_t transactions = 1'000'000;
  int sellers = 10'000;
  int accounts = 100'000;
  int threads = 2;
  int runs = 3;
  uint64_t seed = 42;
  bool keep_dir = false;
  bool skip_baseline = false;
  std::string reuse_dir;
  int statement_timeout_ms = 30'000;  // the service's default (--pg-statement-timeout-ms)
  int estimates = 2'000;  // EstimateEarnings calls timed after the runs (0: none)
  int late = 20;           // late transactions, each imported then run incrementally (0: none)
};

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "compensation_run_bench: %s\n", what.c_str());
  std::exit(1);
}

void Check(const absl::Status& status, const std::string& what) {
  if (!status.ok()) Die(absl::StrCat(what, ": ", status.ToString()));
}

template <typename T>
T Value(absl::StatusOr<T> value, const std::string& what) {
  Check(value.status(), what);
  return *std::move(value);
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  // kilobytes on Linux
}

// The current resident set (VmRSS of /proc/self/status), in MB.
double RssMb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  }
  return 0;
}

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

db::PgPool::Lease Acquire(db::PgPool& pool) { return Value(pool.Acquire(absl::Seconds(30)), "acquire"); }

void Exec(db::PgPool& pool, const std::string& sql) {
  auto lease = Acquire(pool);
  Check(lease->Exec(sql).status(), sql);
}

std::string Query(db::PgPool& pool, const std::string& sql) {
  auto lease = Acquire(pool);
  return Value(lease->Exec(sql), sql).GetString(0, 0);
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  if (!file) Die("cannot write " + path);
}

db::PgPoolOptions PoolOptions(const std::string& dsn, int size, int statement_timeout_ms) {
  db::PgPoolOptions options;
  options.conninfo = dsn;
  options.statement_timeout_ms = statement_timeout_ms;
  options.schema = "compensation";
  options.size = size;
  return options;
}

datagen::CalculationDataOptions DataOptions(const Options& options) {
  datagen::CalculationDataOptions data;
  data.seed = options.seed;
  data.sellers = options.sellers;
  data.accounts = options.accounts;
  data.transactions = options.transactions;
  data.first_day = absl::CivilDay(2026, 3, 1);
  data.last_day = absl::CivilDay(2026, 3, 31);
  return data;
}

// ---------------------------------------------------------------------------------------
// Loading (in a child process).

// Planning as an in-memory fake for the import's and the assignments' reference checks.
class EveryIdExists final : public transactions::ReferenceChecker {
 public:
  absl::StatusOr<transactions::ReferenceIds> FindMissing(const transactions::ReferenceIds&) override {
    return transactions::ReferenceIds{};
  }
};

// The data set's plan through PlanManager, as PlanService creates, activates and assigns it.
void CreatePlan(db::PgPool& pool, const datagen::CalculationDataOptions& data) {
  EveryIdExists sellers;
  plans::EngineExpressionChecker checker;
  events::OutboxRelay relay("compensation", &pool, nullptr);  // never started: events stay put
  plans::PlanManager manager(&pool, &sellers, &checker, &relay);
  v1::CreatePlanRequest create = datagen::CalculationPlan(data);
  create.set_request_id("bench-plan");
  Value(manager.Create(create, "bench"), "CreatePlan");
  v1::ActivatePlanVersionRequest activate;
  activate.set_name(absl::StrCat("plans/", datagen::kCalculationPlanId, "/versions/1"));
  activate.set_effective_from(absl::FormatCivilTime(datagen::PlanStart(data)));
  activate.set_request_id("bench-activate");
  Value(manager.Activate(activate), "ActivatePlanVersion");
  for (const v1::PlanAssignment& assignment : datagen::CalculationAssignments(data)) {
    v1::AssignPlanRequest assign;
    assign.set_request_id(absl::StrCat("bench-assign-", assignment.title()));
    *assign.mutable_assignment() = assignment;
    Value(manager.Assign(assign, "bench"), "AssignPlan");
  }
}

void StoreFxRates(db::PgPool& pool) {
  std::vector<fx::FxRate> rates;
  for (const auto& [currency, rate] : datagen::CalculationRatesToUsd()) {
    for (int month = 1; month <= 12; ++month) {
      rates.push_back({currency, "USD", absl::CivilMonth(2026, month),
                       Value(money::Decimal::Parse(rate), "rate"), 0});
    }
  }
  auto tx = Acquire(pool);
  Check(tx->Exec("BEGIN").status(), "BEGIN");
  Value(store::UpsertFxRates(*tx, rates), "UpsertFxRates");
  Check(tx->Exec("COMMIT").status(), "COMMIT");
}

// Imports every transaction of the data set, in imports of at most kRowsPerImport rows with a
// source system each ("crm-01", ...), through the service's import path.
void ImportTransactions(db::PgPool& pool, const datagen::CalculationOrg& org,
                        const datagen::CalculationDataOptions& data) {
  datagen::CalculationTransactions stream(org, data);
  EveryIdExists references;
  int64_t done = 0;
  for (int import_number = 1; done < data.transactions; ++import_number) {
    const auto start = Clock::now();
    const std::string source = absl::StrFormat("crm-%02d", import_number);
    transactions::TransactionImport import(transactions::ImportContext{&pool, &references, nullptr},
                                           "bench");
    v1::ImportTransactionsRequest options;
    options.mutable_options()->set_mode(v1::IMPORT_MODE_ALL_OR_NOTHING);
    Check(import.Add(options), "import options");
    const int64_t rows = std::min(kRowsPerImport, data.transactions - done);
    for (int64_t in_import = 0; in_import < rows;) {
      v1::ImportTransactionsRequest message;
      while (in_import < rows && message.batch().rows_size() < 1000) {
        v1::TransactionImportRow* row = message.mutable_batch()->add_rows();
        row->set_row_number(in_import + 2);
        if (!stream.Next(row->mutable_transaction())) Die("the data set ended early");
        row->mutable_transaction()->set_source_system(source);
        ++in_import;
      }
      Check(import.Add(message), "import Add");
    }
    auto response = Value(import.Commit(), "import Commit");
    if (response.inserted_count() != rows || response.rejected_count() != 0) {
      std::string first_error =
          response.rejected_rows_size() > 0 ? response.rejected_rows(0).DebugString() : std::string();
      Die(absl::StrCat("import ", source, " inserted ", response.inserted_count(), " and rejected ",
                       response.rejected_count(), " ", first_error));
    }
    done += rows;
    std::printf("  import %s: %lld rows in %.1f s\n", source.c_str(), static_cast<long long>(rows),
                Seconds(Clock::now() - start));
    std::fflush(stdout);
  }
}

// The child's work: migrations, the plan, FX rates and the transactions. Exit code 0 = done.
int LoadInChild(const std::string& dsn, const datagen::CalculationOrg& org, const Options& options) {
  db::PgPool pool(PoolOptions(dsn, 3, 3'600'000));  // loading: no request-sized bound
  Value(db::ApplyMigrations(pool, "compensation", db::WithCommonMigrations(EmbeddedMigrations())),
        "migrations");
  CreatePlan(pool, DataOptions(options));
  StoreFxRates(pool);
  ImportTransactions(pool, org, DataOptions(options));
  return 0;
}

// ---------------------------------------------------------------------------------------
// The fake planning service.

struct PlanningData {
  std::vector<pv1::CreditingDataChunk> chunks;  // the first without its snapshot marker
  absl::flat_hash_map<std::string, int64_t> monthly_quota;
};

class FakePlanning final : public pv1::PlanningService::Service,
                           public pv1::CreditingDataService::Service,
                           public pv1::QuotaService::Service {
 public:
  explicit FakePlanning(PlanningData data) : data_(std::move(data)) {}

  void BumpSequence() {
    absl::MutexLock lock(&mu_);
    ++sequence_;
  }
  int exports() {
    absl::MutexLock lock(&mu_);
    return exports_;
  }

  grpc::Status GetServiceInfo(grpc::ServerContext*, const pv1::GetServiceInfoRequest*,
                              pv1::GetServiceInfoResponse* response) override {
    absl::MutexLock lock(&mu_);
    response->mutable_info()->set_last_published_sequence(sequence_);
    return grpc::Status::OK;
  }

  grpc::Status ExportCreditingData(grpc::ServerContext*, const pv1::ExportCreditingDataRequest*,
                                   grpc::ServerWriter<pv1::CreditingDataChunk>* writer) override {
    int64_t sequence = 0;
    {
      absl::MutexLock lock(&mu_);
      sequence = sequence_;
      ++exports_;
    }
    for (size_t i = 0; i < data_.chunks.size(); ++i) {
      if (i == 0) {
        pv1::CreditingDataChunk first = data_.chunks[0];
        first.mutable_snapshot()->set_sequence(sequence);
        writer->Write(first);
      } else {
        writer->Write(data_.chunks[i]);
      }
    }
    return grpc::Status::OK;
  }

  // Every seller of the data set has a monthly quota in the one version of "fy26".
  grpc::Status GetQuotas(grpc::ServerContext*, const pv1::GetQuotasRequest* request,
                         pv1::GetQuotasResponse* response) override {
    for (const std::string& id : request->seller_ids()) {
      auto it = data_.monthly_quota.find(id);
      if (it == data_.monthly_quota.end()) {
        response->add_unplanned_seller_ids(id);
        continue;
      }
      pv1::SellerQuota* quota = response->add_quotas();
      quota->set_seller_id(id);
      quota->set_version(kQuotaVersion);
      quota->set_currency("USD");
      for (int month = 1; month <= 12; ++month) {
        pv1::SellerPeriodQuota* period = quota->add_periods();
        period->set_period(absl::StrFormat("FY2026-M%02d", month));
        period->set_quota(absl::StrCat(it->second));
      }
    }
    return grpc::Status::OK;
  }

  grpc::Status GetQuotaPlan(grpc::ServerContext*, const pv1::GetQuotaPlanRequest* request,
                            pv1::QuotaPlan* plan) override {
    plan->set_name(request->name());
    pv1::QuotaPlanVersion* version = plan->add_versions();
    version->set_name(kQuotaVersion);
    version->set_version(1);
    for (int month = 1; month <= 12; ++month) {
      pv1::QuotaPeriod* period = version->add_periods();
      const absl::CivilMonth m(2026, month);
      period->set_label(absl::StrFormat("FY2026-M%02d", month));
      period->set_start_date(absl::FormatCivilTime(absl::CivilDay(m)));
      period->set_end_date(absl::FormatCivilTime(absl::CivilDay(m + 1) - 1));
    }
    return grpc::Status::OK;
  }

 private:
  const PlanningData data_;
  absl::Mutex mu_;
  int64_t sequence_ ABSL_GUARDED_BY(mu_) = 1;
  int exports_ ABSL_GUARDED_BY(mu_) = 0;
};

// ---------------------------------------------------------------------------------------
// Runs.

absl::StatusOr<std::vector<RunAdjustment>> LoadRunAdjustments(db::PgConn& tx, const std::string& period) {
  auto stored = store::LoadAdjustments(tx, period);
  if (!stored.ok()) return stored.status();
  std::vector<RunAdjustment> out;
  for (const statements::Adjustment& a : *stored) {
    out.push_back({a.adjustment_id, a.seller_id, a.kind == statements::AdjustmentKind::kCredit,
                   a.amount, a.measure_id, a.reason, a.author});
  }
  return out;
}

struct RunFigures {
  double wall = 0;
  double cpu = 0;
  std::map<std::string, double> stage_seconds;  // by stage name
  double assembly = 0;                          // between CLASSIFY and CREDIT
  double publish = 0;                           // after RESULTS
  int64_t transactions = 0;
  int64_t statements = 0;
  std::string digest;
  std::string payable;
  double peak_rss_mb = 0;  // sampled during the run
  std::string peak_step;   // where it was seen
  bool incremental = false;
  int64_t recalculated = 0;
};

constexpr const char* kStageOrder[] = {"LOAD", "CLASSIFY", "CREDIT", "MEASURE", "INCENTIVE", "RESULTS"};

std::string StageName(v1::CalculationStage stage) {
  return v1::CalculationStage_Name(stage).substr(sizeof("CALCULATION_STAGE_") - 1);
}

// Starts a run of kPeriod as RunManager::Start does (the period's lock, the run row) and runs
// it on this thread.
RunFigures RunOnce(db::PgPool& pool, RunManager& runs, bool incremental = false) {
  auto session = Acquire(pool);
  if (!Value(store::TryLockPeriod(*session, kPeriod), "lock")) Die("the period is locked");
  Check(session->Exec("BEGIN").status(), "BEGIN");
  const store::RunRow row =
      Value(store::StartRun(*session, kPeriod, "", "bench", incremental), "StartRun");
  Check(session->Exec("COMMIT").status(), "COMMIT");

  RunFigures figures;
  const double cpu_before = CpuSeconds();
  const auto start = Clock::now();
  const int64_t start_micros = absl::ToUnixMicros(absl::Now());
  // The resident set every 20 ms, to say which step holds the peak.
  std::vector<std::pair<double, double>> rss;  // (seconds since start, MB)
  absl::Notification done;
  std::thread sampler([&] {
    do {
      rss.emplace_back(Seconds(Clock::now() - start), RssMb());
    } while (!done.WaitForNotificationWithTimeout(absl::Milliseconds(20)));
  });
  Check(runs.Execute(row, std::move(session)), "Execute");
  const int64_t end_micros = absl::ToUnixMicros(absl::Now());
  figures.wall = Seconds(Clock::now() - start);
  figures.cpu = CpuSeconds() - cpu_before;
  done.Notify();
  sampler.join();

  v1::GetCalculationRunRequest get;
  get.set_name(statements::RunName(kPeriod, row.run_number));
  const v1::CalculationRun run = Value(runs.Get(get), "Get");
  if (run.state() != v1::CALCULATION_RUN_STATE_SUCCEEDED || !run.published()) {
    Die("the run did not succeed: " + run.DebugString());
  }
  double staged = 0;
  for (const v1::StageProgress& stage : run.stages()) {
    const double seconds = stage.elapsed_micros() / 1e6;
    figures.stage_seconds[StageName(stage.stage())] += seconds;
    staged += seconds;
  }
  // The run row's end_time is the publishing transaction's start: what follows it is the
  // publish; what precedes it beyond the stages is quotas and input assembly (and the
  // inputs' store, a single INSERT).
  auto conn = Acquire(pool);
  const auto stored = Value(store::GetRun(*conn, kPeriod, row.run_number), "GetRun");
  if (!stored || !stored->end_micros) Die("the run row has no end time");
  figures.publish = (end_micros - *stored->end_micros) / 1e6;
  figures.assembly = (*stored->end_micros - start_micros) / 1e6 - staged;
  // Steps in the order they run; "assembly" (quotas, sort, indices) between CLASSIFY and
  // CREDIT (it also holds the inputs' store after RESULTS, a single INSERT).
  std::vector<std::pair<std::string, double>> steps;
  for (const char* stage : kStageOrder) {
    steps.emplace_back(stage, figures.stage_seconds[stage]);
    if (std::string(stage) == "CLASSIFY") steps.emplace_back("assembly", figures.assembly);
  }
  steps.emplace_back("publish", figures.publish);
  for (const auto& [at, mb] : rss) {
    if (mb <= figures.peak_rss_mb) continue;
    figures.peak_rss_mb = mb;
    double until = 0;
    figures.peak_step = steps.back().first;
    for (const auto& [step, seconds] : steps) {
      until += seconds;
      if (at <= until) {
        figures.peak_step = step;
        break;
      }
    }
  }
  figures.transactions = run.transaction_count();
  figures.statements = run.statement_count();
  figures.incremental = run.incremental();
  figures.recalculated = run.recalculated_count();
  figures.digest = run.results_digest();
  figures.payable = run.total_payable().count("USD") ? run.total_payable().at("USD") : "";
  return figures;
}

// What the run's read selects (store::ReadTransactions for a run: no keys, no attributes).
constexpr char kReadColumns[] =
    "t.source_system, '', 0, t.transaction_type, t.transaction_date, t.account_id, "
    "t.product_id, t.amount, t.currency, t.quantity, t.margin, t.owner_seller_id, t.splits, NULL";

double Baseline(int port, const std::string& dir) {
  itest::ProcessSpec psql;
  psql.argv = {"psql", "-X", "-q", "-h", "127.0.0.1", "-p", std::to_string(port),
               "-U", "postgres", "-d", "attain", "-v", "ON_ERROR_STOP=1", "-c",
               absl::StrCat("\\copy (SELECT ", kReadColumns,
                            " FROM compensation.transactions t WHERE t.superseded_time IS NULL "
                            "AND t.transaction_date BETWEEN '", kFirstDay, "' AND '", kLastDay,
                            "') TO '/dev/null'")};
  psql.log_path = dir + "/psql.log";
  const auto start = Clock::now();
  Value(itest::RunCommand(psql, std::chrono::minutes(30)), "psql \\copy");
  return Seconds(Clock::now() - start);
}

Options ParseArgs(int argc, char** argv) {
  Options options;
  const char* usage =
      "usage: compensation_run_bench [--transactions N] [--sellers S] [--accounts A] "
      "[--threads T] [--runs R] [--seed X] [--keep-dir] [--skip-baseline] [--reuse-dir DIR] "
      "[--statement-timeout-ms MS] [--estimates N] [--late N]";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto next = [&]() -> int64_t {
      if (i + 1 >= argc) Die("missing value after " + arg);
      return std::atoll(argv[++i]);
    };
    if (arg == "--transactions") options.transactions = next();
    else if (arg == "--sellers") options.sellers = static_cast<int>(next());
    else if (arg == "--accounts") options.accounts = static_cast<int>(next());
    else if (arg == "--threads") options.threads = static_cast<int>(next());
    else if (arg == "--runs") options.runs = static_cast<int>(next());
    else if (arg == "--seed") options.seed = static_cast<uint64_t>(next());
    else if (arg == "--keep-dir") options.keep_dir = true;
    else if (arg == "--skip-baseline") options.skip_baseline = true;
    else if (arg == "--reuse-dir" && i + 1 < argc) options.reuse_dir = argv[++i];
    else if (arg == "--statement-timeout-ms") options.statement_timeout_ms = static_cast<int>(next());
    else if (arg == "--estimates") options.estimates = static_cast<int>(next());
    else if (arg == "--late") options.late = static_cast<int>(next());
    else Die(usage);
  }
  if (options.transactions < 1 || options.sellers < 100 || options.accounts < 1 ||
      options.accounts > 1'000'000 || options.threads < 1 || options.runs < 1) {
    Die(absl::StrCat(usage, "\n  --transactions >= 1, --sellers >= 100, --accounts 1..1000000, "
                            "--threads >= 1, --runs >= 1"));
  }
  return options;
}

// EstimateEarnings on the published kPeriod: the first call (which loads the period and sums
// its credit once), then `count` calls for reps in turn with one to three hypothetical deals
// each; against the baseline of answering one estimate by calculating the whole period
// (a sandbox run), measured in the same process.
void MeasureEstimates(db::PgPool& pool, RunManager& runs, const std::vector<std::string>& reps,
                      const std::vector<std::string>& accounts, const std::vector<std::string>& products,
                      int count) {
  estimate::EstimateManager estimates(&pool, &runs);
  auth::Principal admin{"bench", {auth::Role::kCompAdmin}};
  uint64_t state = 12345;
  auto next = [&state](uint64_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % bound;
  };
  auto request_for = [&](int i) {
    v1::EstimateEarningsRequest request;
    request.set_seller_id(reps[static_cast<size_t>(i) % reps.size()]);
    request.set_period(kPeriod);
    const int deals = 1 + static_cast<int>(next(3));
    for (int d = 0; d < deals; ++d) {
      v1::HypotheticalDeal* deal = request.add_deals();
      deal->set_deal_id(absl::StrCat(d + 1));
      deal->set_account_id(accounts[next(accounts.size())]);
      deal->set_product_id(products[next(products.size())]);
      deal->set_amount(absl::StrCat(1000 + next(200'000), ".", next(100)));
      deal->set_transaction_date(absl::StrFormat("2026-03-%02d", 1 + next(31)));
    }
    return request;
  };
  auto first_start = Clock::now();
  auto first = estimates.Estimate(admin, request_for(0));
  Check(first.status(), "the first estimate");
  const double first_s = Seconds(Clock::now() - first_start);
  std::vector<double> latencies_ms;
  int64_t deal_count = 0;
  for (int i = 1; i <= count; ++i) {
    const v1::EstimateEarningsRequest request = request_for(i);
    deal_count += request.deals_size();
    const auto start = Clock::now();
    auto answered = estimates.Estimate(admin, request);
    latencies_ms.push_back(Seconds(Clock::now() - start) * 1000.0);
    Check(answered.status(), "an estimate");
    if (answered->deals_size() != request.deals_size()) Die("an estimate lost a deal");
  }
  std::sort(latencies_ms.begin(), latencies_ms.end());
  auto at = [&](double q) {
    return latencies_ms[std::min(latencies_ms.size() - 1, static_cast<size_t>(q * latencies_ms.size()))];
  };
  const auto sandbox_start = Clock::now();
  Check(runs.CalculateSandbox(kPeriod, nullptr).status(), "the sandbox baseline");
  const double sandbox_ms = Seconds(Clock::now() - sandbox_start) * 1000.0;
  std::printf("\nEstimateEarnings on %s: first call %.2f s (loads and sums the period once); "
              "then %d calls, %lld deals, 1 thread\n",
              kPeriod, first_s, count, static_cast<long long>(deal_count));
  std::printf("%-52s %9.3f\n", "estimate latency p50 (ms)", at(0.50));
  std::printf("%-52s %9.3f\n", "estimate latency p99 (ms)", at(0.99));
  std::printf("%-52s %9.3f\n", "estimate latency max (ms)", latencies_ms.back());
  std::printf("%-52s %9.3f\n", "baseline: the period calculated in a sandbox (ms)", sandbox_ms);
  std::printf("ratio baseline / estimate p99: %.0f\n", sandbox_ms / at(0.99));
}

// The published total of `seller`'s statement of kPeriod ("" when none).
std::string PublishedTotal(db::PgPool& pool, const std::string& seller) {
  auto conn = Acquire(pool);
  auto rows = Value(conn->Exec("SELECT s.total::text FROM statements s JOIN calc_periods p "
                               "ON p.published_run_id = s.run_id WHERE p.period = $1 AND s.seller_id = $2",
                               {kPeriod, seller}),
                    "published total");
  return rows.rows() == 0 ? "" : rows.GetString(0, 0);
}

// A single late transaction reflected in the published statements: from the start of its
// import (TransactionImport, as ImportTransactions serves it) through an incremental run
// (RunManager::Execute of a run started with `incremental`) to its publication — `count`
// times, each a 25,000 order of a rep in turn, owned by the rep (credited to the rep and
// rolled up to their manager and director). Each time the rep's published total must move.
// Afterwards a full run of the same data must give the last incremental run's digest.
// Baseline: the full run's wall time measured above (`full_run_s`).
void MeasureLateTransactions(db::PgPool& pool, RunManager& runs, const std::vector<std::string>& reps,
                             const std::vector<std::string>& accounts,
                             const std::vector<std::string>& products, int count, double full_run_s) {
  EveryIdExists references;
  std::vector<double> latencies_ms;
  RunFigures last;
  for (int i = 0; i < count; ++i) {
    const std::string& rep = reps[(static_cast<size_t>(i) * 7919) % reps.size()];
    const std::string before = PublishedTotal(pool, rep);
    const auto start = Clock::now();
    transactions::TransactionImport import(transactions::ImportContext{&pool, &references, nullptr},
                                           "bench");
    v1::ImportTransactionsRequest options;
    options.mutable_options()->set_mode(v1::IMPORT_MODE_ALL_OR_NOTHING);
    Check(import.Add(options), "late import options");
    v1::ImportTransactionsRequest message;
    v1::TransactionImportRow* row = message.mutable_batch()->add_rows();
    row->set_row_number(2);
    v1::Transaction* t = row->mutable_transaction();
    t->set_source_system("late");
    t->set_transaction_id(absl::StrCat("LATE-", i));
    t->set_type(v1::TRANSACTION_TYPE_ORDER);
    t->set_transaction_date("2026-03-20");
    t->set_account_id(accounts[static_cast<size_t>(i) % accounts.size()]);
    t->set_product_id(products[static_cast<size_t>(i) % products.size()]);
    t->set_amount("25000");
    t->set_currency("USD");
    t->set_owner_seller_id(rep);
    Check(import.Add(message), "late import Add");
    auto response = Value(import.Commit(), "late import Commit");
    if (response.inserted_count() != 1) Die("the late transaction was not inserted");
    last = RunOnce(pool, runs, /*incremental=*/true);
    latencies_ms.push_back(Seconds(Clock::now() - start) * 1000.0);
    if (!last.incremental) Die("the late transaction's run was not incremental");
    if (PublishedTotal(pool, rep) == before) Die("the late transaction did not move the rep's total");
    std::printf("  late transaction %d: %.0f ms, %lld statements recalculated (run %.0f ms:", i + 1,
                latencies_ms.back(), static_cast<long long>(last.recalculated), last.wall * 1000);
    for (const char* stage : kStageOrder) std::printf(" %s %.0f", stage, last.stage_seconds.at(stage) * 1000);
    std::printf(" | assembly %.0f | publish %.0f)\n", last.assembly * 1000, last.publish * 1000);
  }
  const RunFigures full = RunOnce(pool, runs);
  if (full.digest != last.digest) Die("the full run disagrees with the last incremental run");
  std::sort(latencies_ms.begin(), latencies_ms.end());
  std::printf("\nA late transaction, import to published statements, %d times (incremental runs; "
              "a full run of the same data then gave the same digest %s)\n",
              count, full.digest.c_str());
  std::printf("%-52s %9.1f\n", "latency p50 (ms)", latencies_ms[latencies_ms.size() / 2]);
  std::printf("%-52s %9.1f\n", "latency max (ms)", latencies_ms.back());
  std::printf("%-52s %9.1f\n", "baseline: a full run (ms)", full_run_s * 1000.0);
  std::printf("%-52s %9.1f\n", "this full run (ms)", full.wall * 1000.0);
  std::printf("ratio full run / incremental p50: %.1f\n",
              full_run_s * 1000.0 / latencies_ms[latencies_ms.size() / 2]);
}

// The private cluster: a new one (the harness's PostgresServer), or a kept one started again.
class Cluster {
 public:
  explicit Cluster(std::string dir) : dir_(std::move(dir)), fresh_(dir_ + "/postgres") {}

  absl::Status StartNew() {
    reused_ = false;
    return fresh_.Start(std::chrono::seconds(120));
  }

  // postgres on the data directory a StartNew left, with the same settings.
  absl::Status StartKept() {
    reused_ = true;
    auto user = itest::UnprivilegedUser();
    if (!user.ok()) return user.status();
    auto port = itest::FreePort();
    if (!port.ok()) return port.status();
    port_ = *port;
    const std::string bin = itest::kPostgresBinDir;
    const std::string pg = dir_ + "/postgres";
    itest::ProcessSpec spec;
    spec.argv = {bin + "/postgres", "-D", pg + "/data", "-p", std::to_string(port_), "-k", pg,
                 "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c",
                 "synchronous_commit=off", "-c", "full_page_writes=off", "-c",
                 "max_connections=300"};
    spec.log_path = pg + "/postgres.log";
    spec.run_as = *user;
    spec.env = {{"LC_ALL", "C"}, {"LANG", "C"}, {"PGTZ", "UTC"}, {"TZ", "UTC"}};
    auto started = itest::Process::Spawn(spec);
    if (!started.ok()) return started.status();
    kept_ = std::move(*started);
    itest::ProcessSpec ready;
    ready.argv = {bin + "/pg_isready", "-q", "-h", "127.0.0.1", "-p", std::to_string(port_), "-U",
                  "postgres"};
    ready.log_path = "/dev/null";
    const auto deadline = Clock::now() + std::chrono::seconds(120);
    while (!itest::RunCommand(ready, std::chrono::seconds(10)).ok()) {
      if (!kept_.Running() || Clock::now() > deadline) {
        return absl::InternalError("the kept cluster did not start; see " + spec.log_path);
      }
      usleep(100'000);
    }
    return absl::OkStatus();
  }

  void Stop() {
    if (reused_) {
      kept_.Stop(SIGINT, std::chrono::seconds(60));
    } else {
      fresh_.Stop();
    }
  }

  itest::PostgresServer& fresh() { return fresh_; }
  int port() const { return reused_ ? port_ : fresh_.port(); }
  std::string Dsn() const {
    return absl::StrCat("host=127.0.0.1 port=", port(), " dbname=attain user=postgres");
  }

 private:
  std::string dir_;
  itest::PostgresServer fresh_;
  bool reused_ = false;
  int port_ = 0;
  itest::Process kept_;
};

std::string DataSetLabel(const Options& options) {
  return absl::StrCat("transactions=", options.transactions, " sellers=", options.sellers,
                      " accounts=", options.accounts, " seed=", options.seed, "\n");
}

int Main(int argc, char** argv) {
  const Options options = ParseArgs(argc, argv);
  std::string dir = options.reuse_dir;
  if (dir.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    dir = absl::StrCat(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp", "/attain-run-bench-XXXXXX");
    if (mkdtemp(dir.data()) == nullptr) Die("mkdtemp: " + std::string(std::strerror(errno)));
    chmod(dir.c_str(), 0755);  // PostgreSQL runs as another user under root
  } else if (itest::ReadFile(dir + "/dataset.txt") != DataSetLabel(options)) {
    Die(absl::StrCat(dir, " holds another data set: ", itest::ReadFile(dir + "/dataset.txt")));
  }
  std::printf("compensation_run_bench: %lld transactions, %d sellers, %d accounts, %d threads, "
              "%d runs, seed %llu, under %s\n",
              static_cast<long long>(options.transactions), options.sellers, options.accounts,
              options.threads, options.runs, static_cast<unsigned long long>(options.seed),
              dir.c_str());

  Cluster postgres(dir);
  const datagen::CalculationDataOptions data = DataOptions(options);
  PlanningData planning;
  std::vector<std::string> rep_ids, account_ids, product_ids;  // for the estimates
  {
    datagen::CalculationOrg org = datagen::GenerateCalculationOrg(data);
    rep_ids = org.rep_ids;
    for (const auto& a : org.accounts) account_ids.push_back(a.account_id());
    for (const auto& p : org.products) product_ids.push_back(p.product_id());
    std::printf("data: %zu sellers, %d reporting lines, %d account territories, %d coverage "
                "records, %d products\n",
                org.sellers.size(), org.crediting.reporting_lines_size(),
                org.crediting.account_territories_size(), org.crediting.coverage_size(),
                org.crediting.products_size());
    if (options.reuse_dir.empty()) {
      Check(postgres.StartNew(), "starting PostgreSQL");
      WriteFile(dir + "/setup.sql",
                "CREATE DATABASE attain;\n\\connect attain\nCREATE SCHEMA compensation;\n");
      Check(postgres.fresh().RunSqlFile(dir + "/setup.sql"), "creating the database");
      // Loaded in a child forked before any thread exists, so that its memory never counts
      // in this process's peak RSS.
      const auto load_start = Clock::now();
      std::fflush(stdout);
      const pid_t child = fork();
      if (child < 0) Die("fork failed");
      if (child == 0) {
        const int code = LoadInChild(postgres.Dsn(), org, options);
        std::fflush(stdout);
        _exit(code);
      }
      int status = 0;
      if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        Die("loading failed");
      }
      WriteFile(dir + "/dataset.txt", DataSetLabel(options));
      std::printf("loaded in %.1f s (plan, FX rates, %lld transactions through "
                  "TransactionImport)\n",
                  Seconds(Clock::now() - load_start), static_cast<long long>(options.transactions));
    } else {
      Check(postgres.StartKept(), "starting the kept PostgreSQL");
    }
    planning.chunks = datagen::CreditingChunks(org);
    for (size_t i = 0; i < org.sellers.size(); ++i) {
      planning.monthly_quota[org.sellers[i].seller_id()] = org.monthly_quota[i];
    }
  }

  {
    db::PgPool setup(PoolOptions(postgres.Dsn(), 1, 3'600'000));
    if (!options.reuse_dir.empty()) {  // the migrations added since the data set was loaded
      Value(db::ApplyMigrations(setup, "compensation", db::WithCommonMigrations(EmbeddedMigrations())),
            "migrations");
    }
    Exec(setup, "VACUUM ANALYZE transactions");
    Exec(setup, "CHECKPOINT");
    std::printf("transactions table: %s rows, %s on disk\n",
                Query(setup, "SELECT count(*)::text FROM transactions").c_str(),
                Query(setup, "SELECT pg_size_pretty(pg_total_relation_size('transactions'))").c_str());
  }
  // The service's pool: four connections are what a run uses at most (its session, the
  // snapshot reader, progress saves), with the service's statement_timeout.
  db::PgPool pool(PoolOptions(postgres.Dsn(), 4, options.statement_timeout_ms));

  FakePlanning fake(std::move(planning));
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(static_cast<pv1::PlanningService::Service*>(&fake));
  builder.RegisterService(static_cast<pv1::CreditingDataService::Service*>(&fake));
  builder.RegisterService(static_cast<pv1::QuotaService::Service*>(&fake));
  builder.SetMaxSendMessageSize(64 << 20);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) Die("the fake planning server did not start");
  grpc::ChannelArguments channel_args;
  channel_args.SetMaxReceiveMessageSize(64 << 20);
  PlanningSource source(grpc::CreateCustomChannel(absl::StrCat("127.0.0.1:", port),
                                                  grpc::InsecureChannelCredentials(), channel_args),
                        [] { return std::string("bench-token"); });
  CalculationSettings settings;
  settings.threads = options.threads;
  RunManager runs(&pool, &source, settings, LoadRunAdjustments, nullptr);

  const double rss_before = RssMb();
  const double peak_before = PeakRssMb();
  std::vector<RunFigures> figures;
  std::vector<double> baselines;
  for (int r = 0; r < options.runs; ++r) {
    if (!options.skip_baseline) baselines.push_back(Baseline(postgres.port(), dir));
    fake.BumpSequence();  // planning changed: every run exports afresh
    figures.push_back(RunOnce(pool, runs));
    const RunFigures& f = figures.back();
    std::printf("  run %d: %.2f s wall, %.2f s CPU", r + 1, f.wall, f.cpu);
      for (const char* stage : kStageOrder) std::printf(" | %s %.2f", stage, f.stage_seconds.at(stage));
    std::printf(" | assembly %.2f | publish %.2f | RSS peak %.0f MB in %s", f.assembly,
                f.publish, f.peak_rss_mb, f.peak_step.c_str());
    if (!baselines.empty()) std::printf(" || psql \\copy %.2f s", baselines.back());
    std::printf("\n");
    std::fflush(stdout);
    if (f.transactions != options.transactions) {
      Die(absl::StrCat("the run read ", f.transactions, " transactions"));
    }
    if (f.digest != figures.front().digest) Die("runs over the same inputs gave different results");
  }
  if (fake.exports() != options.runs) Die("planning was not exported once per run");

  auto median_of = [&](auto field) {
    std::vector<double> values;
    for (const RunFigures& f : figures) values.push_back(field(f));
    return Median(values);
  };
  const double wall = median_of([](const RunFigures& f) { return f.wall; });
  const double n = static_cast<double>(options.transactions);
  std::printf("\nmedian of %d runs (period %s, %lld transactions read, %lld statements "
              "published, total payable USD %s, results digest %s)\n",
              options.runs, kPeriod, static_cast<long long>(figures.front().transactions),
              static_cast<long long>(figures.front().statements), figures.front().payable.c_str(),
              figures.front().digest.c_str());
  std::printf("%-52s %9s\n", "step", "seconds");
  for (const char* stage : kStageOrder) {
    std::printf("%-52s %9.3f\n", absl::StrCat("stage ", stage).c_str(),
                median_of([&](const RunFigures& f) { return f.stage_seconds.at(stage); }));
  }
  std::printf("%-52s %9.3f\n", "assembly: quotas, sort, indices, inputs' store",
              median_of([](const RunFigures& f) { return f.assembly; }));
  std::printf("%-52s %9.3f\n", "publish: statements COPY, run row, event, freeing",
              median_of([](const RunFigures& f) { return f.publish; }));
  std::printf("%-52s %9.3f  (%.0f transactions/s)\n", "run end to end (wall)", wall, n / wall);
  std::printf("%-52s %9.3f\n", "run CPU time (this process, all threads)",
              median_of([](const RunFigures& f) { return f.cpu; }));
  std::printf("peak RSS %.0f MB (%.0f MB resident before the first run, peak then %.0f MB)\n",
              PeakRssMb(), rss_before, peak_before);
  if (!baselines.empty()) {
    const double baseline = Median(baselines);
    std::printf("%-52s %9.3f  (%.0f rows/s)\n", "baseline: psql \\copy of the same rows to /dev/null",
                baseline, n / baseline);
    std::printf("ratio run / raw read: %.2f\n", wall / baseline);
  }

  if (options.estimates > 0) {
    MeasureEstimates(pool, runs, rep_ids, account_ids, product_ids, options.estimates);
  }
  if (options.late > 0) {
    MeasureLateTransactions(pool, runs, rep_ids, account_ids, product_ids, options.late, wall);
  }

  server->Shutdown();
  postgres.Stop();
  if (options.keep_dir || !options.reuse_dir.empty()) {
    std::printf("kept %s (run again on it with --reuse-dir %s)\n", dir.c_str(), dir.c_str());
  } else {
    itest::ProcessSpec remove;
    remove.argv = {"rm", "-rf", dir};
    remove.log_path = "/dev/null";
    Value(itest::RunCommand(remove, std::chrono::minutes(5)), "removing " + dir);
  }
  return 0;
}

}  // namespace
}  // namespace attain::compensation::calculation

int main(int argc, char** argv) { return attain::compensation::calculation::Main(argc, argv); }

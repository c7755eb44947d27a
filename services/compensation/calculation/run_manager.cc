#include "services/compensation/calculation/run_manager.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/errors/errors.h"
#include "common/events/outbox.h"
#include "common/time/dates.h"
#include "common/server/page_token.h"
#include "services/compensation/calculation/clawbacks.h"
#include "services/compensation/calculation/period_label.h"
#include "services/compensation/calculation/prior_period_true_ups.h"
#include "services/compensation/calculation/statement_proto.h"
#include "services/compensation/periods/period_status.h"
#include "services/compensation/statements/statement_record.h"
#include "services/compensation/store/balance_store.h"
#include "services/compensation/store/mbo_store.h"
#include "services/compensation/store/period_store.h"
#include "services/compensation/store/plan_store.h"
#include "services/compensation/transactions/content_digest.h"

namespace attain::compensation::calculation {
namespace {

using google::protobuf::util::TimeUtil;
using money::Decimal;

// Progress is saved at most this often while a stage streams items.
constexpr absl::Duration kProgressInterval = absl::Milliseconds(250);

v1::CalculationRunState StateOf(const std::string& state) {
  if (state == "QUEUED") return v1::CALCULATION_RUN_STATE_QUEUED;
  if (state == "RUNNING") return v1::CALCULATION_RUN_STATE_RUNNING;
  if (state == "SUCCEEDED") return v1::CALCULATION_RUN_STATE_SUCCEEDED;
  if (state == "FAILED") return v1::CALCULATION_RUN_STATE_FAILED;
  if (state == "ABANDONED") return v1::CALCULATION_RUN_STATE_ABANDONED;
  return v1::CALCULATION_RUN_STATE_UNSPECIFIED;
}

std::string StagesJson(const std::vector<v1::StageProgress>& stages) {
  std::string json = "[";
  for (const v1::StageProgress& stage : stages) {
    std::string one;
    google::protobuf::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    (void)google::protobuf::util::MessageToJsonString(stage, &one, options);
    absl::StrAppend(&json, json.size() > 1 ? "," : "", one);
  }
  json.push_back(']');
  return json;
}

std::vector<v1::StageProgress> ParseStages(const std::string& json) {
  std::vector<v1::StageProgress> stages;
  const nlohmann::json parsed = nlohmann::json::parse(json, nullptr, false);
  if (!parsed.is_array()) return stages;
  for (const auto& element : parsed) {
    v1::StageProgress stage;
    if (google::protobuf::util::JsonStringToMessage(element.dump(), &stage).ok()) {
      stages.push_back(stage);
    }
  }
  return stages;
}

std::string Hex(const std::array<uint8_t, 32>& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (uint8_t b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 15]);
  }
  return out;
}

bool AnyYearToDate(const std::vector<ResolvedPlan>& plans) {
  for (const ResolvedPlan& p : plans) {
    for (const plan::Measure& m : p.version->plan->measures) {
      if (m.year_to_date) return true;
    }
  }
  return false;
}

bool QuotaIsYearToDate(const ResolvedPlan& p) {
  for (const plan::Measure& m : p.version->plan->measures) {
    if (m.id == p.assignment->quota_measure_id) return m.year_to_date;
  }
  return false;
}

// The period's status when a run may publish over it (OPEN or CALCULATED), else the
// period_status.h error. `for_update` holds the period's row to the end of the transaction.
absl::StatusOr<periods::PeriodStatus> CheckPeriodRunnable(db::PgConn& conn,
                                                          const std::string& period,
                                                          bool for_update) {
  auto status = store::LoadPeriodStatus(conn, period, for_update);
  if (!status.ok()) return status.status();
  if (auto runnable = periods::CheckRunnable(period, *status); !runnable.ok()) return runnable;
  return *status;
}

}  // namespace

absl::StatusOr<std::pair<std::string, int>> ParseRunName(const std::string& name) {
  std::vector<std::string> parts = absl::StrSplit(name, '/');
  int number = 0;
  if (parts.size() != 4 || parts[0] != "periods" || parts[2] != "runs" || parts[1].empty() ||
      !absl::SimpleAtoi(parts[3], &number) || number < 1) {
    return errors::InvalidField("name", "must be \"periods/{period}/runs/{run_number}\"");
  }
  return std::make_pair(parts[1], number);
}

RunManager::RunManager(db::PgPool* pool, PlanningSource* planning, CalculationSettings settings,
                       AdjustmentLoader adjustments, PublishedHook published)
    : pool_(pool),
      planning_(planning),
      settings_(std::move(settings)),
      adjustments_(std::move(adjustments)),
      published_(std::move(published)) {}

RunManager::~RunManager() { WaitForRuns(); }

void RunManager::WaitForRuns() {
  std::vector<std::thread> threads;
  {
    absl::MutexLock lock(&mu_);
    threads.swap(threads_);
  }
  for (std::thread& t : threads) t.join();
}

absl::StatusOr<v1::CalculationRun> RunManager::Start(const v1::StartCalculationRunRequest& request,
                                                     const std::string& creator) {
  auto period = ParsePeriod(request.period(), settings_.fiscal_year_start_month);
  if (!period.ok()) return period.status();
  if (request.request_id().size() > 200) {
    return errors::InvalidField("request_id", "must be at most 200 characters");
  }
  if (!request.request_id().empty()) {
    auto conn = pool_->Acquire();
    if (!conn.ok()) return conn.status();
    auto earlier = store::FindRunByRequest(**conn, request.request_id());
    if (!earlier.ok()) return earlier.status();
    if (*earlier) return Describe(**earlier);
  }
  auto session = pool_->Acquire();
  if (!session.ok()) return session.status();
  if (auto runnable = CheckPeriodRunnable(**session, period->label, /*for_update=*/false);
      !runnable.ok()) {
    return runnable.status();
  }
  auto locked = store::TryLockPeriod(**session, period->label);
  if (!locked.ok()) return locked.status();
  if (!*locked) {
    return errors::WithReason(
        absl::FailedPreconditionError(absl::StrCat("a run of period ", period->label,
                                                   " is in progress; poll it and start again later")),
        "RUN_IN_PROGRESS");
  }
  absl::StatusOr<store::RunRow> run = absl::InternalError("not started");
  absl::Status started = [&]() -> absl::Status {
    if (auto begun = (*session)->Exec("BEGIN"); !begun.ok()) return begun.status();
    run = store::StartRun(**session, period->label, request.request_id(), creator,
                          request.incremental());
    auto ended = (*session)->Exec(run.ok() ? "COMMIT" : "ROLLBACK");
    if (!run.ok()) return run.status();
    return ended.status();
  }();
  if (!started.ok()) {
    (void)store::UnlockPeriod(**session, period->label);
    if (started.code() == absl::StatusCode::kAlreadyExists && !request.request_id().empty()) {
      // The same request_id raced in from another call: that run is the answer.
      auto conn = pool_->Acquire();
      if (!conn.ok()) return conn.status();
      auto earlier = store::FindRunByRequest(**conn, request.request_id());
      if (earlier.ok() && *earlier) return Describe(**earlier);
    }
    return started;
  }
  auto described = Describe(*run);
  absl::MutexLock lock(&mu_);
  threads_.emplace_back([this, row = *run, lease = std::move(*session)]() mutable {
    (void)Execute(row, std::move(lease));
  });
  return described;
}

// The run's stages as they advance, saved for pollers.
class StageTracker {
 public:
  StageTracker(db::PgPool* pool, int64_t run_id) : pool_(pool), run_id_(run_id) {}

  void Begin(v1::CalculationStage stage, int64_t items_total) {
    v1::StageProgress& progress = stages_.emplace_back();
    progress.set_stage(stage);
    progress.set_items_total(items_total);
    started_ = absl::Now();
    Save(true);
  }
  void Items(int64_t done) {
    stages_.back().set_items_done(done);
    Save(false);
  }
  void SetTotal(int64_t total) { stages_.back().set_items_total(total); }
  void End(int64_t done) {
    v1::StageProgress& progress = stages_.back();
    progress.set_items_done(done);
    if (progress.items_total() == 0) progress.set_items_total(done);
    progress.set_elapsed_micros(std::max<int64_t>(1, absl::ToInt64Microseconds(absl::Now() - started_)));
    progress.set_done(true);
    Save(true);
  }
  void set_transactions(int64_t count) { transactions_ = count; }
  std::string Json() const { return StagesJson(stages_); }

 private:
  // Progress is advisory: a failure to save it never fails the run.
  void Save(bool force) {
    if (run_id_ == 0) return;  // an untracked calculation (a locked period recomputed)
    const absl::Time now = absl::Now();
    if (!force && now - last_save_ < kProgressInterval) return;
    last_save_ = now;
    auto conn = pool_->Acquire();
    if (!conn.ok()) return;
    (void)store::SaveProgress(**conn, run_id_, StagesJson(stages_), transactions_);
  }

  db::PgPool* pool_;
  int64_t run_id_;
  std::vector<v1::StageProgress> stages_;
  absl::Time started_;
  absl::Time last_save_ = absl::InfinitePast();
  int64_t transactions_ = 0;
};

// What LOAD and CLASSIFY produce: one set of inputs per plan currency (transactions are
// converted into the currency of the plans that read them), read from one snapshot.
struct LoadedRun {
  store::Snapshot snapshot;
  std::shared_ptr<const PlanningSnapshot> planning;
  std::vector<fx::FxRate> fx_rates;
  std::shared_ptr<store::PlansInForce> plans;  // what the groups' resolved plans point into
  std::vector<std::unique_ptr<RunInputs>> groups;
  int64_t transactions = 0;
  std::string inputs_key;  // planning data and FX rates (calc_inputs.digest)
  // Their serialized form, to store; empty when they are the kept run's (stored already).
  std::string inputs_body;
  std::string plans_key;   // PlansKey
  // Set when the run starts from a kept run (incremental): `groups` then hold only the
  // versions imported since its watermark and `replaced` the versions they replaced.
  std::shared_ptr<const KeptPeriod> base;
  std::vector<std::unique_ptr<RunInputs>> replaced;  // per group; null when none
  // Why a run asked to start from a kept run read everything.
  std::string full_reason;
  absl::flat_hash_set<std::string> linked_originals;  // of everything the run counts
};

namespace {

// The resolved plans grouped by currency, in currency order.
std::map<std::string, std::vector<ResolvedPlan>> ByCurrency(std::vector<ResolvedPlan> resolved) {
  std::map<std::string, std::vector<ResolvedPlan>> groups;
  for (ResolvedPlan& r : resolved) groups[r.version->plan->currency].push_back(std::move(r));
  return groups;
}

}  // namespace

namespace {

// calc_inputs.digest of a run's serialized planning data and FX rates.
std::string InputsKey(const std::string& inputs_body) {
  transactions::Sha256 hash;
  hash.Field(inputs_body);
  const auto digest = hash.Finish();
  return std::string(reinterpret_cast<const char*>(digest.data()), digest.size());
}

}  // namespace

absl::StatusOr<RecomputedPeriod> RunManager::Recompute(const Period& locked, db::PgConn& session) {
  StageTracker untracked(pool_, 0);
  auto loaded = Load(locked, session, untracked);
  if (!loaded.ok()) return loaded.status();
  // The scores it was paid on (a locked period takes no new ones) and its clawbacks: without
  // them every MBO component and clawback would look like a change to true up.
  auto conn = pool_->Acquire();
  if (!conn.ok()) return conn.status();
  if (auto added = AddOwnInputs(locked, **conn, *loaded); !added.ok()) return added;
  RecomputedPeriod out;
  out.inputs_digest = loaded->inputs_key;
  for (const auto& group : loaded->groups) {
    auto results = CalculatePeriod(group->input, settings_.threads);
    if (!results.ok()) return results.status();
    for (const SellerResult& result : *results) {
      out.own_earned[group->data.seller_ids[result.seller]] = calc::OwnEarned(result.statement);
    }
  }
  return out;
}

absl::Status RunManager::AddCarriedInputs(const Period& period, db::PgConn& session,
                                          LoadedRun& loaded) {
  auto true_ups = PriorPeriodTrueUps(
      *pool_, period, settings_.fiscal_year_start_month,
      [&](const Period& locked) { return Recompute(locked, session); });
  if (!true_ups.ok()) return true_ups.status();
  auto conn = pool_->Acquire();
  if (!conn.ok()) return conn.status();
  auto balances = store::LoadOpeningBalances(**conn, period.label);
  if (!balances.ok()) return balances.status();
  const absl::flat_hash_map<std::string, Decimal> opening(balances->begin(), balances->end());
  for (const auto& group : loaded.groups) {
    for (SellerPlan& sp : group->input.plans) {
      const std::string& seller_id = group->data.seller_ids[sp.seller];
      if (auto it = opening.find(seller_id); it != opening.end()) sp.opening_balance = it->second;
      if (auto it = true_ups->find(seller_id); it != true_ups->end()) sp.true_ups = it->second;
    }
  }
  return AddOwnInputs(period, **conn, loaded);
}

absl::Status RunManager::AddOwnInputs(const Period& period, db::PgConn& conn, LoadedRun& loaded) {
  if (auto scored = AddMboScores(period, conn, loaded); !scored.ok()) return scored;
  return AddClawbacks(conn, loaded);
}

absl::Status RunManager::AddClawbacks(db::PgConn& conn, LoadedRun& loaded) {
  // Every currency group read every row, so each holds the same reversals.
  if (loaded.groups.empty() || loaded.groups.front()->settled_reversals.empty()) {
    return absl::OkStatus();
  }
  auto clawbacks = SettleLinkedReversals(conn, loaded.groups.front()->settled_reversals,
                                         settings_.fiscal_year_start_month, settings_.roll_up);
  if (!clawbacks.ok()) return clawbacks.status();
  for (const auto& group : loaded.groups) {
    for (SellerPlan& sp : group->input.plans) {
      auto it = clawbacks->find(group->data.seller_ids[sp.seller]);
      if (it != clawbacks->end()) sp.clawbacks = it->second;
    }
  }
  return absl::OkStatus();
}

absl::Status RunManager::AddMboScores(const Period& period, db::PgConn& conn, LoadedRun& loaded) {
  auto scores = store::LoadMboScores(conn, period.label);
  if (!scores.ok()) return scores.status();
  absl::flat_hash_map<std::string, absl::flat_hash_map<std::string, Decimal>> mbo;
  for (const store::MboScoreRow& row : *scores) mbo[row.seller_id][row.component_id] = row.score;
  for (const auto& group : loaded.groups) {
    for (SellerPlan& sp : group->input.plans) {
      if (auto it = mbo.find(group->data.seller_ids[sp.seller]); it != mbo.end()) {
        sp.mbo_scores = it->second;
      }
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<SandboxSeller>> RunManager::CalculateSandbox(
    const std::string& label, std::shared_ptr<const plan::Plan> substitute) {
  auto period = ParsePeriod(label, settings_.fiscal_year_start_month);
  if (!period.ok()) return period.status();
  auto session = pool_->Acquire();
  if (!session.ok()) return session.status();
  StageTracker untracked(pool_, 0);
  auto loaded = Load(*period, **session, untracked, std::move(substitute));
  if (!loaded.ok()) return loaded.status();
  if (auto added = AddOwnInputs(*period, **session, *loaded); !added.ok()) return added;
  std::vector<SandboxSeller> out;
  for (const auto& group : loaded->groups) {
    auto results = CalculatePeriod(group->input, settings_.threads);
    if (!results.ok()) return results.status();
    for (SellerResult& result : *results) {
      out.push_back({group->data.seller_ids[result.seller], result.plan_id, result.plan_version,
                     group->currency, std::move(result.components), std::move(result.statement)});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const SandboxSeller& a, const SandboxSeller& b) { return a.seller_id < b.seller_id; });
  return out;
}

absl::StatusOr<std::unique_ptr<PeriodInputs>> RunManager::LoadPeriodInputs(const std::string& label) {
  auto period = ParsePeriod(label, settings_.fiscal_year_start_month);
  if (!period.ok()) return period.status();
  auto session = pool_->Acquire();
  if (!session.ok()) return session.status();
  StageTracker untracked(pool_, 0);
  auto loaded = Load(*period, **session, untracked);
  if (!loaded.ok()) return loaded.status();
  if (auto added = AddOwnInputs(*period, **session, *loaded); !added.ok()) return added;
  auto out = std::make_unique<PeriodInputs>();
  out->period = *period;
  out->planning = loaded->planning;
  out->fx_rates = std::move(loaded->fx_rates);
  out->plans = std::move(loaded->plans);
  out->groups = std::move(loaded->groups);
  out->transactions = loaded->transactions;
  return out;
}

namespace {

bool InRange(std::string_view date, const std::string& first, const std::string& last) {
  return date >= first && date <= last;  // YYYY-MM-DD compares as text
}

// The linked reversals the run settles: the kept run's, less the versions replaced since,
// plus the new ones.
std::vector<LinkedReversal> MergeSettled(const std::vector<LinkedReversal>& kept,
                                         const std::vector<LinkedReversal>& replaced,
                                         const std::vector<LinkedReversal>& added) {
  absl::flat_hash_set<std::string> gone;
  for (const LinkedReversal& r : replaced) gone.insert(TransactionKeyOf(r.source_system, r.transaction_id));
  std::vector<LinkedReversal> out;
  for (const LinkedReversal& r : kept) {
    if (!gone.contains(TransactionKeyOf(r.source_system, r.transaction_id))) out.push_back(r);
  }
  out.insert(out.end(), added.begin(), added.end());
  return out;
}

}  // namespace

absl::StatusOr<LoadedRun> RunManager::Load(const Period& period, db::PgConn& session,
                                           StageTracker& stages,
                                           std::shared_ptr<const plan::Plan> substitute,
                                           std::shared_ptr<const KeptPeriod> base) {
  LoadedRun loaded;
  stages.Begin(v1::CALCULATION_STAGE_LOAD, 0);
  auto planning = planning_->Snapshot(period.year_start, period.last);
  if (!planning.ok()) return planning.status();
  loaded.planning = *planning;
  auto reader = pool_->Acquire();
  if (!reader.ok()) return reader.status();
  auto snapshot = store::OpenSnapshot(session, **reader);
  if (!snapshot.ok()) return snapshot.status();
  loaded.snapshot = *snapshot;
  // Why this run cannot start from `base` ("" while it can).
  std::string full_reason;
  absl::Status status = [&]() -> absl::Status {
    auto plans = store::LoadPlansInForce(**reader, period.year_start, period.last);
    if (!plans.ok()) return plans.status();
    loaded.plans_key = PlansKey(*plans);
    if (base != nullptr && base->plans_key == loaded.plans_key) {
      loaded.plans = base->plans;  // the very plan objects the kept sums are keyed by
    } else {
      if (base != nullptr) full_reason = "plans or plan assignments changed since the kept run";
      loaded.plans = std::make_shared<store::PlansInForce>(*std::move(plans));
    }
    if (substitute != nullptr) {
      for (store::PlanVersionInForce& v : loaded.plans->versions) {
        if (v.plan->plan_id == substitute->plan_id) v.plan = substitute;
      }
    }
    std::vector<ResolvedPlan> resolved = ResolvePlans(*loaded.planning, *loaded.plans, period);
    auto adjustments = adjustments_(**reader, period.label);
    if (!adjustments.ok()) return adjustments.status();
    std::map<std::string, std::vector<ResolvedPlan>> groups = ByCurrency(std::move(resolved));
    std::vector<std::unique_ptr<fx::FxTable>> tables;
    bool year_to_date = false;
    store::ReadFields fields{.keys = false, .attributes = false};  // what the builders keep
    std::vector<BuildOptions> options;
    for (const auto& [currency, plans_of] : groups) {
      auto rates = store::LoadFxRates(**reader, currency, absl::CivilMonth(period.year_start),
                                      absl::CivilMonth(period.last));
      if (!rates.ok()) return rates.status();
      loaded.fx_rates.insert(loaded.fx_rates.end(), rates->begin(), rates->end());
      tables.push_back(std::make_unique<fx::FxTable>(TableOf(*rates)));
      options.push_back(BuildOptions{.keep_keys = false,
                                     .keep_attributes = ReadsAttributes(plans_of),
                                     .threads = settings_.threads});
      year_to_date = year_to_date || AnyYearToDate(plans_of);
      fields.attributes = fields.attributes || ReadsAttributes(plans_of);
    }
    const auto same_rates = [](const std::vector<fx::FxRate>& a, const std::vector<fx::FxRate>& b) {
      return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const fx::FxRate& x, const fx::FxRate& y) {
        return x.from_currency == y.from_currency && x.to_currency == y.to_currency &&
               x.month == y.month && x.rate == y.rate;
      });
    };
    // The planning source hands out the same snapshot object while planning is unchanged:
    // then the key needs no serializing (megabytes at a hundred thousand accounts).
    if (base != nullptr && base->planning == loaded.planning && same_rates(base->fx_rates, loaded.fx_rates)) {
      loaded.inputs_key = base->inputs_key;  // and the kept run stored them
    } else {
      loaded.inputs_body = SerializeRunInputs(*loaded.planning, loaded.fx_rates);
      loaded.inputs_key = InputsKey(loaded.inputs_body);
    }
    if (base != nullptr && full_reason.empty()) {
      if (base->inputs_key != loaded.inputs_key) {
        full_reason = "planning data or FX rates changed since the kept run";
      } else if (base->groups.size() != groups.size()) {
        full_reason = "the plans' currencies changed since the kept run";
      }
    }
    auto make_builders = [&] {
      std::vector<RunInputBuilder> builders;
      size_t i = 0;
      for (const auto& [currency, plans_of] : groups) {
        builders.emplace_back(loaded.planning, period, currency, tables[i].get(), options[i]);
        ++i;
      }
      return builders;
    };
    std::vector<RunInputBuilder> builders = make_builders();
    std::vector<RunInputBuilder> replaced;  // incremental: the versions replaced since the base
    stages.End(0);

    // CLASSIFY: each transaction read once, converted and indexed for every currency.
    stages.Begin(v1::CALCULATION_STAGE_CLASSIFY, 0);
    const absl::CivilDay first = year_to_date ? period.year_start : period.first;
    bool incremental = base != nullptr && full_reason.empty() && !builders.empty();
    int64_t replaced_rows = 0;
    if (incremental) {
      // Only what changed since the base's watermark, whatever its dates (a changed deal that
      // a linked reversal names matters wherever it is dated); rows outside the read's range
      // are counted nowhere, as in a full read.
      replaced = make_builders();
      const std::string first_text = dates::Format(first), last_text = dates::Format(period.last);
      int64_t added = 0, removed = 0;
      auto sink = [&](std::vector<RunInputBuilder>& into, int64_t& count) {
        return [&](const store::TransactionRowView& row) -> absl::Status {
          if (base->linked_originals.contains(TransactionKeyOf(row.source_system, row.transaction_id))) {
            full_reason = "a changed transaction is the deal of a linked reversal";
          }
          if (!full_reason.empty() || !InRange(row.date, first_text, last_text)) return absl::OkStatus();
          for (RunInputBuilder& b : into) {
            if (auto added_row = b.Add(row); !added_row.ok()) return added_row;
          }
          ++count;
          return absl::OkStatus();
        };
      };
      auto read = store::ReadTransactionChanges(**reader, base->import_watermark, sink(builders, added),
                                                sink(replaced, removed), fields);
      if (!read.ok()) return read;
      if (full_reason.empty()) {
        loaded.transactions = base->transactions + added - removed;
        replaced_rows = removed;
        stages.End(added + removed);
      } else {
        incremental = false;
        builders = make_builders();
        replaced.clear();
      }
    }
    if (!incremental) {
      int64_t read_count = 0;
      if (!builders.empty()) {
        auto estimate = store::EstimateTransactions(**reader, first, period.last);
        if (!estimate.ok()) return estimate.status();
        for (RunInputBuilder& b : builders) b.Reserve(*estimate);
        auto read = store::ReadTransactions(**reader, first, period.last,
                                            [&](const store::TransactionRowView& row) -> absl::Status {
                                              for (RunInputBuilder& b : builders) {
                                                if (auto added = b.Add(row); !added.ok()) return added;
                                              }
                                              if ((++read_count & 0xffff) == 0) stages.Items(read_count);
                                              return absl::OkStatus();
                                            },
                                            fields);
        if (!read.ok()) return read;
      }
      loaded.transactions = read_count;
      stages.End(read_count);
    }
    stages.set_transactions(loaded.transactions);

    // Quotas from planning, for the sellers whose assignment names a quota measure.
    std::vector<std::string> period_sellers;
    std::vector<std::string> ytd_sellers;
    for (const auto& [currency, plans_of] : groups) {
      for (const ResolvedPlan& r : plans_of) {
        if (r.assignment->quota_measure_id.empty()) continue;
        (QuotaIsYearToDate(r) ? ytd_sellers : period_sellers).push_back(r.seller_id);
      }
    }
    absl::flat_hash_map<std::string, Decimal> quotas;
    for (const auto& [sellers, from] : {std::pair{&period_sellers, period.first},
                                        std::pair{&ytd_sellers, period.year_start}}) {
      if (sellers->empty()) continue;
      auto got = planning_->Quotas(*sellers, from, period.last);
      if (!got.ok()) return got.status();
      quotas.insert(got->begin(), got->end());
    }
    size_t index = 0;
    for (auto& [currency, plans_of] : groups) {
      if (incremental) {
        // The replaced versions' sums are taken away per plan: the same plans, no other inputs.
        // Nothing replaced (new deals only): nothing to take away.
        std::unique_ptr<RunInputs> taken;
        if (replaced_rows > 0) {
          auto finished = std::move(replaced[index]).Finish(plans_of, {}, {}, settings_.roll_up);
          if (!finished.ok()) return finished.status();
          taken = *std::move(finished);
        }
        loaded.replaced.push_back(std::move(taken));
      }
      auto finished = std::move(builders[index++]).Finish(std::move(plans_of), quotas, *adjustments,
                                                          settings_.roll_up);
      if (!finished.ok()) return finished.status();
      loaded.groups.push_back(*std::move(finished));
    }
    if (incremental) {
      loaded.base = base;
      loaded.linked_originals = base->linked_originals;
      for (size_t g = 0; g < loaded.groups.size(); ++g) {
        RunInputs& group = *loaded.groups[g];
        if (group.currency != base->groups[g].currency) {
          return absl::InternalError("the kept run's currency groups differ from this run's");
        }
        loaded.linked_originals.insert(group.linked_originals.begin(), group.linked_originals.end());
        group.settled_reversals = MergeSettled(
            base->groups[g].settled_reversals,
            loaded.replaced[g] == nullptr ? std::vector<LinkedReversal>{} : loaded.replaced[g]->settled_reversals,
            group.settled_reversals);
      }
    } else if (!loaded.groups.empty()) {
      loaded.linked_originals = loaded.groups.front()->linked_originals;
    }
    return absl::OkStatus();
  }();
  auto ended = (*reader)->Exec(status.ok() ? "COMMIT" : "ROLLBACK");
  if (!status.ok()) return status;
  if (!ended.ok()) return ended.status();
  loaded.full_reason = std::move(full_reason);
  return loaded;
}

namespace {

// One seller's statement as the run stores it, with what the next run may carry.
struct RunStatement {
  store::StatementRow row;
  std::string digest_bytes;
  std::string inputs_key;
};

}  // namespace

absl::Status RunManager::Execute(const store::RunRow& run, db::PgPool::Lease session) {
  StageTracker stages(pool_, run.run_id);
  auto period = ParsePeriod(run.period, settings_.fiscal_year_start_month);
  absl::Status status = period.status();
  std::shared_ptr<const KeptPeriod> base;
  if (status.ok() && run.incremental_requested) base = Kept(run.period);
  std::shared_ptr<KeptPeriod> keep;  // the state this run leaves for the next one
  if (status.ok()) {
    status = [&]() -> absl::Status {
      auto loaded = Load(*period, *session, stages, nullptr, base);
      if (!loaded.ok()) return loaded.status();
      if (auto added = AddCarriedInputs(*period, *session, *loaded); !added.ok()) return added;
      const bool incremental = loaded->base != nullptr;
      std::string full_reason = loaded->full_reason;
      if (run.incremental_requested && base == nullptr) {
        full_reason = "no earlier run of the period is kept by the process that ran this one";
      }

      // CREDIT and MEASURE run fused in memory (credit templates summed as they are made);
      // an incremental run credits only the changed versions and adds their sums to the kept
      // ones (the replaced versions' taken away).
      int64_t sellers = 0;
      for (const auto& group : loaded->groups) sellers += static_cast<int64_t>(group->input.plans.size());
      // What this run credits: every transaction, or only the changed versions.
      int64_t credited = loaded->transactions;
      if (incremental) {
        credited = 0;
        for (const auto* inputs : {&loaded->groups, &loaded->replaced}) {
          for (const auto& group : *inputs) {
            if (group != nullptr) credited += static_cast<int64_t>(group->input.transactions.size());
          }
        }
      }
      stages.Begin(v1::CALCULATION_STAGE_CREDIT, credited);
      stages.End(credited);
      stages.Begin(v1::CALCULATION_STAGE_MEASURE, credited);
      std::vector<PeriodMeasures> measures;
      std::vector<absl::flat_hash_set<uint32_t>> touched(loaded->groups.size());
      for (size_t g = 0; g < loaded->groups.size(); ++g) {
        auto summed = PeriodMeasures::Sum(loaded->groups[g]->input, settings_.threads);
        if (!summed.ok()) return summed.status();
        if (!incremental) {
          measures.push_back(*std::move(summed));
          continue;
        }
        PeriodMeasures sums = loaded->base->groups[g].measures;
        if (auto merged = sums.Merge(*summed, false); !merged.ok()) return merged;
        for (uint32_t s : summed->CreditedSellers()) touched[g].insert(s);
        if (loaded->replaced[g] != nullptr) {
          auto taken = PeriodMeasures::Sum(loaded->replaced[g]->input, settings_.threads);
          if (!taken.ok()) return taken.status();
          if (auto merged = sums.Merge(*taken, true); !merged.ok()) return merged;
          for (uint32_t s : taken->CreditedSellers()) touched[g].insert(s);
        }
        measures.push_back(std::move(sums));
      }
      stages.End(credited);

      // INCENTIVE per seller: a seller whose sums and other inputs are those of the kept
      // run keeps its statement; the others are evaluated.
      const std::string run_name = statements::RunName(run.period, run.run_number);
      std::vector<RunStatement> rows;
      int64_t recalculated = 0;
      stages.Begin(v1::CALCULATION_STAGE_INCENTIVE, sellers);
      for (size_t g = 0; g < loaded->groups.size(); ++g) {
        const RunInputs& inputs = *loaded->groups[g];
        for (const SellerPlan& sp : inputs.input.plans) {
          if (sp.plan == nullptr || sp.seller >= inputs.input.sellers) continue;
          const std::string& seller_id = inputs.data.seller_ids[sp.seller];
          RunStatement out;
          out.inputs_key = SellerInputsKey(sp);
          if (incremental && !touched[g].contains(sp.seller)) {
            auto kept = loaded->base->statements.find(seller_id);
            if (kept != loaded->base->statements.end() && kept->second.inputs_key == out.inputs_key) {
              out.row = kept->second.row;
              out.digest_bytes = kept->second.digest_bytes;
              rows.push_back(std::move(out));
              continue;
            }
          }
          auto result = measures[g].Evaluate(sp);
          if (!result.ok()) return result.status();
          ++recalculated;
          // The digest leaves out the run's own name, so equal inputs give equal digests.
          out.digest_bytes = SerializeDeterministic(
              ToStatementProto({seller_id, run.period, "", sp.plan.get(), &sp}, *result));
          out.row.seller_id = seller_id;
          out.row.plan_id = result->plan_id;
          out.row.currency = sp.plan->currency;
          out.row.total = result->statement.total;
          out.row.managers = ManagersOn(inputs, sp.seller, inputs.input.period.last);
          rows.push_back(std::move(out));
        }
      }
      stages.End(sellers);

      // RESULTS: statements in seller order, a digest over them, one publishing transaction.
      stages.Begin(v1::CALCULATION_STAGE_RESULTS, sellers);
      std::sort(rows.begin(), rows.end(), [](const RunStatement& a, const RunStatement& b) {
        return a.row.seller_id < b.row.seller_id;
      });
      transactions::Sha256 digest;
      std::map<std::string, Decimal> totals;
      std::vector<store::StatementRow> statements;
      statements.reserve(rows.size());
      for (RunStatement& s : rows) {
        digest.Field(s.row.seller_id);
        digest.Field(s.digest_bytes);
        auto sum = totals[s.row.currency].Add(s.row.total);
        if (!sum.ok()) return sum.status();
        totals[s.row.currency] = *sum;
        store::StatementRow& stored = statements.emplace_back(s.row);
        auto body = WithRunName(s.digest_bytes, run_name);
        if (!body.ok()) return body.status();
        stored.body = *std::move(body);
      }
      nlohmann::json payable = nlohmann::json::object();
      for (const auto& [currency, total] : totals) payable[currency] = total.ToFixed(2);
      stages.End(static_cast<int64_t>(statements.size()));
      store::RunSummary summary{loaded->transactions, stages.Json(), Hex(digest.Finish()),
                                loaded->snapshot.import_watermark, loaded->snapshot.as_of_micros,
                                loaded->inputs_key, payable.dump(), incremental, full_reason,
                                recalculated};
      if (!loaded->inputs_body.empty()) {
        if (auto stored = store::StoreInputs(*session, loaded->inputs_key, loaded->inputs_body);
            !stored.ok()) {
          return stored;
        }
      }
      if (auto begun = session->Exec("BEGIN"); !begun.ok()) return begun.status();
      // The period's row stays locked to the commit: an approval waits for the publication
      // or, if it came first, the run fails here instead of replacing approved results.
      auto before = CheckPeriodRunnable(*session, run.period, /*for_update=*/true);
      absl::Status published =
          before.ok() ? store::PublishRun(*session, run.run_id, run.period, summary, statements)
                      : before.status();
      if (published.ok()) {
        published = store::RecordPublication(*session, run.period, *before, run.run_id,
                                             run.creator, absl::StrCat("run ", run_name, " published"));
      }
      if (published.ok()) {
        // In the publishing transaction: the event exists exactly when the results do.
        published = events::Append(
            *session, "compensation.run.published", "periods/" + run.period,
            absl::StrCat("{\"period\":\"", run.period, "\",\"run\":\"", run_name,
                         "\",\"statements\":", statements.size(), "}"));
      }
      auto ended_publish = session->Exec(published.ok() ? "COMMIT" : "ROLLBACK");
      if (!published.ok()) return published;
      if (!ended_publish.ok()) return ended_publish.status();

      keep = std::make_shared<KeptPeriod>();
      keep->period = run.period;
      keep->import_watermark = loaded->snapshot.import_watermark;
      keep->inputs_key = loaded->inputs_key;
      keep->plans_key = loaded->plans_key;
      keep->planning = loaded->planning;
      keep->fx_rates = loaded->fx_rates;
      keep->plans = loaded->plans;
      for (size_t g = 0; g < loaded->groups.size(); ++g) {
        keep->groups.push_back({loaded->groups[g]->currency, std::move(measures[g]),
                                std::move(loaded->groups[g]->settled_reversals)});
      }
      keep->linked_originals = std::move(loaded->linked_originals);
      keep->transactions = loaded->transactions;
      for (RunStatement& s : rows) {
        std::string seller_id = s.row.seller_id;
        keep->statements.emplace(std::move(seller_id),
                                 KeptStatement{std::move(s.row), std::move(s.digest_bytes),
                                               std::move(s.inputs_key)});
      }
      return absl::OkStatus();
    }();
  }
  if (status.ok()) Keep(std::move(keep));
  if (status.ok() && published_) published_(run.period, run.run_id);
  if (!status.ok()) {
    if (auto conn = pool_->Acquire(); conn.ok()) {
      (void)store::FailRun(**conn, run.run_id, std::string(status.message()));
    }
  }
  (void)store::UnlockPeriod(*session, run.period);
  return status;
}

std::shared_ptr<const KeptPeriod> RunManager::Kept(const std::string& period) {
  absl::MutexLock lock(&kept_mu_);
  for (const auto& kept : kept_) {
    if (kept->period == period) return kept;
  }
  return nullptr;
}

void RunManager::Keep(std::shared_ptr<const KeptPeriod> kept) {
  absl::MutexLock lock(&kept_mu_);
  std::erase_if(kept_, [&](const auto& k) { return k->period == kept->period; });
  kept_.push_back(std::move(kept));
  // The periods run most recently; each holds its sums and statements (tens of MB at 10 k
  // sellers).
  while (kept_.size() > kKeptPeriods) kept_.erase(kept_.begin());
}

absl::StatusOr<v1::CalculationRun> RunManager::Describe(store::RunRow run) {
  if (run.state == "RUNNING" || run.state == "QUEUED") {
    // A run whose period lock nobody holds belongs to a process that stopped.
    auto session = pool_->Acquire();
    if (!session.ok()) return session.status();
    auto free = store::TryLockPeriod(**session, run.period);
    if (!free.ok()) return free.status();
    if (*free) {
      absl::Status abandoned = store::AbandonRun(**session, run.run_id);
      (void)store::UnlockPeriod(**session, run.period);
      if (!abandoned.ok()) return abandoned;
      auto reread = store::GetRun(**session, run.period, run.run_number);
      if (!reread.ok()) return reread.status();
      if (*reread) run = **reread;
    }
  }
  v1::CalculationRun out;
  out.set_name(statements::RunName(run.period, run.run_number));
  out.set_period(run.period);
  out.set_run_number(run.run_number);
  out.set_state(StateOf(run.state));
  for (const v1::StageProgress& stage : ParseStages(run.stages_json)) *out.add_stages() = stage;
  if (out.stages_size() > 0) out.set_stage(out.stages(out.stages_size() - 1).stage());
  out.set_published(run.published);
  out.set_error_message(run.error_message);
  *out.mutable_create_time() = TimeUtil::MicrosecondsToTimestamp(run.create_micros);
  if (run.end_micros) *out.mutable_end_time() = TimeUtil::MicrosecondsToTimestamp(*run.end_micros);
  out.set_creator(run.creator);
  out.set_transaction_count(run.transaction_count);
  out.set_statement_count(run.statement_count);
  out.set_results_digest(run.results_digest);
  out.set_incremental_requested(run.incremental_requested);
  out.set_incremental(run.incremental);
  out.set_full_reason(run.full_reason);
  out.set_recalculated_count(run.recalculated_count);
  if (run.inputs_as_of_micros) {
    *out.mutable_inputs_as_of() = TimeUtil::MicrosecondsToTimestamp(*run.inputs_as_of_micros);
  }
  const nlohmann::json payable = nlohmann::json::parse(run.total_payable_json, nullptr, false);
  if (payable.is_object()) {
    for (const auto& [currency, total] : payable.items()) {
      if (total.is_string()) (*out.mutable_total_payable())[currency] = total.get<std::string>();
    }
  }
  return out;
}

absl::StatusOr<v1::CalculationRun> RunManager::Get(const v1::GetCalculationRunRequest& request) {
  auto name = ParseRunName(request.name());
  if (!name.ok()) return name.status();
  auto conn = pool_->Acquire();
  if (!conn.ok()) return conn.status();
  auto run = store::GetRun(**conn, name->first, name->second);
  if (!run.ok()) return run.status();
  if (!*run) return absl::NotFoundError(absl::StrCat("no run ", request.name()));
  return Describe(**run);
}

absl::StatusOr<v1::ListCalculationRunsResponse> RunManager::List(
    const v1::ListCalculationRunsRequest& request) {
  auto page_size = server::EffectivePageSize(request.page_size());
  if (!page_size.ok()) return page_size.status();
  const int size = *page_size;
  int64_t before = 0;
  if (!request.page_token().empty()) {
    auto last = server::DecodePageToken(request.page_token(), request.period());
    if (!last.ok()) return last.status();
    if (!absl::SimpleAtoi(*last, &before)) return errors::InvalidField("page_token", "is not valid");
  }
  auto conn = pool_->Acquire();
  if (!conn.ok()) return conn.status();
  auto runs = store::ListRuns(**conn, request.period(), before, size + 1);
  if (!runs.ok()) return runs.status();
  v1::ListCalculationRunsResponse out;
  const bool more = static_cast<int>(runs->size()) > size;
  if (more) runs->resize(size);
  for (store::RunRow& row : *runs) {
    auto described = Describe(row);
    if (!described.ok()) return described.status();
    *out.add_runs() = *std::move(described);
  }
  if (more) {
    out.set_next_page_token(server::EncodePageToken(request.period(), absl::StrCat(runs->back().run_id)));
  }
  return out;
}

}  // namespace attain::compensation::calculation

#pragma once
// Turns what a calculation run read (planning's organization, the period's transactions as
// stored, the plans and assignments in force, quotas and adjustments) into the in-memory
// PeriodInput the engine calculates: dense indices, transactions converted into the plan
// currency, the organization indexed, one SellerPlan per paid seller. Pure: no I/O; the run
// and the explanation replay share it, so both see exactly the same inputs.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "services/compensation/calculation/period_calculation.h"
#include "services/compensation/calculation/period_label.h"
#include "services/compensation/calculation/planning_snapshot.h"
#include "services/compensation/fx/fx_rate.h"
#include "services/compensation/store/calculation_store.h"
#include "services/compensation/store/plan_store.h"

namespace attain::compensation::calculation {

// Who receives roll-up credit: managers up to `max_depth` levels, and only those whose
// title is listed (empty = every manager).
struct RollUpSettings {
  int max_depth = 2;
  std::vector<std::string> titles;
};

// A paid seller's plan for the period, resolved from the assignments (docs/compensation.md):
// the assignment in force on the period's last day (else the latest one overlapping the
// period), a direct one before a title one; the plan version in force on the same day.
struct ResolvedPlan {
  std::string seller_id;
  const store::PlanVersionInForce* version = nullptr;
  const store::AssignmentInForce* assignment = nullptr;
};

// Sellers of the snapshot whose plan pays in periods of `period`'s kind, by seller id.
std::vector<ResolvedPlan> ResolvePlans(const PlanningSnapshot& planning,
                                       const store::PlansInForce& plans, const Period& period);

// The one currency every resolved plan pays in. FAILED_PRECONDITION when they differ (a run
// converts every transaction into one currency).
absl::StatusOr<std::string> RunCurrency(const std::vector<ResolvedPlan>& plans);

// A manual adjustment of the period (comp admin): money on the statement, or credit added
// to a measure before the plan is evaluated.
struct RunAdjustment {
  std::string adjustment_id;
  std::string seller_id;
  bool credit = false;
  money::Decimal amount;
  std::string measure_id;  // credit adjustments
  std::string reason;
  std::string author;
};

struct TransactionKey {
  std::string source_system;
  std::string transaction_id;
  int version = 0;
};

// The run's transactions with the text their filters read.
class RunTransactions final : public TransactionFields {
 public:
  std::string_view Text(size_t index, std::string_view variable) const override;

  std::vector<credit::Transaction> transactions;
  std::vector<credit::SplitShare> splits;  // the transactions' split lists
  std::vector<TransactionKey> keys;       // explanations only (empty in a run)
  std::vector<std::string> attributes;    // raw JSON per transaction, when a condition reads them
  std::vector<uint32_t> source_of;        // index into `sources`
  std::vector<std::string> sources;
  std::vector<std::string> account_ids;   // by account index
  std::vector<std::string> product_ids;   // by product index
  std::vector<std::string> family_names;  // by family index
  std::vector<uint32_t> family_of_product;  // family index by product index (kNone: none)
  std::vector<std::string> seller_ids;    // by seller index
};

// A cancellation or refund naming the deal it reverses, when the deal is dated in an earlier
// period (of the run's kind) than the reversal: the reversal is settled as a clawback against
// what that period paid (clawbacks.h) and counts in no measure — its own period's would
// reverse the deal a second time, at today's tier. A row the builder keeps (owned), so the
// clawback can credit it again as the original period credited the deal.
struct LinkedReversal {
  std::string original_period;  // the deal's period label
  absl::CivilDay date;           // the reversal's
  absl::CivilDay original_date;  // the deal's
  std::string source_system, transaction_id, original_transaction_id, type, account_id,
      product_id, amount, currency;
  std::optional<std::string> quantity, margin, owner_seller_id, splits, attributes;

  // The reversal as if dated on the deal's date and not linked (so a builder of the original
  // period credits it as it credited the deal). Views into this object.
  store::TransactionRowView AsOriginalDated(std::string* date_text) const;
};

// When `row` is a linked reversal settled by clawback (above): the deal's period and both
// dates; else nullopt. `run_period` gives the period kind and fiscal year.
struct SettledReversal {
  std::string original_period;
  absl::CivilDay date;
  absl::CivilDay original_date;
};
std::optional<SettledReversal> SettledAgainstPeriod(const store::TransactionRowView& row,
                                                    const Period& run_period);

struct BuildOptions {
  bool keep_keys = false;        // explanations need each transaction's key
  bool keep_attributes = false;  // only when a filter condition reads txn.attr.*
  int threads = 1;               // for putting the transactions in order in Finish
};

// Everything CalculatePeriod needs, owning what PeriodInput points into.
struct RunInputs {
  Period period;
  std::string currency;
  std::vector<ResolvedPlan> resolved;
  RunTransactions data;
  std::unique_ptr<credit::OrgIndex> org;
  PeriodInput input;
  absl::flat_hash_map<std::string, uint32_t> seller_index;
  std::vector<std::string> territory_ids;  // by territory index
  // The linked reversals dated in the period, kept out of the transactions (LinkedReversal).
  std::vector<LinkedReversal> settled_reversals;
  // TransactionKeyOf each deal a linked reversal among the rows names (settled or not).
  absl::flat_hash_set<std::string> linked_originals;
};

// "{source}\0{transaction id}".
std::string TransactionKeyOf(std::string_view source_system, std::string_view transaction_id);

class RunInputBuilder {
 public:
  // `fx` converts transaction amounts into `currency`; it must outlive the builder.
  RunInputBuilder(std::shared_ptr<const PlanningSnapshot> planning, Period period,
                  std::string currency, const fx::FxTable* fx, BuildOptions options);

  // One stored transaction (store::ReadTransactions / ReplayTransactions order is free).
  // Called once per row of the period: ids are looked up without copies and the FX rate of
  // a (currency, month) is looked up once.
  absl::Status Add(const store::TransactionRowView& row);
  size_t added() const { return inputs_->data.transactions.size(); }
  // Room for about `rows` more rows (an estimate; capped), so a large period's arrays are not
  // regrown and copied while it streams in.
  void Reserve(int64_t rows);

  // Sorts the transactions (account, date, source, id: any load order gives the same
  // inputs) and assembles the PeriodInput for `resolved`'s sellers with their quotas
  // (seller id -> quota of the assignment's quota measure) and adjustments.
  absl::StatusOr<std::unique_ptr<RunInputs>> Finish(
      std::vector<ResolvedPlan> resolved, const absl::flat_hash_map<std::string, money::Decimal>& quotas,
      const std::vector<RunAdjustment>& adjustments, const RollUpSettings& roll_up) &&;

 private:
  uint32_t Intern(std::string_view id, std::vector<std::string>* names,
                  absl::flat_hash_map<std::string, uint32_t>* index);
  uint32_t SellerIndex(std::string_view seller_id);
  // The day of a stored date (the previous row's, when the text is the same).
  absl::StatusOr<credit::Day> DayOf(std::string_view date, absl::CivilMonth* month);
  // `amount` in `currency` dated in `month`, in the run's currency: exactly what
  // FxTable::Convert gives, with the rate looked up once per (currency, month).
  absl::StatusOr<money::Decimal> Converted(money::Decimal amount, std::string_view currency,
                                           absl::CivilMonth month);
  // Appends the shares of a stored splits column to the split table as `t`'s split list.
  absl::Status AddSplits(std::string_view json, credit::Transaction& t);

  std::shared_ptr<const PlanningSnapshot> planning_;
  const fx::FxTable* fx_;
  BuildOptions options_;
  std::unique_ptr<RunInputs> inputs_;
  absl::flat_hash_map<std::string, uint32_t> account_index_;
  absl::flat_hash_map<std::string, uint32_t> territory_index_;
  std::vector<std::string> territory_ids_;
  absl::flat_hash_map<std::string, uint32_t> source_index_;
  uint32_t last_source_ = 0;  // the previous row's source index
  std::string last_date_;     // the previous row's date text and what it parsed to
  credit::Day last_day_ = 0;
  absl::CivilMonth last_month_;
  // (currency, month) -> rate into the run's currency (1 unit converted), or why there is none.
  absl::flat_hash_map<std::pair<std::string, int64_t>, absl::StatusOr<money::Decimal>> rates_;
};

// What a run stores so an explanation can rebuild its inputs exactly: planning's snapshot
// and the FX rates it converted with (a rate corrected later must not change the replay).
struct StoredRunInputs {
  std::shared_ptr<const PlanningSnapshot> planning;
  std::vector<fx::FxRate> fx_rates;
};
std::string SerializeRunInputs(const PlanningSnapshot& planning, const std::vector<fx::FxRate>& rates);
absl::StatusOr<StoredRunInputs> ParseRunInputs(std::string_view body);
fx::FxTable TableOf(const std::vector<fx::FxRate>& rates);

// Whether any plan's filter condition reads a transaction's attributes (txn.attr.*).
bool ReadsAttributes(const std::vector<ResolvedPlan>& plans);

// The seller's managers on `day`, nearest first (stops at a cycle).
std::vector<std::string> ManagersOn(const RunInputs& inputs, uint32_t seller, credit::Day day);

}  // namespace attain::compensation::calculation

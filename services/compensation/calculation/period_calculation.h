#pragma once
// One period's calculation in memory: every transaction of the year to date credited once,
// every plan's measures and SPIFs summed per seller in one pass, then each seller's plan
// evaluated into component results and a statement. Pure: the caller loads the inputs
// (transactions, organization, plans, quotas) and publishes the results.
//
// Deterministic: the same inputs give identical results for any thread count and any
// transaction order (sums are exact; sellers come out by index).

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "services/compensation/calculation/plan_expressions.h"
#include "services/compensation/engine/calc/incentive.h"
#include "services/compensation/engine/calc/statement.h"
#include "services/compensation/engine/credit/filters.h"
#include "services/compensation/engine/credit/measures.h"
#include "services/compensation/engine/credit/org_index.h"
#include "services/compensation/engine/plan/plan.h"

namespace attain::compensation::calculation {

using money::Decimal;

// The fields of a transaction that filter conditions read and the engine's Transaction
// lacks (strings live with the caller).
class TransactionFields {
 public:
  virtual ~TransactionFields() = default;
  // txn.source, txn.account, txn.product, txn.product_family, txn.attr.<key> of
  // transaction `index`; "" when absent.
  virtual std::string_view Text(size_t index, std::string_view variable) const = 0;
};

// A seller's plan for the period and what it is paid against.
struct SellerPlan {
  uint32_t seller = credit::kNone;
  std::shared_ptr<const plan::Plan> plan;
  Decimal target_incentive;
  absl::flat_hash_map<std::string, Decimal> parameters;  // overrides of the plan's defaults
  // Quota per measure id (the assignment's quota measure gets the seller's planning quota;
  // a year-to-date measure's quota is year to date).
  absl::flat_hash_map<std::string, Decimal> quotas;
  std::vector<calc::Adjustment> adjustments;
  // Manual credit per measure id, added to the credited sum before the plan is evaluated.
  absl::flat_hash_map<std::string, Decimal> credit_adjustments;
  // Entered MBO scores per component id.
  absl::flat_hash_map<std::string, Decimal> mbo_scores;
  // What the seller owed at the period's start (balances.h).
  Decimal opening_balance;
  // Prior-period true-ups (true_ups.h), in period order.
  std::vector<calc::Adjustment> true_ups;
  // Linked reversals of deals paid in earlier periods (clawbacks.h).
  std::vector<calc::Clawback> clawbacks;
};

struct PeriodInput {
  std::span<const credit::Transaction> transactions;  // the year to date, through period end
  std::span<const credit::SplitShare> splits;         // the table their split lists point into
  const TransactionFields* fields = nullptr;
  const credit::OrgIndex* org = nullptr;
  credit::RollUpPolicy roll_up;
  size_t sellers = 0;  // seller index space
  credit::DayRange period;
  credit::Day year_start = 0;
  // Dense indices of product families and products, as the transactions use them, and each
  // product's family (by product index; kNone = none, as for products beyond the end).
  absl::flat_hash_map<std::string, uint32_t> family_index;
  absl::flat_hash_map<std::string, uint32_t> product_index;
  std::span<const uint32_t> family_of_product;
  std::vector<SellerPlan> plans;  // at most one per seller
};

struct SellerResult {
  uint32_t seller = credit::kNone;
  std::string plan_id;
  int plan_version = 0;
  std::vector<calc::ComponentResult> components;
  calc::Statement statement;
};

// Which credited transactions a measure sums (its filter over its date range: the period,
// or the year to date) and which count as a SPIF's deals (its window within the period),
// exactly as CalculatePeriod applies them. SPIF deals are counted with kSpifSpec.
absl::StatusOr<credit::CompiledFilter> MeasureFilter(const plan::Measure& measure,
                                                     const PeriodInput& input);
absl::StatusOr<credit::CompiledFilter> SpifFilter(const plan::Component& spif,
                                                  const PeriodInput& input);
inline constexpr credit::MeasureSpec kSpifSpec{credit::Basis::kDeals, /*direct_only=*/true};

// One of a plan's credited sums: a measure (id = measure id) or a SPIF's qualifying deals
// (id = component id), with the filter and basis CalculatePeriod sums it with.
struct PlanSlot {
  std::string id;
  bool spif = false;
  credit::CompiledFilter filter;
  credit::MeasureSpec spec;
};

// The plan's measures in plan order, then its SPIFs: what CalculatePeriod sums, and what
// crediting transactions outside a run (clawbacks, estimates) must apply the same way.
absl::StatusOr<std::vector<PlanSlot>> CompilePlanSlots(const plan::Plan& plan, const PeriodInput& input);

// Credit beyond what the period's transactions give a seller (hypothetical deals in an
// estimate): per measure id, and qualifying deals per SPIF component id.
struct ExtraCredit {
  absl::flat_hash_map<std::string, Decimal> measures;
  absl::flat_hash_map<std::string, Decimal> spif_deals;
};

// A period's credited sums — one slot per measure and SPIF of every plan, per seller — and
// each seller's plan evaluated on them. CalculatePeriod is Sum then Evaluate per seller;
// estimates keep the sums and evaluate again with ExtraCredit.
class PeriodMeasures {
 public:
  // FAILED_PRECONDITION when the plans need more than 64 measures and SPIFs together, or an
  // expression fails to compile; OUT_OF_RANGE on overflow.
  static absl::StatusOr<PeriodMeasures> Sum(const PeriodInput& input, int threads);

  // What EvaluatePlan reads for `sp`'s seller (one of the input's plans): measure values with
  // manual credit, `extra` and quotas applied, SPIF deals, parameters, MBO scores.
  absl::StatusOr<calc::SellerPeriod> SellerInputs(const SellerPlan& sp,
                                                  const ExtraCredit& extra = {}) const;
  // The seller's components and statement.
  absl::StatusOr<SellerResult> Evaluate(const SellerPlan& sp, const ExtraCredit& extra = {}) const;

  // Adds (or subtracts) `other`'s sums, summed over other transactions by the same plans (the
  // same plan objects) in the same seller index space: what an incremental run does with the
  // credit of the transactions changed since the kept run. Sellers beyond either table are
  // left out (they have no plan). OUT_OF_RANGE on overflow; FAILED_PRECONDITION when `other`
  // lacks one of these plans.
  absl::Status Merge(const PeriodMeasures& other, bool subtract);
  // The sellers with any non-zero sum, ascending.
  std::vector<uint32_t> CreditedSellers() const;

 private:
  // Where each plan's measures and SPIFs sit among the slots.
  struct PlanSlots {
    std::shared_ptr<const PlanExpressions> expressions;  // shared by copies of the sums
    absl::flat_hash_map<std::string, size_t> measure_slot;  // measure id -> slot
    absl::flat_hash_map<std::string, size_t> spif_slot;     // component id -> slot
  };
  absl::flat_hash_map<const plan::Plan*, PlanSlots> slots_;
  credit::MeasureTable table_;
};

// FAILED_PRECONDITION when the plans need more than 64 measures and SPIFs together, or an
// expression fails; OUT_OF_RANGE on overflow.
absl::StatusOr<std::vector<SellerResult>> CalculatePeriod(const PeriodInput& input, int threads);

}  // namespace attain::compensation::calculation

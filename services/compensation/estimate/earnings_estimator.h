#pragma once
// Earnings estimates: what a seller has earned so far in a period and what hypothetical deals
// would add, for them and for the managers a deal rolls up to (tier jumps, accelerators,
// gates and caps included). Pure and in memory: a PeriodModel holds a period's inputs and
// credited sums (calculation::PeriodMeasures) once; each estimate credits only its deals, as
// a run would (the seller owns them; roll-up as of the deal's date), adds that credit to the
// sums of the sellers it reaches and evaluates their plans again. Nothing is written.
//
// Deals are cumulative, in the order given: the second deal's figures start from where the
// first left the seller, so a tier jump shows on the deal that crosses it.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/money/decimal.h"
#include "services/compensation/calculation/period_calculation.h"
#include "services/compensation/calculation/run_manager.h"
#include "services/compensation/fx/fx_rate.h"

namespace attain::compensation::estimate {

using money::Decimal;

struct HypotheticalDeal {
  std::string deal_id;  // the caller's label, echoed
  std::string account_id;
  std::string product_id;
  Decimal amount;        // > 0
  std::string currency;  // converted at the period's FX rates like a transaction
  std::optional<Decimal> quantity;
  std::optional<Decimal> margin;
  absl::CivilDay date;   // within the period
};

struct ComponentChange {
  std::string component_id;
  Decimal measure_before, measure_after;
  int tier_before = -1, tier_after = -1;  // highest tier reached; -1 without tiers
  Decimal earnings_before, earnings_after;
};

// One seller's own earnings (components, plan cap, adjustments, clawbacks) before and after
// a deal, and the components whose figures moved.
struct SellerChange {
  std::string seller_id;
  int roll_up_depth = 0;  // 0: the seller; n: n levels up
  Decimal earned_before, earned_after;
  std::vector<ComponentChange> components;
};

struct DealEstimate {
  std::string deal_id;
  std::vector<SellerChange> sellers;  // the seller first, then managers nearest first
};

struct EarningsEstimate {
  std::string seller_id;
  std::string currency;
  Decimal earned_so_far;
  std::vector<DealEstimate> deals;
  Decimal total_added;  // the seller's own, over every deal
};

class PeriodModel {
 public:
  // Sums the period's credit once (the run's fused pass over its transactions).
  static absl::StatusOr<std::unique_ptr<PeriodModel>> Build(
      std::unique_ptr<calculation::PeriodInputs> inputs, calculation::RollUpSettings roll_up,
      int threads);

  // NOT_FOUND when the seller has no plan in the period; INVALID_ARGUMENT naming
  // `deals[i].<field>` for an account or product the organization lacks, a currency without
  // an FX rate for the deal's month.
  absl::StatusOr<EarningsEstimate> Estimate(const std::string& seller_id,
                                            const std::vector<HypotheticalDeal>& deals) const;

  // The seller's managers on the period's last day, nearest first (for authorization).
  std::vector<std::string> ManagersOf(const std::string& seller_id) const;

  const calculation::Period& period() const { return inputs_->period; }
  int64_t transactions() const { return inputs_->transactions; }

 private:
  struct Group {
    const calculation::RunInputs* inputs = nullptr;
    std::unique_ptr<fx::FxTable> fx;
    std::optional<calculation::PeriodMeasures> measures;
    absl::flat_hash_map<uint32_t, const calculation::SellerPlan*> plan_of;  // by seller index
    absl::flat_hash_map<std::string, uint32_t> account_index;               // by account id
  };
  // The group and plan paying `seller_id`; nullptr when none.
  const calculation::SellerPlan* PlanOf(const std::string& seller_id, const Group** group) const;

  std::unique_ptr<calculation::PeriodInputs> inputs_;
  calculation::RollUpSettings roll_up_;
  std::vector<Group> groups_;
};

}  // namespace attain::compensation::estimate

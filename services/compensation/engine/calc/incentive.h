#pragma once
// From a seller's measure values to each component's earnings for one period, keeping the
// arithmetic step by step for statements and explanations.
//
// Order for one component: condition and gates (a failed one pays nothing), threshold
// (attainment below it pays nothing), the component's own arithmetic (rate table, bonus
// steps or curve, SPIF count x amount, formula), then its cap (the lowest of the amount and
// percent-of-target bounds). Earnings stay unrounded (6 digits); statement.h rounds lines.

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "common/money/decimal.h"
#include "services/compensation/engine/calc/tiers.h"
#include "services/compensation/engine/plan/plan.h"

namespace attain::compensation::calc {

// One measure's value for the seller and period, with its quota.
struct MeasureValue {
  Decimal value;
  Decimal quota;  // 0 = no quota
  // value / quota, half-even at 6 digits; absent when there is no quota.
  std::optional<Decimal> attainment;
};

// Builds a MeasureValue (attainment computed here, so everyone rounds it the same way).
absl::StatusOr<MeasureValue> MakeMeasureValue(Decimal value, Decimal quota);

// Whether the measure reaches `fraction` of its quota, decided exactly as
// value >= fraction x quota rather than on the rounded attainment. Without a quota only a
// fraction <= 0 is reached.
absl::StatusOr<bool> Reaches(const MeasureValue& measure, Decimal fraction);

struct SellerPeriod {
  absl::flat_hash_map<std::string, MeasureValue> measures;  // by measure id
  Decimal target_incentive;
  // Qualifying deals per SPIF component id (credit-share weighted, so a split deal counts
  // its share).
  absl::flat_hash_map<std::string, Decimal> spif_deals;
  // Earnings of the components already evaluated, by component id (formulas may read them
  // as earnings.<id>).
  absl::flat_hash_map<std::string, Decimal> earnings;
  // The plan's parameters with the seller's overrides applied, by parameter id.
  absl::flat_hash_map<std::string, Decimal> parameters;
  // Entered objective scores per MBO component id (absent = none entered).
  absl::flat_hash_map<std::string, Decimal> mbo_scores;
};

// Evaluates conditions and formulas (docs/engines/expressions.md) over the seller's inputs
// and the component's own attainment (0 when it has none); implementations compile once
// per plan.
class ExpressionHost {
 public:
  virtual ~ExpressionHost() = default;
  virtual absl::StatusOr<bool> Condition(const std::string& component_id, const std::string& source,
                                         const SellerPeriod& inputs, Decimal attainment) const = 0;
  virtual absl::StatusOr<Decimal> Formula(const std::string& component_id, const std::string& source,
                                          const SellerPeriod& inputs, Decimal attainment) const = 0;
  // The component ids whose earnings the expression reads (earnings.<id>).
  virtual std::vector<std::string> EarningsRead(const std::string& source) const = 0;
};

struct ComponentResult {
  std::string component_id;
  plan::ComponentKind kind = plan::ComponentKind::kCommission;
  Decimal measure_value;
  Decimal quota;
  std::optional<Decimal> attainment;  // the component's (weighted when configured)
  std::optional<TierResult> tiers;    // commissions
  bool paid = true;                   // false when a condition, gate or threshold failed
  std::string not_paid_reason;
  Decimal uncapped;
  Decimal earnings;                   // after the cap
  bool capped = false;
  std::vector<std::string> steps;     // the arithmetic, one line per step
};

// INVALID_ARGUMENT when the plan names a measure the inputs lack or needs an expression
// host it was not given; OUT_OF_RANGE on overflow.
absl::StatusOr<ComponentResult> EvaluateComponent(const plan::Component& component,
                                                  const SellerPeriod& inputs,
                                                  const ExpressionHost* expressions);

// Every component of `plan` in plan order, each formula evaluated after the components whose
// earnings it reads (plan validation rules out cycles; one here is FAILED_PRECONDITION).
absl::StatusOr<std::vector<ComponentResult>> EvaluatePlan(const plan::Plan& plan,
                                                          SellerPeriod inputs,
                                                          const ExpressionHost* expressions);

}  // namespace attain::compensation::calc

#pragma once
// The compensation plan as the calculation engine reads it: measures (what is summed over
// credited transactions), components (how a measure becomes earnings) and caps. Plain data;
// validation.h checks it and the calculation engine never sees an invalid plan. Money and
// rates are money::Decimal; attainment and percentages are fractions ("1.2" = 120 %).

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/money/decimal.h"

namespace attain::compensation::plan {

using money::Decimal;

// Transaction types as imported.
enum class TransactionType { kOrder, kInvoice, kCancellation, kRefund, kAdjustment };

// Which credited transactions count. Every non-empty list must contain the transaction's
// value; `condition` is an expression (docs/engines/expressions.md) over the transaction's
// fields that must be true.
struct TransactionFilter {
  std::vector<TransactionType> types;          // empty = every type
  std::vector<std::string> product_families;   // empty = every family
  std::vector<std::string> product_ids;        // empty = every product
  std::string condition;                       // empty = no condition
};

// What a measure sums over the credited transactions that pass its filter.
enum class MeasureBasis { kCreditAmount, kMargin, kQuantity };

struct Measure {
  std::string id;  // referenced by components, gates and weighted attainment
  MeasureBasis basis = MeasureBasis::kCreditAmount;
  TransactionFilter filter;
  // Sums from the start of the fiscal year through the period's end instead of over the
  // period alone (the quota is then year-to-date as well).
  bool year_to_date = false;
};

// What a rate table's tier bounds are expressed in.
enum class TierBasis {
  kAttainment,  // measure / quota, a fraction
  kAmount,      // the measure value itself
};

// How tiers apply to the measure.
enum class TierMode {
  // Each slice of the measure is paid at its own tier's rate (tax-bracket style).
  kGraduated,
  // The whole measure is paid at the rate of the highest tier reached.
  kRetroactive,
};

enum class RateKind {
  kPercentOfMeasure,  // rate is a fraction of the measure slice (0.05 = 5 %)
  kPerUnit,           // rate is money per unit of the measure (quantity measures)
};

// [from, to) in the table's basis; `to` absent = open-ended. Tiers are contiguous and
// increasing: tiers[0].from == 0 and tiers[i].to == tiers[i + 1].from. Accelerators are
// tiers above 1.0 attainment with higher rates; decelerators tiers below a threshold with
// lower ones.
struct Tier {
  Decimal from;
  std::optional<Decimal> to;
  Decimal rate;
};

struct RateTable {
  TierBasis basis = TierBasis::kAttainment;
  TierMode mode = TierMode::kGraduated;
  RateKind rate_kind = RateKind::kPercentOfMeasure;
  std::vector<Tier> tiers;
};

// Attainment as a weighted mix of several measures' attainments (weights sum to 1).
struct WeightedMeasure {
  std::string measure_id;
  Decimal weight;
};

// Commission on a measure through a rate table. Attainment is the measure's own, or the
// weighted mix when `weighted` is not empty.
struct Commission {
  std::string measure_id;
  RateTable rates;
  std::vector<WeightedMeasure> weighted;
};

// A bonus paid on attainment. Steps: the highest step reached pays its amount (or its
// fraction of the target incentive). Curve: payout fraction of the target incentive,
// linearly interpolated between points (flat beyond the last point, 0 before the first).
struct BonusStep {
  Decimal attainment;
  std::optional<Decimal> amount;
  std::optional<Decimal> percent_of_target;  // a fraction of the target incentive
};
struct CurvePoint {
  Decimal attainment;
  Decimal payout;  // fraction of the target incentive
};
struct Bonus {
  std::string measure_id;
  std::vector<WeightedMeasure> weighted;
  std::vector<BonusStep> steps;  // either steps or curve
  std::vector<CurvePoint> curve;
};

// A fixed amount per qualifying deal (a credited transaction passing `filter`, dated in
// [from, to], of at least `min_amount`).
struct Spif {
  TransactionFilter filter;
  absl::CivilDay from;
  absl::CivilDay to;
  Decimal amount_per_deal;
  Decimal min_amount;
};

// Earnings from an expression over measure values, attainments, quota and the target
// incentive (docs/engines/expressions.md lists the variables).
struct Formula {
  std::string expression;
};

// A component pays only if `measure_id`'s attainment reaches `min_attainment`.
struct Gate {
  std::string measure_id;
  Decimal min_attainment;
};

// Upper bounds on earnings; each present bound applies, the lowest wins.
struct Cap {
  std::optional<Decimal> amount;
  std::optional<Decimal> percent_of_target;  // fraction of the target incentive
};

// Management by objectives: a score entered per seller and period, paid as
// score / scale_max of the target (`amount`, or `percent_of_target` of the target incentive).
struct Mbo {
  Decimal scale_max = Decimal::FromUnits(100);
  std::optional<Decimal> amount;
  std::optional<Decimal> percent_of_target;
};

enum class ComponentKind { kCommission, kBonus, kSpif, kFormula, kMbo };

// How often earnings are calculated and paid.
enum class PeriodType { kMonthly, kQuarterly, kAnnual };

// A named number the plan's expressions read; a plan assignment may override it per seller.
struct Parameter {
  std::string id;
  Decimal value;
};

struct Component {
  std::string id;
  std::string name;
  ComponentKind kind = ComponentKind::kCommission;
  Commission commission;  // kCommission
  Bonus bonus;            // kBonus
  Spif spif;              // kSpif
  Formula formula;        // kFormula
  Mbo mbo;                // kMbo
  std::vector<Gate> gates;
  // Nothing is paid while the component's own attainment is below this (0 = no threshold).
  Decimal threshold;
  // An expression that must be true for the component to pay (empty = always).
  std::string condition;
  Cap cap;
};

// What a period with negative earnings pays: 0 with the shortfall carried as a balance, or
// the negative amount.
enum class NegativeEarnings { kCarryForward, kDeduct };

// A guaranteed minimum per period; a recoverable draw's advances are owed back.
struct Draw {
  Decimal amount;
  bool recoverable = false;
};

struct Balances {
  std::optional<Draw> draw;
  NegativeEarnings negative_earnings = NegativeEarnings::kCarryForward;
  // The largest fraction of a period's earnings that recovery may take (absent = 1).
  std::optional<Decimal> max_recovery;
};

struct Plan {
  std::string plan_id;
  int version = 1;
  std::string currency;  // statements are in this currency
  PeriodType period_type = PeriodType::kMonthly;
  std::vector<Measure> measures;
  std::vector<Parameter> parameters;
  std::vector<Component> components;
  Cap cap;  // on the plan's total per period
  Balances balances;
  // Days after a deal within which its cancellation claws back the commission paid on it
  // (0 = no clawback).
  int clawback_window_days = 0;
};

}  // namespace attain::compensation::plan

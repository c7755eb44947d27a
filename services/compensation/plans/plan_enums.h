#pragma once
// The API's enums and the engine's, both ways. FromProto gives nullopt for a value the API does
// not accept: UNSPECIFIED where the field is required, or a number no enum value has (proto3
// keeps unknown numbers).

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "attain/compensation/v1/plans.pb.h"
#include "services/compensation/engine/plan/plan.h"
#include "services/compensation/plans/field_input.h"

namespace attain::compensation::plans {

template <typename Proto, typename Engine, size_t N>
struct EnumTable {
  std::array<std::pair<Proto, Engine>, N> values;
  std::optional<Engine> unspecified;  // what UNSPECIFIED (0) means; nullopt = required
  std::string_view expected;          // the violation for a value FromProto refuses

  std::optional<Engine> FromProto(int value) const {
    if (value == 0) return unspecified;
    for (const auto& [proto, engine] : values) {
      if (proto == value) return engine;
    }
    return std::nullopt;
  }
  // Every engine value is in the table, so this always finds one.
  Proto ToProto(Engine engine) const {
    for (const auto& [proto, e] : values) {
      if (e == engine) return proto;
    }
    return Proto{};
  }
};

// The engine value of an enum field, or a violation on `field` and nullopt.
template <typename Proto, typename Engine, size_t N>
std::optional<Engine> ParseEnum(const EnumTable<Proto, Engine, N>& table, int value,
                                const std::string& field, Violations* violations) {
  std::optional<Engine> out = table.FromProto(value);
  if (!out) violations->push_back({field, std::string(table.expected)});
  return out;
}

inline constexpr EnumTable<v1::PlanPeriodType, plan::PeriodType, 3> kPeriodTypes{
    {{{v1::PLAN_PERIOD_TYPE_MONTHLY, plan::PeriodType::kMonthly},
      {v1::PLAN_PERIOD_TYPE_QUARTERLY, plan::PeriodType::kQuarterly},
      {v1::PLAN_PERIOD_TYPE_ANNUAL, plan::PeriodType::kAnnual}}},
    std::nullopt,
    "must be MONTHLY, QUARTERLY or ANNUAL"};

inline constexpr EnumTable<v1::TransactionType, plan::TransactionType, 5> kTransactionTypes{
    {{{v1::TRANSACTION_TYPE_ORDER, plan::TransactionType::kOrder},
      {v1::TRANSACTION_TYPE_INVOICE, plan::TransactionType::kInvoice},
      {v1::TRANSACTION_TYPE_CANCELLATION, plan::TransactionType::kCancellation},
      {v1::TRANSACTION_TYPE_REFUND, plan::TransactionType::kRefund},
      {v1::TRANSACTION_TYPE_ADJUSTMENT, plan::TransactionType::kAdjustment}}},
    std::nullopt,
    "must be ORDER, INVOICE, CANCELLATION, REFUND or ADJUSTMENT"};

inline constexpr EnumTable<v1::MeasureBasis, plan::MeasureBasis, 3> kMeasureBases{
    {{{v1::MEASURE_BASIS_CREDIT_AMOUNT, plan::MeasureBasis::kCreditAmount},
      {v1::MEASURE_BASIS_MARGIN, plan::MeasureBasis::kMargin},
      {v1::MEASURE_BASIS_QUANTITY, plan::MeasureBasis::kQuantity}}},
    plan::MeasureBasis::kCreditAmount,
    "must be CREDIT_AMOUNT, MARGIN or QUANTITY"};

inline constexpr EnumTable<v1::TierBasis, plan::TierBasis, 2> kTierBases{
    {{{v1::TIER_BASIS_ATTAINMENT, plan::TierBasis::kAttainment},
      {v1::TIER_BASIS_AMOUNT, plan::TierBasis::kAmount}}},
    plan::TierBasis::kAttainment,
    "must be ATTAINMENT or AMOUNT"};

inline constexpr EnumTable<v1::TierMode, plan::TierMode, 2> kTierModes{
    {{{v1::TIER_MODE_GRADUATED, plan::TierMode::kGraduated},
      {v1::TIER_MODE_RETROACTIVE, plan::TierMode::kRetroactive}}},
    std::nullopt,
    "must be GRADUATED or RETROACTIVE"};

inline constexpr EnumTable<v1::RateKind, plan::RateKind, 2> kRateKinds{
    {{{v1::RATE_KIND_PERCENT_OF_MEASURE, plan::RateKind::kPercentOfMeasure},
      {v1::RATE_KIND_PER_UNIT, plan::RateKind::kPerUnit}}},
    plan::RateKind::kPercentOfMeasure,
    "must be PERCENT_OF_MEASURE or PER_UNIT"};

}  // namespace attain::compensation::plans

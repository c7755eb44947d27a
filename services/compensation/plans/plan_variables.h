#pragma once
// The variables plan expressions read, by where they are used (docs/engines/expressions.md,
// "Variables in plans"), and the expression checker plan validation uses, backed by the
// expression engine.
//
//   transaction filters:  txn.type ("ORDER", "INVOICE", "CANCELLATION", "REFUND",
//                         "ADJUSTMENT"), txn.source, txn.account, txn.product,
//                         txn.product_family (strings); txn.amount, txn.margin,
//                         txn.quantity (decimals); txn.attr.<key> (a custom attribute, "" when
//                         the transaction lacks it)
//   component conditions: measure.<id>, quota.<id>, attainment.<id> (0 without a quota),
//                         attainment (the component's own), target_incentive, param.<id>
//   formulas:             the same, plus earnings.<component id>

#include <string>
#include <string_view>

#include "services/compensation/engine/expr/schema.h"
#include "services/compensation/plans/expression_checker.h"

namespace attain::compensation::plans {

inline constexpr std::string_view kCustomAttributePrefix = "txn.attr.";

// The schema for `context`; for transaction filters it also declares every txn.attr.<key>
// that `source` mentions (custom attributes are free-form).
expr::Schema SchemaFor(const ExpressionContext& context, std::string_view source);

class EngineExpressionChecker final : public ExpressionChecker {
 public:
  ExpressionCheck Check(std::string_view source, const ExpressionContext& context) const override;
};

}  // namespace attain::compensation::plans

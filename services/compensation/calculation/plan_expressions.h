#pragma once
// The calculation's expression host: every condition and formula of one plan version
// compiled once (plans/plan_variables.h names the variables), evaluated per seller.

#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "services/compensation/engine/calc/incentive.h"
#include "services/compensation/engine/expr/expression.h"
#include "services/compensation/engine/expr/schema.h"
#include "services/compensation/engine/plan/plan.h"

namespace attain::compensation::calculation {

class PlanExpressions final : public calc::ExpressionHost {
 public:
  // FAILED_PRECONDITION when an expression of the (validated) plan does not compile.
  static absl::StatusOr<std::unique_ptr<PlanExpressions>> Compile(const plan::Plan& plan);

  absl::StatusOr<bool> Condition(const std::string& component_id, const std::string& source,
                                 const calc::SellerPeriod& inputs, money::Decimal attainment) const override;
  absl::StatusOr<money::Decimal> Formula(const std::string& component_id, const std::string& source,
                                         const calc::SellerPeriod& inputs,
                                         money::Decimal attainment) const override;
  std::vector<std::string> EarningsRead(const std::string& source) const override;

 private:
  absl::StatusOr<expr::Value> Evaluate(const std::string& source, const calc::SellerPeriod& inputs,
                                       money::Decimal attainment) const;

  struct Compiled {
    expr::SlotLayout layout;  // the schema it was compiled against
    expr::Expression expression;
  };
  absl::flat_hash_map<std::string, Compiled> compiled_;  // by source text
};

}  // namespace attain::compensation::calculation

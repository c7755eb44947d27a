#include "services/compensation/calculation/plan_expressions.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/compensation/plans/plan_variables.h"

namespace attain::compensation::calculation {
namespace {

plans::ExpressionContext ContextOf(const plan::Plan& plan, plans::ExpressionUse use) {
  plans::ExpressionContext context;
  context.use = use;
  for (const plan::Measure& m : plan.measures) context.measure_ids.push_back(m.id);
  for (const plan::Parameter& p : plan.parameters) context.parameter_ids.push_back(p.id);
  if (use == plans::ExpressionUse::kFormula) {
    for (const plan::Component& c : plan.components) context.component_ids.push_back(c.id);
  }
  return context;
}

// The value a component-level variable takes for this seller; unbound when unknown.
expr::Value Lookup(std::string_view name, const calc::SellerPeriod& inputs, money::Decimal attainment) {
  auto decimal = [](money::Decimal d) { return expr::Value::FromDecimal(d); };
  if (name == "attainment") return decimal(attainment);
  if (name == "target_incentive") return decimal(inputs.target_incentive);
  auto suffix = [&](std::string_view prefix) -> std::optional<std::string> {
    if (!absl::StartsWith(absl::string_view(name.data(), name.size()),
                          absl::string_view(prefix.data(), prefix.size()))) {
      return std::nullopt;
    }
    return std::string(name.substr(prefix.size()));
  };
  if (auto id = suffix("measure.")) {
    auto it = inputs.measures.find(*id);
    if (it != inputs.measures.end()) return decimal(it->second.value);
  } else if (auto id = suffix("quota.")) {
    auto it = inputs.measures.find(*id);
    if (it != inputs.measures.end()) return decimal(it->second.quota);
  } else if (auto id = suffix("attainment.")) {
    auto it = inputs.measures.find(*id);
    if (it != inputs.measures.end()) return decimal(it->second.attainment.value_or(money::Decimal()));
  } else if (auto id = suffix("param.")) {
    auto it = inputs.parameters.find(*id);
    if (it != inputs.parameters.end()) return decimal(it->second);
  } else if (auto id = suffix(plans::kEarningsPrefix)) {
    auto it = inputs.earnings.find(*id);
    if (it != inputs.earnings.end()) return decimal(it->second);
  }
  return expr::Value();
}

}  // namespace

absl::StatusOr<std::unique_ptr<PlanExpressions>> PlanExpressions::Compile(const plan::Plan& plan) {
  auto host = std::unique_ptr<PlanExpressions>(new PlanExpressions());
  auto add = [&](const std::string& source, plans::ExpressionUse use, expr::ValueType type) -> absl::Status {
    if (source.empty() || host->compiled_.contains(source)) return absl::OkStatus();
    expr::SlotLayout layout(plans::SchemaFor(ContextOf(plan, use), source));
    auto compiled = expr::Compile(source, layout, type);
    if (!compiled.ok()) {
      return absl::FailedPreconditionError(absl::StrCat("plan ", plan.plan_id, " version ", plan.version,
                                                        ": ", compiled.status().message()));
    }
    host->compiled_.emplace(source, Compiled{std::move(layout), *std::move(compiled)});
    return absl::OkStatus();
  };
  for (const plan::Component& c : plan.components) {
    if (auto s = add(c.condition, plans::ExpressionUse::kComponentCondition, expr::ValueType::kBool); !s.ok()) {
      return s;
    }
    if (c.kind == plan::ComponentKind::kFormula) {
      if (auto s = add(c.formula.expression, plans::ExpressionUse::kFormula, expr::ValueType::kDecimal); !s.ok()) {
        return s;
      }
    }
  }
  return host;
}

absl::StatusOr<expr::Value> PlanExpressions::Evaluate(const std::string& source,
                                                      const calc::SellerPeriod& inputs,
                                                      money::Decimal attainment) const {
  auto it = compiled_.find(source);
  if (it == compiled_.end()) return absl::InternalError("expression was not compiled with its plan");
  const Compiled& c = it->second;
  // Only the variables the expression reads are bound; the rest of the layout stays unbound.
  std::vector<expr::Value> slots(c.layout.size());
  for (const std::string& name : c.expression.Variables()) {
    const expr::Value value = Lookup(name, inputs, attainment);
    if (!value.bound()) return absl::FailedPreconditionError(absl::StrCat("no value for ", name));
    slots[*c.layout.SlotOf(name)] = value;
  }
  return c.expression.EvaluateSlots(slots);
}

absl::StatusOr<bool> PlanExpressions::Condition(const std::string&, const std::string& source,
                                                const calc::SellerPeriod& inputs,
                                                money::Decimal attainment) const {
  auto value = Evaluate(source, inputs, attainment);
  if (!value.ok()) return value.status();
  return value->boolean();
}

absl::StatusOr<money::Decimal> PlanExpressions::Formula(const std::string&, const std::string& source,
                                                        const calc::SellerPeriod& inputs,
                                                        money::Decimal attainment) const {
  auto value = Evaluate(source, inputs, attainment);
  if (!value.ok()) return value.status();
  return value->decimal();
}

std::vector<std::string> PlanExpressions::EarningsRead(const std::string& source) const {
  std::vector<std::string> out;
  auto it = compiled_.find(source);
  if (it == compiled_.end()) return out;
  for (const std::string& name : it->second.expression.Variables()) {
    if (absl::StartsWith(name, std::string(plans::kEarningsPrefix))) {
      out.push_back(name.substr(plans::kEarningsPrefix.size()));
    }
  }
  return out;
}

}  // namespace attain::compensation::calculation

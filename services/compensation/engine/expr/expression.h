#pragma once
// The expression language of compensation plans: gate conditions such as
//   attainment >= 0.8 and product_family == "Cloud"
// and payout formulas such as
//   min(credit * 0.05, 10000) + if(attainment > 1, (attainment - 1) * target_incentive * 0.5, 0)
// Compile once per plan version, evaluate per transaction or seller. The language, its
// types, rounding, limits and errors are described in docs/engines/expressions.md.
//
//   expr::Schema schema{{{"attainment", expr::ValueType::kDecimal}}};
//   auto gate = expr::Compile("attainment >= 0.8", schema, expr::ValueType::kBool);
//   if (!gate.ok()) return gate.status();         // "line 1, column 1: ..."
//   expr::Bindings row(schema);
//   if (auto s = row.Set("attainment", expr::Value::FromDecimal(a)); !s.ok()) return s;
//   absl::StatusOr<expr::Value> passed = gate->Evaluate(row);
//
// Thread safety: an Expression is immutable after Compile; any number of threads may
// evaluate it (and its copies) at once, each with its own Bindings.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "services/compensation/engine/expr/error.h"
#include "services/compensation/engine/expr/program.h"
#include "services/compensation/engine/expr/schema.h"
#include "services/compensation/engine/expr/value.h"

namespace attain::compensation::expr {

class Expression {
 public:
  // The type every evaluation returns.
  ValueType type() const { return program_->result_type; }
  // The variables the expression reads, sorted and unique: for plan-level checks such as
  // cycles between formulas.
  const std::vector<std::string>& Variables() const { return program_->variables; }

  // Bindings made from another schema -> INVALID_ARGUMENT. Other errors: see
  // EvaluateSlots. A String result views a literal of this expression or a bound string, and
  // stays valid while both this expression (or a copy) and the bound text live.
  absl::StatusOr<Value> Evaluate(const Bindings& bindings) const;
  // The same over raw slots in the schema's slot order (schema.h). Evaluation errors carry
  // an ExprError with the failing operator's position: OUT_OF_RANGE when a result leaves the
  // Decimal range, INVALID_ARGUMENT for division by zero, round digits outside 0..6, clamp
  // bounds the wrong way round, and a read variable that is unbound or of another type.
  absl::StatusOr<Value> EvaluateSlots(absl::Span<const Value> slots) const;

 private:
  friend absl::StatusOr<Expression> Compile(std::string_view source, const SlotLayout& layout,
                                            std::optional<ValueType> expected);
  explicit Expression(std::shared_ptr<const Program> program) : program_(std::move(program)) {}

  std::shared_ptr<const Program> program_;  // shared by copies, never changed
};

// Parses, resolves and type-checks `source`. Syntax errors, unknown variables or functions,
// type errors, a result that is not `expected` (when given) and exceeded limits ->
// INVALID_ARGUMENT "line L, column C: ..." carrying an ExprError (see ErrorOf in error.h).
absl::StatusOr<Expression> Compile(std::string_view source, const Schema& schema,
                                   std::optional<ValueType> expected = std::nullopt);
// The same against a layout built once, for compiling many expressions over one schema.
absl::StatusOr<Expression> Compile(std::string_view source, const SlotLayout& layout,
                                   std::optional<ValueType> expected = std::nullopt);

}  // namespace attain::compensation::expr

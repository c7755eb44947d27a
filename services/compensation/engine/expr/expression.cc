#include "services/compensation/engine/expr/expression.h"

#include "services/compensation/engine/expr/compiler.h"
#include "services/compensation/engine/expr/evaluator.h"
#include "services/compensation/engine/expr/parser.h"

namespace attain::compensation::expr {

absl::StatusOr<Expression> Compile(std::string_view source, const Schema& schema,
                                   std::optional<ValueType> expected) {
  return Compile(source, SlotLayout(schema), expected);
}

absl::StatusOr<Expression> Compile(std::string_view source, const SlotLayout& layout,
                                   std::optional<ValueType> expected) {
  absl::StatusOr<Ast> ast = Parse(source);
  if (!ast.ok()) return ast.status();
  absl::StatusOr<Program> program = CompileAst(*ast, layout, expected);
  if (!program.ok()) return program.status();
  return Expression(std::make_shared<const Program>(*std::move(program)));
}

absl::StatusOr<Value> Expression::Evaluate(const Bindings& bindings) const {
  if (bindings.layout().fingerprint() != program_->layout_fingerprint) {
    return absl::InvalidArgumentError(
        "the bindings were made for another schema than the expression was compiled against");
  }
  return Execute(*program_, bindings.slots());
}

absl::StatusOr<Value> Expression::EvaluateSlots(absl::Span<const Value> slots) const {
  return Execute(*program_, slots);
}

}  // namespace attain::compensation::expr

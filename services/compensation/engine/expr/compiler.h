#pragma once
// Syntax tree -> Program: resolves variables to slots, checks every operator's and
// function's types, and emits postfix code.

#include <optional>

#include "absl/status/statusor.h"
#include "services/compensation/engine/expr/ast.h"
#include "services/compensation/engine/expr/program.h"
#include "services/compensation/engine/expr/schema.h"

namespace attain::compensation::expr {

// Unknown variables, type errors and a result type other than `expected` (when given)
// -> INVALID_ARGUMENT with the position (error.h).
absl::StatusOr<Program> CompileAst(const Ast& ast, const SlotLayout& layout,
                                   std::optional<ValueType> expected);

}  // namespace attain::compensation::expr

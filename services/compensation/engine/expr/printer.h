#pragma once
// Syntax tree -> canonical source text: single spaces around binary operators, ", " between
// arguments, no comments, and parentheses only where precedence or grouping needs them.
// Parsing the printed text gives back the same tree, so a plan editor can normalize what an
// author typed without changing its meaning.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "services/compensation/engine/expr/ast.h"

namespace attain::compensation::expr {

std::string Print(const Ast& ast);

// Parse + Print. Syntax errors as Parse; variables and types are not checked.
absl::StatusOr<std::string> Format(std::string_view source);

}  // namespace attain::compensation::expr

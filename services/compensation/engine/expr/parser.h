#pragma once
// Source text -> syntax tree, enforcing the size limits (limits.h). Checks syntax, function
// names and argument counts; types and variable names are the compiler's job.

#include <string_view>

#include "absl/status/statusor.h"
#include "services/compensation/engine/expr/ast.h"

namespace attain::compensation::expr {

// Syntax errors and exceeded limits -> INVALID_ARGUMENT with the position (error.h).
absl::StatusOr<Ast> Parse(std::string_view source);

}  // namespace attain::compensation::expr

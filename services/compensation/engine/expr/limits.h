#pragma once
// The bounds that make every expression cheap: checked at compile time, so evaluation of
// any compiled expression costs O(kMaxNodes) steps and a fixed amount of stack. The language
// has no loops, no recursion and no user-defined functions, so nothing else can grow.

#include <cstddef>

namespace attain::compensation::expr {

// Bytes of source text, comments and spaces included.
inline constexpr size_t kMaxSourceBytes = 4096;
// Syntax-tree nodes: literals, variables, operators and function calls (parentheses and
// commas are not nodes).
inline constexpr int kMaxNodes = 512;
// Nesting levels: each parenthesis, function call, `in` list, unary '-' and `not` opens one.
inline constexpr int kMaxDepth = 64;

}  // namespace attain::compensation::expr

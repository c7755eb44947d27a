#pragma once
// The built-in functions: the only ones an expression can call. Their names and arities
// live here once, for the parser, the compiler, the printer and the error messages.

#include <cstdint>
#include <string_view>

namespace attain::compensation::expr {

enum class Function : uint8_t { kMin, kMax, kAbs, kRound, kIf, kClamp };

struct FunctionInfo {
  Function function;
  std::string_view name;
  int min_args;
  int max_args;  // kAnyCount for min/max
};

inline constexpr int kAnyCount = -1;

// nullptr for a name that is not a built-in function.
const FunctionInfo* FindFunction(std::string_view name);
const FunctionInfo& InfoOf(Function function);
// "abs, clamp, if, max, min, round": listed in "unknown function" messages.
std::string_view FunctionNames();

}  // namespace attain::compensation::expr

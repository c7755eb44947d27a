#include "services/compensation/engine/expr/functions.h"

namespace attain::compensation::expr {
namespace {

// Indexed by Function.
constexpr FunctionInfo kFunctions[] = {
    {Function::kMin, "min", 2, kAnyCount}, {Function::kMax, "max", 2, kAnyCount},
    {Function::kAbs, "abs", 1, 1},         {Function::kRound, "round", 2, 2},
    {Function::kIf, "if", 3, 3},           {Function::kClamp, "clamp", 3, 3},
};

}  // namespace

const FunctionInfo* FindFunction(std::string_view name) {
  for (const FunctionInfo& info : kFunctions) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

const FunctionInfo& InfoOf(Function function) { return kFunctions[static_cast<int>(function)]; }

std::string_view FunctionNames() { return "abs, clamp, if, max, min, round"; }

}  // namespace attain::compensation::expr

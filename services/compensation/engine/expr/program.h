#pragma once
// The compiled form of an expression: a flat postfix program over a small value stack.
// Types were checked when it was compiled, so no instruction checks a type at run time
// (only kLoad checks that the caller bound what the schema promised). Jumps go forward
// only, so a program runs at most code.size() steps.

#include <cstdint>
#include <string>
#include <vector>

#include "common/money/decimal.h"
#include "services/compensation/engine/expr/error.h"
#include "services/compensation/engine/expr/value.h"

namespace attain::compensation::expr {

enum class Op : uint8_t {
  kPushNumber,  // arg: index into Program::numbers
  kPushString,  // arg: index into Program::strings
  kPushBool,    // arg: 0 or 1
  kLoad,        // arg: slot; type: what the schema says the slot holds
  kNegate,
  kNot,
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kLess,  // the four orderings compare Decimals
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kEqual,  // type: the operands' type
  kNotEqual,
  kIn,   // type: the operands' type; arg: how many list values follow the subject
  kMin,  // arg: argument count
  kMax,
  kAbs,
  kRound,    // digits on the stack, checked when run
  kRoundTo,  // arg: digits, checked when compiled
  kClamp,
  kJump,              // arg: target
  kJumpIfFalse,       // pops the condition; arg: target
  kJumpIfFalseOrPop,  // 'and': keeps a false left side as the result, else pops it
  kJumpIfTrueOrPop,   // 'or': keeps a true left side as the result, else pops it
};

struct Instruction {
  Op op = Op::kPushBool;
  ValueType type = ValueType::kDecimal;
  // Where an evaluation error of this instruction points (the source is at most 4 KiB, so
  // 16 bits hold any line or column).
  uint16_t line = 0;
  uint16_t column = 0;
  int32_t arg = 0;

  Position position() const { return Position{line, column}; }
};

struct Program {
  std::vector<Instruction> code;
  std::vector<money::Decimal> numbers;
  std::vector<std::string> strings;
  std::vector<std::string> variables;  // the names the expression reads, sorted, unique
  std::vector<int> variable_slots;     // the slot of variables[i]
  int slots_needed = 0;                // 1 + the highest slot read (0 if none)
  uint64_t layout_fingerprint = 0;     // of the schema it was compiled against
  int max_stack = 0;                   // the most values on the stack at once
  ValueType result_type = ValueType::kDecimal;
};

}  // namespace attain::compensation::expr

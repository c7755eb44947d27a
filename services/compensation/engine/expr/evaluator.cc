#include "services/compensation/engine/expr/evaluator.h"

#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "services/compensation/engine/expr/absl_view.h"
#include "services/compensation/engine/expr/limits.h"

namespace attain::compensation::expr {
namespace {

using money::Decimal;

// One stack entry. The compiler proved every type, so a cell needs no tag; a union of
// trivial members makes the whole stack free to declare (nothing is initialized).
struct Text {
  const char* data;
  size_t size;
};
union Cell {
  int64_t micros;
  bool boolean;
  Text text;
};

std::string_view ViewOf(const Cell& cell) {
  return std::string_view(cell.text.data, cell.text.size);
}
Decimal DecimalOf(const Cell& cell) { return Decimal::FromMicros(cell.micros); }

Cell CellOf(const Value& value) {
  Cell cell;
  switch (value.type()) {
    case ValueType::kDecimal:
      cell.micros = value.decimal().micros();
      break;
    case ValueType::kBool:
      cell.boolean = value.boolean();
      break;
    case ValueType::kString: {
      const std::string_view text = value.string();
      cell.text = Text{text.data(), text.size()};
      break;
    }
  }
  return cell;
}

Value ValueOf(const Cell& cell, ValueType type) {
  switch (type) {
    case ValueType::kDecimal:
      return Value::FromDecimal(DecimalOf(cell));
    case ValueType::kBool:
      return Value::FromBool(cell.boolean);
    case ValueType::kString:
      return Value::FromString(ViewOf(cell));
  }
  return Value();
}

bool Equal(const Cell& a, const Cell& b, ValueType type) {
  switch (type) {
    case ValueType::kDecimal:
      return a.micros == b.micros;
    case ValueType::kBool:
      return a.boolean == b.boolean;
    case ValueType::kString:
      return ViewOf(a) == ViewOf(b);
  }
  return false;
}

std::string_view Symbol(Op op) {
  switch (op) {
    case Op::kAdd:
      return "'+'";
    case Op::kSubtract:
    case Op::kNegate:
      return "'-'";
    case Op::kMultiply:
      return "'*'";
    case Op::kDivide:
      return "'/'";
    case Op::kAbs:
      return "abs";
    default:
      return "the operation";
  }
}

// Decimal reports overflow as OUT_OF_RANGE and a zero divisor as INVALID_ARGUMENT; keep the
// code and say which operator, where.
absl::Status ArithmeticError(const Instruction& in, const absl::Status& status) {
  if (status.code() == absl::StatusCode::kOutOfRange) {
    return ErrorAt(
        status.code(), in.position(),
        absl::StrCat(AbslView(Symbol(in.op)), " overflows the Decimal range (about ±9.2e12)"));
  }
  return ErrorAt(status.code(), in.position(), "division by zero");
}

absl::Status OverflowError(const Instruction& in) {
  return ArithmeticError(in, absl::OutOfRangeError(""));
}

std::string_view NameOfSlot(const Program& program, int slot) {
  for (size_t i = 0; i < program.variable_slots.size(); ++i) {
    if (program.variable_slots[i] == slot) return program.variables[i];
  }
  return "?";
}

absl::Status BindingError(const Program& program, const Instruction& in, const Value& value) {
  const absl::string_view name = AbslView(NameOfSlot(program, in.arg));
  if (!value.bound()) {
    return ErrorAt(absl::StatusCode::kInvalidArgument, in.position(),
                   absl::StrCat("variable '", name, "' is not bound"));
  }
  return ErrorAt(
      absl::StatusCode::kInvalidArgument, in.position(),
      absl::StrCat("variable '", name, "' is bound to a ", AbslView(TypeName(value.type())),
                   ", but the schema says ", AbslView(TypeName(in.type))));
}

// round's digits must be a whole number 0..6; -1 otherwise.
int RoundDigits(Decimal digits) {
  if (digits.micros() % Decimal::kScale != 0) return -1;
  const int64_t whole = digits.micros() / Decimal::kScale;
  return whole >= 0 && whole <= 6 ? static_cast<int>(whole) : -1;
}

}  // namespace

absl::StatusOr<Value> Execute(const Program& program, absl::Span<const Value> slots) {
  if (slots.size() < static_cast<size_t>(program.slots_needed)) {
    return absl::InvalidArgumentError(absl::StrCat("the expression reads ", program.slots_needed,
                                                   " slots, but ", slots.size(), " were given"));
  }
  // Each cell on the stack comes from a syntax-tree node, and the parser allows at most
  // kMaxNodes; a larger program was not made by the compiler.
  if (program.max_stack > kMaxNodes) std::abort();
  Cell stack[kMaxNodes];
  int top = 0;  // cells in use; stack[top - 1] is the top

  const Instruction* const code = program.code.data();
  const size_t size = program.code.size();
  size_t pc = 0;
  while (pc < size) {
    const Instruction& in = code[pc++];
    switch (in.op) {
      case Op::kPushNumber:
        stack[top++].micros = program.numbers[in.arg].micros();
        break;
      case Op::kPushString: {
        const std::string& text = program.strings[in.arg];
        stack[top++].text = Text{text.data(), text.size()};
        break;
      }
      case Op::kPushBool:
        stack[top++].boolean = in.arg != 0;
        break;
      case Op::kLoad: {
        const Value& value = slots[in.arg];
        if (!value.bound() || value.type() != in.type) return BindingError(program, in, value);
        stack[top++] = CellOf(value);
        break;
      }
      case Op::kNegate:
      case Op::kAbs: {
        int64_t& micros = stack[top - 1].micros;
        if (in.op == Op::kAbs && micros >= 0) break;
        if (micros == std::numeric_limits<int64_t>::min()) return OverflowError(in);
        micros = -micros;
        break;
      }
      case Op::kNot:
        stack[top - 1].boolean = !stack[top - 1].boolean;
        break;
      case Op::kAdd:
      case Op::kSubtract:
      case Op::kMultiply:
      case Op::kDivide: {
        const Decimal a = DecimalOf(stack[top - 2]);
        const Decimal b = DecimalOf(stack[top - 1]);
        const absl::StatusOr<Decimal> result = in.op == Op::kAdd        ? a.Add(b)
                                               : in.op == Op::kSubtract ? a.Sub(b)
                                               : in.op == Op::kMultiply ? a.Mul(b)
                                                                        : a.Div(b);
        if (!result.ok()) return ArithmeticError(in, result.status());
        stack[--top - 1].micros = result->micros();
        break;
      }
      case Op::kLess:
      case Op::kLessEqual:
      case Op::kGreater:
      case Op::kGreaterEqual: {
        const int64_t a = stack[top - 2].micros;
        const int64_t b = stack[top - 1].micros;
        stack[--top - 1].boolean = in.op == Op::kLess        ? a < b
                                   : in.op == Op::kLessEqual ? a <= b
                                   : in.op == Op::kGreater   ? a > b
                                                             : a >= b;
        break;
      }
      case Op::kEqual:
      case Op::kNotEqual: {
        const bool equal = Equal(stack[top - 2], stack[top - 1], in.type);
        stack[--top - 1].boolean = equal == (in.op == Op::kEqual);
        break;
      }
      case Op::kIn: {
        const Cell* list = &stack[top - in.arg];
        bool found = false;
        for (int i = 0; i < in.arg && !found; ++i) found = Equal(list[i], list[-1], in.type);
        top -= in.arg;
        stack[top - 1].boolean = found;
        break;
      }
      case Op::kMin:
      case Op::kMax: {
        const Cell* args = &stack[top - in.arg];
        int64_t best = args[0].micros;
        for (int i = 1; i < in.arg; ++i) {
          const int64_t v = args[i].micros;
          if (in.op == Op::kMin ? v < best : v > best) best = v;
        }
        top -= in.arg - 1;
        stack[top - 1].micros = best;
        break;
      }
      case Op::kRound: {
        const int digits = RoundDigits(DecimalOf(stack[top - 1]));
        if (digits < 0) {
          return ErrorAt(absl::StatusCode::kInvalidArgument, in.position(),
                         absl::StrCat("round takes 0 to 6 digits (a whole number), got ",
                                      DecimalOf(stack[top - 1]).ToString()));
        }
        --top;
        stack[top - 1].micros = DecimalOf(stack[top - 1]).RoundHalfEven(digits).micros();
        break;
      }
      case Op::kRoundTo:
        stack[top - 1].micros = DecimalOf(stack[top - 1]).RoundHalfEven(in.arg).micros();
        break;
      case Op::kClamp: {
        const int64_t x = stack[top - 3].micros;
        const int64_t lo = stack[top - 2].micros;
        const int64_t hi = stack[top - 1].micros;
        if (lo > hi) {
          return ErrorAt(
              absl::StatusCode::kInvalidArgument, in.position(),
              absl::StrCat("clamp's lower bound ", DecimalOf(stack[top - 2]).ToString(),
                           " is above its upper bound ", DecimalOf(stack[top - 1]).ToString()));
        }
        top -= 2;
        stack[top - 1].micros = x < lo ? lo : (x > hi ? hi : x);
        break;
      }
      case Op::kJump:
        pc = in.arg;
        break;
      case Op::kJumpIfFalse:
        if (!stack[--top].boolean) pc = in.arg;
        break;
      case Op::kJumpIfFalseOrPop:
        if (!stack[top - 1].boolean) {
          pc = in.arg;
        } else {
          --top;
        }
        break;
      case Op::kJumpIfTrueOrPop:
        if (stack[top - 1].boolean) {
          pc = in.arg;
        } else {
          --top;
        }
        break;
    }
  }
  return ValueOf(stack[0], program.result_type);
}

}  // namespace attain::compensation::expr

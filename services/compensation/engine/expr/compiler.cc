#include "services/compensation/engine/expr/compiler.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "services/compensation/engine/expr/absl_view.h"
#include "services/compensation/engine/expr/limits.h"
#include "services/compensation/engine/expr/suggest.h"

namespace attain::compensation::expr {
namespace {

constexpr int kMaxRoundDigits = 6;

absl::string_view Name(ValueType type) { return AbslView(TypeName(type)); }

// "a Decimal", "a Bool", "a String".
std::string WithArticle(ValueType type) { return absl::StrCat("a ", Name(type)); }

std::optional<Op> OpOf(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd:
      return Op::kAdd;
    case BinaryOp::kSubtract:
      return Op::kSubtract;
    case BinaryOp::kMultiply:
      return Op::kMultiply;
    case BinaryOp::kDivide:
      return Op::kDivide;
    case BinaryOp::kLess:
      return Op::kLess;
    case BinaryOp::kLessEqual:
      return Op::kLessEqual;
    case BinaryOp::kGreater:
      return Op::kGreater;
    case BinaryOp::kGreaterEqual:
      return Op::kGreaterEqual;
    case BinaryOp::kEqual:
      return Op::kEqual;
    case BinaryOp::kNotEqual:
      return Op::kNotEqual;
    case BinaryOp::kAnd:
    case BinaryOp::kOr:
      return std::nullopt;  // jumps, not one instruction
  }
  return std::nullopt;
}

bool IsArithmetic(BinaryOp op) {
  return op == BinaryOp::kAdd || op == BinaryOp::kSubtract || op == BinaryOp::kMultiply ||
         op == BinaryOp::kDivide;
}

bool IsOrdering(BinaryOp op) {
  return op == BinaryOp::kLess || op == BinaryOp::kLessEqual || op == BinaryOp::kGreater ||
         op == BinaryOp::kGreaterEqual;
}

// Walks the tree depth-first, left to right (so the first error in reading order is the one
// reported), emitting each node's code after its operands' and tracking the stack height.
class Compiler {
 public:
  Compiler(const Ast& ast, const SlotLayout& layout) : ast_(ast), layout_(layout) {}

  absl::StatusOr<Program> Run(std::optional<ValueType> expected) {
    const absl::StatusOr<ValueType> type = Emit(ast_.root);
    if (!type.ok()) return type.status();
    if (expected.has_value() && *type != *expected) {
      return CompileErrorAt(ast_.root_node().start,
                            absl::StrCat("the expression must be ", WithArticle(*expected),
                                         ", but it is ", WithArticle(*type)));
    }
    program_.result_type = *type;
    program_.layout_fingerprint = layout_.fingerprint();
    FinishVariables();
    return std::move(program_);
  }

 private:
  absl::StatusOr<ValueType> Emit(int index) {
    const Node& node = ast_.at(index);
    switch (node.kind) {
      case NodeKind::kNumber:
        program_.numbers.push_back(node.number);
        Push(Op::kPushNumber, node, static_cast<int>(program_.numbers.size()) - 1);
        return ValueType::kDecimal;
      case NodeKind::kString:
        program_.strings.push_back(node.text);
        Push(Op::kPushString, node, static_cast<int>(program_.strings.size()) - 1);
        return ValueType::kString;
      case NodeKind::kBool:
        Push(Op::kPushBool, node, node.boolean ? 1 : 0);
        return ValueType::kBool;
      case NodeKind::kVariable:
        return EmitVariable(node);
      case NodeKind::kNegate:
      case NodeKind::kNot:
        return EmitUnary(node);
      case NodeKind::kBinary:
        return node.op == BinaryOp::kAnd || node.op == BinaryOp::kOr ? EmitLogical(node)
                                                                     : EmitBinary(node);
      case NodeKind::kIn:
        return EmitIn(node);
      case NodeKind::kCall:
        return EmitCall(node);
    }
    return CompileErrorAt(node.position, "unknown syntax");
  }

  absl::StatusOr<ValueType> EmitVariable(const Node& node) {
    const std::optional<int> slot = layout_.SlotOf(node.text);
    if (!slot.has_value()) {
      std::string message = absl::StrCat("unknown variable '", node.text, "'");
      if (std::optional<std::string> close = ClosestVariable(node.text, layout_)) {
        absl::StrAppend(&message, "; did you mean '", *close, "'?");
      }
      return CompileErrorAt(node.position, std::move(message));
    }
    const ValueType type = layout_.TypeOf(*slot);
    read_slots_.insert(*slot);
    Push(Op::kLoad, node, *slot, type);
    return type;
  }

  absl::StatusOr<ValueType> EmitUnary(const Node& node) {
    const bool negate = node.kind == NodeKind::kNegate;
    const ValueType wanted = negate ? ValueType::kDecimal : ValueType::kBool;
    const absl::StatusOr<ValueType> operand = Emit(node.children[0]);
    if (!operand.ok()) return operand.status();
    if (*operand != wanted) {
      return CompileErrorAt(node.position,
                            absl::StrCat("'", negate ? "-" : "not", "' needs ", WithArticle(wanted),
                                         ", got ", WithArticle(*operand)));
    }
    Apply(negate ? Op::kNegate : Op::kNot, node, 1, 1);
    return wanted;
  }

  absl::StatusOr<ValueType> EmitBinary(const Node& node) {
    const absl::StatusOr<ValueType> left = Emit(node.children[0]);
    if (!left.ok()) return left.status();
    const absl::StatusOr<ValueType> right = Emit(node.children[1]);
    if (!right.ok()) return right.status();
    const std::string spelled = absl::StrCat("'", AbslView(Spelling(node.op)), "'");
    const std::string got = absl::StrCat("got ", Name(*left), " and ", Name(*right));
    if (IsArithmetic(node.op) || IsOrdering(node.op)) {
      if (*left != ValueType::kDecimal || *right != ValueType::kDecimal) {
        return CompileErrorAt(node.position,
                              absl::StrCat(spelled, " needs Decimal operands, ", got));
      }
    } else if (*left != *right) {  // == and !=
      return CompileErrorAt(node.position,
                            absl::StrCat(spelled, " needs operands of the same type, ", got));
    }
    Apply(*OpOf(node.op), node, 2, 1, *left);
    return IsArithmetic(node.op) ? ValueType::kDecimal : ValueType::kBool;
  }

  // a and b: a; JumpIfFalseOrPop end; b; end:   (b runs only when it decides the result)
  absl::StatusOr<ValueType> EmitLogical(const Node& node) {
    const bool is_and = node.op == BinaryOp::kAnd;
    const absl::StatusOr<ValueType> left = Emit(node.children[0]);
    if (!left.ok()) return left.status();
    const int jump = Apply(is_and ? Op::kJumpIfFalseOrPop : Op::kJumpIfTrueOrPop, node, 1, 0);
    const absl::StatusOr<ValueType> right = Emit(node.children[1]);
    if (!right.ok()) return right.status();
    if (*left != ValueType::kBool || *right != ValueType::kBool) {
      return CompileErrorAt(node.position,
                            absl::StrCat("'", is_and ? "and" : "or", "' needs Bool operands, got ",
                                         Name(*left), " and ", Name(*right)));
    }
    PatchToHere(jump);
    return ValueType::kBool;
  }

  absl::StatusOr<ValueType> EmitIn(const Node& node) {
    const absl::StatusOr<ValueType> subject = Emit(node.children[0]);
    if (!subject.ok()) return subject.status();
    if (*subject == ValueType::kBool) {
      return CompileErrorAt(node.position,
                            "'in' needs a Decimal or a String on its left, got a Bool");
    }
    const int count = static_cast<int>(node.children.size()) - 1;
    for (int i = 1; i <= count; ++i) {
      const int child = node.children[i];
      const absl::StatusOr<ValueType> element = Emit(child);
      if (!element.ok()) return element.status();
      if (*element != *subject) {
        return CompileErrorAt(
            ast_.at(child).start,
            absl::StrCat("the 'in' list must hold ", Name(*subject),
                         " values like the left side, got ", WithArticle(*element)));
      }
    }
    Apply(Op::kIn, node, count + 1, 1, *subject, count);
    return ValueType::kBool;
  }

  absl::StatusOr<ValueType> EmitCall(const Node& node) {
    switch (node.function) {
      case Function::kIf:
        return EmitIf(node);
      case Function::kRound:
        return EmitRound(node);
      case Function::kMin:
      case Function::kMax:
      case Function::kAbs:
      case Function::kClamp:
        break;
    }
    const absl::Status arguments = EmitDecimalArguments(node, node.children.size());
    if (!arguments.ok()) return arguments;
    const int count = static_cast<int>(node.children.size());
    if (node.function == Function::kClamp) {
      const absl::Status bounds = CheckLiteralClampBounds(node);
      if (!bounds.ok()) return bounds;
    }
    const Op op = node.function == Function::kMin   ? Op::kMin
                  : node.function == Function::kMax ? Op::kMax
                  : node.function == Function::kAbs ? Op::kAbs
                                                    : Op::kClamp;
    Apply(op, node, count, 1, ValueType::kDecimal, count);
    return ValueType::kDecimal;
  }

  // Emits the first `count` arguments, each of which must be a Decimal.
  absl::Status EmitDecimalArguments(const Node& call, size_t count) {
    for (size_t i = 0; i < count; ++i) {
      const absl::StatusOr<ValueType> type = Emit(call.children[i]);
      if (!type.ok()) return type.status();
      if (*type != ValueType::kDecimal) {
        return CompileErrorAt(
            ast_.at(call.children[i]).start,
            absl::StrCat(AbslView(InfoOf(call.function).name), " takes Decimals; argument ", i + 1,
                         " is ", WithArticle(*type)));
      }
    }
    return absl::OkStatus();
  }

  // clamp(x, 10, 5) can never be right; say so now instead of at the first payout run.
  absl::Status CheckLiteralClampBounds(const Node& call) {
    const Node& lo = ast_.at(call.children[1]);
    const Node& hi = ast_.at(call.children[2]);
    if (lo.kind == NodeKind::kNumber && hi.kind == NodeKind::kNumber && lo.number > hi.number) {
      return CompileErrorAt(call.position,
                            absl::StrCat("clamp's lower bound ", lo.number.ToString(),
                                         " is above its upper bound ", hi.number.ToString()));
    }
    return absl::OkStatus();
  }

  // Literal digits are checked now and built into the instruction; computed digits are
  // checked when evaluated.
  absl::StatusOr<ValueType> EmitRound(const Node& node) {
    const Node& digits = ast_.at(node.children[1]);
    if (digits.kind != NodeKind::kNumber) {
      const absl::Status arguments = EmitDecimalArguments(node, 2);
      if (!arguments.ok()) return arguments;
      Apply(Op::kRound, node, 2, 1);
      return ValueType::kDecimal;
    }
    const absl::Status arguments = EmitDecimalArguments(node, 1);
    if (!arguments.ok()) return arguments;
    const money::Decimal n = digits.number;
    if (n.micros() % money::Decimal::kScale != 0 ||
        n > money::Decimal::FromUnits(kMaxRoundDigits)) {
      return CompileErrorAt(
          digits.position,
          absl::StrCat("round takes 0 to 6 digits (a whole number), got ", n.ToString()));
    }
    Apply(Op::kRoundTo, node, 1, 1, ValueType::kDecimal,
          static_cast<int>(n.micros() / money::Decimal::kScale));
    return ValueType::kDecimal;
  }

  // if(c, a, b): c; JumpIfFalse else; a; Jump end; else: b; end:   (one branch runs)
  absl::StatusOr<ValueType> EmitIf(const Node& node) {
    const Node& condition = ast_.at(node.children[0]);
    const absl::StatusOr<ValueType> condition_type = Emit(node.children[0]);
    if (!condition_type.ok()) return condition_type.status();
    if (*condition_type != ValueType::kBool) {
      return CompileErrorAt(
          condition.start,
          absl::StrCat("the condition of if must be a Bool, got ", WithArticle(*condition_type)));
    }
    const int to_else = Apply(Op::kJumpIfFalse, node, 1, 0);
    const int height = height_;
    const absl::StatusOr<ValueType> then_type = Emit(node.children[1]);
    if (!then_type.ok()) return then_type.status();
    const int to_end = Apply(Op::kJump, node, 0, 0);
    PatchToHere(to_else);
    height_ = height;  // the else branch starts from the stack the then branch started from
    const absl::StatusOr<ValueType> else_type = Emit(node.children[2]);
    if (!else_type.ok()) return else_type.status();
    PatchToHere(to_end);
    if (*then_type != *else_type) {
      return CompileErrorAt(node.position,
                            absl::StrCat("the branches of if must have the same type, got ",
                                         Name(*then_type), " and ", Name(*else_type)));
    }
    return *then_type;
  }

  // An instruction that takes `pops` values and leaves `pushes`; returns its index.
  int Apply(Op op, const Node& node, int pops, int pushes, ValueType type = ValueType::kDecimal,
            int arg = 0) {
    height_ += pushes - pops;
    program_.max_stack = std::max(program_.max_stack, height_);
    program_.code.push_back(Instruction{op, type, static_cast<uint16_t>(node.position.line),
                                        static_cast<uint16_t>(node.position.column), arg});
    return static_cast<int>(program_.code.size()) - 1;
  }

  void Push(Op op, const Node& node, int arg, ValueType type = ValueType::kDecimal) {
    Apply(op, node, 0, 1, type, arg);
  }

  void PatchToHere(int jump) { program_.code[jump].arg = static_cast<int>(program_.code.size()); }

  void FinishVariables() {
    std::vector<int> slots(read_slots_.begin(), read_slots_.end());
    std::sort(slots.begin(), slots.end());  // slot order is name order
    for (int slot : slots) {
      program_.variables.push_back(layout_.NameOf(slot));
      program_.variable_slots.push_back(slot);
    }
    program_.slots_needed = slots.empty() ? 0 : slots.back() + 1;
  }

  const Ast& ast_;
  const SlotLayout& layout_;
  Program program_;
  absl::flat_hash_set<int> read_slots_;
  int height_ = 0;
};

}  // namespace

absl::StatusOr<Program> CompileAst(const Ast& ast, const SlotLayout& layout,
                                   std::optional<ValueType> expected) {
  return Compiler(ast, layout).Run(expected);
}

}  // namespace attain::compensation::expr

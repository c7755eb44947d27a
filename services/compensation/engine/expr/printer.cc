#include "services/compensation/engine/expr/printer.h"

#include "services/compensation/engine/expr/parser.h"
#include "services/compensation/engine/expr/quote.h"

namespace attain::compensation::expr {
namespace {

// Binding strength, loosest first, matching the parser's levels.
enum Precedence {
  kOrLevel = 1,
  kAndLevel,
  kNotLevel,
  kComparisonLevel,
  kSumLevel,
  kProductLevel,
  kNegateLevel,
  kPrimaryLevel,
};

int PrecedenceOf(const Node& node) {
  switch (node.kind) {
    case NodeKind::kNot:
      return kNotLevel;
    case NodeKind::kNegate:
      return kNegateLevel;
    case NodeKind::kIn:
      return kComparisonLevel;
    case NodeKind::kBinary:
      switch (node.op) {
        case BinaryOp::kOr:
          return kOrLevel;
        case BinaryOp::kAnd:
          return kAndLevel;
        case BinaryOp::kAdd:
        case BinaryOp::kSubtract:
          return kSumLevel;
        case BinaryOp::kMultiply:
        case BinaryOp::kDivide:
          return kProductLevel;
        default:
          return kComparisonLevel;
      }
    default:
      return kPrimaryLevel;
  }
}

class Printer {
 public:
  explicit Printer(const Ast& ast) : ast_(ast) {}

  std::string Run() {
    Write(ast_.root);
    return std::move(out_);
  }

 private:
  // Writes a child, parenthesized when it binds looser than `min_level`.
  void WriteOperand(int index, int min_level) {
    const bool parenthesize = PrecedenceOf(ast_.at(index)) < min_level;
    if (parenthesize) out_ += '(';
    Write(index);
    if (parenthesize) out_ += ')';
  }

  void WriteList(const Node& node, size_t first) {
    out_ += '(';
    for (size_t i = first; i < node.children.size(); ++i) {
      if (i > first) out_ += ", ";
      Write(node.children[i]);
    }
    out_ += ')';
  }

  void Write(int index) {
    const Node& node = ast_.at(index);
    switch (node.kind) {
      case NodeKind::kNumber:
        out_ += node.number.ToString();
        return;
      case NodeKind::kString:
        out_ += Quote(node.text);
        return;
      case NodeKind::kBool:
        out_ += node.boolean ? "true" : "false";
        return;
      case NodeKind::kVariable:
        out_ += node.text;
        return;
      case NodeKind::kNegate:
        out_ += '-';
        WriteOperand(node.children[0], kNegateLevel);
        return;
      case NodeKind::kNot:
        out_ += "not ";
        WriteOperand(node.children[0], kNotLevel);
        return;
      case NodeKind::kIn:
        // Comparisons do not chain, so a comparison on the left needs parentheses too.
        WriteOperand(node.children[0], kComparisonLevel + 1);
        out_ += " in ";
        WriteList(node, 1);
        return;
      case NodeKind::kCall:
        out_ += InfoOf(node.function).name;
        WriteList(node, 0);
        return;
      case NodeKind::kBinary: {
        // Left-associative: an equal-level left operand needs no parentheses (except for
        // comparisons, which do not chain); an equal-level right operand always does.
        const int level = PrecedenceOf(node);
        WriteOperand(node.children[0], level == kComparisonLevel ? level + 1 : level);
        out_ += ' ';
        out_ += Spelling(node.op);
        out_ += ' ';
        WriteOperand(node.children[1], level + 1);
        return;
      }
    }
  }

  const Ast& ast_;
  std::string out_;
};

}  // namespace

std::string Print(const Ast& ast) { return Printer(ast).Run(); }

absl::StatusOr<std::string> Format(std::string_view source) {
  absl::StatusOr<Ast> ast = Parse(source);
  if (!ast.ok()) return ast.status();
  return Print(*ast);
}

}  // namespace attain::compensation::expr

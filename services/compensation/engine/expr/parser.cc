#include "services/compensation/engine/expr/parser.h"

#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/compensation/engine/expr/absl_view.h"
#include "services/compensation/engine/expr/lexer.h"
#include "services/compensation/engine/expr/limits.h"

namespace attain::compensation::expr {
namespace {

std::optional<BinaryOp> ComparisonOf(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEqual:
      return BinaryOp::kEqual;
    case TokenKind::kNotEqual:
      return BinaryOp::kNotEqual;
    case TokenKind::kLess:
      return BinaryOp::kLess;
    case TokenKind::kLessEqual:
      return BinaryOp::kLessEqual;
    case TokenKind::kGreater:
      return BinaryOp::kGreater;
    case TokenKind::kGreaterEqual:
      return BinaryOp::kGreaterEqual;
    default:
      return std::nullopt;
  }
}

// Recursive descent, one function per precedence level (see docs/engines/expressions.md
// for the grammar). Every function returns the index of the node it built, or kFailed
// after recording the first error; callers pass kFailed straight up.
class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  absl::StatusOr<Ast> ParseAll() {
    const int root = ParseOr();
    if (root != kFailed && Peek().kind != TokenKind::kEnd) {
      Fail(Peek().position,
           absl::StrCat("expected an operator or the end, found ", Describe(Peek())));
    }
    if (!status_.ok()) return status_;
    ast_.root = root;
    return std::move(ast_);
  }

 private:
  static constexpr int kFailed = -1;

  // One nesting level for as long as it lives; the limit keeps recursion (here and in the
  // compiler) shallow whatever the input.
  class Nesting {
   public:
    Nesting(Parser& parser, Position at) : parser_(parser) {
      if (++parser_.depth_ > kMaxDepth) {
        parser_.Fail(at, absl::StrCat("nested more than ", kMaxDepth, " levels deep"));
      }
    }
    ~Nesting() { --parser_.depth_; }
    bool ok() const { return parser_.status_.ok(); }

   private:
    Parser& parser_;
  };

  const Token& Peek() const { return tokens_[next_]; }
  const Token& Take() { return tokens_[next_ == tokens_.size() - 1 ? next_ : next_++]; }

  int Fail(Position at, std::string message) {
    if (status_.ok()) status_ = CompileErrorAt(at, std::move(message));
    return kFailed;
  }

  bool Expect(TokenKind kind, std::string_view what) {
    if (Peek().kind == kind) {
      Take();
      return true;
    }
    Fail(Peek().position, absl::StrCat("expected ", AbslView(what), ", found ", Describe(Peek())));
    return false;
  }

  int Add(Node node) {
    if (ast_.nodes.size() >= static_cast<size_t>(kMaxNodes)) {
      return Fail(node.position, absl::StrCat("more than ", kMaxNodes,
                                              " values and operations; split the expression"));
    }
    ast_.nodes.push_back(std::move(node));
    return static_cast<int>(ast_.nodes.size()) - 1;
  }

  int Leaf(NodeKind kind, const Token& token) {
    Node node;
    node.kind = kind;
    node.position = node.start = token.position;
    return Add(std::move(node));
  }

  int Binary(BinaryOp op, Position at, int left, int right) {
    Node node;
    node.kind = NodeKind::kBinary;
    node.op = op;
    node.position = at;
    node.start = ast_.nodes[left].start;
    node.children = {left, right};
    return Add(std::move(node));
  }

  // level := next { op next }, left-associative.
  template <typename NextLevel, typename OperatorOf>
  int LeftAssociative(NextLevel next, OperatorOf operator_of) {
    int left = (this->*next)();
    while (left != kFailed) {
      const std::optional<BinaryOp> op = operator_of(Peek().kind);
      if (!op.has_value()) break;
      const Position at = Take().position;
      const int right = (this->*next)();
      if (right == kFailed) return kFailed;
      left = Binary(*op, at, left, right);
    }
    return left;
  }

  int ParseOr() {
    return LeftAssociative(&Parser::ParseAnd, [](TokenKind kind) -> std::optional<BinaryOp> {
      if (kind == TokenKind::kOr) return BinaryOp::kOr;
      return std::nullopt;
    });
  }

  int ParseAnd() {
    return LeftAssociative(&Parser::ParseNot, [](TokenKind kind) -> std::optional<BinaryOp> {
      if (kind == TokenKind::kAnd) return BinaryOp::kAnd;
      return std::nullopt;
    });
  }

  int ParseNot() { return ParsePrefix(TokenKind::kNot, NodeKind::kNot, &Parser::ParseComparison); }

  // level := op level | next. Each prefix operator is one nesting level.
  int ParsePrefix(TokenKind op_kind, NodeKind node_kind, int (Parser::*next)()) {
    if (Peek().kind != op_kind) return (this->*next)();
    const Token& op = Take();
    const Nesting nesting(*this, op.position);
    if (!nesting.ok()) return kFailed;
    const int operand = ParsePrefix(op_kind, node_kind, next);
    if (operand == kFailed) return kFailed;
    return Unary(node_kind, op.position, operand);
  }

  int Unary(NodeKind kind, Position at, int operand) {
    Node node;
    node.kind = kind;
    node.position = node.start = at;
    node.children = {operand};
    return Add(std::move(node));
  }

  // Comparisons do not chain: "a < b < c" is an error rather than a surprise.
  int ParseComparison() {
    const int left = ParseSum();
    if (left == kFailed) return kFailed;
    int result = left;
    if (Peek().kind == TokenKind::kIn) {
      result = ParseIn(left);
    } else if (const std::optional<BinaryOp> op = ComparisonOf(Peek().kind); op.has_value()) {
      const Position at = Take().position;
      const int right = ParseSum();
      if (right == kFailed) return kFailed;
      result = Binary(*op, at, left, right);
    }
    if (result != kFailed &&
        (ComparisonOf(Peek().kind).has_value() || Peek().kind == TokenKind::kIn)) {
      return Fail(Peek().position, "comparisons do not chain; join them with 'and'");
    }
    return result;
  }

  int ParseIn(int subject) {
    const Token& in = Take();
    const Nesting nesting(*this, in.position);
    if (!nesting.ok() || !Expect(TokenKind::kLeftParen, "'(' after 'in'")) return kFailed;
    Node node;
    node.kind = NodeKind::kIn;
    node.position = in.position;
    node.start = ast_.nodes[subject].start;
    node.children = {subject};
    if (!ParseList(node.children, "a value of the 'in' list")) return kFailed;
    return Add(std::move(node));
  }

  // expression { "," expression } ")", appended to `into`; the '(' is already taken.
  bool ParseList(std::vector<int>& into, std::string_view item) {
    while (true) {
      const int element = ParseOr();
      if (element == kFailed) return false;
      into.push_back(element);
      if (Peek().kind == TokenKind::kComma) {
        Take();
        continue;
      }
      return Expect(TokenKind::kRightParen, absl::StrCat("',' or ')' after ", AbslView(item)));
    }
  }

  int ParseSum() {
    return LeftAssociative(&Parser::ParseProduct, [](TokenKind kind) -> std::optional<BinaryOp> {
      if (kind == TokenKind::kPlus) return BinaryOp::kAdd;
      if (kind == TokenKind::kMinus) return BinaryOp::kSubtract;
      return std::nullopt;
    });
  }

  int ParseProduct() {
    return LeftAssociative(&Parser::ParseUnary, [](TokenKind kind) -> std::optional<BinaryOp> {
      if (kind == TokenKind::kStar) return BinaryOp::kMultiply;
      if (kind == TokenKind::kSlash) return BinaryOp::kDivide;
      return std::nullopt;
    });
  }

  int ParseUnary() {
    return ParsePrefix(TokenKind::kMinus, NodeKind::kNegate, &Parser::ParsePrimary);
  }

  int ParsePrimary() {
    const Token& token = Peek();
    switch (token.kind) {
      case TokenKind::kNumber: {
        const int node = Leaf(NodeKind::kNumber, Take());
        if (node != kFailed) ast_.nodes[node].number = token.number;
        return node;
      }
      case TokenKind::kString: {
        const int node = Leaf(NodeKind::kString, Take());
        if (node != kFailed) ast_.nodes[node].text = token.text;
        return node;
      }
      case TokenKind::kTrue:
      case TokenKind::kFalse: {
        const int node = Leaf(NodeKind::kBool, Take());
        if (node != kFailed) ast_.nodes[node].boolean = token.kind == TokenKind::kTrue;
        return node;
      }
      case TokenKind::kIdentifier:
        return tokens_[next_ + 1].kind == TokenKind::kLeftParen ? ParseCall() : ParseVariable();
      case TokenKind::kLeftParen: {
        const Nesting nesting(*this, Take().position);
        if (!nesting.ok()) return kFailed;
        const int inner = ParseOr();
        if (inner == kFailed || !Expect(TokenKind::kRightParen, "')'")) return kFailed;
        return inner;
      }
      default:
        return Fail(token.position, absl::StrCat("expected a value, found ", Describe(token)));
    }
  }

  int ParseVariable() {
    const Token& name = Take();
    const int node = Leaf(NodeKind::kVariable, name);
    if (node != kFailed) ast_.nodes[node].text = std::string(name.lexeme);
    return node;
  }

  int ParseCall() {
    const Token& name = Take();
    const FunctionInfo* info = FindFunction(name.lexeme);
    if (info == nullptr) {
      return Fail(name.position, absl::StrCat("unknown function '", AbslView(name.lexeme),
                                              "'; the functions are ", AbslView(FunctionNames())));
    }
    const Nesting nesting(*this, name.position);
    if (!nesting.ok()) return kFailed;
    Take();  // '('
    Node node;
    node.kind = NodeKind::kCall;
    node.function = info->function;
    node.position = node.start = name.position;
    if (Peek().kind == TokenKind::kRightParen) {
      Take();
    } else if (!ParseList(node.children, absl::StrCat("an argument of ", AbslView(info->name)))) {
      return kFailed;
    }
    const int count = static_cast<int>(node.children.size());
    if (count < info->min_args || (info->max_args != kAnyCount && count > info->max_args)) {
      return Fail(name.position, ArityMessage(*info, count));
    }
    return Add(std::move(node));
  }

  static std::string ArityMessage(const FunctionInfo& info, int count) {
    if (info.max_args == kAnyCount) {
      return absl::StrCat(AbslView(info.name), " takes at least ", info.min_args,
                          " arguments, got ", count);
    }
    return absl::StrCat(AbslView(info.name), " takes ", info.min_args,
                        info.min_args == 1 ? " argument" : " arguments", ", got ", count);
  }

  std::vector<Token> tokens_;
  size_t next_ = 0;
  int depth_ = 0;
  Ast ast_;
  absl::Status status_;
};

}  // namespace

absl::StatusOr<Ast> Parse(std::string_view source) {
  if (source.size() > kMaxSourceBytes) {
    return CompileErrorAt(
        PositionAt(source, kMaxSourceBytes),
        absl::StrCat("the expression is longer than ", kMaxSourceBytes, " bytes; split it"));
  }
  absl::StatusOr<std::vector<Token>> tokens = Lex(source);
  if (!tokens.ok()) return tokens.status();
  return Parser(*std::move(tokens)).ParseAll();
}

}  // namespace attain::compensation::expr

#pragma once
// The syntax tree the parser builds and the compiler and printer read. Nodes live in one
// vector and refer to their children by index, so a tree is a single allocation-friendly
// block with no ownership pointers.

#include <string>
#include <vector>

#include "common/money/decimal.h"
#include "services/compensation/engine/expr/error.h"
#include "services/compensation/engine/expr/functions.h"

namespace attain::compensation::expr {

enum class NodeKind : uint8_t {
  kNumber,
  kString,
  kBool,
  kVariable,
  kNegate,  // unary '-': one child
  kNot,     // one child
  kBinary,  // two children
  kIn,      // children[0] in (children[1], ...)
  kCall,    // function(children...)
};

enum class BinaryOp : uint8_t {
  kOr,
  kAnd,
  kEqual,
  kNotEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
};

// How the operator is written: "or", "==", "+", ...
std::string_view Spelling(BinaryOp op);

struct Node {
  NodeKind kind = NodeKind::kNumber;
  BinaryOp op = BinaryOp::kAdd;        // kBinary
  Function function = Function::kMin;  // kCall
  Position position;          // the operator, literal, name or function name: where errors point
  Position start;             // the node's first token (inside any parentheses around it)
  money::Decimal number;      // kNumber
  bool boolean = false;       // kBool
  std::string text;           // kString: decoded text; kVariable: the name
  std::vector<int> children;  // indices into Ast::nodes
};

struct Ast {
  std::vector<Node> nodes;
  int root = -1;

  const Node& at(int index) const { return nodes[index]; }
  const Node& root_node() const { return nodes[root]; }
};

}  // namespace attain::compensation::expr

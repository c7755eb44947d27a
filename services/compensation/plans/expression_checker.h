#pragma once
// How plan validation checks expressions without depending on the expression language: the
// service injects a checker backed by the expression engine; tests inject a small fake.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attain::compensation::plans {

// Where an expression is used, which decides the variables it may read.
enum class ExpressionUse {
  // A measure's or SPIF's filter condition: the credited transaction's fields.
  kTransactionFilter,
  // A component's condition: measure values and attainments, quota, target incentive and the
  // version's parameters.
  kComponentCondition,
  // A formula: everything a condition reads, plus other components' earnings
  // ("earnings.<component_id>").
  kFormula,
};

// Where an expression is used and the ids the version around it defines.
struct ExpressionContext {
  ExpressionUse use = ExpressionUse::kFormula;
  std::vector<std::string> measure_ids;    // empty for kTransactionFilter
  std::vector<std::string> parameter_ids;  // empty for kTransactionFilter
  std::vector<std::string> component_ids;  // kFormula only; includes the formula's own
};

struct ExpressionProblem {
  int line = 1;  // 1-based, in the expression's source
  int column = 1;
  std::string message;  // e.g. "unknown variable 'x'"
};

// What checking one expression found.
struct ExpressionCheck {
  std::optional<ExpressionProblem> problem;  // nullopt = valid where it is used
  std::vector<std::string> variables;        // valid only: every variable it reads
};

// The prefix of a variable holding another component's earnings; cycles among formulas
// through these variables are plan violations.
inline constexpr std::string_view kEarningsPrefix = "earnings.";

class ExpressionChecker {
 public:
  virtual ~ExpressionChecker() = default;
  // Compiles `source` where `context` says it is used: its first problem (syntax, a variable
  // the context does not define, a type error), or the variables it reads, spelled as in the
  // source ("earnings.base").
  virtual ExpressionCheck Check(std::string_view source,
                                const ExpressionContext& context) const = 0;
};

}  // namespace attain::compensation::plans

#include "services/compensation/plans/plan_variables.h"

#include <cctype>

#include "absl/strings/str_cat.h"
#include "services/compensation/engine/expr/error.h"
#include "services/compensation/engine/expr/expression.h"

namespace attain::compensation::plans {
namespace {

bool IdentifierChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.';
}

// Every txn.attr.<key> token outside string literals.
void DeclareCustomAttributes(std::string_view source, expr::Schema* schema) {
  bool in_string = false;
  for (size_t i = 0; i < source.size(); ++i) {
    const char c = source[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
      continue;
    }
    if (source.substr(i, kCustomAttributePrefix.size()) != kCustomAttributePrefix) continue;
    if (i > 0 && IdentifierChar(source[i - 1])) continue;
    size_t end = i;
    while (end < source.size() && IdentifierChar(source[end])) ++end;
    schema->variables[std::string(source.substr(i, end - i))] = expr::ValueType::kString;
    i = end;
  }
}

}  // namespace

expr::Schema SchemaFor(const ExpressionContext& context, std::string_view source) {
  expr::Schema schema;
  auto& v = schema.variables;
  if (context.use == ExpressionUse::kTransactionFilter) {
    for (const char* name : {"txn.type", "txn.source", "txn.account", "txn.product", "txn.product_family"}) {
      v[name] = expr::ValueType::kString;
    }
    for (const char* name : {"txn.amount", "txn.margin", "txn.quantity"}) v[name] = expr::ValueType::kDecimal;
    DeclareCustomAttributes(source, &schema);
    return schema;
  }
  v["attainment"] = expr::ValueType::kDecimal;
  v["target_incentive"] = expr::ValueType::kDecimal;
  for (const std::string& id : context.measure_ids) {
    v[absl::StrCat("measure.", id)] = expr::ValueType::kDecimal;
    v[absl::StrCat("quota.", id)] = expr::ValueType::kDecimal;
    v[absl::StrCat("attainment.", id)] = expr::ValueType::kDecimal;
  }
  for (const std::string& id : context.parameter_ids) v[absl::StrCat("param.", id)] = expr::ValueType::kDecimal;
  if (context.use == ExpressionUse::kFormula) {
    for (const std::string& id : context.component_ids) {
      v[std::string(kEarningsPrefix) + id] = expr::ValueType::kDecimal;
    }
  }
  return schema;
}

ExpressionCheck EngineExpressionChecker::Check(std::string_view source,
                                               const ExpressionContext& context) const {
  const expr::ValueType expected =
      context.use == ExpressionUse::kFormula ? expr::ValueType::kDecimal : expr::ValueType::kBool;
  auto compiled = expr::Compile(source, SchemaFor(context, source), expected);
  ExpressionCheck check;
  if (!compiled.ok()) {
    const std::optional<expr::ExprError> error = expr::ErrorOf(compiled.status());
    check.problem = error ? ExpressionProblem{error->line, error->column, error->message}
                          : ExpressionProblem{1, 1, std::string(compiled.status().message())};
    return check;
  }
  check.variables = compiled->Variables();
  return check;
}

}  // namespace attain::compensation::plans

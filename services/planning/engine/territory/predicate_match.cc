#include "services/planning/engine/territory/predicate_match.h"

#include <algorithm>

#include "services/planning/engine/territory/postal_code.h"

namespace attain::planning::territory {
namespace {

bool MatchesText(const Predicate& p, std::string_view text) {
  if (text.empty()) return false;
  switch (p.kind) {
    case PredicateKind::kEquals: return text == p.value;
    case PredicateKind::kPrefix: return text.starts_with(p.value);
    case PredicateKind::kInList:
    case PredicateKind::kNamedAccounts:
      return std::any_of(p.values.begin(), p.values.end(),
                         [text](const std::string& v) { return text == v; });
    case PredicateKind::kPostalRange: return PostalCodeInRange(text, p.from, p.to);
    case PredicateKind::kNumericRange: return false;
  }
  return false;
}

bool MatchesNumber(const Predicate& p, int64_t micros) {
  if (p.kind != PredicateKind::kNumericRange) return false;
  return (!p.min || p.min->micros() <= micros) && (!p.max || micros <= p.max->micros());
}

}  // namespace

bool Matches(const EffectivePredicate& predicate, const AccountTable& accounts, Row row) {
  if (!predicate.attribute) return false;
  const AttributeRef attribute = *predicate.attribute;
  if (attribute.kind == ValueKind::kNumber) {
    return MatchesNumber(predicate.predicate, accounts.Micros(attribute.column, row));
  }
  return MatchesText(predicate.predicate, accounts.Text(attribute.column, row));
}

int FirstFailingPredicate(const EffectiveRule& rule, const AccountTable& accounts, Row row) {
  for (size_t i = 0; i < rule.predicates.size(); ++i) {
    if (!Matches(rule.predicates[i], accounts, row)) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace attain::planning::territory

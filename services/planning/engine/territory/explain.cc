#include "services/planning/engine/territory/explain.h"

#include <array>

#include "absl/strings/str_cat.h"
#include "services/planning/engine/territory/predicate_match.h"

namespace attain::planning::territory {
namespace {

RuleRef RefOf(const EffectiveRule& rule) {
  return {rule.territory_id, rule.type, rule.priority, rule.rule_index};
}

std::string Name(const RuleRef& rule) {
  return absl::StrCat(rule.territory_id, " rules[", rule.rule_index, "]");
}

MatchedRule Judge(const RuleRef& rule, const RuleRef* winner) {
  if (winner == nullptr) {
    return {rule, MatchOutcome::kWon,
            absl::StrCat("best-precedence match for ", std::string(TerritoryTypeName(rule.type)),
                         " (priority ", rule.priority, ")")};
  }
  if (winner->territory_id == rule.territory_id) {
    return {rule, MatchOutcome::kTerritoryAlreadyWon,
            absl::StrCat("territory already won through ", Name(*winner), " (priority ",
                         winner->priority, ")")};
  }
  if (winner->priority < rule.priority) {
    return {rule, MatchOutcome::kLostOnPriority,
            absl::StrCat("priority ", rule.priority, " loses to priority ", winner->priority,
                         " of ", Name(*winner))};
  }
  return {rule, MatchOutcome::kLostOnTieBreak,
          absl::StrCat("priority ", rule.priority, " ties with ", Name(*winner), "; territory id \"",
                       winner->territory_id, "\" sorts before \"", rule.territory_id, "\"")};
}

std::string AccountValue(const EffectivePredicate& p, const AccountTable& accounts, Row row) {
  if (!p.attribute) return "an unknown attribute";
  if (p.attribute->kind == ValueKind::kNumber) {
    return money::Decimal::FromMicros(accounts.Micros(p.attribute->column, row)).ToString();
  }
  const std::string_view text = accounts.Text(p.attribute->column, row);
  if (text.empty()) return "no value";
  return absl::StrCat("\"", std::string(text), "\"");
}

}  // namespace

std::string_view MatchOutcomeName(MatchOutcome outcome) {
  switch (outcome) {
    case MatchOutcome::kWon: return "WON";
    case MatchOutcome::kLostOnPriority: return "LOST_ON_PRIORITY";
    case MatchOutcome::kLostOnTieBreak: return "LOST_ON_TIE_BREAK";
    case MatchOutcome::kTerritoryAlreadyWon: return "TERRITORY_ALREADY_WON";
  }
  return "UNKNOWN";
}

const MatchedRule* Explanation::Winner(TerritoryType type) const {
  for (const MatchedRule& m : matched) {
    if (m.outcome == MatchOutcome::kWon && m.rule.type == type) return &m;
  }
  return nullptr;
}

Explanation Explain(const RuleSet& rules, const AccountTable& accounts, Row row,
                    bool include_misses) {
  Explanation explanation;
  explanation.account_id = std::string(accounts.Text(Column(StringAttribute::kId), row));
  explanation.as_of = rules.as_of();
  // Rules come in precedence order, so each type's first match is its winner.
  std::array<std::optional<RuleRef>, kTerritoryTypeCount> winners;
  for (const EffectiveRule& rule : rules.rules()) {
    const int failed = FirstFailingPredicate(rule, accounts, row);
    if (failed >= 0) {
      if (include_misses) {
        const EffectivePredicate& p = rule.predicates[failed];
        explanation.missed.push_back(
            {RefOf(rule), failed,
             absl::StrCat("predicates[", failed, "] failed: ", DescribePredicate(p.predicate),
                          " (account has ", AccountValue(p, accounts, row), ")")});
      }
      continue;
    }
    std::optional<RuleRef>& winner = winners[static_cast<int>(rule.type)];
    explanation.matched.push_back(Judge(RefOf(rule), winner ? &*winner : nullptr));
    if (!winner) winner = RefOf(rule);
  }
  return explanation;
}

}  // namespace attain::planning::territory

#pragma once
// The reference semantics of predicates and rules, evaluated directly on an account's text
// and numbers. The naive assigner and Explain use it; the RuleIndex must agree with it.

#include "services/planning/engine/territory/account_table.h"
#include "services/planning/engine/territory/rule_set.h"

namespace attain::planning::territory {

// False for an absent string value and for a predicate whose attribute did not resolve or is
// of the wrong kind.
bool Matches(const EffectivePredicate& predicate, const AccountTable& accounts, Row row);

// Index of the first predicate of `rule` that fails on `row`, or -1 when the rule matches.
int FirstFailingPredicate(const EffectiveRule& rule, const AccountTable& accounts, Row row);

}  // namespace attain::planning::territory

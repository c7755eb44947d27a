#pragma once
// A predicate bound to one AccountTable: string values become the column's value ids, so the
// RuleIndex's hot loop compares integers. Must agree with predicate_match.h.

#include <cstdint>
#include <string>
#include <vector>

#include "services/planning/engine/territory/account_table.h"
#include "services/planning/engine/territory/rule_set.h"

namespace attain::planning::territory {

struct CompiledPredicate {
  PredicateKind kind = PredicateKind::kEquals;
  ValueKind value_kind = ValueKind::kString;
  int column = 0;
  bool never = false;            // no account of the table can match (or unresolved attribute)
  uint32_t value = kAbsentValue;  // kEquals
  std::vector<uint32_t> values;   // kInList, kNamedAccounts: sorted ids present in the table
  std::string text;               // kPrefix: the prefix; kPostalRange: from
  std::string to;                 // kPostalRange
  int64_t min = 0, max = 0;       // kNumericRange, micros; open bounds are the int64 limits
};

CompiledPredicate Compile(const EffectivePredicate& predicate, const AccountTable& accounts);

bool Matches(const CompiledPredicate& predicate, const AccountTable& accounts, Row row);

}  // namespace attain::planning::territory

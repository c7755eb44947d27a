#include "services/planning/engine/territory/compiled_predicate.h"

#include <algorithm>
#include <limits>

#include "services/planning/engine/territory/postal_code.h"

namespace attain::planning::territory {

CompiledPredicate Compile(const EffectivePredicate& effective, const AccountTable& accounts) {
  const Predicate& p = effective.predicate;
  CompiledPredicate c;
  c.kind = p.kind;
  if (!effective.attribute) {
    c.never = true;
    return c;
  }
  c.value_kind = effective.attribute->kind;
  c.column = effective.attribute->column;
  if ((c.value_kind == ValueKind::kNumber) != (p.kind == PredicateKind::kNumericRange)) {
    c.never = true;
    return c;
  }
  if (c.value_kind == ValueKind::kNumber) {
    c.min = p.min ? p.min->micros() : std::numeric_limits<int64_t>::min();
    c.max = p.max ? p.max->micros() : std::numeric_limits<int64_t>::max();
    return c;
  }
  const StringColumn& column = accounts.strings(c.column);
  switch (p.kind) {
    case PredicateKind::kEquals: {
      const std::optional<uint32_t> id = column.Find(p.value);
      c.value = id.value_or(kAbsentValue);
      c.never = c.value == kAbsentValue;
      break;
    }
    case PredicateKind::kInList:
    case PredicateKind::kNamedAccounts:
      for (const std::string& v : p.values) {
        if (auto id = column.Find(v); id && *id != kAbsentValue) c.values.push_back(*id);
      }
      std::sort(c.values.begin(), c.values.end());
      c.values.erase(std::unique(c.values.begin(), c.values.end()), c.values.end());
      c.never = c.values.empty();
      break;
    case PredicateKind::kPrefix:
      c.text = p.value;
      break;
    case PredicateKind::kPostalRange:
      c.text = p.from;
      c.to = p.to;
      break;
    case PredicateKind::kNumericRange:
      break;
  }
  return c;
}

bool Matches(const CompiledPredicate& c, const AccountTable& accounts, Row row) {
  if (c.never) return false;
  if (c.value_kind == ValueKind::kNumber) {
    const int64_t x = accounts.Micros(c.column, row);
    return c.min <= x && x <= c.max;
  }
  const StringColumn& column = accounts.strings(c.column);
  const uint32_t value = column.ValueAt(row);
  if (value == kAbsentValue) return false;
  switch (c.kind) {
    case PredicateKind::kEquals: return value == c.value;
    case PredicateKind::kInList:
    case PredicateKind::kNamedAccounts:
      return std::binary_search(c.values.begin(), c.values.end(), value);
    case PredicateKind::kPrefix: return column.Text(value).starts_with(c.text);
    case PredicateKind::kPostalRange: return PostalCodeInRange(column.Text(value), c.text, c.to);
    case PredicateKind::kNumericRange: return false;
  }
  return false;
}

}  // namespace attain::planning::territory

#include "services/planning/engine/territory/rule_set.h"

#include <algorithm>
#include <tuple>

#include "services/planning/engine/territory/postal_code.h"

namespace attain::planning::territory {
namespace {

std::optional<AttributeRef> ResolveAttribute(const Predicate& p, const AttributeSchema& schema) {
  switch (p.kind) {
    case PredicateKind::kPostalRange:
      return AttributeRef{ValueKind::kString, Column(StringAttribute::kPostalCode)};
    case PredicateKind::kNamedAccounts:
      return AttributeRef{ValueKind::kString, Column(StringAttribute::kId)};
    default:
      return schema.Resolve(p.attribute);
  }
}

// The table stores postal codes normalized, so predicate values on them are normalized too.
EffectivePredicate Resolve(const Predicate& p, const AttributeSchema& schema) {
  EffectivePredicate resolved{p, ResolveAttribute(p, schema)};
  constexpr AttributeRef kPostal{ValueKind::kString, Column(StringAttribute::kPostalCode)};
  if (resolved.attribute == kPostal) {
    Predicate& q = resolved.predicate;
    q.value = NormalizePostalCode(q.value);
    for (std::string& v : q.values) v = NormalizePostalCode(v);
    q.from = NormalizePostalCode(q.from);
    q.to = NormalizePostalCode(q.to);
  }
  return resolved;
}

}  // namespace

bool Precedes(const EffectiveRule& a, const EffectiveRule& b) {
  return std::tie(a.priority, a.territory_id, a.rule_index) <
         std::tie(b.priority, b.territory_id, b.rule_index);
}

std::shared_ptr<const RuleSet> RuleSet::EffectiveOn(std::span<const Territory> territories,
                                                    const AttributeSchema& schema,
                                                    absl::CivilDay as_of) {
  auto set = std::make_shared<RuleSet>();
  set->as_of_ = as_of;
  for (const Territory& territory : territories) {
    const TerritoryVersion* version = territory.VersionOn(as_of);
    if (version == nullptr) continue;
    for (size_t k = 0; k < version->rules.size(); ++k) {
      const Rule& rule = version->rules[k];
      EffectiveRule& effective = set->rules_.emplace_back();
      effective.territory_id = territory.id;
      effective.type = territory.type;
      effective.priority = rule.priority;
      effective.rule_index = static_cast<int>(k);
      for (const Predicate& p : rule.predicates) {
        effective.predicates.push_back(Resolve(p, schema));
      }
    }
  }
  std::sort(set->rules_.begin(), set->rules_.end(), Precedes);
  return set;
}

}  // namespace attain::planning::territory

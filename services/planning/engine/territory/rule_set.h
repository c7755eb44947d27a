#pragma once
// The rules in force on one date, in precedence order. Position in this order is a rule's
// rank: for each territory type, an account's winner is its matching rule of lowest rank.
//
// Precedence: lower priority number first; equal priorities are broken by territory id
// (byte-wise ascending), then by the rule's position in its territory version.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "services/planning/engine/territory/attributes.h"
#include "services/planning/engine/territory/territory.h"

namespace attain::planning::territory {

struct EffectivePredicate {
  Predicate predicate;                    // values on postal_code are normalized
  std::optional<AttributeRef> attribute;  // nullopt (not validated): never matches
};

struct EffectiveRule {
  std::string territory_id;
  TerritoryType type = TerritoryType::kGeographic;
  int32_t priority = 0;
  int rule_index = 0;  // position in the territory version's rules
  std::vector<EffectivePredicate> predicates;
};

// True when `a` takes precedence over `b` (see the header comment).
bool Precedes(const EffectiveRule& a, const EffectiveRule& b);

class RuleSet {
 public:
  // Every rule of every territory version effective on `as_of`. Expects validated input.
  static std::shared_ptr<const RuleSet> EffectiveOn(std::span<const Territory> territories,
                                                    const AttributeSchema& schema,
                                                    absl::CivilDay as_of);

  absl::CivilDay as_of() const { return as_of_; }
  uint32_t size() const { return static_cast<uint32_t>(rules_.size()); }
  const EffectiveRule& at(uint32_t rank) const { return rules_[rank]; }
  const std::vector<EffectiveRule>& rules() const { return rules_; }

 private:
  absl::CivilDay as_of_;
  std::vector<EffectiveRule> rules_;
};

}  // namespace attain::planning::territory

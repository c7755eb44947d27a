#pragma once
// Why an account landed where it did: every rule that matches it, in precedence order, with
// the winner per territory type and why each other match lost; optionally every rule that
// did not match with its first failing predicate.

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "services/planning/engine/territory/account_table.h"
#include "services/planning/engine/territory/rule_set.h"

namespace attain::planning::territory {

enum class MatchOutcome {
  kWon,                  // best precedence among the matches of its territory type
  kLostOnPriority,       // the winner has a lower priority number
  kLostOnTieBreak,       // same priority as the winner, whose territory id sorts first
  kTerritoryAlreadyWon,  // a better rule of the same territory already won
};

std::string_view MatchOutcomeName(MatchOutcome outcome);  // "WON", ...

struct RuleRef {
  std::string territory_id;
  TerritoryType type = TerritoryType::kGeographic;
  int32_t priority = 0;
  int rule_index = 0;
  friend bool operator==(const RuleRef&, const RuleRef&) = default;
};

struct MatchedRule {
  RuleRef rule;
  MatchOutcome outcome = MatchOutcome::kWon;
  std::string reason;
};

struct MissedRule {
  RuleRef rule;
  int failed_predicate = 0;  // position in the rule's predicates
  std::string reason;        // e.g. `predicates[1] failed: state = "NY" (account has "CA")`
};

struct Explanation {
  std::string account_id;
  absl::CivilDay as_of;
  std::vector<MatchedRule> matched;  // precedence order
  std::vector<MissedRule> missed;    // precedence order; filled only when asked for

  // The winning match of `type`, or nullptr when no territory of that type claims the account.
  const MatchedRule* Winner(TerritoryType type) const;
};

Explanation Explain(const RuleSet& rules, const AccountTable& accounts, Row row,
                    bool include_misses = false);

}  // namespace attain::planning::territory

#include "services/planning/scenarios/promotion.h"

#include <algorithm>
#include <limits>
#include <optional>

#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"
#include "common/time/dates.h"
#include "services/planning/scenarios/scenario_status.h"

namespace attain::planning::scenarios {
namespace {

// The lowest priority number of any rule of any territory of `type`, in any version.
std::optional<int32_t> LowestPriority(const std::vector<v1::Territory>& stored,
                                      v1::TerritoryType type) {
  std::optional<int32_t> lowest;
  for (const v1::Territory& t : stored) {
    if (t.type() != type) continue;
    for (const v1::TerritoryVersion& version : t.versions()) {
      for (const v1::AssignmentRule& rule : version.rules()) {
        if (!lowest || rule.priority() < *lowest) lowest = rule.priority();
      }
    }
  }
  return lowest;
}

v1::AssignmentRule NamedAccountsRule(int32_t priority, const std::vector<std::string>& accounts) {
  v1::AssignmentRule rule;
  rule.set_priority(priority);
  v1::Predicate* predicate = rule.add_predicates();
  for (const std::string& id : accounts) predicate->mutable_named_accounts()->add_values(id);
  return rule;
}

// `territory` with the rule in force from `from` on; FAILED_PRECONDITION when no version
// is in force that day.
absl::StatusOr<v1::Territory> WithRuleFrom(const v1::Territory& territory,
                                           const v1::AssignmentRule& rule, absl::CivilDay from) {
  v1::Territory next = territory;
  next.clear_versions();
  bool in_force = false;
  for (const v1::TerritoryVersion& version : territory.versions()) {
    auto start = dates::Parse(version.effective_from(), "effective_from");
    auto end = dates::ParseOptional(version.effective_to(), "effective_to");
    if (!start.ok() || !end.ok()) return absl::DataLossError("stored territory version has a bad date");
    if (*end && **end < from) {  // over before the move: unchanged
      *next.add_versions() = version;
      continue;
    }
    if (*start >= from) {  // starts on or after the move: carries the rule
      v1::TerritoryVersion* changed = next.add_versions();
      *changed = version;
      *changed->add_rules() = rule;
      in_force = in_force || *start == from;
      continue;
    }
    // In force on `from` and started earlier: close it the day before, continue it from `from`.
    in_force = true;
    v1::TerritoryVersion* closed = next.add_versions();
    *closed = version;
    closed->set_effective_to(dates::Format(from - 1));
    v1::TerritoryVersion* continued = next.add_versions();
    *continued = version;
    continued->set_effective_from(dates::Format(from));
    *continued->add_rules() = rule;
  }
  if (!in_force) {
    return Stale(absl::StrCat("territories/", territory.territory_id(), " is not in force on ",
                              dates::Format(from)));
  }
  return next;
}

}  // namespace

absl::StatusOr<std::vector<v1::Territory>> PlanPromotion(const std::vector<v1::Territory>& stored,
                                                         v1::TerritoryType type,
                                                         const MovesByDestination& moves,
                                                         absl::CivilDay effective_from) {
  const std::optional<int32_t> lowest = LowestPriority(stored, type);
  if (lowest && *lowest == std::numeric_limits<int32_t>::min()) {
    return absl::FailedPreconditionError("no priority number is left below the existing rules");
  }
  const int32_t priority = lowest ? *lowest - 1 : 0;
  std::vector<v1::Territory> changed;
  for (const auto& [destination, accounts] : moves) {
    if (accounts.empty()) continue;
    auto it = std::find_if(stored.begin(), stored.end(), [&](const v1::Territory& t) {
      return t.territory_id() == destination;
    });
    if (it == stored.end()) return Stale(absl::StrCat("territories/", destination, " no longer exists"));
    if (it->type() != type) {
      return Stale(absl::StrCat("territories/", destination, " is no longer of the scenario's type"));
    }
    auto next = WithRuleFrom(*it, NamedAccountsRule(priority, accounts), effective_from);
    if (!next.ok()) return next.status();
    changed.push_back(*std::move(next));
  }
  return changed;
}

}  // namespace attain::planning::scenarios

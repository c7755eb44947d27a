#include "services/planning/engine/territory/engine.h"

#include "services/planning/engine/territory/rule_index.h"
#include "services/planning/engine/territory/rule_set.h"
#include "services/planning/engine/territory/validation.h"

namespace attain::planning::territory {

absl::StatusOr<Assignments> AssignAccounts(const AccountTable& accounts,
                                           std::span<const Territory> territories,
                                           absl::CivilDay as_of, int threads) {
  if (absl::Status valid = ViolationsToStatus(ValidateTerritories(territories, accounts.schema()));
      !valid.ok()) {
    return valid;
  }
  const RuleIndex index =
      RuleIndex::Build(RuleSet::EffectiveOn(territories, accounts.schema(), as_of), accounts);
  return index.AssignAll(threads);
}

absl::StatusOr<Explanation> ExplainAssignment(const AccountTable& accounts,
                                              std::span<const Territory> territories,
                                              std::string_view account_id, absl::CivilDay as_of,
                                              bool include_misses) {
  if (absl::Status valid = ViolationsToStatus(ValidateTerritories(territories, accounts.schema()));
      !valid.ok()) {
    return valid;
  }
  const std::optional<Row> row = accounts.FindRow(account_id);
  if (!row) return absl::NotFoundError("account \"" + std::string(account_id) + "\" not found");
  const auto rules = RuleSet::EffectiveOn(territories, accounts.schema(), as_of);
  return Explain(*rules, accounts, *row, include_misses);
}

}  // namespace attain::planning::territory

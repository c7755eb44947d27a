#pragma once
// What a set of territories (live or a PLAN scenario's) means for accounts and quotas: each
// account's territory per type on a date, the quota allocation of a plan spec over those
// territories, and each seller's annual quota under a coverage.

#include <map>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "attain/planning/v1/quotas.pb.h"
#include "attain/planning/v1/territories.pb.h"
#include "common/db/pg.h"
#include "common/money/decimal.h"
#include "services/planning/engine/quota/allocation.h"
#include "services/planning/engine/territory/account_table.h"
#include "services/planning/quotas/allocation_builder.h"
#include "services/planning/scenarios/plan/plan_model.h"

namespace attain::planning::scenarios {

// Every account, with the attributes any rule of any of `territory_sets` reads.
absl::StatusOr<territory::AccountTable> LoadAccountsFor(
    db::PgConn& conn, const std::vector<const std::vector<v1::Territory>*>& territory_sets);

// Each account's winning territory per type on `day` under `territories`, by account id then
// type. `locked` marks locked accounts.
absl::StatusOr<std::vector<Placement>> PlaceAccounts(const territory::AccountTable& accounts,
                                                     const std::vector<v1::Territory>& territories,
                                                     absl::CivilDay day,
                                                     const absl::flat_hash_set<std::string>& locked);

// The allocation of `spec` for `plan`'s header over `territories`, account weights from
// those territories' rules on the fiscal year's first day. Errors name "spec..." fields.
absl::StatusOr<quotas::ComputedVersion> AllocateOver(db::PgConn& conn, const v1::QuotaPlan& plan,
                                                     const v1::QuotaPlanSpec& spec,
                                                     const std::vector<v1::Territory>& territories,
                                                     const territory::AccountTable& accounts);

// Each covering seller's annual quota (sum of rounded period quotas) under `allocation` and
// `coverage`, with `spec`'s ramp. FAILED_PRECONDITION when the coverage does not split.
absl::StatusOr<std::map<std::string, money::Decimal>> SellerAnnualQuotas(
    db::PgConn& conn, const v1::QuotaPlan& plan, const v1::QuotaPlanSpec& spec,
    const quota::TopDownAllocation& allocation, const std::vector<v1::SellerAssignment>& coverage);

}  // namespace attain::planning::scenarios

#pragma once
// Turns a plan's header and spec into the quota engine's top-down request — the territory
// subtree as of the fiscal year's first day, historical-share and potential weights from the
// accounts assigned by the latest AssignAccounts run on or before that day, the seasonality
// profile — and runs the allocation.

#include <vector>

#include "absl/status/statusor.h"
#include "attain/planning/v1/quotas.pb.h"
#include "attain/planning/v1/territories.pb.h"
#include "common/db/pg.h"
#include "services/planning/engine/quota/allocation.h"
#include "services/planning/engine/quota/fiscal_calendar.h"
#include "services/planning/quotas/plan_input.h"
#include "services/planning/quotas/plan_tree.h"

namespace attain::planning::quotas {

struct ComputedVersion {
  quota::TopDownAllocation allocation;
  // periods, seasonality_weights, history window and assignments_as_of filled in.
  v1::QuotaPlanVersion resolved;
};

// Which territory holds each account when a scenario weighs by its own rules rather than
// by the stored AssignAccounts run: the rules evaluated in memory on `as_of`.
struct AccountsOverride {
  absl::CivilDay as_of;
  std::vector<AccountTerritory> rows;
};

// INVALID_ARGUMENT naming request fields ("plan.root_territory_id", "spec.levels[1].method");
// FAILED_PRECONDITION (NO_ACCOUNT_ASSIGNMENTS) when weights need accounts but no
// AssignAccounts run exists on or before the fiscal year's start. With `accounts`, account
// weights come from it instead of the stored run.
absl::StatusOr<ComputedVersion> ComputeVersion(db::PgConn& conn, const PlanHeader& header,
                                               const PlanSpec& spec,
                                               const std::vector<v1::Territory>& territories,
                                               const AccountsOverride* accounts = nullptr);

// The plan's fiscal calendar (the header is validated, so this cannot fail).
quota::FiscalCalendar CalendarOf(const PlanHeader& header);

// Period labels and dates as protobuf.
void AddPeriods(const std::vector<quota::FiscalPeriod>& periods,
                google::protobuf::RepeatedPtrField<v1::QuotaPeriod>* out);

}  // namespace attain::planning::quotas

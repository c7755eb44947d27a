#pragma once
// Finds the true-ups a run of an open period posts (true_ups.h has the arithmetic): the
// LOCKED periods of the same kind right before it — the open period is the first after them
// that is not locked, so each locked period's difference is posted in exactly one place —
// each recomputed on today's data and compared, seller by seller, with what it paid and
// what later locked periods already trued up.

#include <functional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "common/db/pg.h"
#include "services/compensation/calculation/period_label.h"
#include "services/compensation/engine/calc/statement.h"

namespace attain::compensation::calculation {

// At most this many locked periods are looked back over (three years of months).
inline constexpr int kMaxTrueUpPeriods = 36;

// A locked period calculated again on the current data.
struct RecomputedPeriod {
  // OwnEarned per seller id, from the recomputed statements.
  absl::flat_hash_map<std::string, money::Decimal> own_earned;
  // The digest of the planning data and FX rates it read (calc_runs.planning_digest).
  std::string inputs_digest;
};

using Recompute = std::function<absl::StatusOr<RecomputedPeriod>(const Period& locked)>;

// Seller id -> true-up lines for `open`, oldest locked period first.
using TrueUps = absl::flat_hash_map<std::string, std::vector<calc::Adjustment>>;

absl::StatusOr<TrueUps> PriorPeriodTrueUps(db::PgPool& pool, const Period& open,
                                           int fiscal_year_start_month, const Recompute& recompute);

}  // namespace attain::compensation::calculation

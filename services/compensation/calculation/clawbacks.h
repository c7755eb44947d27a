#pragma once
// Clawbacks (docs/compensation.md, "Clawbacks"): a cancellation or refund that names the deal
// it reverses, dated in a later period than the deal, reverses — in its own period — the
// commission the deal's period actually paid, not what today's tier would give:
//
//   credit  = the reversal credited as the original period credited the deal (dated on the
//             deal's day: the same owner, splits, territories and roll-up), per commission
//             component whose measure takes it;
//   rate    = that component's earnings / its measure value on the seller's published
//             statement of the original period (the rate actually paid there, caps and
//             tiers included), half-even to 6 digits;
//   line    = credit x rate (negative), when the reversal is within the plan's
//             clawback.window_days of the deal (the plan that paid it); none outside.
//
// Such reversals count in no measure (run_inputs.h, LinkedReversal), so nothing is reversed
// twice. A period with no published run paid nothing, so nothing is clawed back for it.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "attain/compensation/v1/calculation.pb.h"
#include "common/db/pg.h"
#include "services/compensation/calculation/run_inputs.h"
#include "services/compensation/engine/calc/statement.h"
#include "services/compensation/engine/plan/plan.h"

namespace attain::compensation::calculation {

// Seller id -> clawback lines, in (original period, source, reversal id, component) order.
using Clawbacks = absl::flat_hash_map<std::string, std::vector<calc::Clawback>>;

// What the original period paid a seller: the published statement and the plan version it
// names.
struct PaidStatement {
  v1::Statement statement;
  std::shared_ptr<const plan::Plan> plan;
};
// nullopt when the seller had no statement in the original period's published run.
using PaidLookup =
    std::function<absl::StatusOr<std::optional<PaidStatement>>(const std::string& seller_id)>;

// The clawbacks of `reversals` (all of one original period) in `credited`: inputs built for
// the original period from the reversals as AsOriginalDated gives them, with keys kept, in
// the currency `currency`. Sellers whose paid plan pays in another currency are left to the
// inputs built in theirs. Adds to `out`.
absl::Status AddClawbacks(const RunInputs& credited, const std::vector<const LinkedReversal*>& reversals,
                          const std::string& currency, const PaidLookup& paid, Clawbacks* out);

// Sorts each seller's lines into the order documented on Clawbacks.
void SortClawbacks(Clawbacks* clawbacks);

// Everything above from the database: for each original period of `reversals`, its
// published run's stored inputs (planning snapshot and FX rates), its plans and the
// statements of the sellers credited.
absl::StatusOr<Clawbacks> SettleLinkedReversals(db::PgConn& conn,
                                                const std::vector<LinkedReversal>& reversals,
                                                int fiscal_year_start_month,
                                                const RollUpSettings& roll_up);

}  // namespace attain::compensation::calculation

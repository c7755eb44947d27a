#pragma once
// A published run's state, kept in memory by the process that ran it so the period's next
// run can start from it (incremental runs, docs/compensation.md): the credited sums per
// seller and every statement as digested, with what they were calculated from.
//
// Why the kept sums stay right: a transaction version imported up to the kept watermark never
// changes (a re-import adds a version), so the sums now are the kept sums plus the credit of
// the versions imported since, minus that of the versions they replaced — exact, as every
// sum is an integer count of micro-units. The planning data, FX rates and plans are compared
// instead: when any of them changed, the run calculates the whole period.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "services/compensation/calculation/period_calculation.h"
#include "services/compensation/calculation/planning_snapshot.h"
#include "services/compensation/calculation/run_inputs.h"
#include "services/compensation/fx/fx_rate.h"
#include "services/compensation/store/calculation_store.h"
#include "services/compensation/store/plan_store.h"

namespace attain::compensation::calculation {

struct KeptStatement {
  store::StatementRow row;   // without its body
  std::string digest_bytes;  // the statement without its run name (run digests hash these)
  std::string inputs_key;    // SellerInputsKey of what it was calculated from
};

struct KeptGroup {  // one plan currency
  std::string currency;
  PeriodMeasures measures;
  std::vector<LinkedReversal> settled_reversals;
};

struct KeptPeriod {
  std::string period;
  int64_t import_watermark = 0;
  std::string inputs_key;  // planning data and FX rates (calc_inputs.digest)
  std::string plans_key;   // PlansKey of the plans in force
  std::shared_ptr<const PlanningSnapshot> planning;
  std::vector<fx::FxRate> fx_rates;
  std::shared_ptr<store::PlansInForce> plans;  // the plan objects the sums are keyed by
  std::vector<KeptGroup> groups;
  // TransactionKeyOf every deal a linked reversal of the read names: a change to one of them
  // can move the reversal between a measure and a clawback.
  absl::flat_hash_set<std::string> linked_originals;
  int64_t transactions = 0;
  absl::flat_hash_map<std::string, KeptStatement> statements;  // by seller id
};

// Everything of the plans in force a run's crediting and plan resolution read (versions with
// their ranges, assignments with every field), as a SHA-256: equal keys, equal plans.
std::string PlansKey(const store::PlansInForce& plans);

// Everything of `sp` besides the credited sums that Evaluate reads, as a SHA-256: equal keys
// and equal sums give equal results, so an incremental run carries a seller whose key and
// sums did not change. Every field of SellerPlan must be in it.
std::string SellerInputsKey(const SellerPlan& sp);

}  // namespace attain::compensation::calculation

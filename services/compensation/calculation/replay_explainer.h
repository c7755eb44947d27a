#pragma once
// Explanations by replay (docs/compensation.md, "Lineage"): a published run stores what it
// cannot re-read later (planning's snapshot and the FX rates, by digest) and the import
// watermark of its transactions; plan versions never change once stored. Explaining a
// component rebuilds exactly the run's inputs for the seller's plan, credits them again and
// keeps the seller's credits that pass the component's filter. Storing every credit instead
// would multiply the run's writes by the credits per transaction (roll-ups included) for
// rows that are rarely read.

#include <list>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "common/db/pg.h"
#include "services/compensation/calculation/run_inputs.h"
#include "services/compensation/statements/payout_explainer.h"

namespace attain::compensation::calculation {

class ReplayExplainer final : public statements::PayoutExplainer {
 public:
  ReplayExplainer(db::PgPool* pool, int fiscal_year_start_month, RollUpSettings roll_up, int threads)
      : pool_(pool), fiscal_year_start_month_(fiscal_year_start_month), roll_up_(std::move(roll_up)),
        threads_(threads) {}

  absl::StatusOr<statements::CreditPage> CreditedTransactions(int64_t run_id,
                                                              const std::string& seller_id,
                                                              const std::string& component_id,
                                                              size_t offset, size_t limit) override;

 private:
  using Key = std::tuple<int64_t, std::string, std::string>;
  struct Replayed {
    std::vector<v1::CreditedTransaction> rows;  // every row, in page order
    std::string credited_total;
  };
  absl::StatusOr<std::shared_ptr<const Replayed>> Replay(int64_t run_id, const std::string& seller_id,
                                                         const std::string& component_id);

  db::PgPool* pool_;
  const int fiscal_year_start_month_;
  const RollUpSettings roll_up_;
  const int threads_;
  // The last few explanations, so paging through one replays it once.
  absl::Mutex mu_;
  std::list<std::pair<Key, std::shared_ptr<const Replayed>>> recent_ ABSL_GUARDED_BY(mu_);
};

}  // namespace attain::compensation::calculation

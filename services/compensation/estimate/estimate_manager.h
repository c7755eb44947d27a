#pragma once
// EstimateEarnings (estimate.proto): checks the request and the caller, finds the period's
// published run and the PeriodModel kept for it (built on first use, replaced when another
// run is published), and answers with the estimate, showing the managers a deal rolls up to
// only to callers who may read their statements.

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "attain/compensation/v1/estimate.pb.h"
#include "common/auth/principal.h"
#include "common/db/pg.h"
#include "services/compensation/calculation/run_manager.h"
#include "services/compensation/estimate/earnings_estimator.h"

namespace attain::compensation::estimate {

inline constexpr int kMaxDeals = 50;
// Periods whose models are kept at once (each holds a period's transactions: about 300 MB per
// million); the least recently used goes first.
inline constexpr size_t kMaxModels = 3;

class EstimateManager {
 public:
  EstimateManager(db::PgPool* pool, calculation::RunManager* runs)
      : pool_(pool), runs_(runs) {}

  // INVALID_ARGUMENT naming the field (`deals[2].amount`); PERMISSION_DENIED outside the
  // caller's statements; FAILED_PRECONDITION when the period has no published run; NOT_FOUND
  // when the seller has no plan in it.
  absl::StatusOr<v1::EstimateEarningsResponse> Estimate(const auth::Principal& principal,
                                                        const v1::EstimateEarningsRequest& request);

 private:
  struct Kept {
    int64_t run_id = 0;
    std::shared_ptr<const PeriodModel> model;
    uint64_t last_used = 0;
  };
  // The model of `period` for its published run `run_id`, built when missing or older.
  absl::StatusOr<std::shared_ptr<const PeriodModel>> ModelFor(const std::string& period,
                                                              int64_t run_id);

  db::PgPool* pool_;
  calculation::RunManager* runs_;
  absl::Mutex build_mu_;  // one model built at a time (each reads the whole period)
  absl::Mutex mu_;
  std::map<std::string, Kept> models_ ABSL_GUARDED_BY(mu_);
  uint64_t uses_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace attain::compensation::estimate

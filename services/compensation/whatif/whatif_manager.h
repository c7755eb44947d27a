#pragma once
// Runs a what-if (whatif.proto): loads the modelled plan version and the period's published
// statements, calculates the period in a sandbox with that version (RunManager::
// CalculateSandbox, which publishes nothing) and compares the two (whatif_comparison.h).
// A read from end to end: nothing is written, so a what-if never touches published results.

#include "absl/status/statusor.h"
#include "attain/compensation/v1/whatif.pb.h"
#include "common/db/pg.h"
#include "services/compensation/calculation/run_manager.h"

namespace attain::compensation::whatif {

inline constexpr int kDefaultTop = 10;
inline constexpr int kMaxTop = 100;

class WhatIfManager {
 public:
  WhatIfManager(db::PgPool* pool, calculation::RunManager* runs, int fiscal_year_start_month)
      : pool_(pool), runs_(runs), fiscal_year_start_month_(fiscal_year_start_month) {}

  // INVALID_ARGUMENT naming `period`, `plan_version` or `top`; NOT_FOUND for a missing plan
  // or version.
  absl::StatusOr<v1::WhatIfResult> Run(const v1::RunWhatIfRequest& request);

 private:
  db::PgPool* pool_;
  calculation::RunManager* runs_;
  const int fiscal_year_start_month_;
};

}  // namespace attain::compensation::whatif

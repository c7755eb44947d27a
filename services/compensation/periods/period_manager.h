#pragma once
// Reads and moves calculation periods (periods.proto). A move is one retry-safe call that
// locks the period's row, checks the rule (period_status.h), records who, when and why, and
// appends an outbox event — so the approval workflow can drive APPROVED later through the
// same call.

#include "absl/status/statusor.h"
#include "attain/compensation/v1/periods.pb.h"
#include "common/auth/principal.h"
#include "common/db/pg.h"
#include "common/events/outbox.h"

namespace attain::compensation::periods {

class PeriodManager {
 public:
  PeriodManager(db::PgPool* pool, events::OutboxRelay* relay, int fiscal_year_start_month)
      : pool_(pool), relay_(relay), fiscal_year_start_month_(fiscal_year_start_month) {}

  absl::StatusOr<v1::Period> Get(const v1::GetPeriodRequest& request);
  absl::StatusOr<v1::ListPeriodsResponse> List(const v1::ListPeriodsRequest& request);
  absl::StatusOr<v1::Period> Transition(const auth::Principal& principal,
                                        const v1::TransitionPeriodRequest& request);

 private:
  // period_status.h's CheckPreviousFinal for `label`, read in `tx`.
  absl::Status CheckPreviousFinal(db::PgConn& tx, const std::string& label);

  db::PgPool* pool_;
  events::OutboxRelay* relay_;
  const int fiscal_year_start_month_;
};

}  // namespace attain::compensation::periods

#pragma once
// Manual adjustments: created by comp admins (validated, retry-safe by request_id, with an
// outbox event) and listed per period. An adjustment changes no statement by itself: the
// period's next calculation run includes it (store::LoadAdjustments).

#include "absl/status/statusor.h"
#include "attain/compensation/v1/calculation.pb.h"
#include "common/auth/principal.h"
#include "common/db/pg.h"
#include "common/events/outbox.h"
#include "services/compensation/transactions/references.h"

namespace attain::compensation::statements {

class AdjustmentManager {
 public:
  // `sellers` may be null: seller ids are then only checked for their format.
  AdjustmentManager(db::PgPool* pool, events::OutboxRelay* relay,
                    transactions::ReferenceChecker* sellers, int fiscal_year_start_month)
      : pool_(pool),
        relay_(relay),
        sellers_(sellers),
        fiscal_year_start_month_(fiscal_year_start_month) {}

  // The author is `principal`'s subject.
  absl::StatusOr<v1::Adjustment> Create(const auth::Principal& principal,
                                        const v1::CreateAdjustmentRequest& request);
  absl::StatusOr<v1::ListAdjustmentsResponse> List(const v1::ListAdjustmentsRequest& request);

 private:
  // INVALID_ARGUMENT naming adjustment.seller_id when planning does not know `seller_id`.
  absl::Status CheckSellerExists(const std::string& seller_id);

  db::PgPool* pool_;
  events::OutboxRelay* relay_;
  transactions::ReferenceChecker* sellers_;
  const int fiscal_year_start_month_;
};

}  // namespace attain::compensation::statements

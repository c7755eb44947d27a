#pragma once
// Quota plan use cases: create and revise (compute the top-down allocation and store it as a
// DRAFT version), the lifecycle DRAFT -> SUBMITTED -> APPROVED -> ACTIVE, bottom-up
// submissions, reconciliation and territory quotas. Every write runs in one transaction
// (idempotency claim, plan lock, rows, outbox event). A version's allocation never changes
// after it is written; seller-quota cache keys carry the version's revision, so any state
// change of a version retires its cached entries.

#include <string>

#include "absl/status/statusor.h"
#include "attain/planning/v1/quotas.pb.h"
#include "common/db/pg.h"
#include "common/events/outbox.h"
#include "services/planning/store/seller_store.h"

namespace attain::planning::quotas {

class QuotaManager {
 public:
  QuotaManager(db::PgPool* pool, events::OutboxRelay* relay) : pool_(pool), relay_(relay) {}

  absl::StatusOr<v1::QuotaPlan> Create(const v1::CreateQuotaPlanRequest& request);
  absl::StatusOr<v1::QuotaPlanVersion> Revise(const v1::ReviseQuotaPlanRequest& request);
  absl::StatusOr<v1::QuotaPlan> Get(const std::string& name);
  absl::StatusOr<v1::ListQuotaPlansResponse> List(const v1::ListQuotaPlansRequest& request);

  absl::StatusOr<v1::QuotaPlanVersion> Submit(const v1::SubmitQuotaPlanRequest& request);
  absl::StatusOr<v1::QuotaPlanVersion> Approve(const v1::ApproveQuotaPlanRequest& request);
  absl::StatusOr<v1::QuotaPlanVersion> Activate(const v1::ActivateQuotaPlanRequest& request);

  absl::StatusOr<v1::BottomUpSubmission> SubmitBottomUp(const v1::SubmitBottomUpRequest& request);
  absl::StatusOr<v1::GetReconciliationResponse> Reconciliation(
      const v1::GetReconciliationRequest& request);
  // A rep or manager sees only the territories their visible sellers cover in the plan year.
  absl::StatusOr<v1::GetTerritoryQuotasResponse> TerritoryQuotas(
      const v1::GetTerritoryQuotasRequest& request, const store::Visibility& visibility);

 private:
  // Moves version `name` from `from` to `to` (ACTIVE also closes the range of the version
  // it supersedes).
  absl::StatusOr<v1::QuotaPlanVersion> Transition(const std::string& name,
                                                  const std::string& request_id,
                                                  const std::string& method,
                                                  const std::string& serialized_request,
                                                  v1::QuotaPlanState from, v1::QuotaPlanState to,
                                                  const std::string& effective_from);

  db::PgPool* pool_;
  events::OutboxRelay* relay_;
};

}  // namespace attain::planning::quotas

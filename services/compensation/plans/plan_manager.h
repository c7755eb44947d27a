#pragma once
// The plan use cases behind attain.compensation.v1.PlanService (docs/compensation_plans.md).
// Requests are validated in full before anything is written; every write runs in one
// transaction holding the plans lock, claims its request_id (a retry returns the first
// response) and appends one outbox event, so a rejected request writes nothing. Who may call
// what is the policy table's business alone.

#include <string>

#include "absl/status/statusor.h"
#include "attain/compensation/v1/plans.pb.h"
#include "common/db/pg.h"
#include "common/events/outbox.h"
#include "services/compensation/plans/expression_checker.h"
#include "services/compensation/transactions/references.h"

namespace attain::compensation::plans {

class PlanManager {
 public:
  // `sellers` checks that assigned sellers exist in planning; `checker` compiles expressions.
  PlanManager(db::PgPool* pool, transactions::ReferenceChecker* sellers,
              const ExpressionChecker* checker, events::OutboxRelay* relay)
      : pool_(pool), sellers_(sellers), checker_(checker), relay_(relay) {}

  // `creator` is the caller's subject, kept with what it creates.
  absl::StatusOr<v1::Plan> Create(const v1::CreatePlanRequest& request, const std::string& creator);
  absl::StatusOr<v1::PlanVersion> Revise(const v1::RevisePlanRequest& request,
                                         const std::string& creator);
  absl::StatusOr<v1::Plan> Get(const v1::GetPlanRequest& request);
  absl::StatusOr<v1::ListPlansResponse> List(const v1::ListPlansRequest& request);
  // Reads the plan's header for `name`; writes nothing.
  absl::StatusOr<v1::ValidatePlanResponse> Validate(const v1::ValidatePlanRequest& request);
  absl::StatusOr<v1::PlanVersion> Activate(const v1::ActivatePlanVersionRequest& request);

  absl::StatusOr<v1::PlanAssignment> Assign(const v1::AssignPlanRequest& request,
                                            const std::string& creator);
  absl::StatusOr<v1::ListPlanAssignmentsResponse> ListAssignments(
      const v1::ListPlanAssignmentsRequest& request);
  absl::StatusOr<v1::PlanAssignment> EndAssignment(const v1::EndPlanAssignmentRequest& request);

 private:
  db::PgPool* pool_;
  transactions::ReferenceChecker* sellers_;
  const ExpressionChecker* checker_;
  events::OutboxRelay* relay_;
};

}  // namespace attain::compensation::plans

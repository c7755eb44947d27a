// PlanManager's assignment use cases: assign, list, end (the plan and version use cases are in
// plan_manager.cc).
#include "absl/strings/str_cat.h"
#include "common/db/idempotency.h"
#include "common/errors/errors.h"
#include "common/server/page_token.h"
#include "services/compensation/plans/assignment_input.h"
#include "services/compensation/plans/plan_events.h"
#include "services/compensation/plans/plan_lifecycle.h"
#include "services/compensation/plans/plan_manager.h"
#include "services/compensation/plans/plan_names.h"
#include "services/compensation/plans/plan_output.h"
#include "services/compensation/plans/plan_proto.h"
#include "services/compensation/plans/plan_reads.h"
#include "services/compensation/store/plan_store.h"

namespace attain::compensation::plans {
namespace {

// Whether planning knows `seller_id`. Asked before the plans lock is taken, so the lock is
// never held across a call to another service.
absl::StatusOr<bool> SellerExists(transactions::ReferenceChecker& sellers,
                                  const std::string& seller_id) {
  transactions::ReferenceIds ids;
  ids.seller_ids.push_back(seller_id);
  auto missing = sellers.FindMissing(ids);
  if (!missing.ok()) return missing.status();
  return missing->seller_ids.empty();
}

absl::StatusOr<store::AssignmentFilter> ParseFilter(const v1::ListPlanAssignmentsRequest& request) {
  Violations violations;
  store::AssignmentFilter filter;
  filter.plan_id = request.plan_id();
  filter.seller_id = request.seller_id();
  filter.title = request.title();
  for (const auto& [value, field] :
       {std::pair{&filter.plan_id, "plan_id"}, std::pair{&filter.seller_id, "seller_id"}}) {
    if (!value->empty() && !IsResourceId(*value)) {
      violations.push_back({field, absl::StrCat("must be empty or ", kResourceIdRule)});
    }
  }
  if (filter.title.size() > kMaxTitleLength) {
    violations.push_back({"title", "must be at most 100 characters"});
  }
  if (!request.as_of().empty()) filter.as_of = ParseDate(request.as_of(), "as_of", &violations);
  if (!violations.empty()) return errors::InvalidFields(std::move(violations));
  return filter;
}

}  // namespace

absl::StatusOr<v1::PlanAssignment> PlanManager::Assign(const v1::AssignPlanRequest& request,
                                                       const std::string& creator) {
  const v1::PlanAssignment& input = request.assignment();
  // Without a well-formed plan id there is no version to check the rest against.
  if (!IsResourceId(input.plan_id())) {
    return errors::InvalidField("assignment.plan_id",
                                absl::StrCat("is required: ", kResourceIdRule));
  }
  auto assigned = db::IdempotentWrite<v1::PlanAssignment>(
      *pool_, request.request_id(), "AssignPlan", request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::PlanAssignment> {
        bool unknown_seller = false;
        if (input.assignee_case() == v1::PlanAssignment::kSellerId &&
            IsResourceId(input.seller_id())) {
          auto exists = SellerExists(*sellers_, input.seller_id());
          if (!exists.ok()) return exists.status();
          unknown_seller = !*exists;
        }
        if (auto s = store::LockPlans(tx); !s.ok()) return s;
        auto plan = RequirePlan(tx, input.plan_id());
        if (!plan.ok()) return plan.status();
        auto latest = LoadLatestVersion(tx, *plan);
        if (!latest.ok()) return latest.status();
        Violations violations;
        auto assignment = ParsePlanAssignment(input, *latest, "assignment", &violations);
        if (unknown_seller) {
          violations.push_back(
              {"assignment.seller_id",
               absl::StrCat("seller '", input.seller_id(), "' does not exist in planning")});
        }
        if (!violations.empty()) return errors::InvalidFields(std::move(violations));

        if (!assignment->assignment_id.empty()) {
          auto existing = store::GetAssignment(tx, assignment->plan_id, assignment->assignment_id);
          if (!existing.ok()) return existing.status();
          if (existing->has_value()) {
            return errors::WithReason(
                absl::AlreadyExistsError(
                    absl::StrCat(PlanAssignmentName(assignment->plan_id, assignment->assignment_id),
                                 " already exists")),
                "ASSIGNMENT_EXISTS");
          }
        }
        const bool direct = assignment->title.empty();
        auto same_assignee =
            store::AssignmentsOfAssignee(tx, assignment->seller_id, assignment->title);
        if (!same_assignee.ok()) return same_assignee.status();
        if (auto s =
                CheckNoOverlap(*same_assignee, assignment->effective_from, assignment->effective_to,
                               direct ? absl::StrCat("seller ", assignment->seller_id)
                                      : absl::StrCat("title '", assignment->title, "'"),
                               direct ? "assignment.seller_id" : "assignment.title");
            !s.ok()) {
          return s;
        }
        auto stored = store::InsertAssignment(tx, *assignment, creator);
        if (!stored.ok()) return stored.status();
        if (auto s = AppendEvent(
                tx, AssignmentCreated(stored->assignment, creator, request.request_id()));
            !s.ok()) {
          return s;
        }
        return StoredAssignmentToProto(*stored);
      });
  if (assigned.ok()) relay_->Notify();
  return assigned;
}

absl::StatusOr<v1::ListPlanAssignmentsResponse> PlanManager::ListAssignments(
    const v1::ListPlanAssignmentsRequest& request) {
  auto page_size = server::EffectivePageSize(request.page_size());
  if (!page_size.ok()) return page_size.status();
  auto filter = ParseFilter(request);
  if (!filter.ok()) return filter.status();
  v1::ListPlanAssignmentsRequest filters = request;
  filters.clear_page_size();
  filters.clear_page_token();
  const std::string fingerprint = db::RequestFingerprint(filters.SerializeAsString());
  auto after_key = server::DecodePageToken(request.page_token(), fingerprint);
  if (!after_key.ok()) return after_key.status();
  std::optional<store::AssignmentKey> after;
  if (!after_key->empty()) {
    // The key is the last assignment's name.
    auto ref = ParsePlanAssignmentName(*after_key, "page_token");
    if (!ref.ok()) {
      return errors::InvalidField("page_token", "is not a token returned by this method");
    }
    after = store::AssignmentKey{ref->plan_id, ref->assignment_id};
  }
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto page = store::ListAssignments(**lease, *filter, after, *page_size);
  if (!page.ok()) return page.status();
  v1::ListPlanAssignmentsResponse response;
  for (const store::StoredAssignment& stored : page->assignments) {
    *response.add_assignments() = StoredAssignmentToProto(stored);
  }
  response.set_total_size(page->total);
  if (page->more && !page->assignments.empty()) {
    const PlanAssignment& last = page->assignments.back().assignment;
    response.set_next_page_token(
        server::EncodePageToken(fingerprint, PlanAssignmentName(last.plan_id, last.assignment_id)));
  }
  return response;
}

absl::StatusOr<v1::PlanAssignment> PlanManager::EndAssignment(
    const v1::EndPlanAssignmentRequest& request) {
  Violations violations;
  auto ref = ParsePlanAssignmentName(request.name(), "name");
  if (!ref.ok()) violations = errors::FieldViolationsOf(ref.status());
  auto to = ParseDate(request.effective_to(), "effective_to", &violations);
  if (!violations.empty()) return errors::InvalidFields(std::move(violations));
  auto ended = db::IdempotentWrite<v1::PlanAssignment>(
      *pool_, request.request_id(), "EndPlanAssignment", request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::PlanAssignment> {
        if (auto s = store::LockPlans(tx); !s.ok()) return s;
        auto stored = store::GetAssignment(tx, ref->plan_id, ref->assignment_id);
        if (!stored.ok()) return stored.status();
        if (!stored->has_value())
          return absl::NotFoundError(absl::StrCat(request.name(), " not found"));
        PlanAssignment& assignment = (*stored)->assignment;
        if (auto s = CheckNewEnd({assignment.plan_id, assignment.assignment_id,
                                  assignment.effective_from, assignment.effective_to},
                                 *to);
            !s.ok()) {
          return s;
        }
        // Ending on the day it already ends changes nothing, so nothing is written.
        if (assignment.effective_to != *to) {
          const std::optional<absl::CivilDay> previous = assignment.effective_to;
          if (auto s = store::SetAssignmentEnd(tx, ref->plan_id, ref->assignment_id, *to);
              !s.ok()) {
            return s;
          }
          assignment.effective_to = *to;
          if (auto s = AppendEvent(tx, AssignmentEnded(assignment, previous, request.request_id()));
              !s.ok()) {
            return s;
          }
        }
        return StoredAssignmentToProto(**stored);
      });
  if (ended.ok()) relay_->Notify();
  return ended;
}

}  // namespace attain::compensation::plans

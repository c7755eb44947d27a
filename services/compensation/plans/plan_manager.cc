#include "services/compensation/plans/plan_manager.h"

#include "absl/strings/str_cat.h"
#include "common/db/idempotency.h"
#include "common/errors/errors.h"
#include "common/server/page_token.h"
#include "services/compensation/plans/plan_events.h"
#include "services/compensation/plans/plan_lifecycle.h"
#include "services/compensation/plans/plan_names.h"
#include "services/compensation/plans/plan_output.h"
#include "services/compensation/plans/plan_proto.h"
#include "services/compensation/plans/plan_reads.h"
#include "services/compensation/plans/plan_rules.h"
#include "services/compensation/store/plan_store.h"

namespace attain::compensation::plans {
namespace {

// The version's violations under "version" (header fields are only copied, never checked
// there, so a placeholder header serves when the real one is not known yet).
std::optional<plan::Plan> ParseRules(const PlanHeader& header, const v1::PlanVersion& version,
                                     const ExpressionChecker& checker, Violations* violations) {
  return ParsePlanVersion(header, version, checker, "version", violations);
}

}  // namespace

absl::StatusOr<v1::Plan> PlanManager::Create(const v1::CreatePlanRequest& request,
                                             const std::string& creator) {
  Violations violations;
  auto header = ParsePlanHeader(request.plan(), "plan", &violations);
  auto rules = ParseRules(header.value_or(PlanHeader{}), request.version(), *checker_, &violations);
  if (!violations.empty()) return errors::InvalidFields(std::move(violations));
  const std::string rules_json = RulesJson(*rules);
  auto created = db::IdempotentWrite<v1::Plan>(
      *pool_, request.request_id(), "CreatePlan", request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::Plan> {
        if (auto s = store::LockPlans(tx); !s.ok()) return s;
        auto existing = store::GetPlan(tx, header->plan_id);
        if (!existing.ok()) return existing.status();
        if (existing->has_value()) {
          return errors::WithReason(
              absl::AlreadyExistsError(absl::StrCat(PlanName(header->plan_id), " already exists")),
              "PLAN_EXISTS");
        }
        if (auto s = store::InsertPlan(tx, *header); !s.ok()) return s;
        if (auto s = store::InsertVersion(tx, header->plan_id, 1, rules_json, creator); !s.ok()) {
          return s;
        }
        if (auto s = AppendEvent(tx, PlanCreated(*header, creator, request.request_id()));
            !s.ok()) {
          return s;
        }
        return LoadPlanMessage(tx, header->plan_id, /*with_rules=*/true);
      });
  if (created.ok()) relay_->Notify();
  return created;
}

absl::StatusOr<v1::PlanVersion> PlanManager::Revise(const v1::RevisePlanRequest& request,
                                                    const std::string& creator) {
  auto plan_id = ParsePlanName(request.name(), "name");
  if (!plan_id.ok()) return plan_id.status();
  Violations violations;
  PlanHeader header;
  header.plan_id = *plan_id;
  auto rules = ParseRules(header, request.version(), *checker_, &violations);
  if (!violations.empty()) return errors::InvalidFields(std::move(violations));
  const std::string rules_json = RulesJson(*rules);
  auto revised = db::IdempotentWrite<v1::PlanVersion>(
      *pool_, request.request_id(), "RevisePlan", request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::PlanVersion> {
        if (auto s = store::LockPlans(tx); !s.ok()) return s;
        if (auto plan = RequirePlan(tx, *plan_id); !plan.ok()) return plan.status();
        auto latest = store::LatestVersionNumber(tx, *plan_id);
        if (!latest.ok()) return latest.status();
        const int number = *latest + 1;
        if (auto s = store::InsertVersion(tx, *plan_id, number, rules_json, creator); !s.ok()) {
          return s;
        }
        if (auto s = AppendEvent(tx, PlanRevised(*plan_id, number, creator, request.request_id()));
            !s.ok()) {
          return s;
        }
        return LoadVersionMessage(tx, *plan_id, number);
      });
  if (revised.ok()) relay_->Notify();
  return revised;
}

absl::StatusOr<v1::Plan> PlanManager::Get(const v1::GetPlanRequest& request) {
  auto plan_id = ParsePlanName(request.name(), "name");
  if (!plan_id.ok()) return plan_id.status();
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  return LoadPlanMessage(**lease, *plan_id, /*with_rules=*/true);
}

absl::StatusOr<v1::ListPlansResponse> PlanManager::List(const v1::ListPlansRequest& request) {
  auto page_size = server::EffectivePageSize(request.page_size());
  if (!page_size.ok()) return page_size.status();
  v1::ListPlansRequest filters = request;
  filters.clear_page_size();
  filters.clear_page_token();
  const std::string fingerprint = db::RequestFingerprint(filters.SerializeAsString());
  auto after = server::DecodePageToken(request.page_token(), fingerprint);
  if (!after.ok()) return after.status();
  if (!after->empty() && !IsResourceId(*after)) {
    return errors::InvalidField("page_token", "is not a token returned by this method");
  }
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto page = store::ListPlans(**lease, *after, *page_size);
  if (!page.ok()) return page.status();
  std::vector<std::string> ids;
  for (const store::StoredPlan& plan : page->plans) ids.push_back(plan.header.plan_id);
  auto versions = store::LoadVersions(**lease, ids, /*with_rules=*/false);
  if (!versions.ok()) return versions.status();
  v1::ListPlansResponse response;
  // Both lists are ordered by plan_id: one pass hands each plan its versions.
  auto next = versions->begin();
  for (const store::StoredPlan& plan : page->plans) {
    auto first = next;
    while (next != versions->end() && next->plan_id == plan.header.plan_id) ++next;
    auto message = PlanWithVersions(plan, {first, next});
    if (!message.ok()) return message.status();
    *response.add_plans() = *std::move(message);
  }
  response.set_total_size(page->total);
  if (page->more && !page->plans.empty()) {
    response.set_next_page_token(
        server::EncodePageToken(fingerprint, page->plans.back().header.plan_id));
  }
  return response;
}

absl::StatusOr<v1::ValidatePlanResponse> PlanManager::Validate(
    const v1::ValidatePlanRequest& request) {
  Violations violations;
  PlanHeader header;
  switch (request.subject_case()) {
    case v1::ValidatePlanRequest::kPlan:
      header = ParsePlanHeader(request.plan(), "plan", &violations).value_or(PlanHeader{});
      break;
    case v1::ValidatePlanRequest::kName: {
      auto plan_id = ParsePlanName(request.name(), "name");
      if (!plan_id.ok()) return plan_id.status();
      auto lease = pool_->Acquire();
      if (!lease.ok()) return lease.status();
      auto plan = RequirePlan(**lease, *plan_id);
      if (!plan.ok()) return plan.status();
      header = plan->header;
      break;
    }
    case v1::ValidatePlanRequest::SUBJECT_NOT_SET:
      return errors::InvalidField("subject", "set plan (as CreatePlan) or name (as RevisePlan)");
  }
  (void)ParseRules(header, request.version(), *checker_, &violations);
  v1::ValidatePlanResponse response;
  for (const errors::FieldViolation& v : violations) {
    auto* out = response.add_violations();
    out->set_field(v.field);
    out->set_description(v.description);
  }
  return response;
}

absl::StatusOr<v1::PlanVersion> PlanManager::Activate(
    const v1::ActivatePlanVersionRequest& request) {
  Violations violations;
  auto ref = ParsePlanVersionName(request.name(), "name");
  if (!ref.ok()) violations = errors::FieldViolationsOf(ref.status());
  auto from = ParseDate(request.effective_from(), "effective_from", &violations);
  if (!violations.empty()) return errors::InvalidFields(std::move(violations));
  auto activated = db::IdempotentWrite<v1::PlanVersion>(
      *pool_, request.request_id(), "ActivatePlanVersion", request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::PlanVersion> {
        if (auto s = store::LockPlans(tx); !s.ok()) return s;
        if (auto plan = RequirePlan(tx, ref->plan_id); !plan.ok()) return plan.status();
        auto versions = store::LoadVersions(tx, {ref->plan_id}, /*with_rules=*/false);
        if (!versions.ok()) return versions.status();
        std::vector<VersionDates> history;
        for (const store::StoredVersion& v : *versions) history.push_back(v.dates);
        auto activation = PlanActivation(ref->plan_id, history, ref->version, *from);
        if (!activation.ok()) return activation.status();
        if (activation->retired_version) {
          // Retired first: the table allows one ACTIVE version per plan at any moment.
          for (VersionDates& v : history) {
            if (v.version != *activation->retired_version) continue;
            v.state = VersionState::kRetired;
            v.effective_to = activation->retired_effective_to;
            if (auto s = store::SetVersionDates(tx, ref->plan_id, v); !s.ok()) return s;
          }
        }
        VersionDates active;
        active.version = ref->version;
        active.state = VersionState::kActive;
        active.effective_from = *from;
        if (auto s = store::SetVersionDates(tx, ref->plan_id, active); !s.ok()) return s;
        if (auto s =
                AppendEvent(tx, PlanActivated(ref->plan_id, *activation, request.request_id()));
            !s.ok()) {
          return s;
        }
        return LoadVersionMessage(tx, ref->plan_id, ref->version);
      });
  if (activated.ok()) relay_->Notify();
  return activated;
}

}  // namespace attain::compensation::plans

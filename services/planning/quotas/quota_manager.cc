#include "services/planning/quotas/quota_manager.h"

#include <algorithm>

#include <google/protobuf/util/json_util.h>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/db/idempotency.h"
#include "common/errors/errors.h"
#include "common/server/page_token.h"
#include "common/time/dates.h"
#include "services/planning/engine/quota/reconciliation.h"
#include "services/planning/org/seller_validation.h"
#include "services/planning/quotas/allocation_builder.h"
#include "services/planning/quotas/history_store.h"
#include "services/planning/quotas/plan_input.h"
#include "services/planning/quotas/plan_names.h"
#include "services/planning/quotas/quota_proto.h"
#include "services/planning/quotas/plan_versions.h"
#include "services/planning/quotas/quota_store.h"
#include "services/planning/territories/territory_store.h"

namespace attain::planning::quotas {
namespace {

std::string ToJson(const google::protobuf::Message& message) {
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(message, &json);
  return json;
}

absl::Status NotFound(const std::string& name) {
  return absl::NotFoundError(absl::StrCat(name, " not found"));
}


// Parses, computes and stores a new DRAFT version `number` of `header`'s plan.
absl::StatusOr<v1::QuotaPlanVersion> WriteVersion(db::PgConn& tx, const PlanHeader& header,
                                                  const PlanSpec& spec,
                                                  const v1::QuotaPlanSpec& spec_proto, int number) {
  auto territories = territories::LoadTerritories(tx);
  if (!territories.ok()) return territories.status();
  auto computed = ComputeVersion(tx, header, spec, *territories);
  if (!computed.ok()) return computed.status();
  return WriteComputedVersion(tx, header, spec_proto, *computed, number);
}

absl::Status IllegalTransition(const v1::QuotaPlanVersion& version, v1::QuotaPlanState to) {
  return errors::WithReason(
      absl::FailedPreconditionError(absl::StrCat(version.name(), " is ", StateName(version.state()),
                                                 "; it cannot become ", StateName(to))),
      "ILLEGAL_STATE_TRANSITION");
}

const char* EventFor(v1::QuotaPlanState state) {
  switch (state) {
    case v1::QUOTA_PLAN_STATE_SUBMITTED: return "quota_plan.submitted";
    case v1::QUOTA_PLAN_STATE_APPROVED: return "quota_plan.approved";
    default: return "quota_plan.activated";
  }
}

// Closes the range of this plan's active versions before `from`; a version starting on or
// after `from` would be rewritten, which history forbids. Other plans for the same root may
// not be active on `from`.
absl::Status SupersedeActive(db::PgConn& tx, const PlanVersion& target, absl::CivilDay from) {
  for (const v1::QuotaPlanVersion& v : target.plan.versions()) {
    if (v.state() != v1::QUOTA_PLAN_STATE_ACTIVE) continue;
    auto start = dates::Parse(v.effective_from(), "effective_from");
    auto end = dates::ParseOptional(v.effective_to(), "effective_to");
    if (!start.ok() || !end.ok()) return absl::DataLossError("stored effective dates are invalid");
    if (*start >= from) {
      return errors::InvalidField(
          "effective_from", absl::StrCat("must be after ", v.effective_from(), ", when ", v.name(),
                                         " took effect (history is never rewritten)"));
    }
    if (!end->has_value() || **end >= from) {
      auto closed = SetVersionState(tx, target.plan.plan_id(), v.version(), v.state(), *start, from - 1);
      if (!closed.ok()) return closed;
    }
  }
  auto others = ActiveVersionsOn(tx, from, "");
  if (!others.ok()) return others.status();
  for (const ActiveVersion& other : *others) {
    if (other.header.plan_id != target.plan.plan_id() &&
        other.header.root_territory_id == target.plan.root_territory_id()) {
      return errors::WithReason(
          absl::FailedPreconditionError(absl::StrCat(other.version.name(), " is already active for ",
                                                     target.plan.root_territory_id(), " on ",
                                                     dates::Format(from))),
          "ANOTHER_PLAN_ACTIVE");
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::QuotaPlan> QuotaManager::Create(const v1::CreateQuotaPlanRequest& request) {
  Violations violations;
  auto header = ParsePlanHeader(request.plan(), "plan", &violations);
  const int period_count =
      request.plan().period_type() == v1::QUOTA_PERIOD_TYPE_QUARTERLY ? 4 : 12;
  auto spec = ParsePlanSpec(request.spec(), period_count, "spec", &violations);
  if (!violations.empty()) return errors::InvalidFields(std::move(violations));
  auto created = db::IdempotentWrite<v1::QuotaPlan>(
      *pool_, request.request_id(), "CreateQuotaPlan", request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::QuotaPlan> {
        if (auto s = LockPlans(tx); !s.ok()) return s;
        auto existing = GetPlan(tx, header->plan_id);
        if (!existing.ok()) return existing.status();
        if (existing->has_value()) {
          return errors::InvalidField("plan.plan_id",
                                      absl::StrCat(PlanName(header->plan_id), " already exists"));
        }
        if (auto s = InsertPlan(tx, *header); !s.ok()) return s;
        auto version = WriteVersion(tx, *header, *spec, request.spec(), 1);
        if (!version.ok()) return version.status();
        auto plan = GetPlan(tx, header->plan_id);
        if (!plan.ok()) return plan.status();
        if (auto s = events::Append(tx, "quota_plan.created", (*plan)->name(), ToJson(**plan)); !s.ok()) {
          return s;
        }
        return **plan;
      });
  if (created.ok()) relay_->Notify();
  return created;
}

absl::StatusOr<v1::QuotaPlanVersion> QuotaManager::Revise(const v1::ReviseQuotaPlanRequest& request) {
  auto ref = ParsePlanName(request.name(), "name", false);
  if (!ref.ok()) return ref.status();
  if (ref->version) return errors::InvalidField("name", "must be a plan name quotaPlans/{plan_id}");
  auto revised = db::IdempotentWrite<v1::QuotaPlanVersion>(
      *pool_, request.request_id(), "ReviseQuotaPlan", request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::QuotaPlanVersion> {
        if (auto s = LockPlans(tx); !s.ok()) return s;
        auto latest = LoadPlanVersion(tx, *ref);
        if (!latest.ok()) return latest.status();
        const PlanHeader header = HeaderOf(latest->plan);
        Violations violations;
        auto spec = ParsePlanSpec(request.spec(), CalendarOf(header).PeriodsPerYear(), "spec",
                                  &violations);
        if (!violations.empty()) return errors::InvalidFields(std::move(violations));
        auto version = WriteVersion(tx, header, *spec, request.spec(), latest->version.version() + 1);
        if (!version.ok()) return version.status();
        if (auto s = events::Append(tx, "quota_plan.revised", version->name(), ToJson(*version)); !s.ok()) {
          return s;
        }
        return *version;
      });
  if (revised.ok()) relay_->Notify();
  return revised;
}

absl::StatusOr<v1::QuotaPlan> QuotaManager::Get(const std::string& name) {
  auto ref = ParsePlanName(name, "name", false);
  if (!ref.ok()) return ref.status();
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto plan = GetPlan(**lease, ref->plan_id);
  if (!plan.ok()) return plan.status();
  if (!plan->has_value()) return NotFound(PlanName(ref->plan_id));
  return **plan;
}

absl::StatusOr<v1::ListQuotaPlansResponse> QuotaManager::List(const v1::ListQuotaPlansRequest& request) {
  auto page_size = server::EffectivePageSize(request.page_size());
  if (!page_size.ok()) return page_size.status();
  v1::ListQuotaPlansRequest filters = request;
  filters.clear_page_size();
  filters.clear_page_token();
  const std::string fingerprint = db::RequestFingerprint(filters.SerializeAsString());
  auto after = server::DecodePageToken(request.page_token(), fingerprint);
  if (!after.ok()) return after.status();
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto page = ListPlans(**lease, request.fiscal_year(), *after, *page_size);
  if (!page.ok()) return page.status();
  v1::ListQuotaPlansResponse response;
  for (v1::QuotaPlan& plan : page->plans) *response.add_quota_plans() = std::move(plan);
  response.set_total_size(page->total);
  if (page->more && response.quota_plans_size() > 0) {
    response.set_next_page_token(server::EncodePageToken(
        fingerprint, response.quota_plans(response.quota_plans_size() - 1).plan_id()));
  }
  return response;
}

absl::StatusOr<v1::QuotaPlanVersion> QuotaManager::Submit(const v1::SubmitQuotaPlanRequest& request) {
  return Transition(request.name(), request.request_id(), "SubmitQuotaPlan",
                    request.SerializeAsString(), v1::QUOTA_PLAN_STATE_DRAFT,
                    v1::QUOTA_PLAN_STATE_SUBMITTED, "");
}

absl::StatusOr<v1::QuotaPlanVersion> QuotaManager::Approve(const v1::ApproveQuotaPlanRequest& request) {
  return Transition(request.name(), request.request_id(), "ApproveQuotaPlan",
                    request.SerializeAsString(), v1::QUOTA_PLAN_STATE_SUBMITTED,
                    v1::QUOTA_PLAN_STATE_APPROVED, "");
}

absl::StatusOr<v1::QuotaPlanVersion> QuotaManager::Activate(const v1::ActivateQuotaPlanRequest& request) {
  return Transition(request.name(), request.request_id(), "ActivateQuotaPlan",
                    request.SerializeAsString(), v1::QUOTA_PLAN_STATE_APPROVED,
                    v1::QUOTA_PLAN_STATE_ACTIVE, request.effective_from());
}

absl::StatusOr<v1::QuotaPlanVersion> QuotaManager::Transition(
    const std::string& name, const std::string& request_id, const std::string& method,
    const std::string& serialized_request, v1::QuotaPlanState from, v1::QuotaPlanState to,
    const std::string& effective_from) {
  auto ref = ParsePlanName(name, "name", true);
  if (!ref.ok()) return ref.status();
  std::optional<absl::CivilDay> requested_from;
  if (!effective_from.empty()) {
    auto day = dates::Parse(effective_from, "effective_from");
    if (!day.ok()) return errors::InvalidField("effective_from", "must be a calendar date YYYY-MM-DD");
    requested_from = *day;
  }
  auto moved = db::IdempotentWrite<v1::QuotaPlanVersion>(
      *pool_, request_id, method, serialized_request,
      [&](db::PgConn& tx) -> absl::StatusOr<v1::QuotaPlanVersion> {
        if (auto s = LockPlans(tx); !s.ok()) return s;
        auto target = LoadPlanVersion(tx, *ref);
        if (!target.ok()) return target.status();
        if (target->version.state() != from) return IllegalTransition(target->version, to);
        std::optional<absl::CivilDay> start, end;
        if (to == v1::QUOTA_PLAN_STATE_ACTIVE) {
          const PlanHeader header = HeaderOf(target->plan);
          const quota::FiscalCalendar calendar = CalendarOf(header);
          const absl::CivilDay year_start = calendar.YearStart(header.fiscal_year);
          end = calendar.YearEnd(header.fiscal_year);
          start = requested_from.value_or(year_start);
          if (*start < year_start || *start > *end) {
            return errors::InvalidField(
                "effective_from", absl::StrCat("must be within the fiscal year ",
                                               dates::Format(year_start), "..", dates::Format(*end)));
          }
          if (auto s = SupersedeActive(tx, *target, *start); !s.ok()) return s;
        }
        if (auto s = SetVersionState(tx, ref->plan_id, *ref->version, to, start, end); !s.ok()) return s;
        auto stored = LoadPlanVersion(tx, *ref);
        if (!stored.ok()) return stored.status();
        if (auto s = events::Append(tx, EventFor(to), stored->version.name(), ToJson(stored->version));
            !s.ok()) {
          return s;
        }
        return stored->version;
      });
  if (moved.ok()) relay_->Notify();
  return moved;
}

absl::StatusOr<v1::BottomUpSubmission> QuotaManager::SubmitBottomUp(
    const v1::SubmitBottomUpRequest& request) {
  Violations violations;
  auto ref = ParsePlanName(request.name(), "name", false);
  if (!ref.ok()) return ref.status();
  if (ref->version) violations.push_back({"name", "must be a plan name quotaPlans/{plan_id}"});
  if (!org::IsValidSellerId(request.territory_id())) {
    violations.push_back({"territory_id", "must be a territory id"});
  }
  auto amount = ParseDecimalField(request.amount(), "amount", &violations);
  if (amount && amount->IsNegative()) violations.push_back({"amount", "must not be negative"});
  if (!violations.empty()) return errors::InvalidFields(std::move(violations));
  auto submitted = db::IdempotentWrite<v1::BottomUpSubmission>(
      *pool_, request.request_id(), "SubmitBottomUp", request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::BottomUpSubmission> {
        auto latest = LoadPlanVersion(tx, *ref);
        if (!latest.ok()) return latest.status();
        auto allocation = LoadAllocation(tx, ref->plan_id, latest->version.version());
        if (!allocation.ok()) return allocation.status();
        if (allocation->Find(request.territory_id()) == nullptr) {
          return errors::InvalidField("territory_id",
                                      absl::StrCat("territory \"", request.territory_id(),
                                                   "\" is not in ", latest->version.name()));
        }
        auto row = UpsertSubmission(tx, ref->plan_id, request.territory_id(), *amount);
        if (!row.ok()) return row.status();
        if (auto s = events::Append(tx, "quota_plan.bottom_up_submitted", PlanName(ref->plan_id),
                                    ToJson(*row));
            !s.ok()) {
          return s;
        }
        return *row;
      });
  if (submitted.ok()) relay_->Notify();
  return submitted;
}

absl::StatusOr<v1::GetReconciliationResponse> QuotaManager::Reconciliation(
    const v1::GetReconciliationRequest& request) {
  auto ref = ParsePlanName(request.name(), "name", false);
  if (!ref.ok()) return ref.status();
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto target = LoadPlanVersion(**lease, *ref);
  if (!target.ok()) return target.status();
  auto allocation = LoadAllocation(**lease, ref->plan_id, target->version.version());
  if (!allocation.ok()) return allocation.status();
  auto submissions = LoadSubmissions(**lease, ref->plan_id);
  if (!submissions.ok()) return submissions.status();
  // Submissions for territories an older version had but this one has not do not count.
  std::erase_if(*submissions, [&](const quota::BottomUpSubmission& s) {
    return allocation->Find(s.node_id) == nullptr;
  });
  auto rows = quota::Reconcile(*allocation, *submissions);
  if (!rows.ok()) return rows.status();
  v1::GetReconciliationResponse response;
  response.set_version(target->version.name());
  for (const quota::NodeReconciliation& row : *rows) *response.add_nodes() = ReconciliationToProto(row);
  return response;
}

absl::StatusOr<v1::GetTerritoryQuotasResponse> QuotaManager::TerritoryQuotas(
    const v1::GetTerritoryQuotasRequest& request, const store::Visibility& visibility) {
  auto ref = ParsePlanName(request.name(), "name", false);
  if (!ref.ok()) return ref.status();
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto target = LoadPlanVersion(**lease, *ref);
  if (!target.ok()) return target.status();
  const PlanHeader header = HeaderOf(target->plan);
  const quota::FiscalCalendar calendar = CalendarOf(header);
  const std::vector<quota::FiscalPeriod> periods = calendar.Periods(header.fiscal_year);
  auto selected = SelectPeriods(periods, {request.periods().begin(), request.periods().end()}, "periods");
  if (!selected.ok()) return selected.status();
  auto allocation = LoadAllocation(**lease, ref->plan_id, target->version.version());
  if (!allocation.ok()) return allocation.status();
  const std::string top = request.territory_id().empty() ? header.root_territory_id : request.territory_id();
  if (allocation->Find(top) == nullptr) {
    return errors::InvalidField("territory_id", absl::StrCat("territory \"", top, "\" is not in ",
                                                             target->version.name()));
  }
  std::optional<absl::flat_hash_set<std::string>> visible;
  if (!visibility.everyone) {
    auto coverage = CoverageOfSellers(**lease, visibility.ids,
                                      {periods.front().start, periods.back().end});
    if (!coverage.ok()) return coverage.status();
    const absl::flat_hash_set<std::string> sellers(visibility.ids.begin(), visibility.ids.end());
    visible.emplace();
    for (const Coverage& c : *coverage) {
      if (sellers.contains(c.seller_id)) visible->insert(c.territory_id);
    }
  }
  v1::GetTerritoryQuotasResponse response;
  response.set_version(target->version.name());
  response.set_currency(header.currency);
  std::vector<quota::FiscalPeriod> chosen;
  for (int index : *selected) chosen.push_back(periods[index]);
  AddPeriods(chosen, response.mutable_periods());
  // Nodes come parents first, so one pass marks the subtree under `top`.
  absl::flat_hash_set<std::string> in_subtree = {top};
  for (const quota::NodeAllocation& node : allocation->nodes) {
    if (node.node_id != top && !in_subtree.contains(node.parent_id)) continue;
    in_subtree.insert(node.node_id);
    if (visible && !visible->contains(node.node_id)) continue;
    *response.add_territories() = TerritoryQuotaToProto(node, periods, *selected);
  }
  return response;
}

}  // namespace attain::planning::quotas

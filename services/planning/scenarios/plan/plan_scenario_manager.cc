#include "services/planning/scenarios/plan/plan_scenario_manager.h"

#include <algorithm>
#include <type_traits>

#include "absl/strings/str_cat.h"
#include "common/db/idempotency.h"
#include "common/errors/errors.h"
#include "common/server/page_token.h"
#include "common/time/dates.h"
#include "services/planning/quotas/plan_names.h"
#include "services/planning/quotas/plan_versions.h"
#include "services/planning/quotas/quota_store.h"
#include "services/planning/scenarios/plan/plan_evaluation.h"
#include "services/planning/scenarios/plan/plan_model.h"
#include "services/planning/scenarios/plan/plan_scenario_store.h"
#include "services/planning/scenarios/scenario_proto.h"
#include "services/planning/scenarios/scenario_status.h"
#include "services/planning/scenarios/scenario_store.h"
#include "services/planning/territories/territory_proto.h"
#include "services/planning/territories/territory_store.h"
#include "services/planning/territories/territory_validation.h"

namespace attain::planning::scenarios {
namespace {

constexpr size_t kMaxViolations = 200;

absl::Status Reject(std::vector<errors::FieldViolation> violations) {
  if (violations.size() > kMaxViolations) violations.resize(kMaxViolations);
  return errors::InvalidFields(std::move(violations));
}

// The quota plan version a scenario copies: the ACTIVE one in force on `as_of`, else the latest.
absl::StatusOr<quotas::PlanVersion> CopiedVersion(db::PgConn& conn, const std::string& plan_id,
                                                  absl::CivilDay as_of) {
  auto active = quotas::ActiveVersionsOn(conn, as_of, plan_id);
  if (!active.ok()) return active.status();
  std::optional<int> number;
  if (!active->empty()) number = active->back().version.version();
  auto version = quotas::LoadPlanVersion(conn, {plan_id, number});
  if (!version.ok() && absl::IsNotFound(version.status())) {
    return errors::InvalidField("quota_plan", std::string(version.status().message()));
  }
  return version;
}

// The latest version's name of `plan_id` ("" when the scenario has no plan): part of the
// live fingerprint, so a plan revised after the copy makes the scenario stale.
absl::StatusOr<std::string> LatestVersionName(db::PgConn& conn, const std::string& quota_plan) {
  if (quota_plan.empty()) return std::string();
  auto ref = quotas::ParsePlanName(quota_plan, "quota_plan", false);
  if (!ref.ok()) return absl::DataLossError("stored scenario names a bad quota plan");
  auto latest = quotas::LoadPlanVersion(conn, {ref->plan_id, std::nullopt});
  if (!latest.ok()) return latest.status();
  return latest->version.name();
}

// Runs `edit` on a DRAFT PLAN scenario inside an idempotent write, then rewrites the
// scenario's detail (territory count and whatever `edit` changed) and appends
// "scenario.updated". A Scenario response is the scenario as stored afterwards.
template <typename Response, typename Edit>
absl::StatusOr<Response> EditDraft(db::PgPool& pool, events::OutboxRelay& relay,
                                   const std::string& request_id, const char* method,
                                   const std::string& serialized, const std::string& name,
                                   Edit edit) {
  auto id = ScenarioIdFromName(name, "name");
  if (!id.ok()) return id.status();
  auto result = db::IdempotentWrite<Response>(
      pool, request_id, method, serialized, [&](db::PgConn& tx) -> absl::StatusOr<Response> {
        auto scenario = GetScenario(tx, *id, /*for_update=*/true);
        if (!scenario.ok()) return scenario.status();
        if (!scenario->has_value()) return ScenarioNotFound(*id);
        v1::Scenario& s = **scenario;
        if (auto kind = RequireKind(s, v1::SCENARIO_KIND_PLAN); !kind.ok()) return kind;
        if (s.state() != v1::SCENARIO_STATE_DRAFT) return NotDraft(s);
        auto plan = LoadScenarioTerritories(tx, *id);
        if (!plan.ok()) return plan.status();
        absl::StatusOr<Response> out = edit(tx, *id, s, *plan);
        if (!out.ok()) return out;
        auto count = LoadScenarioTerritories(tx, *id);
        if (!count.ok()) return count.status();
        s.mutable_plan()->set_territory_count(static_cast<int32_t>(count->size()));
        if (auto st = UpdateScenarioDetail(tx, *id, s); !st.ok()) return st;
        auto written = GetScenario(tx, *id);
        if (!written.ok()) return written.status();
        if (auto st = events::Append(tx, "scenario.updated", s.name(), EventJson(**written)); !st.ok()) {
          return st;
        }
        if constexpr (std::is_same_v<Response, v1::Scenario>) {
          return **written;
        } else {
          return out;
        }
      });
  if (result.ok()) relay.Notify();
  return result;
}

}  // namespace

absl::StatusOr<std::vector<v1::ScenarioTerritory>> LoadLivePlan(db::PgConn& conn) {
  auto territories = territories::LoadTerritories(conn);
  if (!territories.ok()) return territories.status();
  auto coverage = territories::ListSellerAssignments(conn, "", "", std::nullopt);
  if (!coverage.ok()) return coverage.status();
  return JoinCoverage(*territories, *coverage);
}

absl::StatusOr<std::vector<v1::Territory>> ScenarioTerritories(db::PgConn& conn, int64_t id) {
  auto plan = LoadScenarioTerritories(conn, id);
  if (!plan.ok()) return plan.status();
  return TerritoriesOf(*plan);
}

absl::Status WriteScenarioTerritories(db::PgConn& tx, int64_t id,
                                      const std::vector<v1::Territory>& changed) {
  auto scenario = GetScenario(tx, id, /*for_update=*/true);
  if (!scenario.ok()) return scenario.status();
  if (!scenario->has_value()) return ScenarioNotFound(id);
  if ((*scenario)->state() != v1::SCENARIO_STATE_DRAFT) return NotDraft(**scenario);
  auto plan = LoadScenarioTerritories(tx, id);
  if (!plan.ok()) return plan.status();
  std::vector<v1::Territory> tree = TerritoriesOf(*plan);
  for (const v1::Territory& territory : changed) {
    auto violations = territories::ValidateInTree(tree, territory, "territory");
    if (!violations.empty()) {
      return errors::WithReason(
          absl::FailedPreconditionError(absl::StrCat(
              "the change would make territories/", territory.territory_id(), " of ",
              (*scenario)->name(), " invalid: ", violations.front().field, ": ",
              violations.front().description)),
          "SCENARIO_CONFLICTS");
    }
    const v1::ScenarioTerritory* existing = FindTerritory(*plan, territory.territory_id());
    v1::ScenarioTerritory next;
    if (existing != nullptr) next = *existing;
    *next.mutable_territory() = territory;
    if (auto s = PutScenarioTerritory(tx, id, next); !s.ok()) return s;
    auto it = std::find_if(tree.begin(), tree.end(), [&](const v1::Territory& t) {
      return t.territory_id() == territory.territory_id();
    });
    if (it == tree.end()) tree.push_back(territory); else *it = territory;
  }
  v1::Scenario base = **scenario;
  base.mutable_plan()->set_quota_reallocated(true);
  if (auto s = UpdateScenarioDetail(tx, id, base); !s.ok()) return s;
  return events::Append(tx, "scenario.updated", base.name(), EventJson(base));
}

absl::StatusOr<v1::Scenario> PlanScenarioManager::Create(const v1::CreatePlanScenarioRequest& request,
                                                         const std::string& creator) {
  std::vector<errors::FieldViolation> violations;
  absl::CivilDay as_of = dates::TodayUtc();
  if (!request.as_of().empty()) {
    auto day = dates::Parse(request.as_of(), "as_of");
    if (day.ok()) as_of = *day; else violations.push_back({"as_of", "must be a calendar date YYYY-MM-DD"});
  }
  if (request.display_name().size() > 200) {
    violations.push_back({"display_name", "must be at most 200 characters"});
  }
  std::optional<quotas::PlanRef> plan_ref;
  if (!request.quota_plan().empty()) {
    auto ref = quotas::ParsePlanName(request.quota_plan(), "quota_plan", false);
    if (!ref.ok() || ref->version) {
      violations.push_back({"quota_plan", "must be a plan name quotaPlans/{plan_id}"});
    } else {
      plan_ref = *ref;
    }
  }
  if (!violations.empty()) return Reject(std::move(violations));
  auto created = db::IdempotentWrite<v1::Scenario>(
      *pool_, request.request_id(), "CreatePlanScenario", request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::Scenario> {
        // Territory writers hold this lock too, so the copy is one consistent state.
        if (auto locked = territories::LockTerritories(tx); !locked.ok()) return locked;
        auto live = LoadLivePlan(tx);
        if (!live.ok()) return live.status();
        v1::Scenario scenario;
        scenario.set_display_name(request.display_name().empty()
                                      ? absl::StrCat("Plan as of ", dates::Format(as_of))
                                      : request.display_name());
        scenario.set_state(v1::SCENARIO_STATE_DRAFT);
        scenario.set_kind(v1::SCENARIO_KIND_PLAN);
        scenario.set_as_of(dates::Format(as_of));
        scenario.set_creator(creator);
        v1::PlanScenario* plan = scenario.mutable_plan();
        plan->set_territory_count(static_cast<int32_t>(live->size()));
        if (plan_ref) {
          auto copied = CopiedVersion(tx, plan_ref->plan_id, as_of);
          if (!copied.ok()) return copied.status();
          plan->set_quota_plan(quotas::PlanName(plan_ref->plan_id));
          plan->set_live_quota_version(copied->version.name());
          *plan->mutable_quota_spec() = copied->version.spec();
        }
        auto latest = LatestVersionName(tx, plan->quota_plan());
        if (!latest.ok()) return latest.status();
        auto id = InsertScenario(tx, scenario, {}, PlanFingerprint(*live, *latest));
        if (!id.ok()) return id.status();
        if (auto s = InsertScenarioTerritories(tx, *id, *live); !s.ok()) return s;
        auto written = GetScenario(tx, *id);
        if (!written.ok()) return written.status();
        if (auto s = events::Append(tx, "scenario.created", (*written)->name(), EventJson(**written));
            !s.ok()) {
          return s;
        }
        return **written;
      });
  if (created.ok()) relay_->Notify();
  return created;
}

absl::StatusOr<v1::ListScenarioTerritoriesResponse> PlanScenarioManager::ListTerritories(
    const v1::ListScenarioTerritoriesRequest& request) {
  auto id = ScenarioIdFromName(request.name(), "name");
  if (!id.ok()) return id.status();
  auto page_size = server::EffectivePageSize(request.page_size());
  if (!page_size.ok()) return page_size.status();
  const std::string fingerprint = db::RequestFingerprint(absl::StrCat("territories:", request.name()));
  auto after = server::DecodePageToken(request.page_token(), fingerprint);
  if (!after.ok()) return after.status();
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto scenario = GetScenario(**lease, *id);
  if (!scenario.ok()) return scenario.status();
  if (!scenario->has_value()) return ScenarioNotFound(*id);
  if (auto kind = RequireKind(**scenario, v1::SCENARIO_KIND_PLAN); !kind.ok()) return kind;
  auto page = scenarios::ListScenarioTerritories(**lease, *id, *after, *page_size);
  if (!page.ok()) return page.status();
  v1::ListScenarioTerritoriesResponse response;
  for (v1::ScenarioTerritory& t : page->territories) *response.add_territories() = std::move(t);
  response.set_total_size(page->total);
  if (page->more && response.territories_size() > 0) {
    response.set_next_page_token(server::EncodePageToken(
        fingerprint,
        response.territories(response.territories_size() - 1).territory().territory_id()));
  }
  return response;
}

absl::StatusOr<v1::ScenarioTerritory> PlanScenarioManager::PutTerritory(
    const v1::PutScenarioTerritoryRequest& request) {
  std::vector<errors::FieldViolation> violations;
  territories::CheckTerritoryFields(request.territory(), "territory", &violations);
  territories::FromProto(request.territory(), "territory", &violations);
  if (!violations.empty()) return Reject(std::move(violations));
  return EditDraft<v1::ScenarioTerritory>(
      *pool_, *relay_, request.request_id(), "PutScenarioTerritory", request.SerializeAsString(),
      request.name(),
      [&](db::PgConn& tx, int64_t id, v1::Scenario& scenario,
          const std::vector<v1::ScenarioTerritory>& plan) -> absl::StatusOr<v1::ScenarioTerritory> {
        v1::Territory territory = request.territory();
        territory.clear_name();
        territory.clear_update_time();
        territory.clear_revision();
        const v1::ScenarioTerritory* existing = FindTerritory(plan, territory.territory_id());
        auto tree = territories::ValidateInTree(TerritoriesOf(plan), territory, "territory");
        if (!tree.empty()) return Reject(std::move(tree));
        v1::ScenarioTerritory next;
        if (existing != nullptr) next = *existing;
        *next.mutable_territory() = territory;
        if (auto s = PutScenarioTerritory(tx, id, next); !s.ok()) return s;
        scenario.mutable_plan()->set_quota_reallocated(true);
        return next;
      });
}

absl::Status PlanScenarioManager::DeleteTerritory(const v1::DeleteScenarioTerritoryRequest& request) {
  if (request.territory_id().empty()) return errors::InvalidField("territory_id", "is required");
  auto deleted = EditDraft<google::protobuf::Empty>(
      *pool_, *relay_, request.request_id(), "DeleteScenarioTerritory", request.SerializeAsString(),
      request.name(),
      [&](db::PgConn& tx, int64_t id, v1::Scenario& scenario,
          const std::vector<v1::ScenarioTerritory>& plan) -> absl::StatusOr<google::protobuf::Empty> {
        for (const v1::ScenarioTerritory& t : plan) {
          for (const v1::TerritoryVersion& version : t.territory().versions()) {
            if (version.parent_id() != request.territory_id()) continue;
            return errors::WithReason(
                absl::FailedPreconditionError(absl::StrCat(
                    "territories/", request.territory_id(), " is the parent of territories/",
                    t.territory().territory_id(), " in ", scenario.name(), "; move it first")),
                "TERRITORY_HAS_CHILDREN");
          }
        }
        if (auto s = scenarios::DeleteScenarioTerritory(tx, id, request.territory_id()); !s.ok()) return s;
        scenario.mutable_plan()->set_quota_reallocated(true);
        return google::protobuf::Empty();
      });
  return deleted.status();
}

absl::StatusOr<v1::ScenarioTerritory> PlanScenarioManager::SetSellerAssignments(
    const v1::SetScenarioSellerAssignmentsRequest& request) {
  std::vector<std::string> seller_ids;
  auto violations = territories::ValidateSellerAssignments(request.territory_id(),
                                                           request.assignments(), &seller_ids);
  if (!violations.empty()) return Reject(std::move(violations));
  return EditDraft<v1::ScenarioTerritory>(
      *pool_, *relay_, request.request_id(), "SetScenarioSellerAssignments",
      request.SerializeAsString(), request.name(),
      [&](db::PgConn& tx, int64_t id, v1::Scenario& scenario,
          const std::vector<v1::ScenarioTerritory>& plan) -> absl::StatusOr<v1::ScenarioTerritory> {
        const v1::ScenarioTerritory* existing = FindTerritory(plan, request.territory_id());
        if (existing == nullptr) {
          return absl::NotFoundError(absl::StrCat("territories/", request.territory_id(),
                                                  " is not in ", scenario.name()));
        }
        auto missing = territories::MissingSellers(tx, seller_ids);
        if (!missing.ok()) return missing.status();
        if (!missing->empty()) return Reject(territories::UnknownSellers(request.assignments(), *missing));
        v1::ScenarioTerritory next = *existing;
        next.clear_seller_assignments();
        for (v1::SellerAssignment a : request.assignments()) {
          a.set_territory_id(request.territory_id());
          *next.add_seller_assignments() = std::move(a);
        }
        if (auto s = PutScenarioTerritory(tx, id, next); !s.ok()) return s;
        return next;
      });
}

absl::StatusOr<v1::Scenario> PlanScenarioManager::ReviseQuota(
    const v1::ReviseScenarioQuotaPlanRequest& request) {
  return EditDraft<v1::Scenario>(
      *pool_, *relay_, request.request_id(), "ReviseScenarioQuotaPlan", request.SerializeAsString(),
      request.name(),
      [&](db::PgConn& tx, int64_t, v1::Scenario& scenario,
          const std::vector<v1::ScenarioTerritory>& plan) -> absl::StatusOr<v1::Scenario> {
        if (scenario.plan().quota_plan().empty()) {
          return errors::WithReason(
              absl::FailedPreconditionError(absl::StrCat(scenario.name(), " has no quota plan")),
              "SCENARIO_HAS_NO_QUOTA_PLAN");
        }
        auto ref = quotas::ParsePlanName(scenario.plan().quota_plan(), "quota_plan", false);
        if (!ref.ok()) return absl::DataLossError("stored scenario names a bad quota plan");
        auto header = quotas::GetPlan(tx, ref->plan_id);
        if (!header.ok()) return header.status();
        if (!header->has_value()) return absl::NotFoundError(absl::StrCat(scenario.plan().quota_plan(), " not found"));
        const std::vector<v1::Territory> territories = TerritoriesOf(plan);
        auto accounts = LoadAccountsFor(tx, {&territories});
        if (!accounts.ok()) return accounts.status();
        // Allocating validates the spec against the scenario's tree; the result is recomputed
        // when diffed or promoted (accounts and bookings may change in between).
        auto allocated = AllocateOver(tx, **header, request.spec(), territories, *accounts);
        if (!allocated.ok()) return allocated.status();
        *scenario.mutable_plan()->mutable_quota_spec() = request.spec();
        scenario.mutable_plan()->set_quota_reallocated(true);
        return scenario;
      });
}

}  // namespace attain::planning::scenarios

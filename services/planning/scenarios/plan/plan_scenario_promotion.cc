// PromotePlanScenario: the scenario's territories and coverage written over live ones, and
// its reallocated quota as a new DRAFT plan version, in the caller's transaction.

#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"
#include "common/time/dates.h"
#include "services/planning/engine/territory/validation.h"
#include "services/planning/quotas/plan_names.h"
#include "services/planning/quotas/plan_versions.h"
#include "services/planning/quotas/quota_store.h"
#include "services/planning/scenarios/plan/plan_evaluation.h"
#include "services/planning/scenarios/plan/plan_model.h"
#include "services/planning/scenarios/plan/plan_scenario_manager.h"
#include "services/planning/scenarios/plan/plan_scenario_store.h"
#include "services/planning/scenarios/scenario_status.h"
#include "services/planning/scenarios/scenario_store.h"
#include "services/planning/territories/territory_proto.h"
#include "services/planning/territories/territory_store.h"

namespace attain::planning::scenarios {
namespace {

// The whole scenario tree must validate as live data (each edit was checked on its own).
absl::Status CheckWholeTree(const std::vector<v1::Territory>& tree, const std::string& name) {
  std::vector<errors::FieldViolation> violations;
  std::vector<territory::Territory> domain;
  for (const v1::Territory& t : tree) {
    if (auto d = territories::FromProto(t, "territory", &violations)) domain.push_back(*std::move(d));
  }
  for (const auto& v : territory::ValidateTerritories(domain, territories::SchemaFor(tree))) {
    violations.push_back({v.field, v.description});
  }
  if (violations.empty()) return absl::OkStatus();
  return errors::WithReason(
      absl::FailedPreconditionError(absl::StrCat(name, " has an invalid territory tree: ",
                                                 violations.front().field, ": ",
                                                 violations.front().description)),
      "SCENARIO_CONFLICTS");
}

absl::Status Event(db::PgConn& tx, const char* type, const std::string& territory_id,
                   const std::string& payload) {
  return events::Append(tx, type, absl::StrCat("territories/", territory_id), payload);
}

// Writes one changed territory over its live version.
absl::Status WriteTerritory(db::PgConn& tx, const v1::TerritoryChange& change,
                            const std::vector<v1::ScenarioTerritory>& live,
                            const std::vector<v1::ScenarioTerritory>& plan) {
  const std::string& id = change.territory_id();
  if (change.change() == v1::CHANGE_KIND_REMOVED) return absl::OkStatus();  // after the others
  const v1::ScenarioTerritory& next = *FindTerritory(plan, id);
  bool insert = false;
  if (change.change() == v1::CHANGE_KIND_ADDED || change.definition_changed()) {
    bool recreate = false;
    if (change.change() == v1::CHANGE_KIND_CHANGED) {
      const v1::Territory& before = FindTerritory(live, id)->territory();
      // Level and type are fixed for a live territory; a scenario that changed them
      // replaces it.
      recreate = before.level() != next.territory().level() || before.type() != next.territory().type();
      if (recreate) {
        if (auto s = territories::DeleteTerritory(tx, id); !s.ok()) return s;
      }
    }
    insert = change.change() == v1::CHANGE_KIND_ADDED || recreate;
    auto written = insert ? territories::InsertTerritory(tx, next.territory())
                          : territories::UpdateTerritory(tx, next.territory());
    if (!written.ok()) return written;
    auto stored = territories::GetTerritory(tx, id);
    if (!stored.ok()) return stored.status();
    if (auto s = Event(tx, insert ? "territory.created" : "territory.updated", id, EventJson(**stored));
        !s.ok()) {
      return s;
    }
  }
  // A (re)inserted territory starts without coverage.
  if (change.coverage_changed() || (insert && next.seller_assignments_size() > 0)) {
    std::vector<v1::SellerAssignment> rows(next.seller_assignments().begin(),
                                           next.seller_assignments().end());
    if (auto s = territories::ReplaceSellerAssignments(tx, id, rows); !s.ok()) return s;
    v1::SetSellerAssignmentsResponse payload;
    *payload.mutable_assignments() = next.seller_assignments();
    if (auto s = Event(tx, "territory.sellers_assigned", id, EventJson(payload)); !s.ok()) return s;
  }
  return absl::OkStatus();
}

// Sellers the scenario's coverage names that no longer exist.
absl::Status CheckSellersExist(db::PgConn& tx, const std::vector<v1::ScenarioTerritory>& plan,
                               const std::string& name) {
  std::vector<std::string> ids;
  for (const v1::SellerAssignment& a : CoverageOf(plan)) ids.push_back(a.seller_id());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  auto missing = territories::MissingSellers(tx, ids);
  if (!missing.ok()) return missing.status();
  if (missing->empty()) return absl::OkStatus();
  return Stale(absl::StrCat(name, " assigns seller '", missing->front(), "', who no longer exists"));
}

}  // namespace

absl::StatusOr<v1::Scenario> PromotePlanScenario(db::PgConn& tx, int64_t id,
                                                 const v1::Scenario& scenario) {
  if (!scenario.plan().quota_plan().empty()) {
    if (auto s = quotas::LockPlans(tx); !s.ok()) return s;
  }
  auto live = LoadLivePlan(tx);
  if (!live.ok()) return live.status();
  std::string latest_version;
  if (!scenario.plan().quota_plan().empty()) {
    auto ref = quotas::ParsePlanName(scenario.plan().quota_plan(), "quota_plan", false);
    if (!ref.ok()) return absl::DataLossError("stored scenario names a bad quota plan");
    auto latest = quotas::LoadPlanVersion(tx, {ref->plan_id, std::nullopt});
    if (!latest.ok()) return latest.status();
    latest_version = latest->version.name();
  }
  auto recorded = LiveFingerprintOf(tx, id);
  if (!recorded.ok()) return recorded.status();
  if (*recorded != PlanFingerprint(*live, latest_version)) {
    return Stale(absl::StrCat("live territories, coverage or ", scenario.plan().quota_plan().empty()
                                                                    ? std::string("quota plans")
                                                                    : scenario.plan().quota_plan(),
                              " changed since ", scenario.name(),
                              " was copied; copy a new scenario"));
  }
  auto plan = LoadScenarioTerritories(tx, id);
  if (!plan.ok()) return plan.status();
  const std::vector<v1::Territory> tree = TerritoriesOf(*plan);
  if (auto s = CheckWholeTree(tree, scenario.name()); !s.ok()) return s;
  if (auto s = CheckSellersExist(tx, *plan, scenario.name()); !s.ok()) return s;

  const std::vector<v1::TerritoryChange> changes = TerritoryChanges(*live, *plan);
  for (const v1::TerritoryChange& change : changes) {
    if (auto s = WriteTerritory(tx, change, *live, *plan); !s.ok()) return s;
  }
  for (const v1::TerritoryChange& change : changes) {
    if (change.change() != v1::CHANGE_KIND_REMOVED) continue;
    if (auto s = territories::DeleteTerritory(tx, change.territory_id()); !s.ok()) return s;
    if (auto s = Event(tx, "territory.deleted", change.territory_id(), "{}"); !s.ok()) return s;
  }

  v1::Scenario promoted = scenario;
  if (scenario.plan().quota_reallocated() && !scenario.plan().quota_plan().empty()) {
    auto ref = quotas::ParsePlanName(scenario.plan().quota_plan(), "quota_plan", false);
    if (!ref.ok()) return ref.status();
    auto latest = quotas::LoadPlanVersion(tx, {ref->plan_id, std::nullopt});
    if (!latest.ok()) return latest.status();
    auto accounts = LoadAccountsFor(tx, {&tree});
    if (!accounts.ok()) return accounts.status();
    auto computed = AllocateOver(tx, latest->plan, scenario.plan().quota_spec(), tree, *accounts);
    if (!computed.ok()) return computed.status();
    auto version = quotas::WriteComputedVersion(tx, quotas::HeaderOf(latest->plan),
                                                scenario.plan().quota_spec(), *computed,
                                                latest->version.version() + 1);
    if (!version.ok()) return version.status();
    if (auto s = events::Append(tx, "quota_plan.revised", version->name(), EventJson(*version)); !s.ok()) {
      return s;
    }
    promoted.mutable_plan()->set_promoted_quota_version(version->name());
  }
  if (auto s = UpdateScenarioDetail(tx, id, promoted); !s.ok()) return s;
  if (auto s = MarkPromoted(tx, id, dates::TodayUtc()); !s.ok()) return s;
  auto written = GetScenario(tx, id);
  if (!written.ok()) return written.status();
  if (auto s = events::Append(tx, "scenario.promoted", (*written)->name(), EventJson(**written)); !s.ok()) {
    return s;
  }
  return **written;
}

}  // namespace attain::planning::scenarios

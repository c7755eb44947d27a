// DiffPlanScenario: a PLAN scenario against live data — account placements per territory
// type on the scenario's as_of (both sides by rules), changed territories, and quotas by
// territory and by seller.

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/server/page_token.h"
#include "common/db/idempotency.h"
#include "common/time/dates.h"
#include "services/planning/quotas/plan_names.h"
#include "services/planning/quotas/plan_versions.h"
#include "services/planning/quotas/quota_store.h"
#include "services/planning/scenarios/plan/plan_evaluation.h"
#include "services/planning/scenarios/plan/plan_model.h"
#include "services/planning/scenarios/plan/plan_scenario_manager.h"
#include "services/planning/scenarios/plan/plan_scenario_store.h"
#include "services/planning/scenarios/scenario_store.h"

namespace attain::planning::scenarios {
namespace {

// Moved accounts page by (account id, territory type): "account|type".
std::string MoveKey(const v1::ScenarioAccount& a) {
  return absl::StrCat(a.account_id(), "|", static_cast<int>(a.territory_type()));
}

bool AfterKey(const v1::ScenarioAccount& a, const std::string& key) {
  if (key.empty()) return true;
  std::pair<std::string, std::string> parts = absl::StrSplit(key, absl::MaxSplits('|', 1));
  int type = 0;
  (void)absl::SimpleAtoi(parts.second, &type);
  return std::make_pair(a.account_id(), static_cast<int>(a.territory_type())) >
         std::make_pair(parts.first, type);
}

money::Decimal RootAnnual(const quota::TopDownAllocation& allocation) {
  return allocation.nodes.empty() ? money::Decimal() : allocation.nodes.front().annual;
}

absl::Status AddQuotaChanges(db::PgConn& conn, const v1::Scenario& scenario,
                             const std::vector<v1::ScenarioTerritory>& live,
                             const std::vector<v1::ScenarioTerritory>& plan,
                             const territory::AccountTable& accounts,
                             v1::DiffScenarioResponse* response) {
  if (scenario.plan().quota_plan().empty()) return absl::OkStatus();
  auto ref = quotas::ParsePlanName(scenario.plan().live_quota_version(), "live_quota_version", true);
  if (!ref.ok()) return absl::DataLossError("stored scenario names a bad quota plan version");
  auto live_version = quotas::LoadPlanVersion(conn, *ref);
  if (!live_version.ok()) return live_version.status();
  auto live_allocation = quotas::LoadAllocation(conn, ref->plan_id, *ref->version);
  if (!live_allocation.ok()) return live_allocation.status();
  quota::TopDownAllocation scenario_allocation = *live_allocation;
  if (scenario.plan().quota_reallocated()) {
    auto computed = AllocateOver(conn, live_version->plan, scenario.plan().quota_spec(),
                                 TerritoriesOf(plan), accounts);
    if (!computed.ok()) return computed.status();
    scenario_allocation = computed->allocation;
  }
  for (v1::QuotaNodeChange& c : QuotaNodeChanges(*live_allocation, scenario_allocation)) {
    *response->add_quota_nodes() = std::move(c);
  }
  auto live_sellers = SellerAnnualQuotas(conn, live_version->plan, live_version->version.spec(),
                                         *live_allocation, CoverageOf(live));
  if (!live_sellers.ok()) return live_sellers.status();
  auto scenario_sellers = SellerAnnualQuotas(conn, live_version->plan, scenario.plan().quota_spec(),
                                             scenario_allocation, CoverageOf(plan));
  if (!scenario_sellers.ok()) return scenario_sellers.status();
  for (v1::SellerQuotaChange& c : SellerQuotaChanges(*live_sellers, *scenario_sellers)) {
    *response->add_seller_quotas() = std::move(c);
  }
  response->set_live_quota_version(live_version->version.name());
  response->set_live_quota_total(RootAnnual(*live_allocation).ToString());
  response->set_scenario_quota_total(RootAnnual(scenario_allocation).ToString());
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::DiffScenarioResponse> DiffPlanScenario(db::PgConn& conn, int64_t id,
                                                          const v1::Scenario& scenario,
                                                          const std::string& after_key,
                                                          int page_size) {
  auto as_of = dates::Parse(scenario.as_of(), "as_of");
  if (!as_of.ok()) return absl::DataLossError("stored scenario has a bad as_of");
  auto live = LoadLivePlan(conn);
  if (!live.ok()) return live.status();
  auto plan = LoadScenarioTerritories(conn, id);
  if (!plan.ok()) return plan.status();
  const std::vector<v1::Territory> live_territories = TerritoriesOf(*live);
  const std::vector<v1::Territory> scenario_territories = TerritoriesOf(*plan);
  auto accounts = LoadAccountsFor(conn, {&live_territories, &scenario_territories});
  if (!accounts.ok()) return accounts.status();
  auto locked = LockedAccounts(conn);
  if (!locked.ok()) return locked.status();
  auto before = PlaceAccounts(*accounts, live_territories, *as_of, *locked);
  if (!before.ok()) return before.status();
  auto after = PlaceAccounts(*accounts, scenario_territories, *as_of, *locked);
  if (!after.ok()) return after.status();
  const std::vector<v1::ScenarioAccount> moved = MovedAccounts(*before, *after);

  v1::DiffScenarioResponse response;
  response.set_name(scenario.name());
  response.set_live_source(v1::ASSIGNMENT_SOURCE_RULES);
  response.set_total_size(static_cast<int32_t>(moved.size()));
  const std::string fingerprint = db::RequestFingerprint(absl::StrCat("diff:", scenario.name()));
  for (const v1::ScenarioAccount& a : moved) {
    if (!AfterKey(a, after_key)) continue;
    if (response.moved_size() == page_size) {
      response.set_next_page_token(server::EncodePageToken(
          fingerprint, MoveKey(response.moved(response.moved_size() - 1))));
      break;
    }
    *response.add_moved() = a;
  }
  if (!after_key.empty()) return response;
  for (v1::TerritoryChange& c : TerritoryChanges(*live, *plan)) {
    *response.add_territory_changes() = std::move(c);
  }
  if (auto s = AddQuotaChanges(conn, scenario, *live, *plan, *accounts, &response); !s.ok()) return s;
  return response;
}

}  // namespace attain::planning::scenarios

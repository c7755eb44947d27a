#include "services/planning/scenarios/scenario_manager.h"

#include <algorithm>
#include <optional>

#include <google/protobuf/empty.pb.h>
#include <google/protobuf/util/json_util.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/db/idempotency.h"
#include "common/errors/errors.h"
#include "common/server/page_token.h"
#include "common/time/dates.h"
#include "services/planning/engine/balancing/balancer.h"
#include "services/planning/engine/balancing/validate.h"
#include "services/planning/scenarios/balancing_input.h"
#include "services/planning/scenarios/live_assignment.h"
#include "services/planning/scenarios/plan/plan_scenario_manager.h"
#include "services/planning/scenarios/promotion.h"
#include "services/planning/scenarios/scenario_diff.h"
#include "services/planning/scenarios/scenario_proto.h"
#include "services/planning/scenarios/scenario_status.h"
#include "services/planning/scenarios/scenario_store.h"
#include "services/planning/territories/territory_manager.h"
#include "services/planning/territories/territory_store.h"
#include "services/planning/territories/territory_validation.h"

namespace attain::planning::scenarios {
namespace {

constexpr char kProposeMethod[] = "ProposeBalancing";
constexpr char kDeleteMethod[] = "DeleteScenario";
constexpr char kPromoteMethod[] = "PromoteScenario";

// The scenario's child territories as recorded when it was proposed.
Children ChildrenOf(const v1::Scenario& scenario) {
  return {{scenario.territory_ids().begin(), scenario.territory_ids().end()},
          scenario.territory_type()};
}

// The scenario and page position of a paged read of its accounts, with the connection it
// was read on.
struct ScenarioPageRead {
  int64_t id = 0;
  v1::Scenario scenario;
  int page_size = 0;
  std::string fingerprint;  // binds page tokens to `kind` and the scenario
  std::string after;        // last account id of the previous page ("" = first page)
  std::optional<db::PgPool::Lease> lease;
};

absl::StatusOr<ScenarioPageRead> ReadScenarioPage(db::PgPool& pool, const char* kind,
                                                  const std::string& name, int page_size,
                                                  const std::string& page_token) {
  ScenarioPageRead read;
  auto id = ScenarioIdFromName(name, "name");
  if (!id.ok()) return id.status();
  read.id = *id;
  auto size = server::EffectivePageSize(page_size);
  if (!size.ok()) return size.status();
  read.page_size = *size;
  read.fingerprint = db::RequestFingerprint(absl::StrCat(kind, ":", name));
  auto after = server::DecodePageToken(page_token, read.fingerprint);
  if (!after.ok()) return after.status();
  read.after = *std::move(after);
  auto lease = pool.Acquire();
  if (!lease.ok()) return lease.status();
  read.lease.emplace(*std::move(lease));
  auto scenario = GetScenario(**read.lease, read.id);
  if (!scenario.ok()) return scenario.status();
  if (!scenario->has_value()) return ScenarioNotFound(read.id);
  read.scenario = **std::move(scenario);
  return read;
}

// The territories a balancing scenario works on: live ones, or its base PLAN scenario's
// (which must exist, be a PLAN scenario and, when `for_change`, a DRAFT).
struct BalancingBase {
  std::optional<int64_t> base_id;
  std::vector<v1::Territory> territories;
};

absl::StatusOr<BalancingBase> LoadBalancingBase(db::PgConn& conn, const std::string& base_name,
                                                bool for_change) {
  BalancingBase base;
  if (base_name.empty()) {
    auto stored = territories::LoadTerritories(conn);
    if (!stored.ok()) return stored.status();
    base.territories = *std::move(stored);
    return base;
  }
  auto id = ScenarioIdFromName(base_name, "scenario");
  if (!id.ok()) return id.status();
  auto scenario = GetScenario(conn, *id, /*for_update=*/for_change);
  if (!scenario.ok()) return scenario.status();
  if (!scenario->has_value()) return ScenarioNotFound(*id);
  if (auto kind = RequireKind(**scenario, v1::SCENARIO_KIND_PLAN); !kind.ok()) return kind;
  if (for_change && (*scenario)->state() != v1::SCENARIO_STATE_DRAFT) return NotDraft(**scenario);
  auto stored = ScenarioTerritories(conn, *id);
  if (!stored.ok()) return stored.status();
  base.base_id = *id;
  base.territories = *std::move(stored);
  return base;
}

// Writes `changed` territories after validating each within the tree it joins.
absl::Status WriteTerritories(db::PgConn& tx, std::vector<v1::Territory> tree,
                              const std::vector<v1::Territory>& changed) {
  for (const v1::Territory& territory : changed) {
    auto violations = territories::ValidateInTree(tree, territory, "territory");
    if (!violations.empty()) {
      return errors::WithReason(
          absl::FailedPreconditionError(absl::StrCat(
              "promoting would make territories/", territory.territory_id(), " invalid: ",
              violations.front().field, ": ", violations.front().description)),
          "SCENARIO_CONFLICTS_WITH_TERRITORIES");
    }
    auto it = std::find_if(tree.begin(), tree.end(), [&](const v1::Territory& t) {
      return t.territory_id() == territory.territory_id();
    });
    *it = territory;  // PlanPromotion only changes territories of `tree`
  }
  for (const v1::Territory& territory : changed) {
    if (auto s = territories::UpdateTerritory(tx, territory); !s.ok()) return s;
    auto written = territories::GetTerritory(tx, territory.territory_id());
    if (!written.ok()) return written.status();
    if (auto s = events::Append(tx, "territory.updated", (*written)->name(), EventJson(**written));
        !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::Scenario> ScenarioManager::ProposeBalancing(
    const v1::ProposeBalancingRequest& request, const std::string& creator) {
  auto options = ParseProposeOptions(request, dates::TodayUtc());
  if (!options.ok()) return options.status();
  auto proposed = db::IdempotentWrite<v1::Scenario>(
      *pool_, request.request_id(), kProposeMethod, request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::Scenario> {
        auto base = LoadBalancingBase(tx, request.scenario(), /*for_change=*/true);
        if (!base.ok()) return base.status();
        const std::vector<v1::Territory>& stored = base->territories;
        auto children = ChildTerritories(stored, request.parent_territory_id(), options->as_of);
        if (!children.ok()) return children.status();
        auto live = LoadLiveAssignment(tx, stored, *children, options->as_of,
                                       /*rules_only=*/base->base_id.has_value());
        if (!live.ok()) return live.status();
        const balancing::Request engine_request = BuildRequest(*children, live->accounts, *options);
        // Request options were checked above, so what is left is about stored accounts.
        if (auto violations = balancing::Validate(engine_request); !violations.empty()) {
          return absl::FailedPreconditionError(absl::StrCat(
              "the accounts cannot be balanced: ",
              balancing::ViolationsToStatus(violations).message()));
        }
        auto proposal = balancing::Balance(engine_request);
        if (!proposal.ok()) return proposal.status();
        ScenarioDraft draft = DraftFromProposal(request, *options, *children, live->source,
                                                engine_request, *proposal);
        draft.scenario.set_creator(creator);
        auto id = InsertScenario(tx, draft.scenario, draft.accounts);
        if (!id.ok()) return id.status();
        auto written = GetScenario(tx, *id);
        if (!written.ok()) return written.status();
        if (auto s = events::Append(tx, "scenario.proposed", (*written)->name(), EventJson(**written));
            !s.ok()) {
          return s;
        }
        return **written;
      });
  if (proposed.ok()) relay_->Notify();
  return proposed;
}

absl::StatusOr<v1::GetScenarioResponse> ScenarioManager::Get(const v1::GetScenarioRequest& request) {
  auto read = ReadScenarioPage(*pool_, "get", request.name(), request.page_size(),
                               request.page_token());
  if (!read.ok()) return read.status();
  auto accounts = ListScenarioAccounts(**read->lease, read->id, read->after, read->page_size + 1,
                                       /*moved_only=*/false);
  if (!accounts.ok()) return accounts.status();
  v1::GetScenarioResponse response;
  *response.mutable_scenario() = std::move(read->scenario);
  const bool more = static_cast<int>(accounts->size()) > read->page_size;
  if (more) accounts->resize(read->page_size);
  for (v1::ScenarioAccount& a : *accounts) *response.add_accounts() = std::move(a);
  if (more) {
    response.set_next_page_token(server::EncodePageToken(
        read->fingerprint, response.accounts(response.accounts_size() - 1).account_id()));
  }
  return response;
}

absl::StatusOr<v1::ListScenariosResponse> ScenarioManager::List(
    const v1::ListScenariosRequest& request) {
  auto page_size = server::EffectivePageSize(request.page_size());
  if (!page_size.ok()) return page_size.status();
  v1::ListScenariosRequest filters = request;
  filters.clear_page_size();
  filters.clear_page_token();
  const std::string fingerprint = db::RequestFingerprint(filters.SerializeAsString());
  auto after = server::DecodePageToken(request.page_token(), fingerprint);
  if (!after.ok()) return after.status();
  int64_t after_id = 0;
  if (!after->empty() && !absl::SimpleAtoi(*after, &after_id)) {
    return errors::InvalidField("page_token", "is not a token this method issued");
  }
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto page = ListScenarios(**lease, StateName(request.state()), request.parent_territory_id(),
                            after_id, *page_size);
  if (!page.ok()) return page.status();
  v1::ListScenariosResponse response;
  for (v1::Scenario& s : page->scenarios) *response.add_scenarios() = std::move(s);
  response.set_total_size(page->total);
  if (page->more && response.scenarios_size() > 0) {
    response.set_next_page_token(server::EncodePageToken(
        fingerprint, response.scenarios(response.scenarios_size() - 1).scenario_id()));
  }
  return response;
}

absl::StatusOr<v1::DiffScenarioResponse> ScenarioManager::Diff(
    const v1::DiffScenarioRequest& request) {
  auto read = ReadScenarioPage(*pool_, "diff", request.name(), request.page_size(),
                               request.page_token());
  if (!read.ok()) return read.status();
  db::PgConn& conn = **read->lease;
  if (read->scenario.kind() == v1::SCENARIO_KIND_PLAN) {
    return DiffPlanScenario(conn, read->id, read->scenario, read->after, read->page_size);
  }
  auto as_of = dates::Parse(read->scenario.as_of(), "as_of");
  if (!as_of.ok()) return absl::DataLossError("stored scenario has a bad as_of");
  auto base = LoadBalancingBase(conn, read->scenario.base_scenario(), /*for_change=*/false);
  if (!base.ok()) return base.status();
  auto live = LoadLiveAssignment(conn, base->territories, ChildrenOf(read->scenario), *as_of,
                                 /*rules_only=*/base->base_id.has_value());
  if (!live.ok()) return live.status();
  auto accounts = ListScenarioAccounts(conn, read->id, "", 0, /*moved_only=*/false);
  if (!accounts.ok()) return accounts.status();
  const std::vector<v1::ScenarioAccount> moved = DiffAgainstLive(*accounts, live->accounts);

  v1::DiffScenarioResponse response;
  response.set_name(read->scenario.name());
  response.set_live_source(live->source);
  response.set_total_size(static_cast<int32_t>(moved.size()));
  auto first = std::upper_bound(moved.begin(), moved.end(), read->after,
                                [](const std::string& key, const v1::ScenarioAccount& a) {
                                  return key < a.account_id();
                                });
  for (auto it = first; it != moved.end(); ++it) {
    if (response.moved_size() == read->page_size) {
      response.set_next_page_token(server::EncodePageToken(
          read->fingerprint, response.moved(response.moved_size() - 1).account_id()));
      break;
    }
    *response.add_moved() = *it;
  }
  return response;
}

absl::Status ScenarioManager::Delete(const v1::DeleteScenarioRequest& request) {
  auto id = ScenarioIdFromName(request.name(), "name");
  if (!id.ok()) return id.status();
  auto deleted = db::IdempotentWrite<google::protobuf::Empty>(
      *pool_, request.request_id(), kDeleteMethod, request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<google::protobuf::Empty> {
        auto scenario = GetScenario(tx, *id, /*for_update=*/true);
        if (!scenario.ok()) return scenario.status();
        if (!scenario->has_value()) return ScenarioNotFound(*id);
        if ((*scenario)->state() != v1::SCENARIO_STATE_DRAFT) return NotDraft(**scenario);
        if (auto s = DeleteScenario(tx, *id); !s.ok()) return s;
        if (auto s = events::Append(tx, "scenario.deleted", ScenarioName(*id), "{}"); !s.ok()) {
          return s;
        }
        return google::protobuf::Empty();
      });
  if (!deleted.ok()) return deleted.status();
  relay_->Notify();
  return absl::OkStatus();
}

absl::StatusOr<v1::Scenario> ScenarioManager::Promote(const v1::PromoteScenarioRequest& request) {
  auto id = ScenarioIdFromName(request.name(), "name");
  if (!id.ok()) return id.status();
  std::optional<absl::CivilDay> from;
  if (!request.effective_from().empty()) {
    auto day = dates::Parse(request.effective_from(), "effective_from");
    if (!day.ok()) return errors::InvalidField("effective_from", "must be a calendar date YYYY-MM-DD");
    from = *day;
  }
  auto promoted = db::IdempotentWrite<v1::Scenario>(
      *pool_, request.request_id(), kPromoteMethod, request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::Scenario> {
        if (auto locked = territories::LockTerritories(tx); !locked.ok()) return locked;
        auto scenario = GetScenario(tx, *id, /*for_update=*/true);
        if (!scenario.ok()) return scenario.status();
        if (!scenario->has_value()) return ScenarioNotFound(*id);
        if ((*scenario)->state() != v1::SCENARIO_STATE_DRAFT) return NotDraft(**scenario);
        if ((*scenario)->kind() == v1::SCENARIO_KIND_PLAN) {
          if (from) {
            return errors::InvalidField("effective_from",
                                        "must be empty for a PLAN scenario; its territory "
                                        "versions carry their own dates");
          }
          return PromotePlanScenario(tx, *id, **scenario);
        }
        if (!from) return errors::InvalidField("effective_from", "is required");
        if (request.effective_from() < (*scenario)->as_of()) {  // both YYYY-MM-DD
          return errors::InvalidField(
              "effective_from", absl::StrCat("must not be before the scenario's as_of ",
                                             (*scenario)->as_of()));
        }
        auto moved = ListScenarioAccounts(tx, *id, "", 0, /*moved_only=*/true);
        if (!moved.ok()) return moved.status();
        MovesByDestination moves;
        for (const v1::ScenarioAccount& a : *moved) moves[a.to_territory_id()].push_back(a.account_id());
        for (auto& [destination, accounts] : moves) std::sort(accounts.begin(), accounts.end());
        auto base = LoadBalancingBase(tx, (*scenario)->base_scenario(), /*for_change=*/true);
        if (!base.ok()) return base.status();
        auto changed = PlanPromotion(base->territories, (*scenario)->territory_type(), moves, *from);
        if (!changed.ok()) return changed.status();
        if (base->base_id) {
          if (auto s = WriteScenarioTerritories(tx, *base->base_id, *changed); !s.ok()) return s;
        } else if (auto s = WriteTerritories(tx, std::move(base->territories), *changed); !s.ok()) {
          return s;
        }
        if (auto s = MarkPromoted(tx, *id, *from); !s.ok()) return s;
        auto written = GetScenario(tx, *id);
        if (!written.ok()) return written.status();
        if (auto s = events::Append(tx, "scenario.promoted", (*written)->name(), EventJson(**written));
            !s.ok()) {
          return s;
        }
        return **written;
      });
  if (promoted.ok()) relay_->Notify();
  return promoted;
}

}  // namespace attain::planning::scenarios

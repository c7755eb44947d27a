#include "services/planning/territories/territory_manager.h"

#include <algorithm>
#include <map>
#include <set>

#include <google/protobuf/empty.pb.h>
#include <google/protobuf/util/json_util.h>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/db/idempotency.h"
#include "common/errors/errors.h"
#include "common/money/decimal.h"
#include "common/server/page_token.h"
#include "common/time/dates.h"
#include "services/planning/engine/territory/engine.h"
#include "services/planning/engine/territory/explain.h"
#include "services/planning/engine/territory/validation.h"
#include "services/planning/org/seller_validation.h"
#include "services/planning/territories/territory_proto.h"
#include "services/planning/territories/territory_store.h"
#include "services/planning/territories/territory_validation.h"

namespace attain::planning::territories {
namespace {

constexpr char kCreateMethod[] = "CreateTerritory";
constexpr char kUpdateMethod[] = "UpdateTerritory";
constexpr char kDeleteMethod[] = "DeleteTerritory";
constexpr char kAssignmentsMethod[] = "SetSellerAssignments";
constexpr char kAssignMethod[] = "AssignAccounts";
constexpr int kDefaultDetailLimit = 100;
// A seller is over- or under-loaded beyond this share of the mean potential.
constexpr int64_t kLoadBandPercent = 20;

absl::Status Reject(std::vector<errors::FieldViolation> violations) {
  if (violations.size() > 200) violations.resize(200);
  return errors::InvalidFields(std::move(violations));
}

std::string ToJson(const google::protobuf::Message& message) {
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(message, &json);
  return json;
}

absl::StatusOr<std::string> TerritoryIdFromName(const std::string& name, const std::string& field) {
  constexpr char kPrefix[] = "territories/";
  if (!absl::StartsWith(name, kPrefix) ||
      !org::IsValidSellerId(name.substr(std::string(kPrefix).size()))) {
    return errors::InvalidField(field, "must be a resource name territories/{territory_id}");
  }
  return name.substr(std::string(kPrefix).size());
}

absl::StatusOr<absl::CivilDay> DayOrToday(const std::string& text, const std::string& field) {
  if (text.empty()) return dates::TodayUtc();
  auto day = dates::Parse(text, field);
  if (!day.ok()) return errors::InvalidField(field, "must be a calendar date YYYY-MM-DD");
  return day;
}

// Everything rule evaluation needs: the stored tree in engine form and every account.
struct EvaluationInputs {
  std::vector<territory::Territory> territories;
  territory::AccountTable accounts;
};

absl::StatusOr<EvaluationInputs> LoadEvaluationInputs(db::PgConn& conn) {
  auto stored = LoadTerritories(conn);
  if (!stored.ok()) return stored.status();
  EvaluationInputs inputs;
  // Stored territories were validated when written, so conversion cannot fail here.
  std::vector<errors::FieldViolation> unused;
  for (const v1::Territory& t : *stored) {
    if (auto d = FromProto(t, "stored", &unused)) inputs.territories.push_back(*std::move(d));
  }
  auto accounts = LoadAccountTable(conn, SchemaFor(*stored));
  if (!accounts.ok()) return accounts.status();
  inputs.accounts = *std::move(accounts);
  return inputs;
}

}  // namespace

absl::StatusOr<bool> TerritoryManager::Visible(db::PgConn& conn, const std::string& territory_id,
                                               const store::Visibility& visibility) {
  if (visibility.everyone) return true;
  auto assignments = territories::ListSellerAssignments(conn, territory_id, "", std::nullopt);
  if (!assignments.ok()) return assignments.status();
  for (const v1::SellerAssignment& a : *assignments) {
    if (std::find(visibility.ids.begin(), visibility.ids.end(), a.seller_id()) !=
        visibility.ids.end()) {
      return true;
    }
  }
  return false;
}

absl::StatusOr<v1::Territory> TerritoryManager::Create(const v1::CreateTerritoryRequest& request) {
  std::vector<errors::FieldViolation> violations;
  CheckTerritoryFields(request.territory(), "territory", &violations);
  FromProto(request.territory(), "territory", &violations);
  if (!violations.empty()) return Reject(std::move(violations));
  const std::string id = request.territory().territory_id();
  auto created = db::IdempotentWrite<v1::Territory>(
      *pool_, request.request_id(), kCreateMethod, request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::Territory> {
        if (auto locked = LockTerritories(tx); !locked.ok()) return locked;
        auto stored = LoadTerritories(tx);
        if (!stored.ok()) return stored.status();
        for (const v1::Territory& t : *stored) {
          if (t.territory_id() == id) {
            return errors::InvalidField("territory.territory_id",
                                        absl::StrCat("territories/", id, " already exists"));
          }
        }
        auto tree = ValidateInTree(*stored, request.territory(), "territory");
        if (!tree.empty()) return Reject(std::move(tree));
        if (auto s = InsertTerritory(tx, request.territory()); !s.ok()) return s;
        auto written = GetTerritory(tx, id);
        if (!written.ok()) return written.status();
        if (auto s = events::Append(tx, "territory.created", (*written)->name(), ToJson(**written));
            !s.ok()) {
          return s;
        }
        return **written;
      });
  if (created.ok()) relay_->Notify();
  return created;
}

absl::StatusOr<v1::Territory> TerritoryManager::Update(const v1::UpdateTerritoryRequest& request) {
  auto id = TerritoryIdFromName(request.territory().name(), "territory.name");
  if (!id.ok()) return id.status();
  std::vector<std::string> paths(request.update_mask().paths().begin(),
                                 request.update_mask().paths().end());
  if (paths.empty()) paths = {"display_name", "versions"};
  for (const std::string& path : paths) {
    if (path != "display_name" && path != "versions") {
      return errors::InvalidField("update_mask", absl::StrCat("'", path, "' cannot be updated"));
    }
  }
  auto has = [&paths](const char* p) { return std::find(paths.begin(), paths.end(), p) != paths.end(); };
  auto updated = db::IdempotentWrite<v1::Territory>(
      *pool_, request.request_id(), kUpdateMethod, request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::Territory> {
        if (auto locked = LockTerritories(tx); !locked.ok()) return locked;
        auto stored = LoadTerritories(tx);
        if (!stored.ok()) return stored.status();
        auto existing = std::find_if(stored->begin(), stored->end(),
                                     [&](const v1::Territory& t) { return t.territory_id() == *id; });
        if (existing == stored->end()) {
          return absl::NotFoundError(absl::StrCat("territories/", *id, " not found"));
        }
        if (request.territory().revision() != 0 &&
            request.territory().revision() != existing->revision()) {
          return errors::WithReason(absl::AbortedError(absl::StrCat(
                                        "territories/", *id, " changed since revision ",
                                        request.territory().revision(), "; re-read and retry")),
                                    "STALE_REVISION");
        }
        v1::Territory next = *existing;
        if (has("display_name")) next.set_display_name(request.territory().display_name());
        if (has("versions")) *next.mutable_versions() = request.territory().versions();
        std::vector<errors::FieldViolation> violations;
        CheckTerritoryFields(next, "territory", &violations);
        if (!violations.empty()) return Reject(std::move(violations));
        auto tree = ValidateInTree(*stored, next, "territory");
        if (!tree.empty()) return Reject(std::move(tree));
        if (auto s = UpdateTerritory(tx, next); !s.ok()) return s;
        auto written = GetTerritory(tx, *id);
        if (!written.ok()) return written.status();
        if (auto s = events::Append(tx, "territory.updated", (*written)->name(), ToJson(**written));
            !s.ok()) {
          return s;
        }
        return **written;
      });
  if (updated.ok()) relay_->Notify();
  return updated;
}

absl::Status TerritoryManager::Delete(const v1::DeleteTerritoryRequest& request) {
  auto id = TerritoryIdFromName(request.name(), "name");
  if (!id.ok()) return id.status();
  auto deleted = db::IdempotentWrite<google::protobuf::Empty>(
      *pool_, request.request_id(), kDeleteMethod, request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<google::protobuf::Empty> {
        if (auto locked = LockTerritories(tx); !locked.ok()) return locked;
        auto children = HasChildren(tx, *id);
        if (!children.ok()) return children.status();
        if (*children) {
          return errors::WithReason(
              absl::FailedPreconditionError(absl::StrCat(
                  "territories/", *id, " is the parent of other territories; move them first")),
              "TERRITORY_HAS_CHILDREN");
        }
        if (auto s = DeleteTerritory(tx, *id); !s.ok()) return s;
        if (auto s = events::Append(tx, "territory.deleted", absl::StrCat("territories/", *id), "{}");
            !s.ok()) {
          return s;
        }
        return google::protobuf::Empty();
      });
  if (!deleted.ok()) return deleted.status();
  relay_->Notify();
  return absl::OkStatus();
}

absl::StatusOr<v1::Territory> TerritoryManager::Get(const std::string& name,
                                                    const store::Visibility& visibility) {
  auto id = TerritoryIdFromName(name, "name");
  if (!id.ok()) return id.status();
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto territory = GetTerritory(**lease, *id);
  if (!territory.ok()) return territory.status();
  if (!territory->has_value()) return absl::NotFoundError(absl::StrCat("territories/", *id, " not found"));
  auto visible = Visible(**lease, *id, visibility);
  if (!visible.ok()) return visible.status();
  if (!*visible) {
    return errors::WithReason(
        absl::PermissionDeniedError(absl::StrCat("not allowed to see territories/", *id)),
        "OUTSIDE_CALLER_SCOPE");
  }
  return **territory;
}

absl::StatusOr<v1::ListTerritoriesResponse> TerritoryManager::List(
    const v1::ListTerritoriesRequest& request, const store::Visibility& visibility) {
  auto page_size = server::EffectivePageSize(request.page_size());
  if (!page_size.ok()) return page_size.status();
  v1::ListTerritoriesRequest filters = request;
  filters.clear_page_size();
  filters.clear_page_token();
  const std::string fingerprint = db::RequestFingerprint(filters.SerializeAsString());
  auto after = server::DecodePageToken(request.page_token(), fingerprint);
  if (!after.ok()) return after.status();
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  v1::ListTerritoriesResponse response;
  if (!visibility.everyone) {
    // A rep or manager sees the territories their visible sellers cover; these lists are
    // short, so they are returned in one page.
    auto all = LoadTerritories(**lease);
    if (!all.ok()) return all.status();
    for (const v1::Territory& t : *all) {
      if (request.type() != v1::TERRITORY_TYPE_UNSPECIFIED && t.type() != request.type()) continue;
      if (request.level() != v1::TERRITORY_LEVEL_UNSPECIFIED && t.level() != request.level()) continue;
      auto visible = Visible(**lease, t.territory_id(), visibility);
      if (!visible.ok()) return visible.status();
      if (*visible) *response.add_territories() = t;
    }
    response.set_total_size(response.territories_size());
    return response;
  }
  auto page = ListTerritories(**lease, TypeName(request.type()), LevelName(request.level()),
                              *after, *page_size);
  if (!page.ok()) return page.status();
  for (v1::Territory& t : page->territories) *response.add_territories() = std::move(t);
  response.set_total_size(page->total);
  if (page->more && response.territories_size() > 0) {
    response.set_next_page_token(server::EncodePageToken(
        fingerprint, response.territories(response.territories_size() - 1).territory_id()));
  }
  return response;
}

absl::StatusOr<v1::SetSellerAssignmentsResponse> TerritoryManager::SetSellerAssignments(
    const v1::SetSellerAssignmentsRequest& request) {
  std::vector<std::string> seller_ids;
  std::vector<errors::FieldViolation> violations =
      ValidateSellerAssignments(request.territory_id(), request.assignments(), &seller_ids);
  if (!violations.empty()) return Reject(std::move(violations));

  auto response = db::IdempotentWrite<v1::SetSellerAssignmentsResponse>(
      *pool_, request.request_id(), kAssignmentsMethod, request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::SetSellerAssignmentsResponse> {
        if (auto locked = LockTerritories(tx); !locked.ok()) return locked;
        auto territory = GetTerritory(tx, request.territory_id());
        if (!territory.ok()) return territory.status();
        if (!territory->has_value()) {
          return absl::NotFoundError(
              absl::StrCat("territories/", request.territory_id(), " not found"));
        }
        auto missing = MissingSellers(tx, seller_ids);
        if (!missing.ok()) return missing.status();
        if (!missing->empty()) return Reject(UnknownSellers(request.assignments(), *missing));
        std::vector<v1::SellerAssignment> rows(request.assignments().begin(),
                                               request.assignments().end());
        if (auto s = ReplaceSellerAssignments(tx, request.territory_id(), rows); !s.ok()) return s;
        auto stored = territories::ListSellerAssignments(tx, request.territory_id(), "", std::nullopt);
        if (!stored.ok()) return stored.status();
        v1::SetSellerAssignmentsResponse out;
        for (v1::SellerAssignment& a : *stored) *out.add_assignments() = std::move(a);
        if (auto s = events::Append(tx, "territory.sellers_assigned",
                                    absl::StrCat("territories/", request.territory_id()), ToJson(out));
            !s.ok()) {
          return s;
        }
        return out;
      });
  if (response.ok()) relay_->Notify();
  return response;
}

absl::StatusOr<v1::ListSellerAssignmentsResponse> TerritoryManager::ListSellerAssignments(
    const v1::ListSellerAssignmentsRequest& request, const store::Visibility& visibility) {
  if (request.territory_id().empty() == request.seller_id().empty()) {
    return errors::InvalidField("territory_id", "set exactly one of territory_id and seller_id");
  }
  std::optional<absl::CivilDay> as_of;
  if (!request.as_of().empty()) {
    auto day = DayOrToday(request.as_of(), "as_of");
    if (!day.ok()) return day.status();
    as_of = *day;
  }
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto rows = territories::ListSellerAssignments(**lease, request.territory_id(),
                                                 request.seller_id(), as_of);
  if (!rows.ok()) return rows.status();
  v1::ListSellerAssignmentsResponse response;
  for (v1::SellerAssignment& a : *rows) {
    if (!visibility.everyone && std::find(visibility.ids.begin(), visibility.ids.end(),
                                          a.seller_id()) == visibility.ids.end()) {
      continue;
    }
    *response.add_assignments() = std::move(a);
  }
  return response;
}

absl::StatusOr<v1::AssignAccountsResponse> TerritoryManager::AssignAccounts(
    const v1::AssignAccountsRequest& request) {
  auto as_of = DayOrToday(request.as_of(), "as_of");
  if (!as_of.ok()) return as_of.status();
  auto response = db::IdempotentWrite<v1::AssignAccountsResponse>(
      *pool_, request.request_id(), kAssignMethod, request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::AssignAccountsResponse> {
        auto inputs = LoadEvaluationInputs(tx);
        if (!inputs.ok()) return inputs.status();
        const territory::AccountTable* accounts = &inputs->accounts;
        const absl::Time start = absl::Now();
        auto assignments = territory::AssignAccounts(*accounts, inputs->territories, *as_of);
        if (!assignments.ok()) return assignments.status();
        const absl::Duration took = absl::Now() - start;
        std::vector<StoredAssignment> rows;
        int unassigned = 0;
        for (territory::Row row = 0; row < assignments->size(); ++row) {
          bool any = false;
          for (auto type : {territory::TerritoryType::kGeographic,
                            territory::TerritoryType::kNamedAccount,
                            territory::TerritoryType::kOverlay}) {
            const territory::EffectiveRule* winner = assignments->Winner(row, type);
            if (winner == nullptr) continue;
            any = true;
            rows.push_back({std::string(accounts->Text(territory::Column(territory::StringAttribute::kId), row)),
                            std::string(territory::TerritoryTypeName(type)), winner->territory_id,
                            winner->rule_index, winner->priority});
          }
          if (!any) ++unassigned;
        }
        if (auto s = ReplaceAccountAssignments(tx, *as_of, rows); !s.ok()) return s;
        v1::AssignAccountsResponse out;
        out.set_as_of(dates::Format(*as_of));
        out.set_accounts_evaluated(static_cast<int>(accounts->size()));
        out.set_assignments_written(static_cast<int>(rows.size()));
        out.set_unassigned_accounts(unassigned);
        out.set_evaluation_micros(absl::ToInt64Microseconds(took));
        if (auto s = events::Append(tx, "accounts.assigned", absl::StrCat("assignments/", out.as_of()),
                                    ToJson(out));
            !s.ok()) {
          return s;
        }
        return out;
      });
  if (response.ok()) relay_->Notify();
  return response;
}

absl::StatusOr<v1::ExplainAssignmentResponse> TerritoryManager::Explain(
    const v1::ExplainAssignmentRequest& request) {
  auto as_of = DayOrToday(request.as_of(), "as_of");
  if (!as_of.ok()) return as_of.status();
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto inputs = LoadEvaluationInputs(**lease);
  if (!inputs.ok()) return inputs.status();
  if (!inputs->accounts.FindRow(request.account_id()).has_value()) {
    return absl::NotFoundError(absl::StrCat("accounts/", request.account_id(), " not found"));
  }
  auto explanation = territory::ExplainAssignment(inputs->accounts, inputs->territories,
                                                  request.account_id(), *as_of);
  if (!explanation.ok()) return explanation.status();
  v1::ExplainAssignmentResponse response;
  response.set_account_id(request.account_id());
  response.set_as_of(dates::Format(*as_of));
  for (const territory::MatchedRule& match : explanation->matched) {
    v1::RuleMatch* out = response.add_matches();
    out->set_territory_id(match.rule.territory_id);
    out->set_type(TypeToProto(match.rule.type));
    out->set_rule_index(match.rule.rule_index);
    out->set_priority(match.rule.priority);
    out->set_outcome(std::string(territory::MatchOutcomeName(match.outcome)));
    out->set_reason(match.reason);
  }
  return response;
}

absl::StatusOr<v1::GetCoverageResponse> TerritoryManager::Coverage(
    const v1::GetCoverageRequest& request) {
  auto as_of = DayOrToday(request.as_of(), "as_of");
  if (!as_of.ok()) return as_of.status();
  if (request.detail_limit() < 0) return errors::InvalidField("detail_limit", "must not be negative");
  const int limit = request.detail_limit() == 0 ? kDefaultDetailLimit : request.detail_limit();
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto inputs = LoadEvaluationInputs(**lease);
  if (!inputs.ok()) return inputs.status();
  const territory::AccountTable* accounts = &inputs->accounts;
  const std::vector<territory::Territory>& domain = inputs->territories;
  auto assignments = territory::AssignAccounts(*accounts, domain, *as_of);
  if (!assignments.ok()) return assignments.status();
  auto sellers = territories::ListSellerAssignments(**lease, "", "", *as_of);
  if (!sellers.ok()) return sellers.status();

  v1::GetCoverageResponse response;
  response.set_as_of(dates::Format(*as_of));
  const int id_column = territory::Column(territory::StringAttribute::kId);
  const int potential_column = territory::Column(territory::NumericAttribute::kPotential);
  const int workload_column = territory::Column(territory::NumericAttribute::kWorkload);

  // Unassigned: no geographic and no named-account territory claims the account.
  // Conflicts: two or more territories of one type match (the winner is still chosen).
  absl::flat_hash_map<std::string, std::vector<territory::Row>> accounts_by_territory;
  for (territory::Row row = 0; row < assignments->size(); ++row) {
    const auto* geo = assignments->Winner(row, territory::TerritoryType::kGeographic);
    const auto* named = assignments->Winner(row, territory::TerritoryType::kNamedAccount);
    if (geo == nullptr && named == nullptr) {
      response.set_unassigned_account_count(response.unassigned_account_count() + 1);
      if (response.unassigned_account_ids_size() < limit) {
        response.add_unassigned_account_ids(std::string(accounts->Text(id_column, row)));
      }
    }
    for (const auto* winner : {geo, named}) {
      if (winner != nullptr) accounts_by_territory[winner->territory_id].push_back(row);
    }
    territory::Explanation explanation = territory::Explain(assignments->rules(), *accounts, row);
    std::map<territory::TerritoryType, std::set<std::string>> matched;
    for (const territory::MatchedRule& m : explanation.matched) matched[m.rule.type].insert(m.rule.territory_id);
    for (const auto& [type, ids] : matched) {
      if (ids.size() < 2) continue;
      response.set_conflict_count(response.conflict_count() + 1);
      if (response.conflicts_size() < limit) {
        v1::AssignmentConflict* conflict = response.add_conflicts();
        conflict->set_account_id(std::string(accounts->Text(id_column, row)));
        conflict->set_type(TypeToProto(type));
        for (const std::string& id : ids) conflict->add_territory_ids(id);
      }
    }
  }

  // Territory-level nodes in force on the date without any seller covering them.
  absl::flat_hash_set<std::string> covered;
  for (const v1::SellerAssignment& a : *sellers) covered.insert(a.territory_id());
  for (const territory::Territory& t : domain) {
    if (t.level != territory::TerritoryLevel::kTerritory || t.VersionOn(*as_of) == nullptr) continue;
    if (covered.contains(t.id)) continue;
    response.set_territories_without_seller_count(response.territories_without_seller_count() + 1);
    if (response.territories_without_seller_size() < limit) response.add_territories_without_seller(t.id);
  }

  // Seller load: each primary seller carries their split of their territories' accounts.
  struct Load {
    int accounts = 0;
    money::Decimal potential;
    money::Decimal workload;
  };
  using money::Decimal;
  std::map<std::string, Load> load;
  for (const v1::SellerAssignment& a : *sellers) {
    if (a.role() != v1::SELLER_ROLE_PRIMARY) continue;
    auto split = Decimal::Parse(a.split_percent());
    if (!split.ok()) continue;
    auto share = split->Div(Decimal::FromUnits(100));
    if (!share.ok()) return share.status();
    Load& l = load[a.seller_id()];
    auto it = accounts_by_territory.find(a.territory_id());
    if (it == accounts_by_territory.end()) continue;
    for (territory::Row row : it->second) {
      ++l.accounts;
      auto potential = Decimal::FromMicros(accounts->Micros(potential_column, row)).Mul(*share);
      auto workload = Decimal::FromMicros(accounts->Micros(workload_column, row)).Mul(*share);
      if (!potential.ok()) return potential.status();
      if (!workload.ok()) return workload.status();
      auto potential_total = l.potential.Add(*potential);
      auto workload_total = l.workload.Add(*workload);
      if (!potential_total.ok()) return potential_total.status();
      if (!workload_total.ok()) return workload_total.status();
      l.potential = *potential_total;
      l.workload = *workload_total;
    }
  }
  if (load.empty()) return response;
  Decimal total;
  for (const auto& [id, l] : load) {
    auto sum = total.Add(l.potential);
    if (!sum.ok()) return sum.status();
    total = *sum;
  }
  auto mean = total.Div(Decimal::FromUnits(static_cast<int64_t>(load.size())));
  if (!mean.ok()) return mean.status();
  const Decimal band = Decimal::FromUnits(kLoadBandPercent).Div(Decimal::FromUnits(100)).value();
  auto upper = mean->Mul(Decimal::FromUnits(1).Add(band).value());
  auto lower = mean->Mul(Decimal::FromUnits(1).Sub(band).value());
  if (!upper.ok()) return upper.status();
  if (!lower.ok()) return lower.status();
  for (const auto& [id, l] : load) {
    if (l.potential > *upper) response.set_overloaded_seller_count(response.overloaded_seller_count() + 1);
    if (l.potential < *lower) response.set_underloaded_seller_count(response.underloaded_seller_count() + 1);
    if (response.seller_load_size() >= limit) continue;
    v1::LoadDeviation* row = response.add_seller_load();
    row->set_seller_id(id);
    row->set_account_count(l.accounts);
    row->set_potential(l.potential.ToFixed(2));
    row->set_workload(l.workload.ToString());
    if (mean->IsZero()) continue;
    // (load - mean) / mean, in percent to two decimals.
    auto deviation = l.potential.Sub(*mean);
    if (!deviation.ok()) return deviation.status();
    auto ratio = deviation->Div(*mean);
    if (!ratio.ok()) return ratio.status();
    auto percent = ratio->Mul(Decimal::FromUnits(100));
    if (!percent.ok()) return percent.status();
    row->set_potential_vs_mean_percent(percent->ToFixed(2));
  }
  return response;
}

}  // namespace attain::planning::territories

#include "services/planning/scenarios/plan/plan_model.h"

#include <algorithm>
#include <tuple>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "absl/container/flat_hash_map.h"
#include "common/db/idempotency.h"

namespace attain::planning::scenarios {
namespace {

std::string Deterministic(const google::protobuf::Message& message) {
  std::string bytes;
  google::protobuf::io::StringOutputStream stream(&bytes);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  message.SerializeToCodedStream(&coded);
  coded.Trim();
  return bytes;
}

bool SameMessage(const google::protobuf::Message& a, const google::protobuf::Message& b) {
  return Deterministic(a) == Deterministic(b);
}

money::Decimal OrZero(const std::map<std::string, money::Decimal>& values, const std::string& key) {
  auto it = values.find(key);
  return it == values.end() ? money::Decimal() : it->second;
}

}  // namespace

std::vector<v1::ScenarioTerritory> JoinCoverage(const std::vector<v1::Territory>& territories,
                                                const std::vector<v1::SellerAssignment>& coverage) {
  std::vector<v1::ScenarioTerritory> out;
  absl::flat_hash_map<std::string, size_t> index;
  for (const v1::Territory& t : territories) {
    index[t.territory_id()] = out.size();
    *out.emplace_back().mutable_territory() = t;
  }
  for (const v1::SellerAssignment& a : coverage) {
    auto it = index.find(a.territory_id());
    if (it != index.end()) *out[it->second].add_seller_assignments() = a;
  }
  std::sort(out.begin(), out.end(), [](const v1::ScenarioTerritory& a, const v1::ScenarioTerritory& b) {
    return a.territory().territory_id() < b.territory().territory_id();
  });
  return out;
}

const v1::ScenarioTerritory* FindTerritory(const std::vector<v1::ScenarioTerritory>& plan,
                                           const std::string& id) {
  auto it = std::lower_bound(plan.begin(), plan.end(), id,
                             [](const v1::ScenarioTerritory& t, const std::string& key) {
                               return t.territory().territory_id() < key;
                             });
  return it != plan.end() && it->territory().territory_id() == id ? &*it : nullptr;
}

std::vector<v1::Territory> TerritoriesOf(const std::vector<v1::ScenarioTerritory>& plan) {
  std::vector<v1::Territory> out;
  out.reserve(plan.size());
  for (const v1::ScenarioTerritory& t : plan) out.push_back(t.territory());
  return out;
}

std::vector<v1::SellerAssignment> CoverageOf(const std::vector<v1::ScenarioTerritory>& plan) {
  std::vector<v1::SellerAssignment> out;
  for (const v1::ScenarioTerritory& t : plan) {
    for (v1::SellerAssignment a : t.seller_assignments()) {
      a.set_territory_id(t.territory().territory_id());
      out.push_back(std::move(a));
    }
  }
  return out;
}

v1::ScenarioTerritory Normalized(const v1::ScenarioTerritory& territory) {
  v1::ScenarioTerritory out = territory;
  out.mutable_territory()->clear_name();
  out.mutable_territory()->clear_update_time();
  out.mutable_territory()->clear_revision();
  for (v1::SellerAssignment& a : *out.mutable_seller_assignments()) {
    a.set_territory_id(territory.territory().territory_id());
  }
  return out;
}

std::string PlanFingerprint(const std::vector<v1::ScenarioTerritory>& plan,
                            const std::string& quota_version) {
  std::string content = quota_version;
  for (const v1::ScenarioTerritory& t : plan) {
    const std::string bytes = Deterministic(Normalized(t));
    content += std::to_string(bytes.size()) + ":" + bytes;
  }
  return db::RequestFingerprint(content);
}

std::vector<v1::TerritoryChange> TerritoryChanges(const std::vector<v1::ScenarioTerritory>& live,
                                                  const std::vector<v1::ScenarioTerritory>& scenario) {
  std::vector<v1::TerritoryChange> out;
  size_t i = 0, j = 0;
  auto id = [](const v1::ScenarioTerritory& t) -> const std::string& { return t.territory().territory_id(); };
  while (i < live.size() || j < scenario.size()) {
    v1::TerritoryChange change;
    if (j == scenario.size() || (i < live.size() && id(live[i]) < id(scenario[j]))) {
      change.set_territory_id(id(live[i++]));
      change.set_change(v1::CHANGE_KIND_REMOVED);
    } else if (i == live.size() || id(scenario[j]) < id(live[i])) {
      change.set_territory_id(id(scenario[j++]));
      change.set_change(v1::CHANGE_KIND_ADDED);
    } else {
      const v1::ScenarioTerritory a = Normalized(live[i++]);
      const v1::ScenarioTerritory b = Normalized(scenario[j++]);
      change.set_definition_changed(!SameMessage(a.territory(), b.territory()));
      v1::ScenarioTerritory a_coverage, b_coverage;
      *a_coverage.mutable_seller_assignments() = a.seller_assignments();
      *b_coverage.mutable_seller_assignments() = b.seller_assignments();
      change.set_coverage_changed(!SameMessage(a_coverage, b_coverage));
      if (!change.definition_changed() && !change.coverage_changed()) continue;
      change.set_territory_id(a.territory().territory_id());
      change.set_change(v1::CHANGE_KIND_CHANGED);
    }
    out.push_back(std::move(change));
  }
  return out;
}

std::vector<v1::ScenarioAccount> MovedAccounts(const std::vector<Placement>& live,
                                               const std::vector<Placement>& scenario) {
  auto key = [](const Placement& p) { return std::tie(p.account_id, p.type); };
  std::vector<v1::ScenarioAccount> out;
  auto emit = [&out](const Placement& facts, const std::string& from, const std::string& to) {
    if (from == to) return;
    v1::ScenarioAccount& a = out.emplace_back();
    a.set_account_id(facts.account_id);
    a.set_territory_type(facts.type);
    a.set_from_territory_id(from);
    a.set_to_territory_id(to);
    a.set_potential(facts.potential.ToString());
    a.set_workload(facts.workload.ToString());
    a.set_locked(facts.locked);
    a.set_moved(true);
  };
  size_t i = 0, j = 0;
  while (i < live.size() || j < scenario.size()) {
    if (j == scenario.size() || (i < live.size() && key(live[i]) < key(scenario[j]))) {
      emit(live[i], live[i].territory_id, "");
      ++i;
    } else if (i == live.size() || key(scenario[j]) < key(live[i])) {
      emit(scenario[j], "", scenario[j].territory_id);
      ++j;
    } else {
      emit(scenario[j], live[i].territory_id, scenario[j].territory_id);
      ++i;
      ++j;
    }
  }
  return out;
}

std::vector<v1::QuotaNodeChange> QuotaNodeChanges(const quota::TopDownAllocation& live,
                                                  const quota::TopDownAllocation& scenario) {
  std::map<std::string, money::Decimal> live_annual, scenario_annual;
  for (const quota::NodeAllocation& n : live.nodes) live_annual[n.node_id] = n.annual;
  for (const quota::NodeAllocation& n : scenario.nodes) scenario_annual[n.node_id] = n.annual;
  std::map<std::string, bool> ids;
  for (const auto& [id, annual] : live_annual) ids[id] = true;
  for (const auto& [id, annual] : scenario_annual) ids[id] = true;
  std::vector<v1::QuotaNodeChange> out;
  for (const auto& [id, unused] : ids) {
    const money::Decimal before = OrZero(live_annual, id);
    const money::Decimal after = OrZero(scenario_annual, id);
    if (before == after && live_annual.contains(id) == scenario_annual.contains(id)) continue;
    v1::QuotaNodeChange& change = out.emplace_back();
    change.set_territory_id(id);
    change.set_live_annual(before.ToString());
    change.set_scenario_annual(after.ToString());
    // Whole-unit quotas far below the Decimal range: the difference cannot overflow.
    change.set_difference(after.Sub(before).value_or(money::Decimal()).ToString());
  }
  return out;
}

std::vector<v1::SellerQuotaChange> SellerQuotaChanges(
    const std::map<std::string, money::Decimal>& live,
    const std::map<std::string, money::Decimal>& scenario) {
  std::map<std::string, bool> ids;
  for (const auto& [id, annual] : live) ids[id] = true;
  for (const auto& [id, annual] : scenario) ids[id] = true;
  std::vector<v1::SellerQuotaChange> out;
  for (const auto& [id, unused] : ids) {
    const money::Decimal before = OrZero(live, id);
    const money::Decimal after = OrZero(scenario, id);
    if (before == after) continue;
    v1::SellerQuotaChange& change = out.emplace_back();
    change.set_seller_id(id);
    change.set_live_annual(before.ToString());
    change.set_scenario_annual(after.ToString());
    change.set_difference(after.Sub(before).value_or(money::Decimal()).ToString());
  }
  return out;
}

}  // namespace attain::planning::scenarios

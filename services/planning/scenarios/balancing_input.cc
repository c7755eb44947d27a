#include "services/planning/scenarios/balancing_input.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"
#include "common/time/dates.h"

namespace attain::planning::scenarios {
namespace {

constexpr char kParentField[] = "parent_territory_id";
constexpr int64_t kDefaultTolerancePercent = 5;
constexpr size_t kMaxDisplayName = 200;

const v1::TerritoryVersion* VersionOn(const v1::Territory& territory, absl::CivilDay day) {
  for (const v1::TerritoryVersion& version : territory.versions()) {
    auto from = dates::Parse(version.effective_from(), "effective_from");
    auto to = dates::ParseOptional(version.effective_to(), "effective_to");
    if (!from.ok() || !to.ok()) continue;
    if (dates::DateRange{*from, *to}.Contains(day)) return &version;
  }
  return nullptr;
}

}  // namespace

absl::StatusOr<Children> ChildTerritories(const std::vector<v1::Territory>& stored,
                                          const std::string& parent_id, absl::CivilDay as_of) {
  const std::string day = dates::Format(as_of);
  auto parent = std::find_if(stored.begin(), stored.end(), [&](const v1::Territory& t) {
    return t.territory_id() == parent_id;
  });
  if (parent == stored.end()) {
    return errors::InvalidField(kParentField, absl::StrCat("unknown territory '", parent_id, "'"));
  }
  if (VersionOn(*parent, as_of) == nullptr) {
    return errors::InvalidField(kParentField,
                                absl::StrCat("territories/", parent_id, " is not in force on ", day));
  }
  Children children;
  for (const v1::Territory& t : stored) {
    if (t.level() != v1::TERRITORY_LEVEL_TERRITORY) continue;
    const v1::TerritoryVersion* version = VersionOn(t, as_of);
    if (version == nullptr || version->parent_id() != parent_id || t.territory_id() == parent_id) {
      continue;
    }
    if (!children.territory_ids.empty() && t.type() != children.type) {
      return errors::InvalidField(
          kParentField, absl::StrCat("the territory-level children of territories/", parent_id,
                                     " on ", day, " are of more than one type"));
    }
    children.type = t.type();
    children.territory_ids.push_back(t.territory_id());
  }
  if (children.territory_ids.empty()) {
    return errors::InvalidField(kParentField,
                                absl::StrCat("territories/", parent_id,
                                             " has no territory-level children on ", day));
  }
  std::sort(children.territory_ids.begin(), children.territory_ids.end());
  return children;
}

absl::StatusOr<ProposeOptions> ParseProposeOptions(const v1::ProposeBalancingRequest& request,
                                                   absl::CivilDay today) {
  std::vector<errors::FieldViolation> violations;
  ProposeOptions options;
  if (request.parent_territory_id().empty()) {
    violations.push_back({kParentField, "is required"});
  }
  options.as_of = today;
  if (!request.as_of().empty()) {
    auto day = dates::Parse(request.as_of(), "as_of");
    if (day.ok()) {
      options.as_of = *day;
    } else {
      violations.push_back({"as_of", "must be a calendar date YYYY-MM-DD"});
    }
  }
  options.tolerance_percent = money::Decimal::FromUnits(kDefaultTolerancePercent);
  if (!request.tolerance_percent().empty()) {
    auto percent = money::Decimal::Parse(request.tolerance_percent());
    if (!percent.ok() || *percent <= money::Decimal() ||
        *percent >= money::Decimal::FromUnits(100)) {
      violations.push_back({"tolerance_percent", "must be a decimal above 0 and below 100"});
    } else {
      options.tolerance_percent = *percent;
    }
  }
  // Percent -> fraction keeps 6 digits; a percent below 0.0001 would round to nothing.
  options.tolerance =
      options.tolerance_percent.Div(money::Decimal::FromUnits(100)).value_or(money::Decimal());
  if (options.tolerance <= money::Decimal()) {
    violations.push_back({"tolerance_percent", "must be at least 0.0001"});
  }
  if (!request.workload_weight().empty()) {
    auto weight = money::Decimal::Parse(request.workload_weight());
    if (!weight.ok() || weight->IsNegative() || *weight > money::Decimal::FromUnits(1)) {
      violations.push_back({"workload_weight", "must be a decimal from 0 to 1"});
    } else {
      options.workload_weight = *weight;
    }
  }
  if (request.display_name().size() > kMaxDisplayName) {
    violations.push_back({"display_name", "must be at most 200 characters"});
  }
  if (!violations.empty()) return errors::InvalidFields(std::move(violations));
  options.display_name = request.display_name().empty()
                             ? absl::StrCat("Balance ", request.parent_territory_id(), " as of ",
                                            dates::Format(options.as_of))
                             : request.display_name();
  return options;
}

balancing::Request BuildRequest(const Children& children,
                                const std::vector<CurrentAccount>& accounts,
                                const ProposeOptions& options) {
  balancing::Request request;
  absl::flat_hash_map<std::string, int> index;
  for (const std::string& id : children.territory_ids) {
    index[id] = static_cast<int>(request.territories.size());
    request.territories.push_back({id});
  }
  request.accounts.reserve(accounts.size());
  for (const CurrentAccount& a : accounts) {
    balancing::Account& account = request.accounts.emplace_back();
    account.id = a.account_id;
    account.potential = a.potential;
    account.workload = a.workload;
    account.locked = a.locked;
    if (auto it = index.find(a.territory_id); it != index.end()) account.current_territory = it->second;
  }
  request.options.tolerance = options.tolerance;
  request.options.workload_weight = options.workload_weight;
  return request;
}

}  // namespace attain::planning::scenarios

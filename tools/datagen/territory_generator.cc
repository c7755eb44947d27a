#include "tools/datagen/territory_generator.h"

#include <algorithm>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tools/attainctl/csv.h"
#include "tools/attainctl/territory_csv.h"
#include "tools/datagen/catalog_generator.h"
#include "tools/datagen/org_generator.h"
#include "tools/datagen/random.h"

namespace attain::datagen {
namespace {

namespace v1 = planning::v1;

// One state or province of the account generator's places (catalog_generator.cc), whose
// postal codes are the prefix followed by two digits 10..99.
struct Area {
  const char* country;
  const char* state;
  const char* postal_prefix;
};

struct DistrictSpec {
  const char* id;
  const char* name;
  std::vector<Area> areas;
  // Countries the district's rules accept as an in-list (EMEA, APAC); empty: country equals
  // the area's.
  std::vector<std::string> countries;
};

// In the org generator's region order: vp-001 leads NA East, vp-002 NA West, and so on.
struct RegionSpec {
  const char* id;
  const char* name;
  std::vector<DistrictSpec> districts;
};

const std::vector<RegionSpec>& Regions() {
  static const auto* const kRegions = new std::vector<RegionSpec>{
      {"na-east",
       "NA East",
       {{"ny-metro", "New York Metro", {{"US", "NY", "100"}}, {}},
        {"new-england", "New England", {{"US", "MA", "021"}}, {}},
        {"southeast", "Southeast", {{"US", "GA", "303"}, {"US", "FL", "331"}}, {}},
        {"canada-east", "Canada East", {{"CA", "ON", "M5V"}}, {}}}},
      {"na-west",
       "NA West",
       {{"bay-area", "Bay Area", {{"US", "CA", "941"}}, {}},
        {"northwest", "Pacific Northwest", {{"US", "WA", "981"}, {"CA", "BC", "V6B"}}, {}},
        {"texas", "Texas", {{"US", "TX", "787"}}, {}},
        {"mountain", "Mountain", {{"US", "CO", "802"}}, {}}}},
      {"emea",
       "EMEA",
       {{"uki", "UK & Ireland", {{"GB", "England", "EC1"}}, {"GB", "IE"}},
        {"dach", "DACH", {{"DE", "Bayern", "803"}, {"DE", "Berlin", "101"}}, {"DE", "AT", "CH"}},
        {"france", "France", {{"FR", "Ile-de-France", "750"}}, {"FR", "MC"}},
        {"benelux", "Benelux", {{"NL", "Noord-Holland", "101"}}, {"NL", "BE", "LU"}}}},
      {"apac",
       "APAC",
       {{"au-east", "Australia East", {{"AU", "NSW", "200"}}, {"AU", "NZ"}},
        {"au-south", "Australia South", {{"AU", "VIC", "300"}}, {"AU", "NZ"}},
        {"japan", "Japan", {{"JP", "Tokyo", "100"}}, {"JP"}},
        {"asean", "ASEAN", {{"SG", "Singapore", "018"}}, {"SG", "MY", "ID", "TH"}}}}};
  return *kRegions;
}

constexpr int kNamedAccountsPerRegion = 10;
constexpr int kGeographicPriority = 10;
constexpr int kOverlayPriority = 10;
constexpr int kNamedPriority = 1;
constexpr int kFirstSuffix = 10;  // postal suffixes run 10..99
constexpr int kSuffixCount = 90;

// A generated node and the region it belongs to (-1 for the world node).
struct Node {
  v1::Territory territory;
  int region = -1;
};

v1::Territory MakeNode(const std::string& id, const std::string& name, v1::TerritoryLevel level,
                       v1::TerritoryType type, const std::string& parent) {
  v1::Territory t;
  t.set_territory_id(id);
  t.set_display_name(name);
  t.set_level(level);
  t.set_type(type);
  v1::TerritoryVersion* version = t.add_versions();
  version->set_effective_from(kTerritoriesEffectiveFrom);
  version->set_parent_id(parent);
  return t;
}

v1::Predicate Equals(const std::string& attribute, const std::string& value) {
  v1::Predicate p;
  p.set_attribute(attribute);
  p.set_equals(value);
  return p;
}

v1::Predicate InList(const std::string& attribute, const std::vector<std::string>& values) {
  v1::Predicate p;
  p.set_attribute(attribute);
  for (const std::string& value : values) p.mutable_in_list()->add_values(value);
  return p;
}

v1::Predicate PostalRange(const std::string& first, const std::string& last) {
  v1::Predicate p;
  p.set_attribute("postal_code");
  p.mutable_postal_code_range()->set_first(first);
  p.mutable_postal_code_range()->set_last(last);
  return p;
}

void AddRule(v1::Territory& t, int priority, std::vector<v1::Predicate> predicates) {
  v1::AssignmentRule* rule = t.mutable_versions(0)->add_rules();
  rule->set_priority(priority);
  for (v1::Predicate& p : predicates) *rule->add_predicates() = std::move(p);
}

v1::Predicate CountryTest(const DistrictSpec& district, const Area& area) {
  return district.countries.empty() ? Equals("country", area.country)
                                    : InList("country", district.countries);
}

// `pieces` contiguous ranges covering suffixes 10..99, cut near even points with some jitter:
// the first suffix of each range, then 100.
std::vector<int> Cuts(Random& random, int pieces) {
  std::vector<int> cuts{kFirstSuffix};
  for (int i = 1; i < pieces; ++i) {
    cuts.push_back(kFirstSuffix + kSuffixCount * i / pieces + static_cast<int>(random.Between(-3, 3)));
  }
  cuts.push_back(kFirstSuffix + kSuffixCount);
  return cuts;
}

void AddDistrictTerritories(Random& random, const DistrictSpec& district, int region,
                            std::vector<Node>& nodes) {
  const int per_area = district.areas.size() == 1 ? 0 : static_cast<int>(random.Between(2, 3));
  // One state: equals; several: the district's states as an in-list (the postal range
  // still tells them apart), so no account matches two territories of the district.
  std::vector<std::string> states;
  for (const Area& area : district.areas) states.push_back(area.state);
  int number = 0;
  for (const Area& area : district.areas) {
    const int pieces = per_area > 0 ? per_area : static_cast<int>(random.Between(4, 6));
    const std::vector<int> cuts = Cuts(random, pieces);
    for (int i = 0; i < pieces; ++i) {
      const std::string first = absl::StrCat(area.postal_prefix, cuts[i]);
      const std::string last = absl::StrCat(area.postal_prefix, cuts[i + 1] - 1);
      Node& node = nodes.emplace_back();
      node.region = region;
      node.territory = MakeNode(absl::StrFormat("%s-%02d", district.id, ++number),
                                absl::StrCat(area.state, " ", first, "-", last),
                                v1::TERRITORY_LEVEL_TERRITORY, v1::TERRITORY_TYPE_GEOGRAPHIC,
                                district.id);
      AddRule(node.territory, kGeographicPriority,
              {CountryTest(district, area),
               states.size() == 1 ? Equals("state", area.state) : InList("state", states),
               PostalRange(first, last)});
    }
  }
}

int64_t Cents(const std::string& decimal) {
  const size_t dot = decimal.find('.');
  int64_t units = 0, cents = 0;
  (void)absl::SimpleAtoi(decimal.substr(0, dot), &units);
  if (dot != std::string::npos) (void)absl::SimpleAtoi(decimal.substr(dot + 1), &cents);
  return units * 100 + cents;
}

// The region's largest accounts by annual revenue (ties: smaller id first).
std::vector<std::string> LargestAccounts(const std::vector<planning::v1::Account>& accounts,
                                         const std::string& region) {
  std::vector<std::pair<int64_t, const std::string*>> ranked;
  for (const auto& account : accounts) {
    if (account.region() == region) ranked.push_back({-Cents(account.annual_revenue()), &account.account_id()});
  }
  const size_t count = std::min<size_t>(kNamedAccountsPerRegion, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + count, ranked.end(),
                    [](const auto& a, const auto& b) {
                      return a.first != b.first ? a.first < b.first : *a.second < *b.second;
                    });
  std::vector<std::string> ids;
  for (size_t i = 0; i < count; ++i) ids.push_back(*ranked[i].second);
  return ids;
}

std::vector<Node> GenerateNodes(const TerritoryOptions& options) {
  Random random(options.seed ^ 0x7e1a1c0de5ULL);  // its own stream: accounts stay unchanged
  const std::vector<planning::v1::Account> accounts =
      GenerateAccounts({.seed = options.seed, .count = options.accounts});
  std::vector<Node> nodes;
  nodes.push_back({MakeNode("world", "World", v1::TERRITORY_LEVEL_WORLD,
                            v1::TERRITORY_TYPE_GEOGRAPHIC, ""),
                   -1});
  const auto& regions = Regions();
  for (int r = 0; r < static_cast<int>(regions.size()); ++r) {
    const RegionSpec& region = regions[r];
    nodes.push_back({MakeNode(region.id, region.name, v1::TERRITORY_LEVEL_REGION,
                              v1::TERRITORY_TYPE_GEOGRAPHIC, "world"),
                     r});
    for (const DistrictSpec& district : region.districts) {
      nodes.push_back({MakeNode(district.id, district.name, v1::TERRITORY_LEVEL_DISTRICT,
                                v1::TERRITORY_TYPE_GEOGRAPHIC, region.id),
                       r});
      AddDistrictTerritories(random, district, r, nodes);
    }
    const std::string strategic = absl::StrCat(region.id, "-strategic");
    nodes.push_back({MakeNode(strategic, absl::StrCat(region.name, " Strategic"),
                              v1::TERRITORY_LEVEL_DISTRICT, v1::TERRITORY_TYPE_NAMED_ACCOUNT,
                              region.id),
                     r});
    Node& named = nodes.emplace_back();
    named.region = r;
    named.territory = MakeNode(absl::StrCat(region.id, "-named"),
                               absl::StrCat(region.name, " Named Accounts"),
                               v1::TERRITORY_LEVEL_TERRITORY, v1::TERRITORY_TYPE_NAMED_ACCOUNT,
                               strategic);
    v1::Predicate listed;
    for (const std::string& id : LargestAccounts(accounts, region.name)) {
      listed.mutable_named_accounts()->add_values(id);
    }
    AddRule(named.territory, kNamedPriority, {listed});
    if (r == 0) {
      nodes.push_back({MakeNode("na-specialists", "North America Specialists",
                                v1::TERRITORY_LEVEL_DISTRICT, v1::TERRITORY_TYPE_OVERLAY, region.id),
                       r});
      for (const auto& [id, name, industry] :
           {std::tuple{"overlay-healthcare", "Healthcare Specialists", "Healthcare"},
            std::tuple{"overlay-financial-services", "Financial Services Specialists",
                       "Financial Services"}}) {
        Node& overlay = nodes.emplace_back();
        overlay.region = r;
        overlay.territory = MakeNode(id, name, v1::TERRITORY_LEVEL_TERRITORY,
                                     v1::TERRITORY_TYPE_OVERLAY, "na-specialists");
        AddRule(overlay.territory, kOverlayPriority,
                {Equals("industry", industry), InList("country", {"US", "CA"})});
      }
    }
  }
  return nodes;
}

// Whole-percent splits of a territory among `count` sellers: 100; 60/40; 40/30/30; then as
// even as whole numbers allow, the remainder on the first.
std::vector<int> Splits(size_t count, bool even) {
  if (!even && count == 2) return {60, 40};
  if (!even && count == 3) return {40, 30, 30};
  std::vector<int> splits(count, static_cast<int>(100 / count));
  splits[0] += static_cast<int>(100 % count);
  return splits;
}

// The region index (0..3) of a seller: the VP at the top of its current reporting chain.
int RegionOf(const std::map<std::string, const v1::Seller*>& sellers, std::string id) {
  for (int depth = 0; depth < 8; ++depth) {
    if (absl::StartsWith(id, "vp-")) {
      int number = 0;
      return absl::SimpleAtoi(id.substr(3), &number) ? number - 1 : -1;
    }
    auto it = sellers.find(id);
    if (it == sellers.end() || it->second->reporting_lines().empty()) return -1;
    id = it->second->reporting_lines().rbegin()->manager_id();
  }
  return -1;
}

void Assign(const std::string& territory, const std::vector<std::string>& sellers,
            v1::SellerRole role, bool even, std::vector<v1::SellerAssignment>& out) {
  const std::vector<int> splits = Splits(sellers.size(), even);
  for (size_t i = 0; i < sellers.size(); ++i) {
    v1::SellerAssignment& a = out.emplace_back();
    a.set_territory_id(territory);
    a.set_seller_id(sellers[i]);
    a.set_role(role);
    a.set_split_percent(absl::StrCat(splits[i]));
    a.set_start_date(kAssignmentsStart);
  }
}

}  // namespace

std::vector<v1::Territory> GenerateTerritories(const TerritoryOptions& options) {
  std::vector<v1::Territory> territories;
  for (Node& node : GenerateNodes(options)) territories.push_back(std::move(node.territory));
  return territories;
}

std::vector<v1::SellerAssignment> GenerateTerritorySellers(const TerritorySellerOptions& options) {
  const std::vector<Node> nodes =
      GenerateNodes({.seed = options.seed, .accounts = options.accounts});
  const std::vector<v1::Seller> org = GenerateOrg({.seed = options.seed, .reps = options.reps});
  std::map<std::string, const v1::Seller*> by_id;
  for (const v1::Seller& seller : org) by_id[seller.seller_id()] = &seller;

  // Each region's reps employed from the start date on, in a seeded order.
  const int region_count = static_cast<int>(Regions().size());
  std::vector<std::vector<std::string>> pools(region_count), fallback(region_count);
  std::vector<std::string> everyone;
  for (const v1::Seller& seller : org) {
    if (seller.title() != "Account Executive" || !seller.termination_date().empty()) continue;
    const int region = RegionOf(by_id, seller.seller_id());
    if (region < 0 || region >= region_count) continue;
    everyone.push_back(seller.seller_id());
    fallback[region].push_back(seller.seller_id());
    if (seller.hire_date() <= kAssignmentsStart) pools[region].push_back(seller.seller_id());
  }
  Random random(options.seed ^ 0x5e11e25ULL);
  for (int r = 0; r < region_count; ++r) {
    if (pools[r].empty()) pools[r] = fallback[r].empty() ? everyone : fallback[r];
    std::vector<std::string> shuffled;
    for (size_t index : random.Sample(pools[r].size(), pools[r].size())) shuffled.push_back(pools[r][index]);
    pools[r] = std::move(shuffled);
  }

  std::vector<v1::SellerAssignment> out;
  if (everyone.empty()) return out;
  for (int r = 0; r < region_count; ++r) {
    std::vector<const v1::Territory*> covered;
    for (const Node& node : nodes) {
      if (node.region == r && node.territory.level() == v1::TERRITORY_LEVEL_TERRITORY &&
          node.territory.type() != v1::TERRITORY_TYPE_OVERLAY) {
        covered.push_back(&node.territory);
      }
    }
    // Deal the reps round the territories: each gets one, leftovers a second or third; with
    // fewer reps than territories, reps take several.
    std::vector<std::vector<std::string>> dealt(covered.size());
    const std::vector<std::string>& pool = pools[r];
    for (size_t i = 0; i < std::max(pool.size(), covered.size()); ++i) {
      dealt[i % covered.size()].push_back(pool[i % pool.size()]);
    }
    for (size_t t = 0; t < covered.size(); ++t) {
      Assign(covered[t]->territory_id(), dealt[t], v1::SELLER_ROLE_PRIMARY, /*even=*/false, out);
    }
  }
  // Overlay specialists: two North American reps each, from the end of the shuffled pools.
  int pick = 0;
  for (const Node& node : nodes) {
    if (node.territory.type() != v1::TERRITORY_TYPE_OVERLAY ||
        node.territory.level() != v1::TERRITORY_LEVEL_TERRITORY) {
      continue;
    }
    std::vector<std::string> specialists;
    for (int r : {0, 1}) {
      const std::vector<std::string>& pool = pools[r];
      const std::string& rep = pool[pool.size() - 1 - pick % pool.size()];
      if (std::find(specialists.begin(), specialists.end(), rep) == specialists.end()) {
        specialists.push_back(rep);
      }
    }
    ++pick;
    Assign(node.territory.territory_id(), specialists, v1::SELLER_ROLE_OVERLAY, /*even=*/true, out);
  }
  return out;
}

std::string TerritoriesCsv(const std::vector<v1::Territory>& territories) {
  const auto& codec = territory_csv::Territories();
  std::string out = csv::FormatRecord(codec.Header());
  for (const v1::Territory& territory : territories) {
    for (const v1::Territory& row : territory_csv::VersionRows(territory)) {
      out += csv::FormatRecord(codec.ToFields(row));
    }
  }
  return out;
}

std::string TerritorySellersCsv(const std::vector<v1::SellerAssignment>& assignments) {
  const auto& codec = territory_csv::Assignments();
  std::string out = csv::FormatRecord(codec.Header());
  for (const v1::SellerAssignment& a : assignments) out += csv::FormatRecord(codec.ToFields(a));
  return out;
}

}  // namespace attain::datagen

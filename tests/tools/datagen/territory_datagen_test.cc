// Demo territories and territory sellers: deterministic, a strict WORLD -> REGION -> DISTRICT
// -> TERRITORY tree that the planning engine accepts, giving every demo account exactly one
// geographic territory of its region, with
// splits of 100 per territory and role given to reps of the territory's region.
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "common/money/decimal.h"
#include "services/planning/engine/territory/engine.h"
#include "tools/attainctl/csv.h"
#include "tools/attainctl/territory_csv.h"
#include "tools/datagen/catalog_generator.h"
#include "tools/datagen/org_generator.h"
#include "tools/datagen/territory_generator.h"

namespace attain::datagen {
namespace {

namespace v1 = planning::v1;
namespace engine = planning::territory;

constexpr int kAccounts = 20000;

std::map<std::string, v1::Territory> ById(const std::vector<v1::Territory>& territories) {
  std::map<std::string, v1::Territory> by_id;
  for (const auto& t : territories) by_id[t.territory_id()] = t;
  return by_id;
}

// The region node above a node (itself for a region).
std::string RegionOf(const std::map<std::string, v1::Territory>& by_id, std::string id) {
  while (by_id.at(id).level() != v1::TERRITORY_LEVEL_REGION) id = by_id.at(id).versions(0).parent_id();
  return id;
}

engine::Predicate ToEngine(const v1::Predicate& p) {
  switch (p.test_case()) {
    case v1::Predicate::kEquals: return engine::Predicate::Equals(p.attribute(), p.equals());
    case v1::Predicate::kInList:
      return engine::Predicate::InList(p.attribute(), {p.in_list().values().begin(), p.in_list().values().end()});
    case v1::Predicate::kPostalCodeRange:
      return engine::Predicate::PostalRange(p.postal_code_range().first(), p.postal_code_range().last());
    case v1::Predicate::kNamedAccounts:
      return engine::Predicate::NamedAccounts(
          {p.named_accounts().values().begin(), p.named_accounts().values().end()});
    default: ADD_FAILURE() << "the generator writes no other predicate: " << p.DebugString();
  }
  return {};
}

engine::Territory ToEngine(const v1::Territory& t) {
  engine::Territory out;
  out.id = t.territory_id();
  out.name = t.display_name();
  out.level = static_cast<engine::TerritoryLevel>(t.level() - 1);
  out.type = static_cast<engine::TerritoryType>(t.type() - 1);
  for (const auto& version : t.versions()) {
    engine::TerritoryVersion& v = out.versions.emplace_back();
    v.effective.start = *dates::Parse(version.effective_from(), "from");
    v.effective.end = *dates::ParseOptional(version.effective_to(), "to");
    v.parent_id = version.parent_id();
    for (const auto& rule : version.rules()) {
      engine::Rule& r = v.rules.emplace_back();
      r.priority = rule.priority();
      for (const auto& p : rule.predicates()) r.predicates.push_back(ToEngine(p));
    }
  }
  return out;
}

TEST(TerritoryDatagenTest, SameSeedGivesByteIdenticalFiles) {
  EXPECT_EQ(TerritoriesCsv(GenerateTerritories({.seed = 42, .accounts = 2000})),
            TerritoriesCsv(GenerateTerritories({.seed = 42, .accounts = 2000})));
  EXPECT_NE(TerritoriesCsv(GenerateTerritories({.seed = 42, .accounts = 2000})),
            TerritoriesCsv(GenerateTerritories({.seed = 43, .accounts = 2000})));
  const TerritorySellerOptions options{.seed = 42, .accounts = 2000, .reps = 200};
  EXPECT_EQ(TerritorySellersCsv(GenerateTerritorySellers(options)),
            TerritorySellersCsv(GenerateTerritorySellers(options)));
}

TEST(TerritoryDatagenTest, LevelsFormAStrictTreeWithParentsFirstAndRulesOnlyOnTerritories) {
  const auto territories = GenerateTerritories({.seed = 42, .accounts = kAccounts});
  std::map<std::string, v1::Territory> seen;
  std::map<v1::TerritoryLevel, int> levels;
  std::map<v1::TerritoryType, int> leaf_types;
  std::set<std::string> region_names;
  std::map<std::string, int> districts_per_region;
  for (const auto& t : territories) {
    ASSERT_EQ(t.versions_size(), 1) << t.territory_id();
    const auto& version = t.versions(0);
    ++levels[t.level()];
    if (t.level() == v1::TERRITORY_LEVEL_WORLD) {
      EXPECT_TRUE(version.parent_id().empty());
    } else {
      ASSERT_TRUE(seen.contains(version.parent_id())) << t.territory_id() << " before its parent";
      EXPECT_EQ(seen.at(version.parent_id()).level(), t.level() - 1) << t.territory_id();
    }
    if (t.level() == v1::TERRITORY_LEVEL_REGION) region_names.insert(t.display_name());
    if (t.level() == v1::TERRITORY_LEVEL_DISTRICT) ++districts_per_region[version.parent_id()];
    if (t.level() == v1::TERRITORY_LEVEL_TERRITORY) {
      EXPECT_FALSE(version.rules().empty()) << t.territory_id();
      ++leaf_types[t.type()];
    } else {
      EXPECT_TRUE(version.rules().empty()) << t.territory_id();
    }
    EXPECT_TRUE(seen.emplace(t.territory_id(), t).second) << "duplicate " << t.territory_id();
  }
  EXPECT_EQ(levels[v1::TERRITORY_LEVEL_WORLD], 1);
  EXPECT_EQ(region_names, (std::set<std::string>{"NA East", "NA West", "EMEA", "APAC"}));
  for (const auto& [region, count] : districts_per_region) {
    EXPECT_GE(count, 5) << region;  // four geographic districts and a strategic one
  }
  EXPECT_GE(leaf_types[v1::TERRITORY_TYPE_GEOGRAPHIC], 16 * 4);
  EXPECT_LE(leaf_types[v1::TERRITORY_TYPE_GEOGRAPHIC], 16 * 6);
  EXPECT_EQ(leaf_types[v1::TERRITORY_TYPE_NAMED_ACCOUNT], 4);
  EXPECT_EQ(leaf_types[v1::TERRITORY_TYPE_OVERLAY], 2);

  // The CSV reads back into the same nodes.
  auto records = csv::ParseAll(TerritoriesCsv(territories));
  ASSERT_TRUE(records.ok()) << records.status();
  auto reader = territory_csv::Territories().ReaderFor(records->front().fields);
  ASSERT_TRUE(reader.ok()) << reader.status();
  ASSERT_EQ(records->size(), territories.size() + 1);
  for (size_t i = 0; i < territories.size(); ++i) {
    v1::Territory decoded;
    EXPECT_TRUE(reader->Decode((*records)[i + 1].fields, decoded).empty());
    EXPECT_EQ(decoded.SerializeAsString(), territories[i].SerializeAsString()) << i;
  }
}

TEST(TerritoryDatagenTest, EngineGivesEveryAccountAGeographicTerritoryOfItsRegion) {
  const auto territories = GenerateTerritories({.seed = 42, .accounts = kAccounts});
  const auto by_id = ById(territories);
  std::vector<engine::Territory> model;
  for (const auto& t : territories) model.push_back(ToEngine(t));
  const auto accounts = GenerateAccounts({.seed = 42, .count = kAccounts});
  engine::AccountTable table;
  for (const auto& a : accounts) {
    engine::Account row;
    row.id = a.account_id();
    row.country = a.country();
    row.region = a.region();
    row.state = a.state();
    row.postal_code = a.postal_code();
    row.industry = a.industry();
    row.segment = a.segment();
    row.annual_revenue = *money::Decimal::Parse(a.annual_revenue());
    row.potential = *money::Decimal::Parse(a.potential());
    row.workload = *money::Decimal::Parse(a.workload());
    ASSERT_TRUE(table.Add(row).ok());
  }
  auto assigned = engine::AssignAccounts(table, model, absl::CivilDay(2026, 11, 27));
  ASSERT_TRUE(assigned.ok()) << assigned.status();  // also: the engine's validation passes

  std::map<std::string, std::string> region_id_of_name;
  for (const auto& t : territories) {
    if (t.level() == v1::TERRITORY_LEVEL_REGION) region_id_of_name[t.display_name()] = t.territory_id();
  }
  int named = 0, overlaid = 0, conflicts = 0;
  std::map<std::string, std::string> largest_of_region;  // region -> account id, by revenue
  std::map<std::string, int64_t> largest_revenue;
  for (engine::Row row = 0; row < assigned->size(); ++row) {
    const auto& account = accounts[row];
    const auto* geo = assigned->Winner(row, engine::TerritoryType::kGeographic);
    ASSERT_NE(geo, nullptr) << account.account_id();
    EXPECT_EQ(RegionOf(by_id, geo->territory_id), region_id_of_name.at(account.region()))
        << account.account_id() << " in " << geo->territory_id;
    std::set<std::string> geographic_matches;
    for (const auto& match : engine::Explain(assigned->rules(), table, row).matched) {
      if (match.rule.type == engine::TerritoryType::kGeographic) {
        geographic_matches.insert(match.rule.territory_id);
      }
    }
    conflicts += geographic_matches.size() > 1;
    if (assigned->Winner(row, engine::TerritoryType::kNamedAccount) != nullptr) ++named;
    const bool specialist = (account.industry() == "Healthcare" ||
                             account.industry() == "Financial Services") &&
                            (account.country() == "US" || account.country() == "CA");
    EXPECT_EQ(assigned->Winner(row, engine::TerritoryType::kOverlay) != nullptr, specialist)
        << account.account_id();
    overlaid += specialist;
    const int64_t revenue = money::Decimal::Parse(account.annual_revenue())->micros();
    if (revenue > largest_revenue[account.region()]) {
      largest_revenue[account.region()] = revenue;
      largest_of_region[account.region()] = account.account_id();
    }
  }
  EXPECT_EQ(conflicts, 0);  // the postal ranges split each state without overlapping
  EXPECT_EQ(named, 4 * 10);
  EXPECT_GT(overlaid, 500);
  // Each region's largest account is on its named-account list.
  for (const auto& [region, account_id] : largest_of_region) {
    const auto& listed = by_id.at(region_id_of_name.at(region) + "-named")
                             .versions(0).rules(0).predicates(0).named_accounts().values();
    EXPECT_NE(std::find(listed.begin(), listed.end(), account_id), listed.end()) << region;
  }
}

TEST(TerritoryDatagenTest, SplitsTotalHundredPerTerritoryAndRoleAmongActiveRepsOfTheRegion) {
  const auto territories = GenerateTerritories({.seed = 42, .accounts = kAccounts});
  const auto by_id = ById(territories);
  const auto assignments = GenerateTerritorySellers({.seed = 42, .accounts = kAccounts, .reps = 200});
  std::map<std::string, const v1::Seller*> org;
  const auto sellers = GenerateOrg({.seed = 42, .reps = 200});
  for (const auto& s : sellers) org[s.seller_id()] = &s;
  // vp-001..vp-004 lead the regions in the generator's order.
  const std::map<std::string, std::string> region_of_vp{
      {"vp-001", "na-east"}, {"vp-002", "na-west"}, {"vp-003", "emea"}, {"vp-004", "apac"}};

  std::map<std::pair<std::string, int>, int64_t> totals;  // (territory, role) -> micros
  std::set<std::string> covered, reps_used;
  for (const auto& a : assignments) {
    ASSERT_TRUE(by_id.contains(a.territory_id())) << a.territory_id();
    const v1::Territory& territory = by_id.at(a.territory_id());
    EXPECT_EQ(territory.level(), v1::TERRITORY_LEVEL_TERRITORY);
    EXPECT_EQ(a.role() == v1::SELLER_ROLE_OVERLAY, territory.type() == v1::TERRITORY_TYPE_OVERLAY);
    EXPECT_EQ(a.start_date(), kAssignmentsStart);
    EXPECT_TRUE(a.end_date().empty());
    totals[{a.territory_id(), a.role()}] += money::Decimal::Parse(a.split_percent())->micros();
    covered.insert(a.territory_id());
    reps_used.insert(a.seller_id());

    ASSERT_TRUE(org.contains(a.seller_id())) << a.seller_id();
    const v1::Seller& rep = *org.at(a.seller_id());
    EXPECT_EQ(rep.title(), "Account Executive");
    EXPECT_TRUE(rep.termination_date().empty()) << rep.seller_id();
    EXPECT_LE(rep.hire_date(), std::string(kAssignmentsStart)) << rep.seller_id();
    const std::string manager = rep.reporting_lines().rbegin()->manager_id();
    const std::string vp = org.at(manager)->reporting_lines().rbegin()->manager_id();
    if (territory.type() != v1::TERRITORY_TYPE_OVERLAY) {
      EXPECT_EQ(region_of_vp.at(vp), RegionOf(by_id, a.territory_id())) << a.seller_id();
    }
  }
  for (const auto& [key, micros] : totals) {
    EXPECT_EQ(micros, money::Decimal::FromUnits(100).micros()) << key.first << " role " << key.second;
  }
  for (const auto& t : territories) {
    if (t.level() == v1::TERRITORY_LEVEL_TERRITORY) EXPECT_TRUE(covered.contains(t.territory_id())) << t.territory_id();
  }
  EXPECT_GE(reps_used.size(), 60u);  // every eligible rep gets a territory
}

}  // namespace
}  // namespace attain::datagen

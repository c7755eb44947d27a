#include <random>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/planning/engine/territory/engine.h"
#include "services/planning/engine/territory/naive_assigner.h"
#include "services/planning/engine/territory/rule_index.h"
#include "services/planning/engine/territory/validation.h"

// Accounts are written with designated initializers naming only the fields a case is about.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace attain::planning::territory {
namespace {

using ::testing::ElementsAre;
using ::testing::FieldsAre;
using ::testing::IsEmpty;
using money::Decimal;

constexpr TerritoryType kGeo = TerritoryType::kGeographic;
constexpr TerritoryType kNamed = TerritoryType::kNamedAccount;
constexpr TerritoryType kOverlay = TerritoryType::kOverlay;

absl::CivilDay Day(int y, int m, int d) { return absl::CivilDay(y, m, d); }
const absl::CivilDay kAsOf = Day(2026, 3, 1);

Decimal Units(int64_t units) { return Decimal::FromUnits(units); }

Rule R(int32_t priority, std::vector<Predicate> predicates) {
  return Rule{priority, std::move(predicates)};
}

// World W > Region R1 > District D1 > the leaves under test.
std::vector<Territory> Hierarchy() {
  const dates::DateRange always{Day(2020, 1, 1), std::nullopt};
  return {Territory{"W", "World", TerritoryLevel::kWorld, kGeo, {{always, "", {}}}},
          Territory{"R1", "Americas", TerritoryLevel::kRegion, kGeo, {{always, "W", {}}}},
          Territory{"D1", "West", TerritoryLevel::kDistrict, kGeo, {{always, "R1", {}}}}};
}

Territory Leaf(std::string id, TerritoryType type, std::vector<Rule> rules,
               dates::DateRange effective = {Day(2020, 1, 1), std::nullopt}) {
  return Territory{id, id, TerritoryLevel::kTerritory, type,
                   {TerritoryVersion{effective, "D1", std::move(rules)}}};
}

AccountTable Table(const std::vector<Account>& accounts, std::vector<std::string> custom = {}) {
  auto schema = AttributeSchema::WithCustom(std::move(custom));
  EXPECT_TRUE(schema.ok()) << schema.status();
  AccountTable table(*schema);
  for (const Account& a : accounts) EXPECT_TRUE(table.Add(a).ok()) << a.id;
  return table;
}

// Winner territory ids per type ("" = none) for `row`, from AssignAccounts after checking
// that the naive oracle agrees.
std::vector<std::string> Winners(const AccountTable& table, std::vector<Territory> leaves,
                                 std::string_view account_id, absl::CivilDay as_of = kAsOf) {
  std::vector<Territory> territories = Hierarchy();
  for (Territory& t : leaves) territories.push_back(std::move(t));
  auto assigned = AssignAccounts(table, territories, as_of);
  EXPECT_TRUE(assigned.ok()) << assigned.status();
  if (!assigned.ok()) return {};
  const Assignments naive =
      NaiveAssign(RuleSet::EffectiveOn(territories, table.schema(), as_of), table);
  EXPECT_EQ(assigned->winner_ranks(), naive.winner_ranks());
  const Row row = *table.FindRow(account_id);
  std::vector<std::string> ids;
  for (TerritoryType type : {kGeo, kNamed, kOverlay}) {
    const EffectiveRule* winner = assigned->Winner(row, type);
    ids.push_back(winner ? winner->territory_id : "");
  }
  return ids;
}

// Whether a single geographic territory holding `rule` claims the account.
bool RuleMatches(const AccountTable& table, std::string_view account_id, Rule rule) {
  return Winners(table, {Leaf("T", kGeo, {std::move(rule)})}, account_id)[0] == "T";
}

// --- Predicates -------------------------------------------------------------------------

TEST(TerritoryPredicateTest, EqualsMatchesTheExactCaseSensitiveValue) {
  const AccountTable table = Table({{.id = "a", .state = "CA"},
                                    {.id = "b", .state = "ca"},
                                    {.id = "c", .state = ""}});
  const Rule rule = R(1, {Predicate::Equals("state", "CA")});
  EXPECT_TRUE(RuleMatches(table, "a", rule));
  EXPECT_FALSE(RuleMatches(table, "b", rule));
  EXPECT_FALSE(RuleMatches(table, "c", rule));  // absent never matches
}

TEST(TerritoryPredicateTest, InListMatchesAnyListedValue) {
  const AccountTable table = Table({{.id = "a", .industry = "Healthcare"},
                                    {.id = "b", .industry = "Pharma"},
                                    {.id = "c", .industry = "Retail"}});
  const Rule rule = R(1, {Predicate::InList("industry", {"Pharma", "Healthcare", "Biotech"})});
  EXPECT_TRUE(RuleMatches(table, "a", rule));
  EXPECT_TRUE(RuleMatches(table, "b", rule));
  EXPECT_FALSE(RuleMatches(table, "c", rule));
}

TEST(TerritoryPredicateTest, PrefixMatchesLeadingCharacters) {
  const AccountTable table = Table({{.id = "a", .segment = "ENT-West"},
                                    {.id = "b", .segment = "ENT"},
                                    {.id = "c", .segment = "EN"},
                                    {.id = "d", .segment = "SMB-ENT"}});
  const Rule rule = R(1, {Predicate::Prefix("segment", "ENT")});
  EXPECT_TRUE(RuleMatches(table, "a", rule));
  EXPECT_TRUE(RuleMatches(table, "b", rule));
  EXPECT_FALSE(RuleMatches(table, "c", rule));
  EXPECT_FALSE(RuleMatches(table, "d", rule));
}

TEST(TerritoryPredicateTest, NumericRangeIsInclusiveAtBothEnds) {
  const AccountTable table =
      Table({{.id = "below", .annual_revenue = Decimal::FromMicros(999'999'999)},  // 999.999999
             {.id = "min", .annual_revenue = Units(1000)},
             {.id = "max", .annual_revenue = Units(5000)},
             {.id = "above", .annual_revenue = Decimal::FromMicros(5'000'000'001)}});
  const Rule rule = R(1, {Predicate::Range("annual_revenue", Units(1000), Units(5000))});
  EXPECT_FALSE(RuleMatches(table, "below", rule));
  EXPECT_TRUE(RuleMatches(table, "min", rule));
  EXPECT_TRUE(RuleMatches(table, "max", rule));
  EXPECT_FALSE(RuleMatches(table, "above", rule));
}

TEST(TerritoryPredicateTest, NumericRangeWithOneBoundIsOpenOnTheOther) {
  const AccountTable table = Table({{.id = "small", .employee_count = 499},
                                    {.id = "large", .employee_count = 500},
                                    {.id = "huge", .employee_count = 2'000'000}});
  const Rule rule = R(1, {Predicate::Range("employee_count", Units(500), std::nullopt)});
  EXPECT_FALSE(RuleMatches(table, "small", rule));
  EXPECT_TRUE(RuleMatches(table, "large", rule));
  EXPECT_TRUE(RuleMatches(table, "huge", rule));
}

TEST(TerritoryPredicateTest, PostalRangeComparesTheNormalizedLeadingCharacters) {
  const AccountTable table = Table({{.id = "zip", .postal_code = "94107"},
                                    {.id = "zip4", .postal_code = "94999-1234"},
                                    {.id = "short", .postal_code = "9410"},
                                    {.id = "out", .postal_code = "95000"},
                                    {.id = "uk", .postal_code = "sw1a 1aa"}});
  const Rule us = R(1, {Predicate::PostalRange("94000", "94999")});
  EXPECT_TRUE(RuleMatches(table, "zip", us));
  EXPECT_TRUE(RuleMatches(table, "zip4", us));  // first five characters "94999"
  EXPECT_FALSE(RuleMatches(table, "short", us));
  EXPECT_FALSE(RuleMatches(table, "out", us));
  EXPECT_TRUE(RuleMatches(table, "uk", R(1, {Predicate::PostalRange("SW1A 0", "sw1a-9")})));
}

TEST(TerritoryPredicateTest, PredicatesOnPostalCodeUseTheNormalizedForm) {
  const AccountTable table = Table({{.id = "uk", .postal_code = "SW1A 1AA"}});
  EXPECT_TRUE(RuleMatches(table, "uk", R(1, {Predicate::Prefix("postal_code", "sw1")})));
  EXPECT_TRUE(RuleMatches(table, "uk", R(1, {Predicate::Equals("postal_code", "SW1A-1AA")})));
}

TEST(TerritoryPredicateTest, NamedAccountsMatchOnlyTheListedIds) {
  const AccountTable table = Table({{.id = "acme"}, {.id = "globex", .parent_id = "acme"}});
  const Rule rule = R(1, {Predicate::NamedAccounts({"acme", "initech"})});
  EXPECT_TRUE(RuleMatches(table, "acme", rule));
  EXPECT_FALSE(RuleMatches(table, "globex", rule));  // children are not implied
}

TEST(TerritoryPredicateTest, CustomAttributesAreTestedLikeBuiltIns) {
  const AccountTable table = Table({{.id = "a", .custom = {{"tier", "gold"}}},
                                    {.id = "b", .custom = {{"tier", "silver"}}},
                                    {.id = "c"}},
                                   {"tier"});
  const Rule rule = R(1, {Predicate::InList("tier", {"gold", "platinum"})});
  EXPECT_TRUE(RuleMatches(table, "a", rule));
  EXPECT_FALSE(RuleMatches(table, "b", rule));
  EXPECT_FALSE(RuleMatches(table, "c", rule));
}

TEST(TerritoryPredicateTest, RuleRequiresEveryPredicate) {
  const AccountTable table = Table({{.id = "a", .country = "US", .state = "CA"},
                                    {.id = "b", .country = "US", .state = "NV"}});
  const Rule rule = R(1, {Predicate::Equals("country", "US"), Predicate::Equals("state", "CA")});
  EXPECT_TRUE(RuleMatches(table, "a", rule));
  EXPECT_FALSE(RuleMatches(table, "b", rule));
}

TEST(TerritoryPredicateTest, RuleWithoutPredicatesMatchesEveryAccount) {
  const AccountTable table = Table({{.id = "a"}});
  EXPECT_TRUE(RuleMatches(table, "a", R(1, {})));
}

// --- Precedence -------------------------------------------------------------------------

TEST(TerritoryPrecedenceTest, LowerPriorityNumberWins) {
  const AccountTable table = Table({{.id = "a", .state = "CA", .postal_code = "94107"}});
  EXPECT_THAT(Winners(table,
                      {Leaf("T-STATE", kGeo, {R(20, {Predicate::Equals("state", "CA")})}),
                       Leaf("T-ZIP", kGeo, {R(10, {Predicate::PostalRange("94000", "94999")})})},
                      "a"),
              ElementsAre("T-ZIP", "", ""));
}

TEST(TerritoryPrecedenceTest, EqualPrioritiesAreBrokenByTerritoryId) {
  const AccountTable table = Table({{.id = "a", .state = "CA"}});
  // Listed B first: the order of the input does not matter, "T-A" < "T-B" does.
  EXPECT_THAT(Winners(table,
                      {Leaf("T-B", kGeo, {R(10, {Predicate::Equals("state", "CA")})}),
                       Leaf("T-A", kGeo, {R(10, {Predicate::Equals("state", "CA")})})},
                      "a"),
              ElementsAre("T-A", "", ""));
}

TEST(TerritoryPrecedenceTest, OverlayAndNamedAccountCoexistWithGeography) {
  const AccountTable table = Table({{.id = "acme", .state = "CA", .industry = "Pharma"}});
  EXPECT_THAT(
      Winners(table,
              {Leaf("GEO-CA", kGeo, {R(10, {Predicate::Equals("state", "CA")})}),
               Leaf("NA-ACME", kNamed, {R(50, {Predicate::NamedAccounts({"acme"})})}),
               Leaf("OV-LIFESCI", kOverlay, {R(90, {Predicate::Equals("industry", "Pharma")})})},
              "acme"),
      ElementsAre("GEO-CA", "NA-ACME", "OV-LIFESCI"));
}

TEST(TerritoryPrecedenceTest, AtMostOneTerritoryPerType) {
  const AccountTable table = Table({{.id = "a", .state = "CA", .industry = "Pharma"}});
  const std::vector<Territory> leaves = {
      Leaf("OV-1", kOverlay, {R(5, {Predicate::Equals("industry", "Pharma")})}),
      Leaf("OV-2", kOverlay, {R(1, {Predicate::Equals("state", "CA")})})};
  std::vector<Territory> territories = Hierarchy();
  territories.insert(territories.end(), leaves.begin(), leaves.end());
  auto assigned = AssignAccounts(table, territories, kAsOf);
  ASSERT_TRUE(assigned.ok());
  EXPECT_EQ(assigned->Winner(0, kOverlay)->territory_id, "OV-2");
  EXPECT_EQ(assigned->Winner(0, kGeo), nullptr);
  EXPECT_EQ(assigned->Winner(0, kNamed), nullptr);
  EXPECT_EQ(assigned->winner_ranks()[0], (WinnerRanks{kNoRule, kNoRule, 0}));
}

TEST(TerritoryPrecedenceTest, NamedAccountListBeatsGeographyWhenItsPriorityIsBetter) {
  const AccountTable table = Table({{.id = "acme", .postal_code = "94107"}});
  const auto zip = [] { return Leaf("ZIP-940", kGeo, {R(10, {Predicate::PostalRange("94000", "94999")})}); };
  EXPECT_THAT(Winners(table, {zip(), Leaf("CARVE-OUT", kGeo, {R(1, {Predicate::NamedAccounts({"acme"})})})},
                      "acme"),
              ElementsAre("CARVE-OUT", "", ""));
  EXPECT_THAT(Winners(table, {zip(), Leaf("CARVE-OUT", kGeo, {R(20, {Predicate::NamedAccounts({"acme"})})})},
                      "acme"),
              ElementsAre("ZIP-940", "", ""));
}

TEST(TerritoryPrecedenceTest, TerritoryWinsThroughItsBestRule) {
  const AccountTable table = Table({{.id = "a", .state = "CA", .industry = "Pharma"}});
  // T-X's rule at priority 3 beats T-Y's 5 even though T-X's other rule (7) would lose.
  EXPECT_THAT(Winners(table,
                      {Leaf("T-X", kGeo, {R(7, {Predicate::Equals("state", "CA")}),
                                          R(3, {Predicate::Equals("industry", "Pharma")})}),
                       Leaf("T-Y", kGeo, {R(5, {Predicate::Equals("state", "CA")})})},
                      "a"),
              ElementsAre("T-X", "", ""));
}

// --- Effective dating ---------------------------------------------------------------------

TEST(TerritoryEffectiveDatingTest, VersionNotYetEffectiveIsIgnored) {
  const AccountTable table = Table({{.id = "a", .state = "CA"}});
  const auto leaves = [] {
    return std::vector<Territory>{Leaf("T-NEW", kGeo, {R(1, {Predicate::Equals("state", "CA")})},
                                       {Day(2026, 7, 1), std::nullopt})};
  };
  EXPECT_THAT(Winners(table, leaves(), "a", Day(2026, 6, 30)), ElementsAre("", "", ""));
  EXPECT_THAT(Winners(table, leaves(), "a", Day(2026, 7, 1)), ElementsAre("T-NEW", "", ""));
}

TEST(TerritoryEffectiveDatingTest, EachDateUsesTheVersionInForce) {
  const AccountTable table = Table({{.id = "ca", .state = "CA"}, {.id = "nv", .state = "NV"}});
  Territory t = Leaf("T", kGeo, {R(1, {Predicate::Equals("state", "CA")})},
                     {Day(2025, 1, 1), Day(2026, 6, 30)});
  t.versions.push_back({{Day(2026, 7, 1), std::nullopt}, "D1", {R(1, {Predicate::Equals("state", "NV")})}});
  EXPECT_THAT(Winners(table, {t}, "ca", Day(2026, 6, 30)), ElementsAre("T", "", ""));
  EXPECT_THAT(Winners(table, {t}, "nv", Day(2026, 6, 30)), ElementsAre("", "", ""));
  EXPECT_THAT(Winners(table, {t}, "ca", Day(2026, 7, 1)), ElementsAre("", "", ""));
  EXPECT_THAT(Winners(table, {t}, "nv", Day(2026, 7, 1)), ElementsAre("T", "", ""));
}

// --- Validation ---------------------------------------------------------------------------

std::vector<FieldViolation> ValidateLeaves(std::vector<Territory> leaves,
                                           std::vector<std::string> custom = {}) {
  std::vector<Territory> territories = Hierarchy();
  for (Territory& t : leaves) territories.push_back(std::move(t));
  return ValidateTerritories(territories, *AttributeSchema::WithCustom(std::move(custom)));
}

TEST(TerritoryValidationTest, ValidModelHasNoViolations) {
  EXPECT_THAT(ValidateLeaves({Leaf("T", kGeo, {R(1, {Predicate::Equals("tier", "gold")})})},
                             {"tier"}),
              IsEmpty());
}

TEST(TerritoryValidationTest, PredicateViolationsNameTheirFields) {
  Predicate no_bounds = Predicate::Range("workload", std::nullopt, std::nullopt);
  EXPECT_THAT(
      ValidateLeaves({Leaf("T", kGeo,
                           {R(1, {Predicate::Equals("tier", "gold"),
                                  Predicate::InList("industry", {}),
                                  Predicate::Range("annual_revenue", Units(10), Units(5)),
                                  Predicate::PostalRange("95000", "94999"),
                                  Predicate::PostalRange("940", "94999"),
                                  Predicate::Equals("annual_revenue", "5"),
                                  Predicate::Prefix("state", ""), no_bounds})})}),
      ElementsAre(
          FieldsAre("territories[3].versions[0].rules[0].predicates[0].attribute",
                    "unknown attribute \"tier\""),
          FieldsAre("territories[3].versions[0].rules[0].predicates[1].values", "in-list is empty"),
          FieldsAre("territories[3].versions[0].rules[0].predicates[2].min",
                    "min 10 is greater than max 5"),
          FieldsAre("territories[3].versions[0].rules[0].predicates[3].from",
                    "\"95000\" is after to \"94999\""),
          FieldsAre("territories[3].versions[0].rules[0].predicates[4].to",
                    "must have the same length as from once normalized (3 characters), has 5"),
          FieldsAre("territories[3].versions[0].rules[0].predicates[5].attribute",
                    "\"annual_revenue\" is numeric; EQUALS needs a string attribute"),
          FieldsAre("territories[3].versions[0].rules[0].predicates[6].value", "must not be empty"),
          FieldsAre("territories[3].versions[0].rules[0].predicates[7].min",
                    "a range needs min, max or both")));
}

TEST(TerritoryValidationTest, NamedAccountListMustNotBeEmpty) {
  EXPECT_THAT(ValidateLeaves({Leaf("T", kNamed, {R(1, {Predicate::NamedAccounts({})})})}),
              ElementsAre(FieldsAre("territories[3].versions[0].rules[0].predicates[0].values",
                                    "named-account list is empty")));
}

TEST(TerritoryValidationTest, DuplicatePrioritiesWithinAVersionAreRejected) {
  EXPECT_THAT(ValidateLeaves({Leaf("T", kGeo, {R(5, {Predicate::Equals("state", "CA")}),
                                               R(5, {Predicate::Equals("state", "NV")})})}),
              ElementsAre(FieldsAre("territories[3].versions[0].rules[1].priority",
                                    "priority 5 is also used by rules[0]")));
}

TEST(TerritoryValidationTest, OverlappingVersionsAreRejected) {
  Territory t = Leaf("T", kGeo, {}, {Day(2026, 1, 1), Day(2026, 6, 30)});
  t.versions.push_back({{Day(2026, 6, 30), std::nullopt}, "D1", {}});
  t.versions.push_back({{Day(2027, 1, 1), Day(2026, 12, 31)}, "D1", {}});
  EXPECT_THAT(ValidateLeaves({t}),
              ElementsAre(FieldsAre("territories[3].versions[1].effective", "overlaps versions[0]"),
                          FieldsAre("territories[3].versions[2].effective.end",
                                    "is before effective.start"),
                          FieldsAre("territories[3].versions[2].effective", "overlaps versions[1]")));
}

TEST(TerritoryValidationTest, HierarchyViolationsNameTheParent) {
  Territory orphan = Leaf("T1", kGeo, {});
  orphan.versions[0].parent_id = "nowhere";
  Territory skips_level = Leaf("T2", kGeo, {});
  skips_level.versions[0].parent_id = "R1";
  Territory district_with_rules{"D2", "D2", TerritoryLevel::kDistrict, kGeo,
                                {{{Day(2020, 1, 1), std::nullopt}, "R1", {R(1, {})}}}};
  Territory duplicate = Leaf("T1", kGeo, {});
  EXPECT_THAT(
      ValidateLeaves({orphan, skips_level, district_with_rules, duplicate}),
      ElementsAre(
          FieldsAre("territories[6].id", "\"T1\" is also territories[3]"),
          FieldsAre("territories[3].versions[0].parent_id", "unknown territory \"nowhere\""),
          FieldsAre("territories[4].versions[0].parent_id",
                    "\"R1\" is a REGION; a TERRITORY's parent must be a DISTRICT"),
          FieldsAre("territories[5].versions[0].rules", "only TERRITORY-level nodes carry rules")));
}

TEST(TerritoryValidationTest, AssignAccountsRejectsAnInvalidModel) {
  const AccountTable table = Table({{.id = "a"}});
  std::vector<Territory> territories = Hierarchy();
  territories.push_back(Leaf("T", kGeo, {R(1, {Predicate::Equals("colour", "red")})}));
  auto assigned = AssignAccounts(table, territories, kAsOf);
  EXPECT_EQ(assigned.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(assigned.status().message(),
            "territories[3].versions[0].rules[0].predicates[0].attribute: unknown attribute "
            "\"colour\"");
}

TEST(TerritoryAccountTableTest, RejectsDuplicateIdsAndUndeclaredCustomAttributes) {
  AccountTable table(*AttributeSchema::WithCustom({"tier"}));
  EXPECT_TRUE(table.Add({.id = "a", .custom = {{"tier", "gold"}}}).ok());
  EXPECT_EQ(table.Add({.id = "a"}).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(table.Add({.id = "b", .custom = {{"colour", "red"}}}).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(table.size(), 1u);
  EXPECT_EQ(AttributeSchema::WithCustom({"state"}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

// --- Explain ------------------------------------------------------------------------------

TEST(TerritoryExplainTest, ListsMatchesInPrecedenceOrderWithWhyEachLost) {
  const AccountTable table = Table({{.id = "a", .country = "US", .state = "CA",
                                     .postal_code = "94107", .industry = "Pharma"}});
  std::vector<Territory> territories = Hierarchy();
  territories.push_back(Leaf("T-ZIP", kGeo, {R(10, {Predicate::PostalRange("94000", "94999")}),
                                             R(30, {Predicate::Equals("state", "CA")})}));
  territories.push_back(Leaf("T-STATE", kGeo, {R(20, {Predicate::Equals("state", "CA")})}));
  territories.push_back(Leaf("T-AAA", kGeo, {R(20, {Predicate::Equals("state", "CA")})}));
  territories.push_back(Leaf("OV", kOverlay, {R(50, {Predicate::Equals("industry", "Pharma")})}));
  territories.push_back(Leaf("T-NY", kGeo, {R(1, {Predicate::Equals("country", "US"),
                                                  Predicate::Equals("state", "NY")})}));
  auto explanation = ExplainAssignment(table, territories, "a", kAsOf, /*include_misses=*/true);
  ASSERT_TRUE(explanation.ok()) << explanation.status();
  EXPECT_EQ(explanation->account_id, "a");
  const auto outcome = [](const MatchedRule& m) {
    return std::make_tuple(m.rule.territory_id, m.rule.rule_index, m.outcome, m.reason);
  };
  std::vector<std::tuple<std::string, int, MatchOutcome, std::string>> outcomes;
  for (const MatchedRule& m : explanation->matched) outcomes.push_back(outcome(m));
  EXPECT_THAT(
      outcomes,
      ElementsAre(
          std::make_tuple("T-ZIP", 0, MatchOutcome::kWon,
                          "best-precedence match for GEOGRAPHIC (priority 10)"),
          std::make_tuple("T-AAA", 0, MatchOutcome::kLostOnPriority,
                          "priority 20 loses to priority 10 of T-ZIP rules[0]"),
          std::make_tuple("T-STATE", 0, MatchOutcome::kLostOnPriority,
                          "priority 20 loses to priority 10 of T-ZIP rules[0]"),
          std::make_tuple("T-ZIP", 1, MatchOutcome::kTerritoryAlreadyWon,
                          "territory already won through T-ZIP rules[0] (priority 10)"),
          std::make_tuple("OV", 0, MatchOutcome::kWon,
                          "best-precedence match for OVERLAY (priority 50)")));
  EXPECT_EQ(explanation->Winner(kOverlay)->rule.territory_id, "OV");
  EXPECT_EQ(explanation->Winner(kNamed), nullptr);
  ASSERT_EQ(explanation->missed.size(), 1u);
  EXPECT_EQ(explanation->missed[0].rule.territory_id, "T-NY");
  EXPECT_EQ(explanation->missed[0].failed_predicate, 1);
  EXPECT_EQ(explanation->missed[0].reason,
            "predicates[1] failed: state = \"NY\" (account has \"CA\")");
}

TEST(TerritoryExplainTest, NamesTheTieBreak) {
  const AccountTable table = Table({{.id = "a", .state = "CA"}});
  std::vector<Territory> territories = Hierarchy();
  territories.push_back(Leaf("T-B", kGeo, {R(10, {Predicate::Equals("state", "CA")})}));
  territories.push_back(Leaf("T-A", kGeo, {R(10, {Predicate::Equals("state", "CA")})}));
  auto explanation = ExplainAssignment(table, territories, "a", kAsOf);
  ASSERT_TRUE(explanation.ok());
  ASSERT_EQ(explanation->matched.size(), 2u);
  EXPECT_EQ(explanation->matched[1].outcome, MatchOutcome::kLostOnTieBreak);
  EXPECT_EQ(explanation->matched[1].reason,
            "priority 10 ties with T-A rules[0]; territory id \"T-A\" sorts before \"T-B\"");
  EXPECT_THAT(explanation->missed, IsEmpty());
}

TEST(TerritoryExplainTest, UnknownAccountIsNotFound) {
  const AccountTable table = Table({{.id = "a"}});
  EXPECT_EQ(ExplainAssignment(table, Hierarchy(), "zzz", kAsOf).status().code(),
            absl::StatusCode::kNotFound);
}

// --- Index against the oracle ---------------------------------------------------------------

// Small alphabets so that values collide, ranges overlap and priorities tie often.
class RandomModel {
 public:
  explicit RandomModel(uint64_t seed) : rng_(seed) {}

  AccountTable Accounts(int count) {
    AccountTable table(*AttributeSchema::WithCustom({"tier"}));
    for (int i = 0; i < count; ++i) {
      Account a{.id = "acc-" + std::to_string(i),
                .country = Pick({"US", "CA", "DE", ""}),
                .region = Pick({"AMER", "EMEA"}),
                .state = Pick({"CA", "NV", "NY", "ON", "BY", ""}),
                .postal_code = Pick({"94107", "94999-1234", "9410", "10001", "M5V 2T6", "80331", ""}),
                .industry = Pick({"Pharma", "Retail", "Tech", "Bank", ""}),
                .segment = Pick({"ENT", "ENT-West", "MM", "SMB"}),
                .employee_count = static_cast<int64_t>(Below(5000)),
                .annual_revenue = Units(static_cast<int64_t>(Below(10) * 1000)),
                .workload = Decimal::FromMicros(static_cast<int64_t>(Below(3'000'000)))};
      if (Below(2)) a.custom["tier"] = Pick({"gold", "silver"});
      EXPECT_TRUE(table.Add(a).ok());
    }
    return table;
  }

  std::vector<Territory> Territories(int count, int accounts) {
    std::vector<Territory> territories = Hierarchy();
    for (int i = 0; i < count; ++i) {
      Territory t = Leaf("T" + std::to_string(Below(1000)) + "-" + std::to_string(i),
                         static_cast<TerritoryType>(Below(kTerritoryTypeCount)), {},
                         Below(5) == 0 ? dates::DateRange{Day(2027, 1, 1), std::nullopt}
                                       : dates::DateRange{Day(2020, 1, 1), std::nullopt});
      std::vector<int32_t> priorities = {1, 2, 3, 4, 5};
      std::shuffle(priorities.begin(), priorities.end(), rng_);
      const int rules = 1 + static_cast<int>(Below(3));
      for (int k = 0; k < rules; ++k) {
        Rule rule{priorities[k], {}};
        const int predicates = static_cast<int>(Below(4));
        for (int p = 0; p < predicates; ++p) rule.predicates.push_back(RandomPredicate(accounts));
        t.versions[0].rules.push_back(std::move(rule));
      }
      territories.push_back(std::move(t));
    }
    return territories;
  }

 private:
  uint64_t Below(uint64_t n) { return rng_() % n; }
  std::string Pick(std::initializer_list<const char*> options) {
    return *(options.begin() + Below(options.size()));
  }

  Predicate RandomPredicate(int accounts) {
    switch (Below(7)) {
      case 0: return Predicate::Equals("state", Pick({"CA", "NV", "NY", "XX"}));
      case 1: return Predicate::InList("industry", {Pick({"Pharma", "Tech"}), Pick({"Bank", "Oil"})});
      case 2: return Predicate::Prefix(Below(2) ? "segment" : "postal_code", Pick({"ENT", "E", "94", "M5V"}));
      case 3: {
        const int64_t low = static_cast<int64_t>(Below(8)) * 1000;
        return Predicate::Range("annual_revenue", Below(4) ? std::optional(Units(low)) : std::nullopt,
                                Below(4) ? std::optional(Units(low + 2000)) : std::nullopt);
      }
      case 4: return Predicate::PostalRange(Pick({"94000", "10000", "941"}), Pick({"94999", "949"}));
      case 5: return Predicate::NamedAccounts({"acc-" + std::to_string(Below(accounts)),
                                               "acc-" + std::to_string(Below(accounts)), "ghost"});
      default: return Predicate::Equals("tier", Pick({"gold", "silver"}));
    }
  }

  std::mt19937_64 rng_;
};

// Random postal bounds may be invalid (from > to, unequal lengths); drop those leaves.
void DropInvalidLeaves(std::vector<Territory>& territories) {
  std::erase_if(territories, [](const Territory& t) {
    return t.level == TerritoryLevel::kTerritory && !ValidateLeaves({t}, {"tier"}).empty();
  });
}

TEST(TerritoryIndexTest, IndexedAssignmentEqualsNaiveOracleOnRandomModels) {
  RuleIndexStats filed;  // summed over the seeds, to show every index path was exercised
  for (uint64_t seed = 1; seed <= 30; ++seed) {
    RandomModel model(seed);
    const AccountTable accounts = model.Accounts(300);
    std::vector<Territory> territories = model.Territories(40, 300);
    DropInvalidLeaves(territories);
    ASSERT_THAT(ValidateTerritories(territories, accounts.schema()), IsEmpty()) << seed;
    auto rules = RuleSet::EffectiveOn(territories, accounts.schema(), kAsOf);
    const Assignments naive = NaiveAssign(rules, accounts);
    const RuleIndex index = RuleIndex::Build(rules, accounts);
    filed.by_string += index.stats().by_string;
    filed.by_number += index.stats().by_number;
    filed.always += index.stats().always;
    filed.unmatchable += index.stats().unmatchable;
    EXPECT_EQ(index.AssignAll(2).winner_ranks(), naive.winner_ranks()) << "seed " << seed;
    EXPECT_EQ(index.AssignAll(3).winner_ranks(), naive.winner_ranks()) << "seed " << seed;
    for (Row row = 0; row < accounts.size(); row += 37) {
      const Explanation explanation = Explain(*rules, accounts, row);
      for (TerritoryType type : {kGeo, kNamed, kOverlay}) {
        const MatchedRule* explained = explanation.Winner(type);
        const EffectiveRule* assigned = naive.Winner(row, type);
        ASSERT_EQ(explained == nullptr, assigned == nullptr) << seed << " row " << row;
        if (assigned) {
          EXPECT_EQ(explained->rule.territory_id, assigned->territory_id);
        }
      }
    }
  }
  EXPECT_GT(filed.by_string, 100u);
  EXPECT_GT(filed.by_number, 10u);
  EXPECT_GT(filed.always, 10u);
  EXPECT_GT(filed.unmatchable, 10u);
}

TEST(TerritoryIndexTest, RandomModelsAssignSomethingOfEachType) {
  // Guards the property test against vacuity: its data must produce winners of every type.
  RandomModel model(7);
  const AccountTable accounts = model.Accounts(300);
  std::vector<Territory> territories = model.Territories(40, 300);
  DropInvalidLeaves(territories);
  const Assignments naive =
      NaiveAssign(RuleSet::EffectiveOn(territories, accounts.schema(), kAsOf), accounts);
  std::array<int, kTerritoryTypeCount> assigned = {0, 0, 0};
  for (const WinnerRanks& w : naive.winner_ranks()) {
    for (int t = 0; t < kTerritoryTypeCount; ++t) assigned[t] += w[t] != kNoRule;
  }
  EXPECT_GT(assigned[0], 30);
  EXPECT_GT(assigned[1], 30);
  EXPECT_GT(assigned[2], 30);
}

}  // namespace
}  // namespace attain::planning::territory

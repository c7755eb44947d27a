// Reading territory and territory-seller CSVs, ordering territories parents first, naming
// CSV rows in server errors, and the readable views of rules and coverage.
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/errors/errors.h"
#include "tools/attainctl/territory_csv.h"
#include "tools/attainctl/territory_import.h"
#include "tools/attainctl/territory_view.h"

namespace attain::ctl {
namespace {

namespace v1 = planning::v1;
using testing::ElementsAre;
using testing::HasSubstr;

constexpr char kHeader[] =
    "territory_id,display_name,level,type,parent_id,effective_from,effective_to,rules_json\n";
constexpr char kNyRule[] =
    R"("[{""priority"":10,""predicates"":[{""attribute"":""state"",""equals"":""NY""}]}]")";

absl::StatusOr<std::vector<TerritoryImportItem>> Read(const std::string& text) {
  std::istringstream in(text);
  return ReadTerritoryImport(in, "t.csv");
}

std::vector<std::string> Ids(const std::vector<TerritoryImportItem>& items) {
  std::vector<std::string> ids;
  for (const auto& item : items) ids.push_back(item.territory.territory_id());
  return ids;
}

TEST(TerritoryImportTest, ChildrenListedFirstAreSentAfterTheirAncestors) {
  auto items = Read(std::string(kHeader) +
                    "ny,New York,TERRITORY,GEOGRAPHIC,east,2025-01-01,," + kNyRule + "\n" +  // line 2
                    "east,East,DISTRICT,GEOGRAPHIC,na,2025-01-01,,\n" +                      // line 3
                    "world,World,WORLD,GEOGRAPHIC,,2025-01-01,,\n" +                         // line 4
                    "na,North America,REGION,GEOGRAPHIC,world,2025-01-01,,\n" +              // line 5
                    "solo,Under an existing node,DISTRICT,GEOGRAPHIC,emea,2025-01-01,,\n");  // line 6
  ASSERT_TRUE(items.ok()) << items.status();
  EXPECT_THAT(Ids(*items), ElementsAre("world", "na", "east", "ny", "solo"));
  EXPECT_THAT((*items)[3].lines, ElementsAre(2));
  const v1::Territory& ny = (*items)[3].territory;
  EXPECT_EQ(ny.level(), v1::TERRITORY_LEVEL_TERRITORY);
  ASSERT_EQ(ny.versions_size(), 1);
  ASSERT_EQ(ny.versions(0).rules_size(), 1);
  EXPECT_EQ(ny.versions(0).rules(0).priority(), 10);
  EXPECT_EQ(ny.versions(0).rules(0).predicates(0).equals(), "NY");
}

TEST(TerritoryImportTest, RowsOfOneTerritoryBecomeVersionsInFileOrder) {
  auto items = Read(std::string(kHeader) +
                    "world,World,WORLD,GEOGRAPHIC,,2025-01-01,,\n"
                    "a,A,REGION,GEOGRAPHIC,world,2025-01-01,2025-12-31,\n"
                    "b,B,REGION,GEOGRAPHIC,world,2025-01-01,,\n"
                    "t,T,DISTRICT,geographic,a,2025-01-01,2025-06-30,\n"
                    "t,T,district,GEOGRAPHIC,b,2025-07-01,,\n");
  ASSERT_TRUE(items.ok()) << items.status();
  EXPECT_THAT(Ids(*items), ElementsAre("world", "a", "b", "t"));
  const TerritoryImportItem& t = (*items)[3];
  EXPECT_THAT(t.lines, ElementsAre(5, 6));
  ASSERT_EQ(t.territory.versions_size(), 2);
  EXPECT_EQ(t.territory.versions(0).parent_id(), "a");
  EXPECT_EQ(t.territory.versions(0).effective_to(), "2025-06-30");
  EXPECT_EQ(t.territory.versions(1).parent_id(), "b");
}

TEST(TerritoryImportTest, BadCellsAndDisagreeingVersionsNameTheirRows) {
  auto items = Read(std::string(kHeader) +
                    "world,World,PLANET,GEOGRAPHIC,,2025-01-01,,\n"             // line 2
                    "t,T,TERRITORY,GEOGRAPHIC,world,2025-01-01,,\"{\"\"x\"\":1}\"\n"  // line 3
                    "u,U,DISTRICT,GEOGRAPHIC,world,2025-01-01,2025-06-30,\n"    // line 4
                    "u,U,REGION,OVERLAY,world,2025-07-01,,\n");                 // line 5
  ASSERT_FALSE(items.ok());
  std::vector<std::string> fields;
  for (const auto& v : errors::FieldViolationsOf(items.status())) fields.push_back(v.field);
  EXPECT_THAT(fields, ElementsAre("rows[2].level", "rows[3].rules_json", "rows[5].level",
                                  "rows[5].type"));
}

TEST(TerritoryImportTest, ParentCycleIsRefused) {
  auto items = Read(std::string(kHeader) +
                    "a,A,DISTRICT,GEOGRAPHIC,b,2025-01-01,,\n"
                    "b,B,DISTRICT,GEOGRAPHIC,a,2025-01-01,,\n");
  ASSERT_FALSE(items.ok());
  EXPECT_THAT(std::string(items.status().message()), HasSubstr("parent cycle"));
}

TEST(TerritoryImportTest, RulesJsonRoundTripsThroughTheCsvCodec) {
  auto items = Read(std::string(kHeader) + "ny,NY,TERRITORY,GEOGRAPHIC,east,2025-01-01,," +
                    R"("[{""priority"":10,""predicates"":[{""attribute"":""postal_code"",)"
                    R"(""postal_code_range"":{""first"":""10010"",""last"":""10049""}}]},)"
                    R"({""priority"":50,""predicates"":[{""attribute"":""state"",""in_list"":{""values"":[""NY"",""NJ""]}}]}]")"
                    "\n");
  ASSERT_TRUE(items.ok()) << items.status();
  const auto rows = territory_csv::VersionRows((*items)[0].territory);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(territory_csv::Territories().ToFields(rows[0]).back(),
            R"([{"priority":10,"predicates":[{"attribute":"postal_code","postal_code_range":)"
            R"({"first":"10010","last":"10049"}}]},{"priority":50,"predicates":[{"attribute":)"
            R"("state","in_list":{"values":["NY","NJ"]}}]}])");
  EXPECT_EQ(DescribeRule(rows[0].versions(0).rules(0)), "10: postal_code in 10010..10049");
  EXPECT_EQ(DescribeRule(rows[0].versions(0).rules(1)), "50: state in (\"NY\", \"NJ\")");
}

TEST(TerritoryImportTest, AssignmentRowsAreGroupedPerTerritoryInFirstAppearanceOrder) {
  std::istringstream in(
      "territory_id,seller_id,role,split_percent,start_date,end_date\n"
      "t2,rep-1,PRIMARY,60,2026-01-01,\n"
      "t1,rep-2,,100,2026-01-01,\n"
      "t2,rep-3,primary,40,2026-01-01,\n"
      "t2,rep-4,OVERLAY,100,2026-01-01,2026-12-31\n");
  auto items = ReadAssignmentImport(in, "s.csv");
  ASSERT_TRUE(items.ok()) << items.status();
  ASSERT_EQ(items->size(), 2u);
  EXPECT_EQ((*items)[0].territory_id, "t2");
  EXPECT_THAT((*items)[0].lines, ElementsAre(2, 4, 5));
  EXPECT_EQ((*items)[0].assignments[2].role(), v1::SELLER_ROLE_OVERLAY);
  EXPECT_EQ((*items)[0].assignments[2].end_date(), "2026-12-31");
  EXPECT_EQ((*items)[1].territory_id, "t1");
  EXPECT_EQ((*items)[1].assignments[0].role(), v1::SELLER_ROLE_PRIMARY);  // empty role
}

TEST(TerritoryImportTest, ServerViolationsAreRenamedToCsvRows) {
  const absl::Status server = errors::InvalidFields(
      {{"territory.versions[1].parent_id", "unknown parent"},
       {"territory.display_name", "is required"},
       {"territory.versions[0].rules[0].predicates[0].attribute", "unknown attribute"}});
  const absl::Status mapped = AtRows(server, "line 7 (territory t)", "territory.", "versions", {7, 9});
  EXPECT_EQ(mapped.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(mapped.message()), HasSubstr("line 7 (territory t): "));
  std::vector<std::string> fields;
  for (const auto& v : errors::FieldViolationsOf(mapped)) fields.push_back(v.field);
  EXPECT_THAT(fields, ElementsAre("rows[9].parent_id", "rows[7].display_name",
                                  "rows[7].rules[0].predicates[0].attribute"));

  const absl::Status not_found = AtRows(absl::NotFoundError("territories/x not found"),
                                        "line 3 (territory x)", "", "assignments", {3});
  EXPECT_EQ(not_found.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(not_found.message(), "line 3 (territory x): territories/x not found");
}

TEST(TerritoryImportTest, SellerSpecsTakePercentAndOptionalRole) {
  auto primary = ParseSellerSpec("rep-001:60");
  ASSERT_TRUE(primary.ok());
  EXPECT_EQ(primary->seller_id(), "rep-001");
  EXPECT_EQ(primary->split_percent(), "60");
  EXPECT_EQ(primary->role(), v1::SELLER_ROLE_PRIMARY);
  auto overlay = ParseSellerSpec("rep-002:33.5:Overlay");
  ASSERT_TRUE(overlay.ok());
  EXPECT_EQ(overlay->role(), v1::SELLER_ROLE_OVERLAY);
  EXPECT_FALSE(ParseSellerSpec("rep-001").ok());
  EXPECT_FALSE(ParseSellerSpec("rep-001:0").ok());
  EXPECT_FALSE(ParseSellerSpec("rep-001:101").ok());
  EXPECT_FALSE(ParseSellerSpec("rep-001:50:boss").ok());
}

TEST(TerritoryImportTest, SellerSpecsBecomeTheTerritorysAssignmentsOverOnePeriod) {
  auto assignments = SellerAssignmentsFromSpecs("t1", {"rep-1:60", "rep-2:40", "rep-9:100:overlay"},
                                                "2026-01-01", "");
  ASSERT_TRUE(assignments.ok()) << assignments.status();
  ASSERT_EQ(assignments->size(), 3u);
  for (const v1::SellerAssignment& a : *assignments) {
    EXPECT_EQ(a.territory_id(), "t1");
    EXPECT_EQ(a.start_date(), "2026-01-01");
    EXPECT_EQ(a.end_date(), "");  // open-ended
  }
  EXPECT_EQ((*assignments)[1].seller_id(), "rep-2");
  EXPECT_EQ((*assignments)[2].role(), v1::SELLER_ROLE_OVERLAY);

  auto bad = SellerAssignmentsFromSpecs("t1", {"rep-1:60", "rep-2"}, "2026-01-01", "");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("--seller \"rep-2\""));
  EXPECT_TRUE(SellerAssignmentsFromSpecs("t1", {}, "2026-01-01", "")->empty());
}

TEST(TerritoryViewTest, CoverageTextShowsCountsThenOnlyNonEmptySections) {
  v1::GetCoverageResponse c;
  c.set_as_of("2026-11-27");
  c.set_unassigned_account_count(3);
  c.add_unassigned_account_ids("acc-1");
  c.add_unassigned_account_ids("acc-2");
  c.set_overloaded_seller_count(1);
  auto* load = c.add_seller_load();
  load->set_seller_id("rep-001");
  load->set_account_count(12);
  load->set_potential("1000.00");
  load->set_workload("30.5");
  load->set_potential_vs_mean_percent("25.00");
  const std::string text = CoverageText(c);
  EXPECT_THAT(text, HasSubstr("Coverage as of 2026-11-27\n"));
  EXPECT_THAT(text, HasSubstr("unassigned accounts                                  3\n"));
  EXPECT_THAT(text, HasSubstr("Unassigned accounts: 3 (showing 2)\n  acc-1 acc-2\n"));
  EXPECT_THAT(text, HasSubstr("rep-001    12        1000.00    30.5      25.00 %  over\n"));
  EXPECT_THAT(text, testing::Not(HasSubstr("Territories without a seller:")));
  EXPECT_THAT(text, testing::Not(HasSubstr("Conflicts")));

  const Table table = CoverageTable(c);
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_THAT(table.rows[0], ElementsAre("unassigned_account", "acc-1", "", "", "", "", "", ""));
  EXPECT_EQ(table.rows[2][0], "seller_load");
}

}  // namespace
}  // namespace attain::ctl

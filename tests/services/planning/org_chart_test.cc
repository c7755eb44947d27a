#include "services/planning/org/org_chart.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace attain::planning::org {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

absl::CivilDay Day(int y, int m, int d) { return absl::CivilDay(y, m, d); }

Seller MakeSeller(const std::string& id, absl::CivilDay hire,
                  std::vector<ReportingLine> lines = {}) {
  Seller seller;
  seller.id = id;
  seller.hire_date = hire;
  seller.lines = std::move(lines);
  return seller;
}

ReportingLine Line(const std::string& manager, absl::CivilDay start,
                   std::optional<absl::CivilDay> end = std::nullopt) {
  return ReportingLine{manager, {start, end}};
}

std::vector<errors::FieldViolation> Validate(const OrgChart& chart,
                                             const std::vector<std::string>& changed) {
  std::vector<errors::FieldViolation> violations;
  chart.ValidateReporting(changed, [](const std::string& id) { return "rows[" + id + "]"; },
                          &violations);
  return violations;
}

TEST(OrgChartTest, ChainFollowsLinesEffectiveOnTheDate) {
  OrgChart chart({MakeSeller("cro", Day(2020, 1, 1)),
                  MakeSeller("vp", Day(2020, 1, 1), {Line("cro", Day(2020, 1, 1))}),
                  MakeSeller("m1", Day(2020, 1, 1), {Line("vp", Day(2020, 1, 1))}),
                  MakeSeller("m2", Day(2020, 1, 1), {Line("vp", Day(2020, 1, 1))}),
                  MakeSeller("rep", Day(2024, 1, 1),
                             {Line("m1", Day(2024, 1, 1), Day(2025, 6, 30)),
                              Line("m2", Day(2025, 7, 1))})});
  EXPECT_THAT(chart.Chain("rep", Day(2025, 6, 30)), ElementsAre("m1", "vp", "cro"));
  EXPECT_THAT(chart.Chain("rep", Day(2025, 7, 1)), ElementsAre("m2", "vp", "cro"));
  EXPECT_THAT(chart.Chain("rep", Day(2023, 12, 31)), IsEmpty());  // not yet hired
  EXPECT_THAT(chart.Chain("cro", Day(2025, 1, 1)), IsEmpty());
}

TEST(OrgChartTest, UnknownManagerIsNamed) {
  OrgChart chart({MakeSeller("rep", Day(2024, 1, 1), {Line("ghost", Day(2024, 1, 1))})});
  auto violations = Validate(chart, {"rep"});
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "rows[rep].reporting_lines[0].manager_id");
  EXPECT_EQ(violations[0].description, "unknown manager 'ghost'");
}

TEST(OrgChartTest, LineStartingBeforeManagerHireIsRejected) {
  OrgChart chart({MakeSeller("boss", Day(2024, 3, 1)),
                  MakeSeller("rep", Day(2024, 1, 1), {Line("boss", Day(2024, 1, 1))})});
  auto violations = Validate(chart, {"rep"});
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "rows[rep].reporting_lines[0].start_date");
}

TEST(OrgChartTest, DirectCycleIsRejected) {
  OrgChart chart({MakeSeller("a", Day(2024, 1, 1), {Line("b", Day(2024, 1, 1))}),
                  MakeSeller("b", Day(2024, 1, 1), {Line("a", Day(2024, 1, 1))})});
  auto violations = Validate(chart, {"a"});
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "rows[a].reporting_lines[0].manager_id");
  EXPECT_EQ(violations[0].description, "creates a reporting cycle on 2024-01-01: a -> b -> a");
}

TEST(OrgChartTest, CycleThatExistsOnlyOnALaterDateIsFound) {
  // a reports to b all along; b reports to c until 2025-03-31, then to a: a cycle from
  // 2025-04-01 only, which a check on the line start dates alone would miss for "a".
  OrgChart chart({MakeSeller("c", Day(2024, 1, 1)),
                  MakeSeller("a", Day(2024, 1, 1), {Line("b", Day(2024, 1, 1))}),
                  MakeSeller("b", Day(2024, 1, 1),
                             {Line("c", Day(2024, 1, 1), Day(2025, 3, 31)),
                              Line("a", Day(2025, 4, 1))})});
  auto violations = Validate(chart, {"a"});
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].description, "creates a reporting cycle on 2025-04-01: a -> b -> a");
}

TEST(OrgChartTest, SuccessiveManagersWithoutOverlapHaveNoCycle) {
  // a managed b, then later b manages a: never both on the same day.
  OrgChart chart({MakeSeller("a", Day(2024, 1, 1), {Line("b", Day(2025, 1, 1))}),
                  MakeSeller("b", Day(2024, 1, 1), {Line("a", Day(2024, 1, 1), Day(2024, 12, 31))})});
  EXPECT_THAT(Validate(chart, {"a", "b"}), IsEmpty());
}

TEST(OrgChartTest, LongerCycleThroughThreeSellers) {
  OrgChart chart({MakeSeller("a", Day(2024, 1, 1), {Line("b", Day(2024, 1, 1))}),
                  MakeSeller("b", Day(2024, 1, 1), {Line("c", Day(2024, 1, 1))}),
                  MakeSeller("c", Day(2024, 1, 1), {Line("a", Day(2024, 6, 1))})});
  auto violations = Validate(chart, {"c"});
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].description,
            "creates a reporting cycle on 2024-06-01: c -> a -> b -> c");
}

TEST(OrgChartTest, LinesManagedByListsEveryLineNamingTheManager) {
  OrgChart chart({MakeSeller("m", Day(2020, 1, 1)),
                  MakeSeller("r2", Day(2024, 1, 1), {Line("m", Day(2024, 2, 1))}),
                  MakeSeller("r1", Day(2024, 1, 1), {Line("m", Day(2024, 1, 1))})});
  auto lines = chart.LinesManagedBy("m");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].first, "r1");
  EXPECT_EQ(lines[1].first, "r2");
}

}  // namespace
}  // namespace attain::planning::org

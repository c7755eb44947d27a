// Plan assignments: decoding against the plan version they will be calculated with, every
// problem at once under its field path, and the round trip back.
#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/compensation/plans/assignment_input.h"

namespace attain::compensation::plans {
namespace {

using money::Decimal;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

plan::Plan Version() {
  plan::Plan version;
  version.plan_id = "ae-2026";
  version.version = 3;
  for (const char* id : {"revenue", "new_logo"}) {
    plan::Measure measure;
    measure.id = id;
    version.measures.push_back(measure);
  }
  version.parameters.push_back({"kicker_rate", Decimal::FromMicros(20'000)});
  version.parameters.push_back({"seat_rate", Decimal::FromUnits(10)});
  return version;
}

v1::PlanAssignment ValidAssignment() {
  v1::PlanAssignment a;
  a.set_assignment_id("ae-2026-s-17");
  a.set_plan_id("ae-2026");
  a.set_seller_id("s-17");
  a.set_effective_from("2026-01-01");
  a.set_effective_to("2026-12-31");
  a.set_target_incentive("30000");
  a.set_quota_measure_id("revenue");
  (*a.mutable_parameter_overrides())["kicker_rate"] = "0.03";
  return a;
}

std::vector<std::string> Described(const Violations& violations) {
  std::vector<std::string> out;
  for (const auto& v : violations) out.push_back(v.field + ": " + v.description);
  return out;
}

TEST(PlanAssignmentInputTest, AValidSellerAssignmentDecodesAndRoundTrips) {
  Violations violations;
  auto assignment = ParsePlanAssignment(ValidAssignment(), Version(), "assignment", &violations);
  ASSERT_THAT(Described(violations), IsEmpty());
  ASSERT_TRUE(assignment);
  EXPECT_EQ(assignment->seller_id, "s-17");
  EXPECT_EQ(assignment->title, "");
  EXPECT_EQ(assignment->effective_from, absl::CivilDay(2026, 1, 1));
  EXPECT_EQ(assignment->effective_to, absl::CivilDay(2026, 12, 31));
  EXPECT_EQ(assignment->target_incentive, Decimal::FromUnits(30'000));
  EXPECT_EQ(assignment->quota_measure_id, "revenue");
  ASSERT_EQ(assignment->parameter_overrides.size(), 1u);
  EXPECT_EQ(assignment->parameter_overrides.at("kicker_rate"), Decimal::FromMicros(30'000));

  v1::PlanAssignment expected = ValidAssignment();
  expected.set_name("plans/ae-2026/assignments/ae-2026-s-17");
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
      expected, PlanAssignmentToProto(*assignment)));
}

TEST(PlanAssignmentInputTest, AnOpenEndedTitleAssignmentWithoutQuotaMeasureRoundTrips) {
  v1::PlanAssignment in;
  in.set_plan_id("ae-2026");
  in.set_title("Account Executive");
  in.set_effective_from("2026-04-01");
  in.set_target_incentive("0");
  Violations violations;
  auto assignment = ParsePlanAssignment(in, Version(), "assignment", &violations);
  ASSERT_THAT(Described(violations), IsEmpty());
  EXPECT_EQ(assignment->title, "Account Executive");
  EXPECT_FALSE(assignment->effective_to.has_value());
  EXPECT_TRUE(assignment->parameter_overrides.empty());

  in.set_name("plans/ae-2026/assignments/");  // no id yet: the service chooses one
  EXPECT_TRUE(
      google::protobuf::util::MessageDifferencer::Equals(in, PlanAssignmentToProto(*assignment)));
}

TEST(PlanAssignmentInputTest, EveryAssignmentProblemIsNamedAtOnce) {
  v1::PlanAssignment in = ValidAssignment();
  in.set_assignment_id("ae 2026");
  in.clear_seller_id();
  in.set_effective_to("2025-12-31");
  in.set_target_incentive("-5");
  in.set_quota_measure_id("bookings");
  (*in.mutable_parameter_overrides())["accelerator"] = "1.5";
  (*in.mutable_parameter_overrides())["seat_rate"] = "ten";
  Violations violations;
  EXPECT_FALSE(ParsePlanAssignment(in, Version(), "assignment", &violations));
  EXPECT_THAT(
      Described(violations),
      ElementsAre(
          "assignment.assignment_id: must be empty or 1-64 letters, digits, '-', '_' or '.'",
          "assignment.assignee: set seller_id or title",
          "assignment.effective_to: must not be before effective_from (2026-01-01)",
          "assignment.target_incentive: must not be negative",
          "assignment.quota_measure_id: unknown measure 'bookings' in version 3 of plan ae-2026",
          "assignment.parameter_overrides.accelerator: unknown parameter 'accelerator' in "
          "version 3 of plan ae-2026",
          "assignment.parameter_overrides.seat_rate: must be a decimal number with at most 6 "
          "fractional digits"));
}

TEST(PlanAssignmentInputTest, RequiredFieldsAndMalformedAssigneesAreNamed) {
  v1::PlanAssignment in;
  in.set_seller_id("s 17");
  Violations violations;
  EXPECT_FALSE(ParsePlanAssignment(in, Version(), "assignment", &violations));
  EXPECT_THAT(Described(violations),
              ElementsAre("assignment.plan_id: is required: 1-64 letters, digits, '-', '_' or '.'",
                          "assignment.seller_id: must be a seller id: 1-64 letters, digits, '-', "
                          "'_' or '.'",
                          "assignment.effective_from: is required",
                          "assignment.target_incentive: is required"));

  in = ValidAssignment();
  in.set_title(std::string(101, 't'));
  in.set_effective_from("2026-13-01");
  violations.clear();
  EXPECT_FALSE(ParsePlanAssignment(in, Version(), "assignment", &violations));
  EXPECT_THAT(Described(violations),
              ElementsAre("assignment.title: must be a title (1-100 characters)",
                          "assignment.effective_from: must be a date YYYY-MM-DD that exists in "
                          "the calendar"));
}

}  // namespace
}  // namespace attain::compensation::plans

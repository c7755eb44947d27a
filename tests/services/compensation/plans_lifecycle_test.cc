// Plan lifecycle rules decided without the database: which version an activation retires and
// from when, the one-plan-per-assignee overlap rule, moving an assignment's end, resource
// names, the stored rules' round trip and the outbox payloads.
#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/errors/errors.h"
#include "services/compensation/plans/plan_events.h"
#include "services/compensation/plans/plan_lifecycle.h"
#include "services/compensation/plans/plan_names.h"
#include "services/compensation/plans/plan_output.h"
#include "services/compensation/plans/plan_rules.h"
#include "services/compensation/plans/plan_variables.h"

namespace attain::compensation::plans {
namespace {

using absl::CivilDay;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> Violated(const absl::Status& status) {
  std::vector<std::string> out;
  for (const errors::FieldViolation& v : errors::FieldViolationsOf(status)) {
    out.push_back(v.field + ": " + v.description);
  }
  return out;
}

VersionDates Draft(int version) { return {version, VersionState::kDraft, {}, {}}; }
VersionDates Active(int version, CivilDay from) {
  return {version, VersionState::kActive, from, {}};
}
VersionDates Retired(int version, CivilDay from, CivilDay to) {
  return {version, VersionState::kRetired, from, to};
}

// ---- activation ----

TEST(PlanActivationTest, TheFirstActivationRetiresNothing) {
  auto activation = PlanActivation("ae", {Draft(1)}, 1, CivilDay(2026, 1, 1));
  ASSERT_TRUE(activation.ok()) << activation.status();
  EXPECT_EQ(activation->version, 1);
  EXPECT_EQ(activation->effective_from, CivilDay(2026, 1, 1));
  EXPECT_EQ(activation->retired_version, std::nullopt);
  EXPECT_EQ(activation->retired_effective_to, std::nullopt);
}

TEST(PlanActivationTest, ALaterActivationClosesTheActiveVersionTheDayBefore) {
  const std::vector<VersionDates> history = {
      Retired(1, CivilDay(2025, 1, 1), CivilDay(2025, 12, 31)), Active(2, CivilDay(2026, 1, 1)),
      Draft(3)};
  auto activation = PlanActivation("ae", history, 3, CivilDay(2026, 3, 1));
  ASSERT_TRUE(activation.ok()) << activation.status();
  EXPECT_EQ(activation->version, 3);
  EXPECT_EQ(activation->retired_version, 2);
  // 2026 is not a leap year: the day before March 1st is February 28th.
  EXPECT_EQ(activation->retired_effective_to, CivilDay(2026, 2, 28));
}

TEST(PlanActivationTest, TheDayAfterTheActiveStartLeavesItOneDay) {
  auto activation =
      PlanActivation("ae", {Active(1, CivilDay(2026, 1, 1)), Draft(2)}, 2, CivilDay(2026, 1, 2));
  ASSERT_TRUE(activation.ok()) << activation.status();
  EXPECT_EQ(activation->retired_effective_to, CivilDay(2026, 1, 1));
}

TEST(PlanActivationTest, AnActivationOnOrBeforeTheActiveStartWouldRewriteHistory) {
  const std::vector<VersionDates> history = {Active(1, CivilDay(2026, 4, 1)), Draft(2)};
  for (CivilDay from : {CivilDay(2026, 4, 1), CivilDay(2026, 3, 31)}) {
    auto activation = PlanActivation("ae", history, 2, from);
    EXPECT_THAT(Violated(activation.status()),
                ElementsAre("effective_from: must be after 2026-04-01, when plans/ae/versions/1 "
                            "took effect: an earlier range is only ever closed, never rewritten"))
        << from;
  }
}

TEST(PlanActivationTest, OnlyADraftCanBeActivated) {
  const std::vector<VersionDates> history = {
      Retired(1, CivilDay(2025, 1, 1), CivilDay(2025, 12, 31)), Active(2, CivilDay(2026, 1, 1))};
  for (int version : {1, 2}) {
    auto activation = PlanActivation("ae", history, version, CivilDay(2027, 1, 1));
    EXPECT_EQ(activation.status().code(), absl::StatusCode::kFailedPrecondition) << version;
    EXPECT_EQ(errors::ReasonOf(activation.status()), "ILLEGAL_STATE_TRANSITION");
  }
  EXPECT_EQ(PlanActivation("ae", history, 1, CivilDay(2027, 1, 1)).status().message(),
            "plans/ae/versions/1 is RETIRED; only a DRAFT version can be activated (revise the "
            "plan for a new one)");
}

TEST(PlanActivationTest, AnUnknownVersionIsNotFound) {
  auto activation = PlanActivation("ae", {Draft(1)}, 4, CivilDay(2026, 1, 1));
  EXPECT_EQ(activation.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(activation.status().message(), "plans/ae/versions/4 not found");
}

TEST(VersionStateTest, NamesRoundTrip) {
  for (VersionState state : {VersionState::kDraft, VersionState::kActive, VersionState::kRetired}) {
    EXPECT_EQ(StateFromName(StateName(state)), state);
  }
  EXPECT_EQ(StateName(VersionState::kRetired), "RETIRED");
  EXPECT_EQ(StateFromName("active"), std::nullopt);
}

// ---- assignments ----

const std::vector<AssignmentSpan> kFirstHalfAndFromOctober = {
    {"ae", "h1", CivilDay(2026, 1, 1), CivilDay(2026, 6, 30)},
    {"se", "q4", CivilDay(2026, 10, 1), std::nullopt}};

TEST(AssignmentOverlapTest, ARangeInTheGapBetweenAssignmentsIsAllowed) {
  EXPECT_TRUE(CheckNoOverlap(kFirstHalfAndFromOctober, CivilDay(2026, 7, 1), CivilDay(2026, 9, 30),
                             "seller s-1", "assignment.seller_id")
                  .ok());
  EXPECT_TRUE(
      CheckNoOverlap({}, CivilDay(2026, 7, 1), std::nullopt, "seller s-1", "assignment.seller_id")
          .ok());
}

TEST(AssignmentOverlapTest, SharingOneDayWithAnotherPlanIsAnOverlap) {
  // Ranges are inclusive: ending on October 1st shares that day with "q4".
  const absl::Status status =
      CheckNoOverlap(kFirstHalfAndFromOctober, CivilDay(2026, 7, 1), CivilDay(2026, 10, 1),
                     "seller s-1", "assignment.seller_id");
  EXPECT_THAT(Violated(status),
              ElementsAre("assignment.seller_id: seller s-1 already has plans/se/assignments/q4 "
                          "from 2026-10-01 on; at most one plan applies on any date (end that "
                          "assignment first, or start this one after it)"));
  EXPECT_EQ(errors::ReasonOf(status), "ASSIGNMENT_OVERLAP");
}

TEST(AssignmentOverlapTest, AnOpenEndedRangeOverlapsEverythingAfterItsStart) {
  const absl::Status status =
      CheckNoOverlap(kFirstHalfAndFromOctober, CivilDay(2026, 6, 30), std::nullopt,
                     "title 'Account Executive'", "assignment.title");
  EXPECT_THAT(Violated(status),
              ElementsAre("assignment.title: title 'Account Executive' already has "
                          "plans/ae/assignments/h1 2026-01-01 to 2026-06-30; at most one plan "
                          "applies on any date (end that assignment first, or start this one "
                          "after it)"));
}

TEST(AssignmentEndTest, AnEndMovesEarlierButNotBeforeTheStart) {
  const AssignmentSpan open{"ae", "a", CivilDay(2026, 1, 1), std::nullopt};
  const AssignmentSpan closed{"ae", "a", CivilDay(2026, 1, 1), CivilDay(2026, 12, 31)};
  EXPECT_TRUE(CheckNewEnd(open, CivilDay(2030, 1, 1)).ok());
  EXPECT_TRUE(CheckNewEnd(open, CivilDay(2026, 1, 1)).ok());  // a one-day assignment
  EXPECT_TRUE(CheckNewEnd(closed, CivilDay(2026, 12, 31)).ok());
  EXPECT_TRUE(CheckNewEnd(closed, CivilDay(2026, 6, 30)).ok());
  EXPECT_THAT(Violated(CheckNewEnd(closed, CivilDay(2025, 12, 31))),
              ElementsAre("effective_to: must not be before effective_from (2026-01-01)"));
  EXPECT_THAT(Violated(CheckNewEnd(closed, CivilDay(2027, 1, 1))),
              ElementsAre("effective_to: must not be after the current effective_to "
                          "(2026-12-31): an assignment's end only moves earlier"));
}

// ---- names ----

TEST(PlanNamesTest, NamesParseBackIntoTheirIds) {
  EXPECT_EQ(*ParsePlanName("plans/ae-2026", "name"), "ae-2026");
  auto version = ParsePlanVersionName("plans/ae-2026/versions/12", "name");
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(version->plan_id, "ae-2026");
  EXPECT_EQ(version->version, 12);
  auto assignment = ParsePlanAssignmentName("plans/ae-2026/assignments/s-17.q1", "name");
  ASSERT_TRUE(assignment.ok());
  EXPECT_EQ(assignment->plan_id, "ae-2026");
  EXPECT_EQ(assignment->assignment_id, "s-17.q1");
}

TEST(PlanNamesTest, MalformedNamesAreNamedByTheirField) {
  for (const char* name : {"", "plans/", "plan/ae", "plans/ae/versions/1", "plans/a b"}) {
    EXPECT_THAT(Violated(ParsePlanName(name, "name").status()),
                ElementsAre("name: must be a plan name plans/{plan_id}"))
        << name;
  }
  for (const char* name : {"plans/ae", "plans/ae/versions/0", "plans/ae/versions/01",
                           "plans/ae/versions/x", "plans/ae/assignments/1"}) {
    EXPECT_FALSE(ParsePlanVersionName(name, "name").ok()) << name;
  }
  EXPECT_FALSE(ParsePlanAssignmentName("plans/ae/assignments/", "name").ok());
  EXPECT_FALSE(ParsePlanAssignmentName("plans/ae/versions/1", "name").ok());
}

// ---- stored rules ----

v1::PlanVersion ThreeComponentVersion() {
  v1::PlanVersion version;
  v1::Measure* revenue = version.add_measures();
  revenue->set_measure_id("revenue");
  revenue->mutable_filter()->add_types(v1::TRANSACTION_TYPE_ORDER);
  revenue->mutable_filter()->set_condition("txn.attr.channel == \"direct\"");
  v1::PlanParameter* kicker = version.add_parameters();
  kicker->set_parameter_id("kicker_rate");
  kicker->set_value("0.02");
  v1::Component* commission = version.add_components();
  commission->set_component_id("commission");
  commission->set_display_name("Commission");
  v1::RateTable* rates = commission->mutable_commission()->mutable_rates();
  commission->mutable_commission()->set_measure_id("revenue");
  rates->set_mode(v1::TIER_MODE_GRADUATED);
  for (const auto& [from, to, rate] : {std::tuple{"0", "1", "0.05"}, std::tuple{"1", "", "0.08"}}) {
    v1::Tier* tier = rates->add_tiers();
    tier->set_from(from);
    tier->set_to(to);
    tier->set_rate(rate);
  }
  commission->mutable_cap()->set_amount("60000");
  v1::Component* kicker_pay = version.add_components();
  kicker_pay->set_component_id("kicker");
  kicker_pay->set_display_name("Kicker");
  kicker_pay->mutable_formula()->set_expression(
      "if(attainment.revenue > 1, measure.revenue * param.kicker_rate, 0) + "
      "earnings.commission * 0");
  version.mutable_cap()->set_percent_of_target("3");
  return version;
}

TEST(PlanRulesTest, StoredRulesDecodeIntoTheSamePlan) {
  PlanHeader header;
  header.plan_id = "ae-2026";
  header.display_name = "AE";
  header.currency = "USD";
  header.period_type = plan::PeriodType::kQuarterly;
  const EngineExpressionChecker checker;
  Violations violations;
  auto parsed = ParsePlanVersion(header, ThreeComponentVersion(), checker, "version", &violations);
  ASSERT_THAT(violations, IsEmpty());
  ASSERT_TRUE(parsed);

  const std::string json = RulesJson(*parsed);
  // Field names as in the .proto, so SQL reads them as documented.
  EXPECT_NE(json.find("\"component_id\":\"commission\""), std::string::npos) << json;
  EXPECT_EQ(json.find("\"name\""), std::string::npos) << json;

  auto decoded = DecodeStoredVersion(header, 3, json);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->plan_id, "ae-2026");
  EXPECT_EQ(decoded->version, 3);
  EXPECT_EQ(decoded->currency, "USD");
  EXPECT_EQ(decoded->period_type, plan::PeriodType::kQuarterly);
  v1::PlanVersion expected = PlanVersionToProto(*parsed);
  expected.set_name("plans/ae-2026/versions/3");
  expected.set_version(3);
  EXPECT_TRUE(
      google::protobuf::util::MessageDifferencer::Equals(expected, PlanVersionToProto(*decoded)));
}

TEST(PlanRulesTest, StoredRulesThatNoLongerValidateAreDataLoss) {
  PlanHeader header;
  header.plan_id = "ae";
  auto not_json = DecodeStoredVersion(header, 1, "{not json");
  EXPECT_EQ(not_json.status().code(), absl::StatusCode::kDataLoss);
  auto no_components = DecodeStoredVersion(header, 2, "{\"measures\": []}");
  EXPECT_EQ(no_components.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(no_components.status().message(),
            "plans/ae/versions/2 as stored does not pass validation: rules.components needs at "
            "least one component");
}

// ---- events ----

TEST(PlanEventsTest, AnActivationSaysWhichVersionItRetiredAndUntilWhen) {
  Activation activation;
  activation.version = 3;
  activation.effective_from = CivilDay(2026, 3, 1);
  activation.retired_version = 2;
  activation.retired_effective_to = CivilDay(2026, 2, 28);
  const PlanEvent event = PlanActivated("ae", activation, "req-1");
  EXPECT_EQ(event.type, "plan.activated");
  EXPECT_EQ(event.resource, "plans/ae/versions/3");
  EXPECT_EQ(event.payload.dump(),
            R"({"effective_from":"2026-03-01","plan_id":"ae","request_id":"req-1",)"
            R"("retired_effective_to":"2026-02-28","retired_version":2,"version":3})");
  activation.retired_version.reset();
  activation.retired_effective_to.reset();
  EXPECT_EQ(PlanActivated("ae", activation, "").payload.at("retired_version"), nullptr);
}

TEST(PlanEventsTest, AssignmentEventsNameTheAssigneeAndTheRange) {
  PlanAssignment assignment;
  assignment.plan_id = "ae";
  assignment.assignment_id = "a-1";
  assignment.title = "Account Executive";
  assignment.effective_from = CivilDay(2026, 1, 1);
  assignment.effective_to = CivilDay(2026, 6, 30);
  const PlanEvent ended = AssignmentEnded(assignment, std::nullopt, "req-2");
  EXPECT_EQ(ended.type, "plan_assignment.ended");
  EXPECT_EQ(ended.resource, "plans/ae/assignments/a-1");
  EXPECT_EQ(ended.payload.dump(),
            R"({"assignment_id":"a-1","effective_from":"2026-01-01","effective_to":"2026-06-30",)"
            R"("plan_id":"ae","previous_effective_to":null,"request_id":"req-2",)"
            R"("title":"Account Executive"})");
  assignment.title.clear();
  assignment.seller_id = "s-17";
  assignment.effective_to.reset();
  const PlanEvent created = AssignmentCreated(assignment, "it-admin", "req-3");
  EXPECT_EQ(created.type, "plan_assignment.created");
  EXPECT_EQ(created.payload.at("seller_id"), "s-17");
  EXPECT_EQ(created.payload.at("effective_to"), nullptr);
  EXPECT_FALSE(created.payload.contains("title"));
  EXPECT_EQ(created.payload.at("creator"), "it-admin");
}

}  // namespace
}  // namespace attain::compensation::plans

// SetMboScores' validation: every problem of every score named as scores[i].field in request
// order, exact scores, the strictest scale among the plans in force, and periods that take
// no more scores.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/errors/errors.h"
#include "services/compensation/mbo/score_validation.h"

namespace attain::compensation::mbo {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr int kJanuary = 1;

v1::MboScore Score(const std::string& period, const std::string& seller,
                   const std::string& component, const std::string& score,
                   const std::string& comment = "") {
  v1::MboScore out;
  out.set_period(period);
  out.set_seller_id(seller);
  out.set_component_id(component);
  out.set_score(score);
  out.set_comment(comment);
  return out;
}

google::protobuf::RepeatedPtrField<v1::MboScore> Scores(std::vector<v1::MboScore> scores) {
  google::protobuf::RepeatedPtrField<v1::MboScore> out;
  for (v1::MboScore& score : scores) *out.Add() = std::move(score);
  return out;
}

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const errors::FieldViolation& v : errors::FieldViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

std::string Description(const absl::Status& status, const std::string& field) {
  for (const errors::FieldViolation& v : errors::FieldViolationsOf(status)) {
    if (v.field == field) return v.description;
  }
  return "<no violation of " + field + ">";
}

store::PlanVersionInForce Version(plan::PeriodType type,
                                  std::vector<std::pair<std::string, int64_t>> mbo_scales) {
  auto version = std::make_shared<plan::Plan>();
  version->period_type = type;
  plan::Component commission;
  commission.id = "revenue";
  commission.kind = plan::ComponentKind::kCommission;
  version->components.push_back(commission);
  for (const auto& [id, scale] : mbo_scales) {
    plan::Component mbo;
    mbo.id = id;
    mbo.kind = plan::ComponentKind::kMbo;
    mbo.mbo.scale_max = money::Decimal::FromUnits(scale);
    version->components.push_back(mbo);
  }
  return {version, absl::CivilDay(2037, 1, 1), std::nullopt};
}

TEST(MboValidationTest, AValidScoreParsesWithCanonicalPeriodExactScoreAndTrimmedComment) {
  ParsedScores parsed =
      ParseScores(Scores({Score("2037-Q1", "rep-1", "objectives", "87.125", "  on track \n")}), kJanuary);
  EXPECT_TRUE(ProblemsStatus(parsed).ok());
  ASSERT_EQ(parsed.entries.size(), 1u);
  const ScoreEntry& entry = parsed.entries[0];
  EXPECT_EQ(entry.index, 0);
  EXPECT_EQ(entry.row.period, "2037-Q1");
  EXPECT_EQ(entry.period.type, plan::PeriodType::kQuarterly);
  EXPECT_EQ(entry.period.last, absl::CivilDay(2037, 3, 31));
  EXPECT_EQ(entry.row.seller_id, "rep-1");
  EXPECT_EQ(entry.row.component_id, "objectives");
  EXPECT_EQ(entry.row.score.micros(), 87'125'000);
  EXPECT_EQ(entry.row.comment, "on track");
}

TEST(MboValidationTest, EveryProblemOfEveryScoreIsNamedInRequestOrder) {
  ParsedScores parsed = ParseScores(
      Scores({Score("", "rep 1", "Objectives", "-1", std::string(501, 'x')),
              Score("2037-01", "rep-2", "objectives", "10"),
              Score("2037-13", "rep-3", "", "1.1234567"),
              Score("2037-02", "", "objectives", "")}),
      kJanuary);
  const absl::Status status = ProblemsStatus(parsed);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Fields(status),
              ElementsAre("scores[0].period", "scores[0].seller_id", "scores[0].component_id",
                          "scores[0].score", "scores[0].comment", "scores[2].period",
                          "scores[2].component_id", "scores[2].score", "scores[3].seller_id",
                          "scores[3].score"));
  EXPECT_EQ(Description(status, "scores[0].score"), "must not be negative");
  EXPECT_EQ(Description(status, "scores[0].comment"), "must be at most 500 characters");
  EXPECT_EQ(Description(status, "scores[3].seller_id"), "is required");
  EXPECT_EQ(Description(status, "scores[3].score"), "is required");
  EXPECT_EQ(std::string(status.message()), "scores[0].period: is required (and 9 more)");
  // Only the good score goes on to the reference checks.
  ASSERT_EQ(parsed.entries.size(), 1u);
  EXPECT_EQ(parsed.entries[0].index, 1);
}

TEST(MboValidationTest, ACommentIsCountedInCharactersNotBytes) {
  std::string five_hundred;
  for (int i = 0; i < 500; ++i) five_hundred += "\xC3\xA9";  // 'é', two bytes each
  ParsedScores fits = ParseScores(Scores({Score("2037-01", "rep-1", "objectives", "1", five_hundred)}), kJanuary);
  EXPECT_TRUE(ProblemsStatus(fits).ok()) << ProblemsStatus(fits);
  ParsedScores too_long =
      ParseScores(Scores({Score("2037-01", "rep-1", "objectives", "1", five_hundred + "e")}), kJanuary);
  EXPECT_THAT(Fields(ProblemsStatus(too_long)), ElementsAre("scores[0].comment"));
}

TEST(MboValidationTest, TheSameScoreTwiceNamesTheFirstAndKeepsOnlyIt) {
  ParsedScores parsed = ParseScores(Scores({Score("2037-01", "rep-1", "objectives", "1"),
                                            Score("2037-01", "rep-1", "teamwork", "2"),
                                            Score("2037-01", "rep-1", "objectives", "3")}),
                                    kJanuary);
  const absl::Status status = ProblemsStatus(parsed);
  EXPECT_THAT(Fields(status), ElementsAre("scores[2].component_id"));
  EXPECT_EQ(Description(status, "scores[2].component_id"),
            "repeats scores[0] (the same period, seller and component)");
  ASSERT_EQ(parsed.entries.size(), 2u);
  EXPECT_EQ(parsed.entries[1].row.component_id, "teamwork");
}

TEST(MboValidationTest, TheScaleInForceIsTheSmallestAmongPlansOfThePeriodsType) {
  const std::vector<store::PlanVersionInForce> versions = {
      Version(plan::PeriodType::kMonthly, {{"objectives", 100}, {"teamwork", 5}}),
      Version(plan::PeriodType::kMonthly, {{"objectives", 10}}),
      // A quarterly plan's runs never read a month's scores.
      Version(plan::PeriodType::kQuarterly, {{"objectives", 3}, {"quarterly_goals", 4}}),
  };
  const MboScales monthly = ScalesInForce(versions, plan::PeriodType::kMonthly);
  EXPECT_EQ(monthly.size(), 2u);
  EXPECT_EQ(monthly.at("objectives"), money::Decimal::FromUnits(10));
  EXPECT_EQ(monthly.at("teamwork"), money::Decimal::FromUnits(5));
  EXPECT_FALSE(monthly.contains("revenue"));  // a commission, not an MBO component
  const MboScales quarterly = ScalesInForce(versions, plan::PeriodType::kQuarterly);
  EXPECT_EQ(quarterly.at("objectives"), money::Decimal::FromUnits(3));
  EXPECT_THAT(ScalesInForce(versions, plan::PeriodType::kAnnual), IsEmpty());
}

TEST(MboValidationTest, UnknownSellersComponentsAndScoresAboveTheScaleAreNamed) {
  ParsedScores parsed = ParseScores(Scores({Score("2037-01", "rep-1", "objectives", "10"),
                                            Score("2037-01", "ghost", "objectives", "1"),
                                            Score("2037-01", "rep-1", "revenue", "1"),
                                            Score("2037-01", "rep-2", "objectives", "10.000001"),
                                            Score("2037-02", "rep-1", "objectives", "1")}),
                                    kJanuary);
  ScoreReferences references;
  references.missing_sellers = {"ghost"};
  references.scales["2037-01"] = {{"objectives", money::Decimal::FromUnits(10)}};
  references.scales["2037-02"] = {};
  CheckReferences(references, &parsed);
  const absl::Status status = ProblemsStatus(parsed);
  EXPECT_THAT(Fields(status), ElementsAre("scores[1].seller_id", "scores[2].component_id",
                                          "scores[3].score", "scores[4].component_id"));
  EXPECT_EQ(Description(status, "scores[1].seller_id"), "sellers/ghost does not exist");
  EXPECT_EQ(Description(status, "scores[2].component_id"),
            "is not an MBO component of any monthly plan in force in 2037-01");
  EXPECT_EQ(Description(status, "scores[3].score"),
            "must be at most 10, the scale of MBO component objectives in the plans in force in "
            "2037-01");
  EXPECT_EQ(Description(status, "scores[4].component_id"),
            "is not an MBO component of any monthly plan in force in 2037-02");
  // A score exactly at the scale is valid, and only it remains.
  ASSERT_EQ(parsed.entries.size(), 1u);
  EXPECT_EQ(parsed.entries[0].index, 0);
}

TEST(MboValidationTest, AtMostTwoHundredProblemsAreListedButTheMessageCountsThemAll) {
  std::vector<v1::MboScore> scores;
  for (int i = 0; i < 250; ++i) scores.push_back(Score("2037-01", "rep-1", "objectives", "-1"));
  ParsedScores parsed = ParseScores(Scores(std::move(scores)), kJanuary);
  const absl::Status status = ProblemsStatus(parsed);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  const std::vector<std::string> fields = Fields(status);
  ASSERT_EQ(fields.size(), 200u);
  EXPECT_EQ(fields.front(), "scores[0].score");
  EXPECT_EQ(fields.back(), "scores[199].score");
  EXPECT_EQ(std::string(status.message()),
            "scores[0].score: must not be negative (and 249 more; the first 200 are listed)");
}

TEST(MboValidationTest, OnlyOpenAndCalculatedPeriodsTakeScores) {
  EXPECT_TRUE(CheckPeriodTakesScores("2037-01", periods::PeriodStatus::kOpen).ok());
  EXPECT_TRUE(CheckPeriodTakesScores("2037-01", periods::PeriodStatus::kCalculated).ok());
  const absl::Status approved = CheckPeriodTakesScores("2037-01", periods::PeriodStatus::kApproved);
  EXPECT_EQ(approved.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(errors::ReasonOf(approved), "PERIOD_APPROVED");
  const absl::Status locked = CheckPeriodTakesScores("2037-01", periods::PeriodStatus::kLocked);
  EXPECT_EQ(locked.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(errors::ReasonOf(locked), "PERIOD_LOCKED");
}

}  // namespace
}  // namespace attain::compensation::mbo

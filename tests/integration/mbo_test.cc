// MBO scores through the gateway: set, replaced with history, a retry answered once, every
// invalid score named with nothing written, and a manager narrowed to their reports. Months
// of 2037; each test's MBO component id is its own, so plans of other tests (all in force
// from 2037-01-01) never change its scale.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "absl/strings/str_replace.h"
#include "attain/compensation/v1/mbo.grpc.pb.h"
#include "attain/compensation/v1/periods.grpc.pb.h"
#include "common/errors/errors.h"
#include "tests/integration/calculation_fixture.h"
#include "tests/integration/event_helpers.h"

namespace attain::itest {
namespace {

using ::testing::ElementsAre;

class MboTest : public CalculationFixture {
 protected:
  void SetUp() override {
    CalculationFixture::SetUp();
    if (HasFatalFailure()) return;
    mbo_ = v1::MboService::NewStub(stack().gateway_channel());
    // Component ids are lower-case identifiers.
    component_ = absl::StrReplaceAll(UniqueId("objectives"), {{"-", "_"}});
    CreateMboPlan();
  }

  // A monthly USD plan whose only component is MBO `component_` on a scale of 0..10 paying
  // 1000 at 10, active from 2037-01-01.
  void CreateMboPlan() {
    auto plans = v1::PlanService::NewStub(stack().gateway_channel());
    const std::string plan_id = mbo_plan_id_ = UniqueId("mbo-plan");
    v1::CreatePlanRequest create;
    create.set_request_id(UniqueId("mbo-plan-req"));
    create.mutable_plan()->set_plan_id(plan_id);
    create.mutable_plan()->set_display_name("MBO plan");
    create.mutable_plan()->set_currency("USD");
    create.mutable_plan()->set_period_type(v1::PLAN_PERIOD_TYPE_MONTHLY);
    v1::Component* objectives = create.mutable_version()->add_components();
    objectives->set_component_id(component_);
    objectives->set_display_name("Quarterly objectives");
    objectives->mutable_mbo()->set_scale_max("10");
    objectives->mutable_mbo()->set_amount("1000");
    v1::Plan created;
    ASSERT_TRUE(HasCode(plans->CreatePlan(MakeContext(admin_).get(), create, &created), grpc::StatusCode::OK));
    v1::ActivatePlanVersionRequest activate;
    activate.set_name("plans/" + plan_id + "/versions/1");
    activate.set_effective_from("2037-01-01");
    activate.set_request_id(UniqueId("mbo-act"));
    v1::PlanVersion active;
    ASSERT_TRUE(HasCode(plans->ActivatePlanVersion(MakeContext(admin_).get(), activate, &active),
                        grpc::StatusCode::OK));
  }

  v1::MboScore Score(const std::string& period, const std::string& seller, const std::string& score,
                     const std::string& comment = "", const std::string& component = "") {
    v1::MboScore out;
    out.set_period(period);
    out.set_seller_id(seller);
    out.set_component_id(component.empty() ? component_ : component);
    out.set_score(score);
    out.set_comment(comment);
    return out;
  }

  grpc::Status Set(const std::vector<v1::MboScore>& scores, v1::SetMboScoresResponse* response,
                   const std::string& request_id = "", const std::string& token = "") {
    v1::SetMboScoresRequest request;
    for (const v1::MboScore& score : scores) *request.add_scores() = score;
    request.set_request_id(request_id.empty() ? UniqueId("mbo-set") : request_id);
    return mbo_->SetMboScores(MakeContext(token.empty() ? admin_ : token).get(), request, response);
  }

  // Every page of ListMboScores (page_size 1, so paging is exercised too).
  grpc::Status List(const std::string& period, const std::string& seller,
                    std::vector<v1::MboScore>* scores, const std::string& token = "",
                    bool include_history = false) {
    v1::ListMboScoresRequest request;
    request.set_period(period);
    request.set_seller_id(seller);
    request.set_page_size(1);
    request.set_include_history(include_history);
    scores->clear();
    do {
      v1::ListMboScoresResponse page;
      grpc::Status status =
          mbo_->ListMboScores(MakeContext(token.empty() ? admin_ : token).get(), request, &page);
      if (!status.ok()) return status;
      scores->insert(scores->end(), page.scores().begin(), page.scores().end());
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty());
    return grpc::Status::OK;
  }

  // "<seller>=<score>" of each listed score, in list order, for this test's sellers only.
  std::vector<std::string> Listed(const std::string& period, const std::string& token = "") {
    std::vector<v1::MboScore> scores;
    EXPECT_TRUE(HasCode(List(period, "", &scores, token), grpc::StatusCode::OK));
    std::vector<std::string> out;
    for (const v1::MboScore& s : scores) {
      if (s.component_id() == component_) out.push_back(s.seller_id() + "=" + s.score());
    }
    return out;
  }

  std::unique_ptr<v1::MboService::Stub> mbo_;
  std::string component_;
  std::string mbo_plan_id_;
};

TEST_F(MboTest, ScoresAreReplacedWithHistoryAndARetryIsAnsweredOnce) {
  const std::string period = "2037-03";
  const std::string first_id = UniqueId("mbo-first");
  v1::SetMboScoresResponse set;
  ASSERT_TRUE(HasCode(Set({Score(period, rep_, "7.5", "good pipeline hygiene"), Score(period, mgr_, "10")},
                          &set, first_id),
                      grpc::StatusCode::OK));
  EXPECT_EQ(set.created_count(), 2);
  EXPECT_EQ(set.updated_count(), 0);
  EXPECT_EQ(set.unchanged_count(), 0);

  // The write's event, about the period's scores.
  auto event = AwaitEvent(stack(), "compensation", Token("it-service", {"service"}),
                          "periods/" + period + "/mboScores", "compensation.mbo_scores.set");
  ASSERT_TRUE(event.has_value());
  const nlohmann::json payload = nlohmann::json::parse(event->payload_json());
  EXPECT_EQ(payload["request_id"], first_id);
  EXPECT_EQ(payload["author"], "it-admin");
  ASSERT_EQ(payload["scores"].size(), 2u);

  // The same request again: the first answer, nothing written twice.
  v1::SetMboScoresResponse retried;
  ASSERT_TRUE(HasCode(Set({Score(period, rep_, "7.5", "good pipeline hygiene"), Score(period, mgr_, "10")},
                          &retried, first_id),
                      grpc::StatusCode::OK));
  EXPECT_EQ(retried.created_count(), 2);
  EXPECT_EQ(retried.updated_count(), 0);

  // The manager revises the rep's score; then the same value again changes nothing.
  const std::string manager = Token(mgr_, {"manager"});
  ASSERT_TRUE(HasCode(Set({Score(period, rep_, "8", "revised after QBR")}, &set, "", manager),
                      grpc::StatusCode::OK));
  EXPECT_EQ(set.created_count(), 0);
  EXPECT_EQ(set.updated_count(), 1);
  ASSERT_TRUE(HasCode(Set({Score(period, rep_, "8.000", "revised after QBR")}, &set), grpc::StatusCode::OK));
  EXPECT_EQ(set.updated_count(), 0);
  EXPECT_EQ(set.unchanged_count(), 1);

  std::vector<v1::MboScore> rep_scores;
  ASSERT_TRUE(HasCode(List(period, rep_, &rep_scores, "", /*include_history=*/true), grpc::StatusCode::OK));
  ASSERT_EQ(rep_scores.size(), 1u);
  const v1::MboScore& score = rep_scores[0];
  EXPECT_EQ(score.name(), "periods/" + period + "/mboScores/" + rep_ + "/" + component_);
  EXPECT_EQ(score.score(), "8");
  EXPECT_EQ(score.comment(), "revised after QBR");
  EXPECT_EQ(score.author(), mgr_);
  EXPECT_EQ(score.version(), 2);
  // Who changed it, and from what.
  ASSERT_EQ(score.history_size(), 2);
  EXPECT_EQ(score.history(0).version(), 1);
  EXPECT_EQ(score.history(0).score(), "7.5");
  EXPECT_EQ(score.history(0).comment(), "good pipeline hygiene");
  EXPECT_EQ(score.history(0).author(), "it-admin");
  EXPECT_EQ(score.history(1).version(), 2);
  EXPECT_EQ(score.history(1).score(), "8");
  EXPECT_EQ(score.history(1).author(), mgr_);
  EXPECT_GE(score.history(1).change_time().seconds(), score.history(0).change_time().seconds());

  // Both sellers, by seller id, one page at a time.
  std::vector<std::string> expected = {rep_ + "=8", mgr_ + "=10"};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(Listed(period), expected);
}

TEST_F(MboTest, EveryInvalidScoreIsNamedAndNothingIsWritten) {
  const std::string period = "2037-04";
  const std::string ghost = UniqueId("mbo-ghost");
  v1::SetMboScoresResponse set;
  const grpc::Status status =
      Set({Score(period, rep_, "3"), Score(period, outsider_, "10.5"),
           Score(period, rep_, "1", "", "no_such_component"), Score(period, ghost, "2"),
           Score(period, mgr_, "-1")},
          &set);
  ASSERT_TRUE(HasCode(status, grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_THAT(ViolationFields(status),
              ElementsAre("scores[1].score", "scores[2].component_id", "scores[3].seller_id",
                          "scores[4].score"));
  const auto violations = errors::FieldViolationsOf(errors::FromGrpcStatus(status));
  EXPECT_EQ(violations[0].description,
            "must be at most 10, the scale of MBO component " + component_ +
                " in the plans in force in " + period);
  EXPECT_EQ(violations[1].description, "is not an MBO component of any monthly plan in force in " + period);
  EXPECT_EQ(violations[2].description, "sellers/" + ghost + " does not exist");
  // Not even the valid first score was written.
  EXPECT_THAT(Listed(period), ElementsAre());

  // A quarterly label finds no monthly plan's component.
  const grpc::Status quarter = Set({Score("2037-Q2", rep_, "3")}, &set);
  ASSERT_TRUE(HasCode(quarter, grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_THAT(ViolationFields(quarter), ElementsAre("scores[0].component_id"));
}

TEST_F(MboTest, AManagerSetsAndListsOnlyTheirReports) {
  const std::string period = "2037-05";
  const std::string manager = Token(mgr_, {"manager"});
  v1::SetMboScoresResponse set;
  ASSERT_TRUE(HasCode(Set({Score(period, outsider_, "4"), Score(period, mgr_, "9")}, &set), grpc::StatusCode::OK));

  // Outside the manager's organization, or their own: refused, and nothing of the batch written.
  for (const std::string& seller : {outsider_, mgr_}) {
    const grpc::Status refused = Set({Score(period, rep_, "6"), Score(period, seller, "5")}, &set, "", manager);
    EXPECT_TRUE(HasCode(refused, grpc::StatusCode::PERMISSION_DENIED)) << seller;
    EXPECT_TRUE(HasReason(refused, "OUTSIDE_CALLER_SCOPE")) << seller;
  }
  std::vector<std::string> expected = {outsider_ + "=4", mgr_ + "=9"};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(Listed(period), expected);

  ASSERT_TRUE(HasCode(Set({Score(period, rep_, "6")}, &set, "", manager), grpc::StatusCode::OK));
  // The manager sees themselves and their rep, not the outsider; naming the outsider is refused.
  expected = {rep_ + "=6", mgr_ + "=9"};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(Listed(period, manager), expected);
  std::vector<v1::MboScore> scores;
  const grpc::Status outside = List(period, outsider_, &scores, manager);
  EXPECT_TRUE(HasCode(outside, grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_TRUE(HasReason(outside, "OUTSIDE_CALLER_SCOPE"));

  // Finance reads every score; a rep reads none and sets none.
  expected = {rep_ + "=6", outsider_ + "=4", mgr_ + "=9"};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(Listed(period, Token("it-finance", {"finance"})), expected);
  const std::string rep = Token(rep_, {"rep"});
  EXPECT_TRUE(HasCode(List(period, rep_, &scores, rep), grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_TRUE(HasCode(Set({Score(period, rep_, "10")}, &set, "", rep), grpc::StatusCode::PERMISSION_DENIED));
}

TEST_F(MboTest, AnApprovedPeriodTakesNoScoreUntilReopened) {
  const std::string period = "2037-06";
  CreatePlan(period);  // the commission plan, so a run publishes the period
  ASSERT_FALSE(HasFatalFailure());
  v1::SetMboScoresResponse set;
  ASSERT_TRUE(HasCode(Set({Score(period, rep_, "5")}, &set), grpc::StatusCode::OK));
  ASSERT_EQ(RunToEnd(period).state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  auto periods = v1::PeriodService::NewStub(stack().gateway_channel());
  v1::TransitionPeriodRequest approve;
  approve.set_period(period);
  approve.set_target_status(v1::PERIOD_STATUS_APPROVED);
  approve.set_request_id(UniqueId("mbo-approve"));
  v1::Period moved;
  ASSERT_TRUE(HasCode(periods->TransitionPeriod(MakeContext(admin_).get(), approve, &moved),
                      grpc::StatusCode::OK));

  const grpc::Status refused = Set({Score(period, rep_, "6")}, &set);
  EXPECT_TRUE(HasCode(refused, grpc::StatusCode::FAILED_PRECONDITION));
  EXPECT_TRUE(HasReason(refused, "PERIOD_APPROVED"));
  EXPECT_THAT(Listed(period), ElementsAre(rep_ + "=5"));

  v1::TransitionPeriodRequest reopen = approve;
  reopen.set_target_status(v1::PERIOD_STATUS_CALCULATED);
  reopen.set_reason("late MBO score");
  reopen.set_request_id(UniqueId("mbo-reopen"));
  ASSERT_TRUE(HasCode(periods->TransitionPeriod(MakeContext(admin_).get(), reopen, &moved),
                      grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(Set({Score(period, rep_, "6")}, &set), grpc::StatusCode::OK));
  EXPECT_THAT(Listed(period), ElementsAre(rep_ + "=6"));
}

TEST_F(MboTest, AScoreIsPaidByThePeriodsNextRunAndNotTruedUpOnceLocked) {
  auto plans = v1::PlanService::NewStub(stack().gateway_channel());
  for (const std::string month : {"2037-08", "2037-09"}) {
    v1::PlanAssignment assigned;
    ASSERT_TRUE(HasCode(plans->AssignPlan(MakeContext(admin_).get(),
                                          MonthAssignment(mbo_plan_id_, rep_, month, UniqueId("assign")),
                                          &assigned),
                        grpc::StatusCode::OK));
  }
  v1::SetMboScoresResponse set;
  ASSERT_TRUE(HasCode(Set({Score("2037-08", rep_, "7.5", "pipeline hygiene")}, &set), grpc::StatusCode::OK));
  const v1::CalculationRun run = RunToEnd("2037-08");
  ASSERT_EQ(run.state(), v1::CALCULATION_RUN_STATE_SUCCEEDED) << run.DebugString();
  v1::Statement statement;
  ASSERT_TRUE(HasCode(GetStatement(rep_, "2037-08", &statement), grpc::StatusCode::OK));
  // 7.5 of 10 x 1 000 = 750.
  ASSERT_EQ(statement.components_size(), 1) << statement.DebugString();
  EXPECT_EQ(statement.components(0).kind(), "mbo");
  EXPECT_EQ(statement.components(0).measure_value(), "7.5");
  EXPECT_EQ(statement.components(0).earnings(), "750");
  EXPECT_EQ(statement.total(), "750.00");

  // August paid and locked; September's run recomputes August with the score it was paid
  // on, so no true-up appears (September itself has no score: 0).
  auto periods = v1::PeriodService::NewStub(stack().gateway_channel());
  for (v1::PeriodStatus target : {v1::PERIOD_STATUS_APPROVED, v1::PERIOD_STATUS_LOCKED}) {
    v1::TransitionPeriodRequest move;
    move.set_period("2037-08");
    move.set_target_status(target);
    move.set_request_id(UniqueId("move"));
    v1::Period moved;
    ASSERT_TRUE(HasCode(periods->TransitionPeriod(MakeContext(admin_).get(), move, &moved),
                        grpc::StatusCode::OK));
  }
  ASSERT_EQ(RunToEnd("2037-09").state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  v1::Statement september;
  ASSERT_TRUE(HasCode(GetStatement(rep_, "2037-09", &september), grpc::StatusCode::OK));
  EXPECT_EQ(september.total(), "0.00") << september.DebugString();
  EXPECT_EQ(september.lines_size(), 1) << september.DebugString();  // the MBO line, 0
}

}  // namespace
}  // namespace attain::itest

// Calculation end to end through the gateway: import transactions, author and assign a plan,
// run a period, read statements and explanations, who may read what, reruns that give
// byte-identical results, adjustments, the payroll export, and a run killed mid-way.
//
// Every test uses its own month of 2035: a run calculates every seller paid in its period,
// and the suite shares one database.
#include <gtest/gtest.h>

#include <csignal>

#include "tests/integration/calculation_fixture.h"

namespace attain::itest {
namespace {

class CalculationTest : public CalculationFixture {};

TEST_F(CalculationTest, ImportPlanRunStatementAndExplanation) {
  const std::string period = "2035-03";
  CreatePlan(period);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_TRUE(HasCode(Import({{"SO-1", "2035-03-05", "8000"},
                              {"SO-2", "2035-03-20", "4000.50"},
                              {"CN-1", "2035-03-25", "500", v1::TRANSACTION_TYPE_CANCELLATION},
                              {"SO-0", "2035-02-28", "99999"}}),
                      grpc::StatusCode::OK));
  const v1::CalculationRun run = RunToEnd(period);
  ASSERT_EQ(run.state(), v1::CALCULATION_RUN_STATE_SUCCEEDED) << run.DebugString();
  EXPECT_TRUE(run.published());
  EXPECT_EQ(run.transaction_count(), 3);  // February's order is outside the month
  EXPECT_EQ(run.statement_count(), 2);
  ASSERT_EQ(run.stages_size(), 6);
  EXPECT_EQ(run.stages(0).stage(), v1::CALCULATION_STAGE_LOAD);
  EXPECT_EQ(run.stages(5).stage(), v1::CALCULATION_STAGE_RESULTS);
  for (const v1::StageProgress& stage : run.stages()) EXPECT_TRUE(stage.done()) << stage.DebugString();
  // 1120.04 (rep) + 620.04 (manager), worked out below.
  EXPECT_EQ(run.total_payable().at("USD"), "1740.08");

  // Rep: revenue 8000 + 4000.50 - 500 = 11 500.50.
  //   commission, graduated: 10 000 x 5 % = 500; 1 500.50 x 8 % = 120.04 -> 620.04
  //   SPIF: SO-1 and SO-2 are Analytics orders >= 1 000 in March: 2 x 250 = 500
  v1::Statement rep;
  ASSERT_TRUE(HasCode(GetStatement(rep_, period, &rep), grpc::StatusCode::OK));
  EXPECT_EQ(rep.run(), run.name());
  EXPECT_EQ(rep.plan_id(), plan_id_);
  EXPECT_EQ(rep.currency(), "USD");
  ASSERT_EQ(rep.components_size(), 2);
  EXPECT_EQ(rep.components(0).measure_value(), "11500.5");
  EXPECT_EQ(rep.components(0).tier_reached(), 1);
  EXPECT_EQ(rep.components(0).rate(), "0.08");
  EXPECT_EQ(rep.components(0).earnings(), "620.04");
  EXPECT_FALSE(rep.components(0).steps().empty());
  EXPECT_EQ(rep.components(1).measure_value(), "2");  // qualifying deals
  ASSERT_EQ(rep.components(1).steps_size(), 1);
  EXPECT_EQ(rep.components(1).steps(0), "2 qualifying deals x 250 = 500");
  EXPECT_EQ(rep.components(1).earnings(), "500");
  ASSERT_NE(Line(rep, "commission"), nullptr);
  EXPECT_EQ(Line(rep, "commission")->amount(), "620.04");
  EXPECT_EQ(Line(rep, "analytics_spif")->amount(), "500.00");
  EXPECT_EQ(rep.total(), "1120.04");

  // Manager: the same revenue by roll-up -> 620.04; SPIFs never roll up.
  v1::Statement mgr;
  ASSERT_TRUE(HasCode(GetStatement(mgr_, period, &mgr), grpc::StatusCode::OK));
  EXPECT_EQ(mgr.components(0).earnings(), "620.04");
  EXPECT_EQ(mgr.components(1).earnings(), "0");
  EXPECT_EQ(mgr.total(), "620.04");

  // The explanation lists every credited transaction with its rule; pages of 2.
  v1::ExplainPayoutResponse first;
  ASSERT_TRUE(HasCode(Explain(rep_, period, "commission", &first, "", 2), grpc::StatusCode::OK));
  EXPECT_EQ(first.total_size(), 3);
  EXPECT_EQ(first.credited_total(), "11500.5");
  EXPECT_EQ(first.run(), run.name());
  EXPECT_EQ(first.component().earnings(), "620.04");
  ASSERT_EQ(first.transactions_size(), 2);
  EXPECT_EQ(first.transactions(0).transaction_id(), "SO-1");
  EXPECT_EQ(first.transactions(0).credit_value(), "8000");
  EXPECT_EQ(first.transactions(0).rule(), v1::CREDIT_RULE_OWNER);
  EXPECT_EQ(first.transactions(1).transaction_id(), "SO-2");
  ASSERT_FALSE(first.next_page_token().empty());
  v1::ExplainPayoutResponse second;
  ASSERT_TRUE(HasCode(Explain(rep_, period, "commission", &second, "", 2, first.next_page_token()),
                      grpc::StatusCode::OK));
  ASSERT_EQ(second.transactions_size(), 1);
  EXPECT_EQ(second.transactions(0).transaction_id(), "CN-1");
  EXPECT_EQ(second.transactions(0).credit_value(), "-500");
  EXPECT_TRUE(second.next_page_token().empty());

  // A late order changes nothing about the published run's explanation: it replays the
  // transactions the run read.
  ASSERT_TRUE(HasCode(Import({{"SO-3", "2035-03-26", "100"}}), grpc::StatusCode::OK));
  v1::ExplainPayoutResponse manager;
  ASSERT_TRUE(HasCode(Explain(mgr_, period, "commission", &manager), grpc::StatusCode::OK));
  EXPECT_EQ(manager.total_size(), 3);
  EXPECT_EQ(manager.credited_total(), "11500.5");
  ASSERT_EQ(manager.transactions_size(), 3);
  EXPECT_EQ(manager.transactions(0).rule(), v1::CREDIT_RULE_ROLL_UP);
  EXPECT_NE(manager.transactions(0).rule_detail().find(rep_), std::string::npos)
      << manager.transactions(0).rule_detail();
}

TEST_F(CalculationTest, RepsReadTheirOwnManagersTheirSubtree) {
  const std::string period = "2035-04";
  CreatePlan(period);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_TRUE(HasCode(Import({{"A-1", "2035-04-03", "2000"}}), grpc::StatusCode::OK));
  ASSERT_EQ(RunToEnd(period).state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  const std::string rep_token = Token(rep_, {"rep"});
  const std::string mgr_token = Token(mgr_, {"manager"});
  const std::string outsider_token = Token(outsider_, {"manager"});
  v1::Statement statement;
  EXPECT_TRUE(HasCode(GetStatement(rep_, period, &statement, rep_token), grpc::StatusCode::OK));
  EXPECT_EQ(statement.total(), "350.00");  // 2000 x 5 % = 100, plus one SPIF deal 250
  EXPECT_TRUE(HasCode(GetStatement(mgr_, period, &statement, rep_token),
                      grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_TRUE(HasCode(GetStatement(rep_, period, &statement, mgr_token), grpc::StatusCode::OK));
  EXPECT_TRUE(HasCode(GetStatement(rep_, period, &statement, outsider_token),
                      grpc::StatusCode::PERMISSION_DENIED));
  v1::ExplainPayoutResponse explained;
  EXPECT_TRUE(HasCode(Explain(rep_, period, "commission", &explained, outsider_token),
                      grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_TRUE(HasCode(Explain(rep_, period, "commission", &explained, rep_token), grpc::StatusCode::OK));
  // Starting runs and exporting payroll are not for sellers.
  v1::StartCalculationRunRequest start;
  start.set_period(period);
  v1::CalculationRun run;
  EXPECT_TRUE(HasCode(calc_->StartCalculationRun(MakeContext(mgr_token).get(), start, &run),
                      grpc::StatusCode::PERMISSION_DENIED));
  v1::ExportPayrollRequest payroll;
  payroll.set_period(period);
  v1::ExportPayrollResponse exported;
  EXPECT_TRUE(HasCode(statements_->ExportPayroll(MakeContext(rep_token).get(), payroll, &exported),
                      grpc::StatusCode::PERMISSION_DENIED));
}

TEST_F(CalculationTest, RerunIsByteIdenticalAndAdjustmentsJoinTheNextRun) {
  const std::string period = "2035-05";
  CreatePlan(period);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_TRUE(HasCode(Import({{"B-1", "2035-05-10", "12000"}}), grpc::StatusCode::OK));
  const v1::CalculationRun first = RunToEnd(period);
  const v1::CalculationRun second = RunToEnd(period);
  ASSERT_EQ(first.state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  ASSERT_EQ(second.state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  EXPECT_EQ(second.run_number(), first.run_number() + 1);
  EXPECT_EQ(second.results_digest(), first.results_digest());
  EXPECT_EQ(second.results_digest().size(), 64u);

  v1::GetCalculationRunRequest get;
  get.set_name(first.name());
  v1::CalculationRun reread;
  ASSERT_TRUE(HasCode(calc_->GetCalculationRun(MakeContext(admin_).get(), get, &reread), grpc::StatusCode::OK));
  EXPECT_FALSE(reread.published());  // the second run replaced it

  // Rep: 10 000 x 5 % + 2 000 x 8 % = 660, plus one SPIF deal 250 = 910.
  v1::Statement before;
  ASSERT_TRUE(HasCode(GetStatement(rep_, period, &before), grpc::StatusCode::OK));
  EXPECT_EQ(before.total(), "910.00");
  EXPECT_EQ(before.run(), second.name());

  v1::CreateAdjustmentRequest adjust;
  adjust.set_request_id(UniqueId("adj"));
  adjust.mutable_adjustment()->set_seller_id(rep_);
  adjust.mutable_adjustment()->set_period(period);
  adjust.mutable_adjustment()->set_kind(v1::ADJUSTMENT_KIND_PAYOUT);
  adjust.mutable_adjustment()->set_amount("-10.55");
  adjust.mutable_adjustment()->set_reason("Duplicate SPIF claim");
  v1::Adjustment adjustment;
  ASSERT_TRUE(HasCode(statements_->CreateAdjustment(MakeContext(admin_).get(), adjust, &adjustment),
                      grpc::StatusCode::OK));
  const v1::CalculationRun third = RunToEnd(period);
  ASSERT_EQ(third.state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  EXPECT_NE(third.results_digest(), second.results_digest());
  v1::Statement after;
  ASSERT_TRUE(HasCode(GetStatement(rep_, period, &after), grpc::StatusCode::OK));
  EXPECT_EQ(after.total(), "899.45");  // 910 - 10.55
  const v1::StatementLine* line = Line(after, adjustment.adjustment_id());
  ASSERT_NE(line, nullptr) << after.DebugString();
  EXPECT_EQ(line->kind(), v1::STATEMENT_LINE_KIND_ADJUSTMENT);
  EXPECT_EQ(line->amount(), "-10.55");
  ASSERT_EQ(after.adjustments_size(), 1);
  EXPECT_EQ(after.adjustments(0).reason(), "Duplicate SPIF claim");
  EXPECT_FALSE(after.adjustments(0).author().empty());

  // Payroll: one line per statement; the total is their sum (899.45 + 660).
  v1::ExportPayrollRequest payroll;
  payroll.set_period(period);
  v1::ExportPayrollResponse exported;
  ASSERT_TRUE(HasCode(statements_->ExportPayroll(MakeContext(admin_).get(), payroll, &exported),
                      grpc::StatusCode::OK));
  EXPECT_EQ(exported.run(), third.name());
  ASSERT_EQ(exported.lines_size(), 2);
  EXPECT_EQ(exported.totals().at("USD"), "1559.45");
}

TEST_F(CalculationTest, AMissingFxRateFailsTheRunAndPublishesNothingThenTheRateConverts) {
  const std::string period = "2035-08";
  CreatePlan(period);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_TRUE(HasCode(Import({{"E-1", "2035-08-04", "2000", v1::TRANSACTION_TYPE_ORDER, "EUR"}}),
                      grpc::StatusCode::OK));
  const v1::CalculationRun failed = RunToEnd(period);
  EXPECT_EQ(failed.state(), v1::CALCULATION_RUN_STATE_FAILED);
  EXPECT_FALSE(failed.published());
  EXPECT_NE(failed.error_message().find("EUR"), std::string::npos) << failed.error_message();
  EXPECT_NE(failed.error_message().find("2035-08"), std::string::npos) << failed.error_message();
  v1::Statement statement;
  EXPECT_TRUE(HasCode(GetStatement(rep_, period, &statement), grpc::StatusCode::NOT_FOUND));

  v1::SetFxRatesRequest rates;
  rates.set_request_id(UniqueId("fx"));
  v1::FxRate* rate = rates.add_rates();
  rate->set_from_currency("EUR");
  rate->set_to_currency("USD");
  rate->set_month("2035-08");
  rate->set_rate("1.083421");
  v1::SetFxRatesResponse set;
  ASSERT_TRUE(HasCode(v1::FxRateService::NewStub(stack().gateway_channel())
                          ->SetFxRates(MakeContext(admin_).get(), rates, &set),
                      grpc::StatusCode::OK));
  ASSERT_EQ(RunToEnd(period).state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  ASSERT_TRUE(HasCode(GetStatement(rep_, period, &statement), grpc::StatusCode::OK));
  // 2000 EUR x 1.083421 = 2166.842 USD; 5 % = 108.3421 -> 108.34 on the statement; plus one
  // SPIF deal (2166.842 >= 1000): 250.
  EXPECT_EQ(statement.components(0).measure_value(), "2166.842");
  EXPECT_EQ(statement.components(0).earnings(), "108.3421");
  EXPECT_EQ(statement.total(), "358.34");
}

TEST_F(CalculationTest, BadPeriodAndConcurrentStartAreRefused) {
  v1::CalculationRun run;
  EXPECT_TRUE(IsInvalidField(Start("2035-13", &run), "period"));
  v1::GetCalculationRunRequest get;
  get.set_name("periods/2035-06/runs/x");
  EXPECT_TRUE(IsInvalidField(calc_->GetCalculationRun(MakeContext(admin_).get(), get, &run), "name"));
  get.set_name("periods/2035-06/runs/999");
  EXPECT_TRUE(HasCode(calc_->GetCalculationRun(MakeContext(admin_).get(), get, &run),
                      grpc::StatusCode::NOT_FOUND));
  // The same request_id again returns the same run instead of starting another.
  const std::string request_id = UniqueId("same");
  v1::CalculationRun first;
  v1::CalculationRun again;
  ASSERT_TRUE(HasCode(Start("2035-06", &first, request_id), grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(Start("2035-06", &again, request_id), grpc::StatusCode::OK));
  EXPECT_EQ(again.name(), first.name());
  EXPECT_EQ(AwaitEnd(first.name()).state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
}

TEST_F(CalculationTest, RunKilledMidwayIsAbandonedAndTheNextPublishesOnce) {
  const std::string period = "2035-07";
  CreatePlan(period);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_TRUE(HasCode(Import({{"K-1", "2035-07-02", "3000"}}), grpc::StatusCode::OK));
  // Planning frozen: the run's first stage waits on it, so it is certainly mid-run when the
  // compensation service is killed.
  ServiceInstance& planning = stack().service("planning");
  ASSERT_TRUE(planning.process().Signal(SIGSTOP));
  v1::CalculationRun started;
  grpc::Status start = Start(period, &started);
  ASSERT_TRUE(HasCode(start, grpc::StatusCode::OK));
  EXPECT_EQ(started.state(), v1::CALCULATION_RUN_STATE_RUNNING);
  stack().StopService("compensation", SIGKILL);
  ASSERT_TRUE(planning.process().Signal(SIGCONT));
  ASSERT_TRUE(stack().StartService("compensation").ok()) << stack().LogTails(30);

  const v1::CalculationRun killed = AwaitEnd(started.name());
  EXPECT_EQ(killed.state(), v1::CALCULATION_RUN_STATE_ABANDONED);
  EXPECT_FALSE(killed.published());
  const v1::CalculationRun next = RunToEnd(period);
  ASSERT_EQ(next.state(), v1::CALCULATION_RUN_STATE_SUCCEEDED) << next.DebugString();
  EXPECT_EQ(next.run_number(), started.run_number() + 1);

  v1::ListCalculationRunsRequest list;
  list.set_period(period);
  v1::ListCalculationRunsResponse runs;
  ASSERT_TRUE(HasCode(calc_->ListCalculationRuns(MakeContext(admin_).get(), list, &runs), grpc::StatusCode::OK));
  ASSERT_EQ(runs.runs_size(), 2);
  int published = 0;
  for (const v1::CalculationRun& r : runs.runs()) published += r.published() ? 1 : 0;
  EXPECT_EQ(published, 1);
  v1::Statement statement;
  ASSERT_TRUE(HasCode(GetStatement(rep_, period, &statement), grpc::StatusCode::OK));
  EXPECT_EQ(statement.run(), next.name());
  EXPECT_EQ(statement.total(), "400.00");  // 3000 x 5 % = 150, plus one SPIF deal 250
}

}  // namespace
}  // namespace attain::itest

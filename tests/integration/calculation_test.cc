// Calculation end to end through the gateway: import transactions, author and assign a plan,
// run a period, read statements and explanations, who may read what, reruns that give
// byte-identical results, adjustments, the payroll export, and a run killed mid-way.
//
// Every test uses its own month of 2035: a run calculates every seller paid in its period,
// and the suite shares one database.
#include <gtest/gtest.h>

#include <csignal>

#include "attain/compensation/v1/calculation.grpc.pb.h"
#include "attain/compensation/v1/plans.grpc.pb.h"
#include "attain/compensation/v1/transactions.grpc.pb.h"
#include "attain/planning/v1/accounts.grpc.pb.h"
#include "attain/planning/v1/products.grpc.pb.h"
#include "tests/integration/catalog_helpers.h"
#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/harness/plan_requests.h"
#include "tests/integration/harness/poll.h"
#include "tests/integration/org_helpers.h"
#include "tests/integration/stack_test.h"

namespace attain::itest {
namespace {

namespace v1 = compensation::v1;

struct Txn {
  std::string id;
  std::string date;
  std::string amount;
  v1::TransactionType type = v1::TRANSACTION_TYPE_ORDER;
  std::string currency = "USD";
};

class CalculationTest : public StackTest {
 protected:
  void SetUp() override {
    StackTest::SetUp();
    if (HasFatalFailure()) return;
    admin_ = AdminToken();
    mgr_ = UniqueId("calc-mgr");
    rep_ = UniqueId("calc-rep");
    outsider_ = UniqueId("calc-out");
    title_ = UniqueId("Title");
    account_ = UniqueId("calc-acc");
    product_ = UniqueId("calc-prd");
    source_ = UniqueId("calc-src");
    plan_id_ = UniqueId("calc-plan");
    auto org = Org();
    Seller mgr = NewSeller(mgr_);
    mgr.set_title(title_);
    ASSERT_TRUE(HasCode(CreateSeller(*org, admin_, mgr), grpc::StatusCode::OK));
    Seller rep = NewSeller(rep_);
    rep.set_title(title_);
    ReportsTo(rep, mgr_, "2024-01-01");
    ASSERT_TRUE(HasCode(CreateSeller(*org, admin_, rep), grpc::StatusCode::OK));
    Seller outsider = NewSeller(outsider_);
    outsider.set_title(title_);
    ASSERT_TRUE(HasCode(CreateSeller(*org, admin_, outsider), grpc::StatusCode::OK));

    ASSERT_TRUE(HasCode(CreateAccount(stack().gateway_channel(), admin_, NewAccount(account_)),
                        grpc::StatusCode::OK));
    ASSERT_TRUE(HasCode(CreateProduct(stack().gateway_channel(), admin_,
                                      NewProduct(product_, "Analytics", UniqueId("Line"))),
                        grpc::StatusCode::OK));
    calc_ = v1::CalculationService::NewStub(stack().gateway_channel());
    statements_ = v1::StatementService::NewStub(stack().gateway_channel());
  }

  // CommissionAndSpifPlan (harness/plan_requests.h: 5 % up to 10 000, 8 % above; 250 per
  // Analytics order of at least 1 000 in `month`), active from 2035-01-01 and assigned
  // directly to the rep and the manager (who earns on roll-up credit) for that month.
  void CreatePlan(const std::string& month) {
    auto plans = v1::PlanService::NewStub(stack().gateway_channel());
    const v1::CreatePlanRequest create = CommissionAndSpifPlan(plan_id_, month, UniqueId("plan-req"));
    v1::Plan created;
    ASSERT_TRUE(HasCode(plans->CreatePlan(MakeContext(admin_).get(), create, &created), grpc::StatusCode::OK));
    v1::ActivatePlanVersionRequest activate;
    activate.set_name("plans/" + plan_id_ + "/versions/1");
    activate.set_effective_from("2035-01-01");
    activate.set_request_id(UniqueId("act"));
    v1::PlanVersion active;
    ASSERT_TRUE(HasCode(plans->ActivatePlanVersion(MakeContext(admin_).get(), activate, &active),
                        grpc::StatusCode::OK));
    for (const std::string& seller : {rep_, mgr_}) {
      // Only this test's month, so other tests' runs of 2035 never pay these sellers.
      const v1::AssignPlanRequest assign = MonthAssignment(plan_id_, seller, month, UniqueId("assign"));
      v1::PlanAssignment assigned;
      ASSERT_TRUE(HasCode(plans->AssignPlan(MakeContext(admin_).get(), assign, &assigned),
                          grpc::StatusCode::OK));
    }
  }

  grpc::Status Import(const std::vector<Txn>& txns) {
    auto stub = v1::TransactionService::NewStub(stack().gateway_channel());
    v1::ImportTransactionsResponse response;
    auto context = MakeContext(admin_, std::chrono::seconds(60));
    auto writer = stub->ImportTransactions(context.get(), &response);
    v1::ImportTransactionsRequest options;
    options.mutable_options()->set_request_id(UniqueId("imp"));
    options.mutable_options()->set_mode(v1::IMPORT_MODE_ALL_OR_NOTHING);
    writer->Write(options);
    v1::ImportTransactionsRequest batch;
    for (size_t i = 0; i < txns.size(); ++i) {
      v1::TransactionImportRow* row = batch.mutable_batch()->add_rows();
      row->set_row_number(static_cast<int64_t>(i) + 2);
      v1::Transaction* t = row->mutable_transaction();
      t->set_source_system(source_);
      t->set_transaction_id(txns[i].id);
      t->set_type(txns[i].type);
      t->set_transaction_date(txns[i].date);
      t->set_account_id(account_);
      t->set_product_id(product_);
      t->set_amount(txns[i].amount);
      t->set_currency(txns[i].currency);
      t->set_owner_seller_id(rep_);
    }
    writer->Write(batch);
    writer->WritesDone();
    return writer->Finish();
  }

  grpc::Status Start(const std::string& period, v1::CalculationRun* run,
                     const std::string& request_id = "") {
    v1::StartCalculationRunRequest request;
    request.set_period(period);
    request.set_request_id(request_id.empty() ? UniqueId("run") : request_id);
    return calc_->StartCalculationRun(MakeContext(admin_).get(), request, run);
  }

  // Polls the run until it ends (SUCCEEDED, FAILED or ABANDONED).
  v1::CalculationRun AwaitEnd(const std::string& name) {
    v1::CalculationRun run;
    EXPECT_TRUE(PollUntil(std::chrono::seconds(60), [&] {
      v1::GetCalculationRunRequest request;
      request.set_name(name);
      grpc::Status status = calc_->GetCalculationRun(MakeContext(admin_).get(), request, &run);
      return status.ok() && run.state() != v1::CALCULATION_RUN_STATE_RUNNING &&
             run.state() != v1::CALCULATION_RUN_STATE_QUEUED;
    })) << run.DebugString() << stack().LogTails(30);
    return run;
  }

  v1::CalculationRun RunToEnd(const std::string& period) {
    v1::CalculationRun started;
    EXPECT_TRUE(HasCode(Start(period, &started), grpc::StatusCode::OK));
    return AwaitEnd(started.name());
  }

  grpc::Status GetStatement(const std::string& seller, const std::string& period,
                            v1::Statement* statement, const std::string& token = "") {
    v1::GetStatementRequest request;
    request.set_seller_id(seller);
    request.set_period(period);
    return statements_->GetStatement(MakeContext(token.empty() ? admin_ : token).get(), request,
                                     statement);
  }

  grpc::Status Explain(const std::string& seller, const std::string& period,
                       const std::string& component, v1::ExplainPayoutResponse* response,
                       const std::string& token = "", int page_size = 0,
                       const std::string& page_token = "") {
    v1::ExplainPayoutRequest request;
    request.set_seller_id(seller);
    request.set_period(period);
    request.set_component_id(component);
    request.set_page_size(page_size);
    request.set_page_token(page_token);
    return statements_->ExplainPayout(MakeContext(token.empty() ? admin_ : token).get(), request,
                                      response);
  }

  static const v1::StatementLine* Line(const v1::Statement& s, const std::string& id) {
    for (const v1::StatementLine& line : s.lines()) {
      if (line.id() == id) return &line;
    }
    return nullptr;
  }

  std::string admin_, mgr_, rep_, outsider_, title_, account_, product_, source_, plan_id_;
  std::unique_ptr<v1::CalculationService::Stub> calc_;
  std::unique_ptr<v1::StatementService::Stub> statements_;
};

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

#pragma once
// The calculation tests' fixture: three sellers (a manager, their rep, an outsider), an
// account and a product, and helpers to author a plan, import transactions, run a period and
// read its statements and explanations through the gateway.
//
// Every test uses its own month (2035 for calculation_test.cc, 2036 for periods_test.cc, 2039
// for clawbacks_test.cc): a
// run calculates every seller paid in its period, and the suite shares one database.
#include <gtest/gtest.h>

#include "attain/compensation/v1/calculation.grpc.pb.h"
#include "attain/compensation/v1/periods.grpc.pb.h"
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

namespace v1 = compensation::v1;

struct Txn {
  std::string id;
  std::string date;
  std::string amount;
  v1::TransactionType type = v1::TRANSACTION_TYPE_ORDER;
  std::string currency = "USD";
  std::string original;  // a reversal's original_transaction_id
  bool by_territory = false;  // no owner: credited through the account's territory
};

class CalculationFixture : public StackTest {
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
    periods_ = v1::PeriodService::NewStub(stack().gateway_channel());
  }

  // CommissionAndSpifPlan (harness/plan_requests.h: 5 % up to 10 000, 8 % above; 250 per
  // Analytics order of at least 1 000 in `month`), active from 2035-01-01 and assigned
  // directly to the rep and the manager (who earns on roll-up credit) for that month; with a
  // clawback window when `clawback_window_days` > 0.
  void CreatePlan(const std::string& month, int clawback_window_days = 0) {
    auto plans = v1::PlanService::NewStub(stack().gateway_channel());
    v1::CreatePlanRequest create = CommissionAndSpifPlan(plan_id_, month, UniqueId("plan-req"));
    if (clawback_window_days > 0) {
      create.mutable_version()->mutable_clawback()->set_window_days(clawback_window_days);
    }
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

  // Assigns the fixture's plan to the rep and the manager for one more month.
  void AssignMonth(const std::string& month) {
    for (const std::string& seller : {rep_, mgr_}) AssignMonths(seller, {month});
  }

  // Assigns the fixture's plan to `seller` for each of `months`.
  void AssignMonths(const std::string& seller, const std::vector<std::string>& months) {
    auto plans = v1::PlanService::NewStub(stack().gateway_channel());
    for (const std::string& month : months) {
      v1::PlanAssignment assigned;
      ASSERT_TRUE(HasCode(plans->AssignPlan(MakeContext(admin_).get(),
                                            MonthAssignment(plan_id_, seller, month, UniqueId("assign")),
                                            &assigned),
                          grpc::StatusCode::OK));
    }
  }

  grpc::Status Move(const std::string& period, v1::PeriodStatus target, v1::Period* out,
                    const std::string& reason = "", const std::string& request_id = "",
                    const std::string& token = "") {
    v1::TransitionPeriodRequest request;
    request.set_period(period);
    request.set_target_status(target);
    request.set_reason(reason);
    request.set_request_id(request_id.empty() ? UniqueId("move") : request_id);
    return periods_->TransitionPeriod(MakeContext(token.empty() ? admin_ : token).get(), request, out);
  }

  v1::Period Get(const std::string& period) {
    v1::GetPeriodRequest request;
    request.set_period(period);
    v1::Period out;
    EXPECT_TRUE(HasCode(periods_->GetPeriod(MakeContext(admin_).get(), request, &out), grpc::StatusCode::OK));
    return out;
  }

  void Lock(const std::string& period) {
    v1::Period moved;
    ASSERT_TRUE(HasCode(Move(period, v1::PERIOD_STATUS_APPROVED, &moved), grpc::StatusCode::OK));
    ASSERT_TRUE(HasCode(Move(period, v1::PERIOD_STATUS_LOCKED, &moved), grpc::StatusCode::OK));
  }

  // A payout adjustment of `seller` in `period` by comp admin.
  grpc::Status AdjustPayout(const std::string& seller, const std::string& period,
                            const std::string& amount, const std::string& reason) {
    v1::CreateAdjustmentRequest adjust;
    adjust.set_request_id(UniqueId("adj"));
    adjust.mutable_adjustment()->set_seller_id(seller);
    adjust.mutable_adjustment()->set_period(period);
    adjust.mutable_adjustment()->set_kind(v1::ADJUSTMENT_KIND_PAYOUT);
    adjust.mutable_adjustment()->set_amount(amount);
    adjust.mutable_adjustment()->set_reason(reason);
    v1::Adjustment adjustment;
    return statements_->CreateAdjustment(MakeContext(admin_).get(), adjust, &adjustment);
  }

  v1::Statement StatementOf(const std::string& seller, const std::string& period) {
    v1::Statement statement;
    EXPECT_TRUE(HasCode(GetStatement(seller, period, &statement), grpc::StatusCode::OK));
    return statement;
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
      if (!txns[i].by_territory) t->set_owner_seller_id(rep_);
      t->set_original_transaction_id(txns[i].original);
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
  std::unique_ptr<v1::PeriodService::Stub> periods_;
};

}  // namespace attain::itest

// The compensation commands against in-process fakes on a free port: what they send, what
// they print, and their exit codes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/synchronization/mutex.h"
#include "attain/compensation/v1/calculation.grpc.pb.h"
#include "attain/compensation/v1/transactions.grpc.pb.h"
#include "tests/tools/attainctl/command_harness.h"

namespace attain::ctl {
namespace {

namespace v1 = compensation::v1;
using testing::ElementsAre;
using testing::HasSubstr;

constexpr char kHeader[] =
    "source_system,transaction_id,type,transaction_date,account_id,product_id,amount,currency,"
    "quantity,margin,owner_seller_id,splits,attributes\n";

std::string Row(const std::string& id) {
  return "crm," + id + ",ORDER,2026-10-03,acc-1,prd-1,100.50,USD,1,,rep-1,,\n";
}

// Records every message of every import; accepts all rows but one the test names.
class FakeTransactions final : public v1::TransactionService::Service {
 public:
  grpc::Status ImportTransactions(grpc::ServerContext*, grpc::ServerReader<v1::ImportTransactionsRequest>* reader,
                                  v1::ImportTransactionsResponse* response) override {
    absl::MutexLock lock(&mu_);
    ++imports_;
    int rows = 0;
    for (v1::ImportTransactionsRequest request; reader->Read(&request);) {
      if (request.has_batch()) rows += request.batch().rows_size();
      messages_.push_back(request);
    }
    response->set_import_id(7);
    response->set_received_count(rows);
    response->set_inserted_count(rows - 1);
    response->set_rejected_count(1);
    v1::RowError* error = response->add_rejected_rows();
    error->set_row_number(reject_row_);
    error->set_field("account_id");
    error->set_reason("unknown account acc-1");
    return grpc::Status::OK;
  }

  absl::Mutex mu_;
  int imports_ = 0;
  int64_t reject_row_ = 5;
  std::vector<v1::ImportTransactionsRequest> messages_;
};

using TransactionsCommandTest = FakeServerTest<FakeTransactions>;

TEST_F(TransactionsCommandTest, AllOrNothingRefusesAnUnreadableFileBeforeSendingAnything) {
  const std::string file = WriteCsv(std::string(kHeader) + Row("SO-1") + "crm,SO-2,ORDER\n" + Row("SO-3"));
  const Result result = Run({"transactions", "import", file});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err,
            "error: INVALID_ARGUMENT: " + file +
                ": 1 rows cannot be read; nothing was sent (--mode accept-valid imports the other rows)\n"
                "  rows[3]: has 3 fields but the header has 13\n");
  EXPECT_EQ(result.out, "");
  absl::MutexLock lock(&fake_.mu_);
  EXPECT_EQ(fake_.imports_, 0);
}

TEST_F(TransactionsCommandTest, AcceptValidSendsOptionsFirstThenTheReadableRowsInBatches) {
  const std::string file =
      WriteCsv(std::string(kHeader) + Row("SO-1") + Row("SO-2") + "crm,SO-X,ORDER\n" + Row("SO-4") + Row("SO-5"));
  const Result result = Run({"transactions", "import", file, "--mode", "accept-valid", "--batch", "2",
                             "--request-id", "demo-1"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  {
    absl::MutexLock lock(&fake_.mu_);
    ASSERT_EQ(fake_.messages_.size(), 3u);
    EXPECT_TRUE(fake_.messages_[0].has_options());
    EXPECT_EQ(fake_.messages_[0].options().request_id(), "demo-1");
    EXPECT_EQ(fake_.messages_[0].options().mode(), v1::IMPORT_MODE_ACCEPT_VALID);
    std::vector<int64_t> rows;
    for (size_t i = 1; i < fake_.messages_.size(); ++i) {
      for (const auto& row : fake_.messages_[i].batch().rows()) rows.push_back(row.row_number());
    }
    EXPECT_THAT(rows, ElementsAre(2, 3, 5, 6));  // line 4 was not sent
    EXPECT_EQ(fake_.messages_[1].batch().rows(0).transaction().amount(), "100.50");
  }
  // The server rejected line 5; the client skipped line 4: two rejected rows, in line order.
  EXPECT_EQ(result.out,
            "IMPORT_ID  RECEIVED  INSERTED  NEW_VERSIONS  UNCHANGED  REJECTED\n"
            "7          4         3         0             0          2\n");
  EXPECT_EQ(result.err,
            "rejected 2 rows (not imported):\n"
            "  rows[4]: has 3 fields but the header has 13\n"
            "  rows[5].account_id: unknown account acc-1\n");
}

// StartCalculationRun answers RUNNING; each poll advances the run one step through `script_`.
class FakeCalculation final : public v1::CalculationService::Service {
 public:
  grpc::Status StartCalculationRun(grpc::ServerContext*, const v1::StartCalculationRunRequest* request,
                                   v1::CalculationRun* run) override {
    absl::MutexLock lock(&mu_);
    start_ = *request;
    *run = script_.front();
    return grpc::Status::OK;
  }
  grpc::Status GetCalculationRun(grpc::ServerContext*, const v1::GetCalculationRunRequest* request,
                                 v1::CalculationRun* run) override {
    absl::MutexLock lock(&mu_);
    polled_names_.push_back(request->name());
    *run = script_[std::min(polled_names_.size(), script_.size() - 1)];
    return grpc::Status::OK;
  }

  absl::Mutex mu_;
  std::vector<v1::CalculationRun> script_;
  v1::StartCalculationRunRequest start_;
  std::vector<std::string> polled_names_;
};

v1::CalculationRun Step(v1::CalculationRunState state, int stages_done, bool last_in_progress) {
  v1::CalculationRun run;
  run.set_name("periods/2026-10/runs/4");
  run.set_period("2026-10");
  run.set_state(state);
  run.mutable_create_time()->set_seconds(1793525400);
  const v1::CalculationStage stages[] = {v1::CALCULATION_STAGE_LOAD, v1::CALCULATION_STAGE_CLASSIFY,
                                         v1::CALCULATION_STAGE_INCENTIVE};
  for (int i = 0; i < stages_done + (last_in_progress ? 1 : 0); ++i) {
    v1::StageProgress* stage = run.add_stages();
    stage->set_stage(stages[i]);
    const bool done = i < stages_done;
    stage->set_items_total(i == 2 ? 184 : 50000);
    stage->set_items_done(done ? stage->items_total() : 100);
    stage->set_done(done);
    stage->set_elapsed_micros(done ? 250000 : 0);
  }
  return run;
}

class CalcCommandTest : public FakeServerTest<FakeCalculation> {
 protected:
  void Script(v1::CalculationRun last) {
    absl::MutexLock lock(&fake_.mu_);
    fake_.script_ = {Step(v1::CALCULATION_RUN_STATE_RUNNING, 0, true),
                     Step(v1::CALCULATION_RUN_STATE_RUNNING, 1, true), std::move(last)};
  }
};

TEST_F(CalcCommandTest, RunPollsUntilTheRunSucceedsShowingEachStageThenTheSummary) {
  v1::CalculationRun done = Step(v1::CALCULATION_RUN_STATE_SUCCEEDED, 3, false);
  done.set_transaction_count(50000);
  done.set_statement_count(184);
  (*done.mutable_total_payable())["USD"] = "2061234.56";
  done.mutable_end_time()->set_seconds(1793525403);
  done.set_results_digest("9f2c");
  Script(done);
  const Result result =
      Run({"calc", "run", "--period", "2026-10", "--request-id", "calc-1", "--poll-interval", "0.001"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err,
            "load       50000/50000 transactions  0.250s\n"
            "classify   50000/50000 transactions  0.250s\n"
            "incentive  184/184 sellers  0.250s\n");
  EXPECT_EQ(result.out,
            "RUN                     STATE      TRANSACTIONS  STATEMENTS  PAYABLE_USD  ELAPSED  DIGEST\n"
            "periods/2026-10/runs/4  succeeded  50000         184         2061234.56   3.000s   9f2c\n");
  absl::MutexLock lock(&fake_.mu_);
  EXPECT_EQ(fake_.start_.period(), "2026-10");
  EXPECT_EQ(fake_.start_.request_id(), "calc-1");
  EXPECT_THAT(fake_.polled_names_, ElementsAre("periods/2026-10/runs/4", "periods/2026-10/runs/4"));
}

TEST_F(CalcCommandTest, AFailedRunExitsOneWithItsError) {
  v1::CalculationRun failed = Step(v1::CALCULATION_RUN_STATE_FAILED, 1, true);
  failed.set_error_message("FAILED_PRECONDITION: FX_RATE_MISSING: no rate EUR->USD for 2026-10");
  Script(failed);
  const Result result = Run({"calc", "run", "--period", "2026-10", "--poll-interval", "0.001"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.out, HasSubstr("periods/2026-10/runs/4  failed"));
  EXPECT_THAT(result.err, HasSubstr("error: ABORTED: periods/2026-10/runs/4 failed: FAILED_PRECONDITION: "
                                    "FX_RATE_MISSING: no rate EUR->USD for 2026-10\n"));
}

TEST_F(CalcCommandTest, NoWaitReturnsTheStartedRunWithoutPolling) {
  Script(Step(v1::CALCULATION_RUN_STATE_SUCCEEDED, 3, false));
  const Result result = Run({"calc", "run", "--period", "2026-10", "--no-wait", "-o", "json"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("\"state\": \"CALCULATION_RUN_STATE_RUNNING\""));
  EXPECT_THAT(result.err, HasSubstr("attainctl calc get periods/2026-10/runs/4"));
  absl::MutexLock lock(&fake_.mu_);
  EXPECT_TRUE(fake_.polled_names_.empty());
}

class FakeStatements final : public v1::StatementService::Service {
 public:
  grpc::Status ExportPayroll(grpc::ServerContext*, const v1::ExportPayrollRequest* request,
                             v1::ExportPayrollResponse* response) override {
    response->set_run("periods/" + request->period() + "/runs/4");
    v1::PayrollLine* line = response->add_lines();
    line->set_seller_id("rep-001");
    line->set_period(request->period());
    line->set_amount("12950.00");
    line->set_currency("USD");
    (*response->mutable_totals())["USD"] = "12950.00";
    return grpc::Status::OK;
  }
  grpc::Status CreateAdjustment(grpc::ServerContext*, const v1::CreateAdjustmentRequest* request,
                                v1::Adjustment* adjustment) override {
    absl::MutexLock lock(&mu_);
    create_ = *request;
    *adjustment = request->adjustment();
    adjustment->set_adjustment_id("adj-1");
    return grpc::Status::OK;
  }

  absl::Mutex mu_;
  v1::CreateAdjustmentRequest create_;
};

using StatementsCommandTest = FakeServerTest<FakeStatements>;

TEST_F(StatementsCommandTest, PayrollExportIsCsvUnlessAnotherFormatIsAsked) {
  Result result = Run({"payroll", "export", "--period", "2026-10"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "seller_id,period,amount,currency\nrep-001,2026-10,12950.00,USD\n");
  result = Run({"payroll", "export", "--period", "2026-10", "--format", "table"});
  EXPECT_EQ(result.out,
            "SELLER_ID  PERIOD   AMOUNT    CURRENCY\n"
            "rep-001    2026-10  12950.00  USD\n"
            "\n"
            "1 lines from periods/2026-10/runs/4\n"
            "total USD 12950.00\n");
}

TEST_F(StatementsCommandTest, AdjustmentCreateSendsTheKindAndDecimalTextAsGiven) {
  const Result result = Run({"adjustments", "create", "--seller", "rep-001", "--period", "2026-10", "--kind", "credit",
                             "--amount", "-1250.50", "--measure", "revenue", "--reason", "Split corrected"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.err, HasSubstr("attainctl calc run --period 2026-10"));
  absl::MutexLock lock(&fake_.mu_);
  const v1::Adjustment& sent = fake_.create_.adjustment();
  EXPECT_EQ(sent.kind(), v1::ADJUSTMENT_KIND_CREDIT);
  EXPECT_EQ(sent.amount(), "-1250.50");
  EXPECT_EQ(sent.measure_id(), "revenue");
  EXPECT_FALSE(fake_.create_.request_id().empty());
}

TEST_F(StatementsCommandTest, AnUnknownKindIsAUsageError) {
  const Result result = Run({"adjustments", "create", "--seller", "rep-001", "--period", "2026-10", "--kind", "bonus",
                             "--amount", "1", "--reason", "x"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("--kind"));
}

}  // namespace
}  // namespace attain::ctl

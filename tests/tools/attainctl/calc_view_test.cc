// Calculation runs for people and scripts: stage lines, the summary row, outcomes.
#include "tools/attainctl/calc_view.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace attain::ctl {
namespace {

namespace v1 = compensation::v1;
using testing::ElementsAre;

v1::StageProgress Stage(v1::CalculationStage stage, int64_t done, int64_t total, int64_t micros) {
  v1::StageProgress progress;
  progress.set_stage(stage);
  progress.set_items_done(done);
  progress.set_items_total(total);
  progress.set_elapsed_micros(micros);
  progress.set_done(micros > 0);
  return progress;
}

v1::CalculationRun MakeRun(v1::CalculationRunState state) {
  v1::CalculationRun run;
  run.set_name("periods/2026-10/runs/3");
  run.set_period("2026-10");
  run.set_state(state);
  run.mutable_create_time()->set_seconds(1793525400);
  return run;
}

TEST(StageLineTest, TransactionStagesCountTransactionsLaterOnesSellers) {
  EXPECT_EQ(StageLine(Stage(v1::CALCULATION_STAGE_CLASSIFY, 12000, 50000, 0)),
            "classify   12000/50000 transactions");
  EXPECT_EQ(StageLine(Stage(v1::CALCULATION_STAGE_INCENTIVE, 184, 184, 412000)),
            "incentive  184/184 sellers  0.412s");
}

TEST(RunSummaryTableTest, OnePayableColumnPerCurrencyInCodeOrder) {
  v1::CalculationRun run = MakeRun(v1::CALCULATION_RUN_STATE_SUCCEEDED);
  run.set_transaction_count(50000);
  run.set_statement_count(184);
  (*run.mutable_total_payable())["USD"] = "2061234.56";
  (*run.mutable_total_payable())["EUR"] = "1000.00";
  run.mutable_end_time()->set_seconds(1793525402);
  run.mutable_end_time()->set_nanos(500000000);
  run.set_results_digest("ab12");
  const Table table = RunSummaryTable(run, absl::FromUnixSeconds(1793529999));
  EXPECT_THAT(table.header, ElementsAre("run", "state", "transactions", "statements", "payable_EUR", "payable_USD",
                                        "elapsed", "digest"));
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_THAT(table.rows[0], ElementsAre("periods/2026-10/runs/3", "succeeded", "50000", "184", "1000.00",
                                         "2061234.56", "2.500s", "ab12"));
}

TEST(RunSummaryTableTest, ARunningRunsElapsedTimeRunsToNow) {
  const Table table = RunSummaryTable(MakeRun(v1::CALCULATION_RUN_STATE_RUNNING), absl::FromUnixSeconds(1793525407));
  EXPECT_EQ(table.rows[0][1], "running");
  EXPECT_EQ(table.rows[0][table.header.size() - 2], "7.000s");
}

TEST(RunOutcomeTest, OnlyFailedAndAbandonedRunsAreErrors) {
  EXPECT_TRUE(RunOutcome(MakeRun(v1::CALCULATION_RUN_STATE_SUCCEEDED)).ok());
  EXPECT_FALSE(RunFinished(MakeRun(v1::CALCULATION_RUN_STATE_QUEUED)));
  EXPECT_TRUE(RunFinished(MakeRun(v1::CALCULATION_RUN_STATE_ABANDONED)));
  v1::CalculationRun failed = MakeRun(v1::CALCULATION_RUN_STATE_FAILED);
  failed.set_error_message("FX_RATE_MISSING: no rate EUR->USD for 2026-10");
  const absl::Status status = RunOutcome(failed);
  EXPECT_EQ(status.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(status.message(), "periods/2026-10/runs/3 failed: FX_RATE_MISSING: no rate EUR->USD for 2026-10");
  EXPECT_EQ(RunOutcome(MakeRun(v1::CALCULATION_RUN_STATE_ABANDONED)).message(),
            "periods/2026-10/runs/3 was abandoned (the process running it stopped); nothing was published; "
            "start the period again");
}

}  // namespace
}  // namespace attain::ctl

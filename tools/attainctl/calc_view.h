#pragma once
// Calculation runs for people and scripts: the summary row, stage progress and the run list.
// Pure (the current time is a parameter), so it is tested without a server.

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "attain/compensation/v1/calculation.pb.h"
#include "tools/attainctl/output.h"

namespace attain::ctl {

// SUCCEEDED, FAILED or ABANDONED: polling can stop.
bool RunFinished(const compensation::v1::CalculationRun& run);
// OK unless the run FAILED (ABORTED with its error_message) or was ABANDONED (ABORTED saying
// to start the period again).
absl::Status RunOutcome(const compensation::v1::CalculationRun& run);

// "classify    12000/50000 transactions", then "  0.412s" once the stage is done.
std::string StageLine(const compensation::v1::StageProgress& stage);

// The run in one row: run, state, transactions, statements, one payable_<CURRENCY> column per
// currency (sorted), elapsed (to `now` while it runs), digest.
Table RunSummaryTable(const compensation::v1::CalculationRun& run, absl::Time now);
// One row per stage reached: stage, items_done, items_total, done, elapsed.
Table StagesTable(const compensation::v1::CalculationRun& run);
// The summary, then the stages and, for a failed run, its error (`calc get`).
std::string RunText(const compensation::v1::CalculationRun& run, absl::Time now);
// One row per run: run, state, stage, published, transactions, statements, created, elapsed.
Table RunsTable(const google::protobuf::RepeatedPtrField<compensation::v1::CalculationRun>& runs,
                absl::Time now);

}  // namespace attain::ctl

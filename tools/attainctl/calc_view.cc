#include "tools/attainctl/calc_view.h"

#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tools/attainctl/compensation_text.h"

namespace attain::ctl {
namespace {

namespace v1 = compensation::v1;

std::string StateLabel(const v1::CalculationRun& run) {
  return comp::Label(v1::CalculationRunState_Name(run.state()), "CALCULATION_RUN_STATE_");
}

std::string StageLabel(v1::CalculationStage stage) {
  return comp::Label(v1::CalculationStage_Name(stage), "CALCULATION_STAGE_");
}

std::string Elapsed(const v1::CalculationRun& run, absl::Time now) {
  if (!run.has_create_time()) return "";
  const absl::Time end = run.has_end_time() ? comp::ToTime(run.end_time()) : now;
  return comp::ElapsedText(end - comp::ToTime(run.create_time()));
}

}  // namespace

bool RunFinished(const v1::CalculationRun& run) {
  return run.state() == v1::CALCULATION_RUN_STATE_SUCCEEDED ||
         run.state() == v1::CALCULATION_RUN_STATE_FAILED ||
         run.state() == v1::CALCULATION_RUN_STATE_ABANDONED;
}

absl::Status RunOutcome(const v1::CalculationRun& run) {
  switch (run.state()) {
    case v1::CALCULATION_RUN_STATE_FAILED:
      return absl::AbortedError(absl::StrCat(run.name(), " failed: ",
                                             run.error_message().empty() ? "no reason given" : run.error_message()));
    case v1::CALCULATION_RUN_STATE_ABANDONED:
      return absl::AbortedError(absl::StrCat(run.name(), " was abandoned (the process running it stopped); ",
                                             "nothing was published; start the period again"));
    default:
      return absl::OkStatus();
  }
}

std::string StageLine(const v1::StageProgress& stage) {
  const bool sellers = stage.stage() == v1::CALCULATION_STAGE_INCENTIVE ||
                       stage.stage() == v1::CALCULATION_STAGE_RESULTS;
  std::string line = absl::StrFormat("%-10s %d/%d %s", StageLabel(stage.stage()), stage.items_done(),
                                     stage.items_total(), sellers ? "sellers" : "transactions");
  if (stage.done()) {
    absl::StrAppend(&line, "  ", comp::ElapsedText(absl::Microseconds(stage.elapsed_micros())));
  }
  return line;
}

Table RunSummaryTable(const v1::CalculationRun& run, absl::Time now) {
  Table table{{"run", "state", "transactions", "statements"}, {}};
  std::vector<std::string> row{run.name(), StateLabel(run), absl::StrCat(run.transaction_count()),
                               absl::StrCat(run.statement_count())};
  const std::map<std::string, std::string> payable(run.total_payable().begin(), run.total_payable().end());
  for (const auto& [currency, amount] : payable) {
    table.header.push_back(absl::StrCat("payable_", currency));
    row.push_back(amount);
  }
  table.header.insert(table.header.end(), {"elapsed", "digest"});
  row.push_back(Elapsed(run, now));
  row.push_back(run.results_digest());
  table.rows.push_back(std::move(row));
  return table;
}

Table StagesTable(const v1::CalculationRun& run) {
  Table table{{"stage", "items_done", "items_total", "done", "elapsed"}, {}};
  for (const v1::StageProgress& stage : run.stages()) {
    table.rows.push_back({StageLabel(stage.stage()), absl::StrCat(stage.items_done()),
                          absl::StrCat(stage.items_total()), stage.done() ? "yes" : "no",
                          stage.done() ? comp::ElapsedText(absl::Microseconds(stage.elapsed_micros())) : ""});
  }
  return table;
}

std::string RunText(const v1::CalculationRun& run, absl::Time now) {
  std::string text = RenderTable(RunSummaryTable(run, now));
  absl::StrAppend(&text, "\nperiod ", run.period(), ", started ", comp::TimeText(run.create_time()),
                  run.creator().empty() ? "" : " by " + run.creator(),
                  run.published() ? ", published" : ", not published", "\n");
  if (run.incremental()) {
    absl::StrAppend(&text, "incremental: ", run.recalculated_count(), " statements recalculated, ",
                    run.statement_count() - run.recalculated_count(), " carried from the kept run\n");
  } else if (run.incremental_requested() && !run.full_reason().empty()) {
    absl::StrAppend(&text, "calculated in full: ", run.full_reason(), "\n");
  }
  if (!run.stages().empty()) absl::StrAppend(&text, "\n", RenderTable(StagesTable(run)));
  if (!run.error_message().empty()) absl::StrAppend(&text, "\nerror: ", run.error_message(), "\n");
  return text;
}

Table RunsTable(const google::protobuf::RepeatedPtrField<v1::CalculationRun>& runs, absl::Time now) {
  Table table{{"run", "state", "stage", "published", "transactions", "statements", "created", "elapsed"}, {}};
  for (const v1::CalculationRun& run : runs) {
    table.rows.push_back({run.name(), StateLabel(run), StageLabel(run.stage()), run.published() ? "yes" : "no",
                          absl::StrCat(run.transaction_count()), absl::StrCat(run.statement_count()),
                          comp::TimeText(run.create_time()), Elapsed(run, now)});
  }
  return table;
}

}  // namespace attain::ctl

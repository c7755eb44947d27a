// calc run --period P [--incremental] | runs | get RUN (compensation's CalculationService). A run is long work:
// StartCalculationRun returns at once and `calc run` polls GetCalculationRun, showing the
// stages on stderr, until the run SUCCEEDED (exit 0), FAILED or was ABANDONED (exit 1).
// Interrupting the command stops the waiting, not the run.
#include <iostream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "attain/compensation/v1/calculation.grpc.pb.h"
#include "tools/attainctl/calc_view.h"
#include "tools/attainctl/calls.h"
#include "tools/attainctl/catalog_commands.h"
#include "tools/attainctl/compensation_commands.h"
#include "tools/attainctl/compensation_text.h"

namespace attain::ctl {
namespace {

namespace v1 = compensation::v1;
using Stub = v1::CalculationService::Stub;

// Writes one line per finished stage and, on a terminal, redraws the current stage in place.
class StageReporter {
 public:
  explicit StageReporter(bool live) : live_(live) {}

  void Show(const v1::CalculationRun& run) {
    for (; reported_ < run.stages_size() && run.stages(reported_).done(); ++reported_) {
      Clear();
      std::cerr << StageLine(run.stages(reported_)) << "\n";
    }
    if (live_ && reported_ < run.stages_size()) {
      Clear();
      const std::string line = StageLine(run.stages(reported_));
      std::cerr << line << std::flush;
      drawn_ = line.size();
    }
  }

  // Clears a line drawn in place.
  void Clear() {
    if (drawn_ == 0) return;
    std::cerr << "\r" << std::string(drawn_, ' ') << "\r";
    drawn_ = 0;
  }

 private:
  bool live_;
  int reported_ = 0;
  size_t drawn_ = 0;
};

absl::Status PrintSummary(const GlobalOptions& options, const v1::CalculationRun& run) {
  return Print(options.format, run, RunSummaryTable(run, absl::Now()), std::cout);
}

struct RunArgs {
  std::string period;
  std::string request_id;
  bool no_wait = false;
  bool incremental = false;
  absl::Duration poll_interval = absl::Milliseconds(200);
};

absl::Status RunCalculation(const GlobalOptions& options, const RunArgs& args) {
  absl::StatusOr<Connection> connection = Connect(options);
  if (!connection.ok()) return connection.status();
  const auto stub = v1::CalculationService::NewStub(connection->channel());
  v1::StartCalculationRunRequest start;
  start.set_period(args.period);
  start.set_request_id(args.request_id.empty() ? NewRequestId() : args.request_id);
  start.set_incremental(args.incremental);
  auto run = Call(*connection, *stub, &Stub::StartCalculationRun, start);
  if (!run.ok()) return run.status();
  if (args.no_wait) {
    if (auto printed = PrintSummary(options, *run); !printed.ok()) return printed;
    std::cerr << "started " << run->name() << "; follow it with: attainctl calc get " << run->name() << "\n";
    return absl::OkStatus();
  }
  StageReporter reporter(StderrIsTerminal());
  v1::GetCalculationRunRequest get;
  get.set_name(run->name());
  while (true) {
    reporter.Show(*run);
    if (RunFinished(*run)) break;
    absl::SleepFor(args.poll_interval);
    auto polled = Call(*connection, *stub, &Stub::GetCalculationRun, get);
    if (!polled.ok()) {
      reporter.Clear();
      return absl::Status(polled.status().code(),
                          absl::StrCat("waiting for ", get.name(), " (it goes on; see `attainctl calc get ",
                                       get.name(), "`): ", polled.status().message()));
    }
    run = *std::move(polled);
  }
  reporter.Clear();
  if (auto printed = PrintSummary(options, *run); !printed.ok()) return printed;
  return RunOutcome(*run);
}

void AddRun(CLI::App& calc, const GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* command = calc.add_subcommand(
      "run", "Calculate a period for every seller paid in it, wait for the run and print its summary");
  command->add_option("--period", args->period, "2026-10 (month), 2026-Q4 (fiscal quarter) or 2026 (fiscal year)")
      ->required();
  command->add_option("--request-id", args->request_id,
                      "Idempotency key: the same one returns the same run (default: a random UUID)");
  command->add_flag("--no-wait", args->no_wait, "Print the started run and return without waiting");
  command->add_flag("--incremental", args->incremental,
                    "Start from the period's last run kept by the service: read only the "
                    "transactions imported since and recalculate only the sellers they or their "
                    "other inputs changed (the whole period when planning, FX or plans changed)");
  command->add_option_function<std::string>(
      "--poll-interval",
      [args](const std::string& text) {
        absl::StatusOr<absl::Duration> interval = ParseDurationFlag(text);
        if (!interval.ok()) throw CLI::ValidationError("--poll-interval", std::string(interval.status().message()));
        args->poll_interval = *interval;
      },
      "How often to ask for progress (default 200ms)");
  SetAction(command, exit_code, [&options, args] { return RunCalculation(options, *args); });
}

void AddRuns(CLI::App& calc, const GlobalOptions& options, int& exit_code) {
  struct Args {
    v1::ListCalculationRunsRequest request;
    bool all = false;
  };
  auto args = std::make_shared<Args>();
  auto& r = args->request;
  CLI::App* command = calc.add_subcommand("runs", "List calculation runs, newest first");
  command->add_option_function<std::string>("--period", [&r](const std::string& v) { r.set_period(v); },
                                            "Only this period's runs");
  catalog::AddPaging(command, r, args->all);
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::CalculationService::NewStub(connection->channel());
    return PrintPages(
        options, args->request, args->all,
        [&](const v1::ListCalculationRunsRequest& request) {
          return Call(*connection, *stub, &Stub::ListCalculationRuns, request);
        },
        [](const v1::ListCalculationRunsResponse& listed) { return RunsTable(listed.runs(), absl::Now()); });
  });
}

void AddGet(CLI::App& calc, const GlobalOptions& options, int& exit_code) {
  auto name = std::make_shared<std::string>();
  CLI::App* command = calc.add_subcommand("get", "Show one run: summary, stages and any error");
  command->add_option("run", *name, "periods/2026-10/runs/3, or 2026-10/3")->required();
  SetAction(command, exit_code, [&options, name]() -> absl::Status {
    v1::GetCalculationRunRequest request;
    request.set_name(comp::RunName(*name));
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::CalculationService::NewStub(connection->channel());
    auto run = Call(*connection, *stub, &Stub::GetCalculationRun, request);
    if (!run.ok()) return run.status();
    const absl::Time now = absl::Now();
    return PrintReport(options, *run, RunText(*run, now), RunSummaryTable(*run, now));
  });
}

}  // namespace

void AddCalcCommands(CLI::App& root, const GlobalOptions& options, int& exit_code) {
  CLI::App* calc = root.add_subcommand("calc", "Calculation runs: calculate a period, follow and list runs");
  calc->require_subcommand(1);
  AddRun(*calc, options, exit_code);
  AddRuns(*calc, options, exit_code);
  AddGet(*calc, options, exit_code);
}

}  // namespace attain::ctl

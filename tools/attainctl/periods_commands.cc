// periods list | get P | approve P | lock P | reopen P --reason R (compensation's
// PeriodService). A period moves OPEN -> CALCULATED (a run published) -> APPROVED -> LOCKED;
// reopen takes an APPROVED period back to CALCULATED so it can be run again.
#include <iostream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "attain/compensation/v1/periods.grpc.pb.h"
#include "tools/attainctl/calls.h"
#include "tools/attainctl/catalog_commands.h"
#include "tools/attainctl/compensation_commands.h"
#include "tools/attainctl/compensation_text.h"

namespace attain::ctl {
namespace {

namespace v1 = compensation::v1;
using Stub = v1::PeriodService::Stub;

std::string StatusLabel(v1::PeriodStatus status) {
  std::string name = v1::PeriodStatus_Name(status);
  constexpr std::string_view kPrefix = "PERIOD_STATUS_";
  return name.rfind(kPrefix, 0) == 0 ? name.substr(kPrefix.size()) : name;
}

std::string PayableText(const v1::Period& period) {
  std::vector<std::string> parts;
  for (const auto& [currency, amount] : period.total_payable()) {
    parts.push_back(absl::StrCat(amount, " ", currency));
  }
  std::sort(parts.begin(), parts.end());
  return absl::StrJoin(parts, ", ");
}

Table PeriodsTable(const google::protobuf::RepeatedPtrField<v1::Period>& periods) {
  Table table{{"period", "status", "published run", "total payable"}, {}};
  for (const v1::Period& p : periods) {
    table.rows.push_back({p.period(), StatusLabel(p.status()), p.published_run(), PayableText(p)});
  }
  return table;
}

std::string PeriodText(const v1::Period& period) {
  std::string text = absl::StrCat("period ", period.period(), ": ", StatusLabel(period.status()), "\n");
  if (!period.published_run().empty()) {
    absl::StrAppend(&text, "published run: ", period.published_run(), "\n");
    absl::StrAppend(&text, "total payable: ", PayableText(period), "\n");
  }
  if (period.history_size() > 0) {
    Table history{{"time", "from", "to", "by", "run", "reason"}, {}};
    for (const v1::PeriodTransition& t : period.history()) {
      history.rows.push_back({comp::TimeText(t.time()), StatusLabel(t.from_status()),
                              StatusLabel(t.to_status()), t.actor(), t.run(), t.reason()});
    }
    absl::StrAppend(&text, "\n", RenderTable(history));
  }
  return text;
}

Table PeriodTable(const v1::Period& period) {
  google::protobuf::RepeatedPtrField<v1::Period> one;
  *one.Add() = period;
  return PeriodsTable(one);
}

absl::StatusOr<Connection> ConnectedStub(const GlobalOptions& options, std::unique_ptr<Stub>* stub) {
  absl::StatusOr<Connection> connection = Connect(options);
  if (connection.ok()) *stub = v1::PeriodService::NewStub(connection->channel());
  return connection;
}

void AddList(CLI::App& periods, const GlobalOptions& options, int& exit_code) {
  struct Args {
    v1::ListPeriodsRequest request;
    bool all = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = periods.add_subcommand("list", "List the periods with a published run and their status");
  catalog::AddPaging(command, args->request, args->all);
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    std::unique_ptr<Stub> stub;
    auto connection = ConnectedStub(options, &stub);
    if (!connection.ok()) return connection.status();
    return PrintPages(
        options, args->request, args->all,
        [&](const v1::ListPeriodsRequest& request) {
          return Call(*connection, *stub, &Stub::ListPeriods, request);
        },
        [](const v1::ListPeriodsResponse& listed) { return PeriodsTable(listed.periods()); });
  });
}

void AddGet(CLI::App& periods, const GlobalOptions& options, int& exit_code) {
  auto period = std::make_shared<std::string>();
  CLI::App* command = periods.add_subcommand("get", "Show a period: status, published run, totals and history");
  command->add_option("period", *period, "2026-10, 2026-Q4 or 2026")->required();
  SetAction(command, exit_code, [&options, period]() -> absl::Status {
    std::unique_ptr<Stub> stub;
    auto connection = ConnectedStub(options, &stub);
    if (!connection.ok()) return connection.status();
    v1::GetPeriodRequest request;
    request.set_period(*period);
    auto got = Call(*connection, *stub, &Stub::GetPeriod, request);
    if (!got.ok()) return got.status();
    return PrintReport(options, *got, PeriodText(*got), PeriodTable(*got));
  });
}

// approve | lock | reopen: one TransitionPeriod call each.
void AddMove(CLI::App& periods, const GlobalOptions& options, int& exit_code, const std::string& name,
             const std::string& description, v1::PeriodStatus target, bool reason_required) {
  auto request = std::make_shared<v1::TransitionPeriodRequest>();
  request->set_target_status(target);
  CLI::App* command = periods.add_subcommand(name, description);
  command->add_option_function<std::string>(
      "period", [request](const std::string& v) { request->set_period(v); }, "2026-10, 2026-Q4 or 2026")
      ->required();
  auto* reason = command->add_option_function<std::string>(
      "--reason", [request](const std::string& v) { request->set_reason(v); }, "Why (kept in the history)");
  if (reason_required) reason->required();
  command->add_option_function<std::string>(
      "--request-id", [request](const std::string& v) { request->set_request_id(v); },
      "Idempotency key (default: a random UUID)");
  SetAction(command, exit_code, [&options, request]() -> absl::Status {
    std::unique_ptr<Stub> stub;
    auto connection = ConnectedStub(options, &stub);
    if (!connection.ok()) return connection.status();
    v1::TransitionPeriodRequest sent = *request;
    if (sent.request_id().empty()) sent.set_request_id(NewRequestId());
    auto moved = Call(*connection, *stub, &Stub::TransitionPeriod, sent);
    if (!moved.ok()) return moved.status();
    return PrintReport(options, *moved, PeriodText(*moved), PeriodTable(*moved));
  });
}

}  // namespace

void AddPeriodCommands(CLI::App& root, const GlobalOptions& options, int& exit_code) {
  CLI::App* periods = root.add_subcommand("periods", "Period lifecycle: status, approve, lock (paid), reopen");
  periods->require_subcommand(1);
  AddList(*periods, options, exit_code);
  AddGet(*periods, options, exit_code);
  AddMove(*periods, options, exit_code, "approve", "Approve a CALCULATED period's published results",
          v1::PERIOD_STATUS_APPROVED, false);
  AddMove(*periods, options, exit_code, "lock",
          "Lock an APPROVED period (paid): its results never change again", v1::PERIOD_STATUS_LOCKED, false);
  AddMove(*periods, options, exit_code, "reopen", "Take an APPROVED period back to CALCULATED",
          v1::PERIOD_STATUS_CALCULATED, true);
}

}  // namespace attain::ctl

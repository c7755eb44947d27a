#pragma once
// The planning commands beyond the territory tree, and the few helpers their files share:
//   quotas allocate|get|list|submit|approve|activate|bottom-up|reconcile|sellers  (quota_commands.cc)
//   capacity, forecast                                          (capacity_forecast_commands.cc)
//   scenarios balance|get|list|diff|delete|promote              (scenario_commands.cc)
//   balance, the same as `scenarios balance`                    (scenario_commands.cc)
//   scenarios plan|territories|put-territory|delete-territory|sellers|revise-quota
//                                                               (plan_scenario_commands.cc)

#include <algorithm>
#include <iostream>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <google/protobuf/message.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "attain/planning/v1/quotas.grpc.pb.h"
#include "tools/attainctl/calls.h"
#include "tools/attainctl/cli.h"
#include "tools/attainctl/output.h"

namespace attain::ctl {

void AddQuotaCommands(CLI::App& root, const GlobalOptions& options, int& exit_code);
void AddCapacityCommand(CLI::App& root, const GlobalOptions& options, int& exit_code);
void AddForecastCommand(CLI::App& root, const GlobalOptions& options, int& exit_code);
void AddScenarioCommands(CLI::App& root, const GlobalOptions& options, int& exit_code);
// `balance` under `parent`: both `scenarios balance` and the top-level `balance` shortcut.
void AddBalanceCommand(CLI::App& parent, const GlobalOptions& options, int& exit_code);

namespace planning_cli {

// The shared helpers (calls.h), under the names these files have always used.
using ctl::Call;
using ctl::EnumLabel;
using ctl::FetchPages;
using ctl::FractionToPercent;
using ctl::NoteMorePages;
using ctl::PrintReport;
using ctl::ShiftPoint;

// "quotaPlans/<id>"; accepts an id, a plan name or a version name.
inline std::string QuotaPlanName(absl::string_view plan) {
  absl::ConsumePrefix(&plan, "quotaPlans/");
  return absl::StrCat("quotaPlans/", plan.substr(0, plan.find('/')));
}

// "quotaPlans/<id>/versions/<version>" when `version` is positive, else the plan's name (which
// the Get methods read as its latest version).
inline std::string PlanOrVersionName(absl::string_view plan, int version) {
  return version > 0 ? absl::StrCat(QuotaPlanName(plan), "/versions/", version) : QuotaPlanName(plan);
}

// The version name of `plan`: version `version` when positive, else the plan's latest version
// (read with GetQuotaPlan).
inline absl::StatusOr<std::string> QuotaVersionName(const Connection& connection,
                                                    absl::string_view plan, int version) {
  if (version > 0) return PlanOrVersionName(plan, version);
  planning::v1::GetQuotaPlanRequest request;
  request.set_name(QuotaPlanName(plan));
  const auto stub = planning::v1::QuotaService::NewStub(connection.channel());
  auto got = Call(connection, *stub, &planning::v1::QuotaService::Stub::GetQuotaPlan, request);
  if (!got.ok()) return got.status();
  if (got->versions().empty()) return absl::NotFoundError(absl::StrCat(request.name(), " has no versions"));
  const auto latest = std::max_element(
      got->versions().begin(), got->versions().end(),
      [](const auto& a, const auto& b) { return a.version() < b.version(); });
  return latest->name();
}

}  // namespace planning_cli
}  // namespace attain::ctl

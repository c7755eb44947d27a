#pragma once
// What the scenario command files share (registration is in planning_commands.h):
//   scenario_commands.cc       balance | get | list | diff | delete | promote, for every kind
//   plan_scenario_commands.cc  plan | territories | put-territory | delete-territory | sellers |
//                              revise-quota, which create and edit PLAN scenarios

#include <CLI/CLI.hpp>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "attain/planning/v1/scenarios.pb.h"
#include "tools/attainctl/cli.h"

namespace attain::ctl::scenario_cli {

// "scenarios/<id>"; accepts either form.
std::string ScenarioName(absl::string_view id_or_name);

// json: the scenario; csv: its per-territory totals (BALANCING) or its plan in one row (PLAN);
// table: a report for people.
absl::Status PrintScenario(const GlobalOptions& options, const planning::v1::Scenario& scenario);

// The PLAN scenario subcommands, under `scenarios` (plan_scenario_commands.cc).
void AddPlanScenarioCommands(CLI::App& scenarios, const GlobalOptions& options, int& exit_code);

}  // namespace attain::ctl::scenario_cli

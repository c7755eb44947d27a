// scenarios balance | get | list | diff | delete | promote: balancing proposals for one
// parent's child territories, kept apart from live data until promoted.
#include <map>
#include <memory>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "attain/planning/v1/scenarios.grpc.pb.h"
#include "tools/attainctl/catalog_commands.h"
#include "tools/attainctl/planning_commands.h"

namespace attain::ctl {
namespace {

namespace v1 = planning::v1;
using planning_cli::Call;
using planning_cli::EnumLabel;
using Stub = v1::ScenarioService::Stub;

// "scenarios/<id>"; accepts either form.
std::string ScenarioName(const std::string& id_or_name) {
  return absl::StartsWith(id_or_name, "scenarios/") ? id_or_name : "scenarios/" + id_or_name;
}

std::string YesNo(bool value) { return value ? "yes" : "no"; }

// One row per child territory: accounts, potential and workload before and after.
Table TerritoriesTable(const v1::Scenario& scenario) {
  Table table{{"territory", "accounts_before", "accounts_after", "potential_before", "potential_after",
               "workload_before", "workload_after"}, {}};
  std::map<std::string, const v1::TerritoryLoad*> before, after;
  for (const v1::TerritoryLoad& load : scenario.before().territories()) before[load.territory_id()] = &load;
  for (const v1::TerritoryLoad& load : scenario.after().territories()) after[load.territory_id()] = &load;
  const v1::TerritoryLoad none;
  for (const std::string& id : scenario.territory_ids()) {
    const v1::TerritoryLoad& b = before.count(id) ? *before[id] : none;
    const v1::TerritoryLoad& a = after.count(id) ? *after[id] : none;
    table.rows.push_back({id, std::to_string(b.account_count()), std::to_string(a.account_count()),
                          b.potential(), a.potential(), b.workload(), a.workload()});
  }
  return table;
}

Table MetricsTable(const v1::BalanceMetrics& before, const v1::BalanceMetrics& after) {
  return Table{{"metric", "before", "after"},
               {{"potential_cv", before.potential_cv(), after.potential_cv()},
                {"workload_cv", before.workload_cv(), after.workload_cv()},
                {"potential_max_min_ratio", before.potential_max_min_ratio(), after.potential_max_min_ratio()},
                {"max_potential_deviation", before.max_potential_deviation(), after.max_potential_deviation()},
                {"potential_within_band", YesNo(before.potential_within_band()),
                 YesNo(after.potential_within_band())},
                {"workload_within_band", YesNo(before.workload_within_band()), YesNo(after.workload_within_band())},
                {"accounts_moved", std::to_string(before.accounts_moved()), std::to_string(after.accounts_moved())},
                {"moved_percent", before.moved_percent(), after.moved_percent()}}};
}

// The scenario for people: what was balanced, whether the band was reached, the metrics before
// and after, and the per-territory totals.
std::string ScenarioText(const v1::Scenario& s) {
  std::string out = absl::StrCat(
      s.name(), s.display_name().empty() ? "" : "  ", s.display_name(), " (", EnumLabel(v1::ScenarioState_Name(s.state()), "SCENARIO_STATE_"),
      ")\nparent ", s.parent_territory_id(), " (",
      EnumLabel(v1::TerritoryType_Name(s.territory_type()), "TERRITORY_TYPE_"), "), as of ", s.as_of(),
      ", assignment from ", EnumLabel(v1::AssignmentSource_Name(s.assignment_source()), "ASSIGNMENT_SOURCE_"),
      "\n", s.account_count(), " accounts (", s.locked_account_count(), " locked), tolerance ",
      s.tolerance_percent(), " %, workload weight ", s.workload_weight(), "\npotential band ",
      s.potential_band().lower(), "..", s.potential_band().upper());
  if (s.has_workload_band()) {
    absl::StrAppend(&out, ", workload band ", s.workload_band().lower(), "..", s.workload_band().upper());
  }
  if (s.target_reached()) {
    absl::StrAppend(&out, "\ntarget reached");
  } else {
    absl::StrAppend(&out, "\ntarget not reached: ",
                    EnumLabel(v1::BalanceShortfall_Name(s.shortfall()), "BALANCE_SHORTFALL_"));
    if (!s.shortfall_reason().empty()) absl::StrAppend(&out, ": ", s.shortfall_reason());
  }
  if (!s.promoted_effective_from().empty()) {
    absl::StrAppend(&out, "\npromoted from ", s.promoted_effective_from());
  }
  return absl::StrCat(out, "\n\n", RenderTable(MetricsTable(s.before(), s.after())), "\n",
                      RenderTable(TerritoriesTable(s)));
}

Table AccountsTable(const google::protobuf::RepeatedPtrField<v1::ScenarioAccount>& accounts,
                    const std::string& from_header) {
  Table table{{"account", from_header, "to", "potential", "workload", "locked", "moved"}, {}};
  for (const v1::ScenarioAccount& a : accounts) {
    table.rows.push_back({a.account_id(), a.from_territory_id(), a.to_territory_id(), a.potential(),
                          a.workload(), YesNo(a.locked()), YesNo(a.moved())});
  }
  return table;
}

// json: the scenario; csv: its per-territory totals; table: ScenarioText.
absl::Status PrintScenario(const GlobalOptions& options, const v1::Scenario& scenario) {
  return planning_cli::PrintReport(options, scenario, ScenarioText(scenario), TerritoriesTable(scenario));
}

void AddBalance(CLI::App& scenarios, const GlobalOptions& options, int& exit_code) {
  auto request = std::make_shared<v1::ProposeBalancingRequest>();
  auto& r = *request;
  CLI::App* command = scenarios.add_subcommand(
      "balance", "Propose a balanced re-assignment of the accounts of a parent's child territories");
  command->add_option_function<std::string>("--parent", [&r](const std::string& v) { r.set_parent_territory_id(v); },
                                            "Parent territory id")->required();
  command->add_option_function<std::string>("--as-of", [&r](const std::string& v) { r.set_as_of(v); },
                                            "Date whose assignment is rebalanced (default today)");
  command->add_option_function<std::string>("--tolerance", [&r](const std::string& v) { r.set_tolerance_percent(v); },
                                            "Allowed deviation from the mean in percent, 0 < t < 100 (default 5)");
  command->add_option_function<std::string>("--workload-weight", [&r](const std::string& v) { r.set_workload_weight(v); },
                                            "0 balances potential only (default); up to 1 also workload");
  command->add_option_function<std::string>("--name", [&r](const std::string& v) { r.set_display_name(v); },
                                            "Display name (default \"Balance <parent> as of <date>\")");
  command->add_option_function<std::string>("--request-id", [&r](const std::string& v) { r.set_request_id(v); },
                                            "Idempotency key (default: a random UUID)");
  SetAction(command, exit_code, [&options, request]() -> absl::Status {
    v1::ProposeBalancingRequest sent = *request;
    if (sent.request_id().empty()) sent.set_request_id(NewRequestId());
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::ScenarioService::NewStub(connection->channel());
    auto proposed = Call(*connection, *stub, &Stub::ProposeBalancing, sent);
    if (!proposed.ok()) return proposed.status();
    return PrintScenario(options, *proposed);
  });
}

void AddGet(CLI::App& scenarios, const GlobalOptions& options, int& exit_code) {
  struct Args {
    v1::GetScenarioRequest request;
    bool accounts = false;
    bool all = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = scenarios.add_subcommand("get", "Show a scenario (and with --accounts, its accounts)");
  command->add_option_function<std::string>(
      "scenario", [args](const std::string& v) { args->request.set_name(ScenarioName(v)); }, "Scenario id or name")
      ->required();
  command->add_flag("--accounts", args->accounts, "Also list the scenario's accounts (csv: only them)");
  catalog::AddPaging(command, args->request, args->all);
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::ScenarioService::NewStub(connection->channel());
    auto got = planning_cli::FetchPages(args->request, args->accounts && args->all,
                                        [&](const v1::GetScenarioRequest& request) {
                                          return Call(*connection, *stub, &Stub::GetScenario, request);
                                        });
    if (!got.ok()) return got.status();
    if (!args->accounts) return PrintScenario(options, got->scenario());
    const Table accounts = AccountsTable(got->accounts(), "from");
    if (auto printed = planning_cli::PrintReport(
            options, *got, absl::StrCat(ScenarioText(got->scenario()), "\n", RenderTable(accounts)), accounts);
        !printed.ok()) {
      return printed;
    }
    planning_cli::NoteMorePages(options, got->next_page_token());
    return absl::OkStatus();
  });
}

void AddList(CLI::App& scenarios, const GlobalOptions& options, int& exit_code) {
  struct Args {
    v1::ListScenariosRequest request;
    bool all = false;
  };
  auto args = std::make_shared<Args>();
  auto& r = args->request;
  CLI::App* command = scenarios.add_subcommand("list", "List scenarios");
  command->add_option_function<v1::ScenarioState>("--state", [&r](v1::ScenarioState v) { r.set_state(v); },
                                                  "draft or promoted")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, v1::ScenarioState>{{"draft", v1::SCENARIO_STATE_DRAFT},
                                                   {"promoted", v1::SCENARIO_STATE_PROMOTED}},
          CLI::ignore_case));
  command->add_option_function<std::string>("--parent", [&r](const std::string& v) { r.set_parent_territory_id(v); },
                                            "Only scenarios of this parent territory");
  catalog::AddPaging(command, r, args->all);
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::ScenarioService::NewStub(connection->channel());
    auto listed = planning_cli::FetchPages(args->request, args->all, [&](const v1::ListScenariosRequest& request) {
      return Call(*connection, *stub, &Stub::ListScenarios, request);
    });
    if (!listed.ok()) return listed.status();
    Table table{{"scenario_id", "display_name", "state", "parent", "as_of", "accounts", "moved_percent",
                 "target_reached"}, {}};
    for (const v1::Scenario& s : listed->scenarios()) {
      table.rows.push_back({s.scenario_id(), s.display_name(),
                            EnumLabel(v1::ScenarioState_Name(s.state()), "SCENARIO_STATE_"),
                            s.parent_territory_id(), s.as_of(), std::to_string(s.account_count()),
                            s.after().moved_percent(), YesNo(s.target_reached())});
    }
    if (auto printed = Print(options.format, *listed, table, std::cout); !printed.ok()) return printed;
    planning_cli::NoteMorePages(options, listed->next_page_token());
    return absl::OkStatus();
  });
}

void AddDiff(CLI::App& scenarios, const GlobalOptions& options, int& exit_code) {
  struct Args {
    v1::DiffScenarioRequest request;
    bool all = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command =
      scenarios.add_subcommand("diff", "The accounts the scenario would move, against the live assignment");
  command->add_option_function<std::string>(
      "scenario", [args](const std::string& v) { args->request.set_name(ScenarioName(v)); }, "Scenario id or name")
      ->required();
  catalog::AddPaging(command, args->request, args->all);
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::ScenarioService::NewStub(connection->channel());
    auto diff = planning_cli::FetchPages(args->request, args->all, [&](const v1::DiffScenarioRequest& request) {
      return Call(*connection, *stub, &Stub::DiffScenario, request);
    });
    if (!diff.ok()) return diff.status();
    if (auto printed = Print(options.format, *diff, AccountsTable(diff->moved(), "live"), std::cout);
        !printed.ok()) {
      return printed;
    }
    planning_cli::NoteMorePages(options, diff->next_page_token());
    return absl::OkStatus();
  });
}

void AddDelete(CLI::App& scenarios, const GlobalOptions& options, int& exit_code) {
  auto request = std::make_shared<v1::DeleteScenarioRequest>();
  CLI::App* command = scenarios.add_subcommand("delete", "Delete a draft scenario");
  command->add_option_function<std::string>(
      "scenario", [request](const std::string& v) { request->set_name(ScenarioName(v)); }, "Scenario id or name")
      ->required();
  command->add_option_function<std::string>(
      "--request-id", [request](const std::string& v) { request->set_request_id(v); },
      "Idempotency key (default: a random UUID)");
  SetAction(command, exit_code, [&options, request]() -> absl::Status {
    v1::DeleteScenarioRequest sent = *request;
    if (sent.request_id().empty()) sent.set_request_id(NewRequestId());
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::ScenarioService::NewStub(connection->channel());
    if (auto deleted = Call(*connection, *stub, &Stub::DeleteScenario, sent); !deleted.ok()) {
      return deleted.status();
    }
    std::cout << "deleted " << sent.name() << "\n";
    return absl::OkStatus();
  });
}

void AddPromote(CLI::App& scenarios, const GlobalOptions& options, int& exit_code) {
  auto request = std::make_shared<v1::PromoteScenarioRequest>();
  CLI::App* command = scenarios.add_subcommand(
      "promote", "Write a draft scenario's moves into new territory versions from a date");
  command->add_option_function<std::string>(
      "scenario", [request](const std::string& v) { request->set_name(ScenarioName(v)); }, "Scenario id or name")
      ->required();
  command->add_option_function<std::string>(
      "--effective-from", [request](const std::string& v) { request->set_effective_from(v); },
      "First day of the new territory versions, YYYY-MM-DD (not before the scenario's as-of)")
      ->required();
  command->add_option_function<std::string>(
      "--request-id", [request](const std::string& v) { request->set_request_id(v); },
      "Idempotency key (default: a random UUID)");
  SetAction(command, exit_code, [&options, request]() -> absl::Status {
    v1::PromoteScenarioRequest sent = *request;
    if (sent.request_id().empty()) sent.set_request_id(NewRequestId());
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::ScenarioService::NewStub(connection->channel());
    auto promoted = Call(*connection, *stub, &Stub::PromoteScenario, sent);
    if (!promoted.ok()) return promoted.status();
    return PrintScenario(options, *promoted);
  });
}

}  // namespace

void AddScenarioCommands(CLI::App& root, const GlobalOptions& options, int& exit_code) {
  CLI::App* scenarios = root.add_subcommand("scenarios", "Balancing scenarios: propose, compare, promote");
  scenarios->require_subcommand(1);
  AddBalance(*scenarios, options, exit_code);
  AddGet(*scenarios, options, exit_code);
  AddList(*scenarios, options, exit_code);
  AddDiff(*scenarios, options, exit_code);
  AddDelete(*scenarios, options, exit_code);
  AddPromote(*scenarios, options, exit_code);
}

}  // namespace attain::ctl

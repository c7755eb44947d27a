// scenarios balance | get | list | diff | delete | promote (and the top-level `balance`):
// balancing proposals for one parent's child territories, and what every kind of scenario
// shares, kept apart from live data until promoted. PLAN scenarios are created and edited by
// plan_scenario_commands.cc.
#include <map>
#include <memory>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "attain/planning/v1/scenarios.grpc.pb.h"
#include "tools/attainctl/catalog_commands.h"
#include "tools/attainctl/planning_commands.h"
#include "tools/attainctl/scenario_commands.h"

namespace attain::ctl {

namespace scenario_cli {

std::string ScenarioName(absl::string_view id_or_name) {
  return absl::StartsWith(id_or_name, "scenarios/") ? std::string(id_or_name)
                                                    : absl::StrCat("scenarios/", id_or_name);
}

}  // namespace scenario_cli

namespace {

namespace v1 = planning::v1;
using planning_cli::Call;
using planning_cli::EnumLabel;
using scenario_cli::PrintScenario;
using scenario_cli::ScenarioName;
using Stub = v1::ScenarioService::Stub;

std::string YesNo(bool value) { return value ? "yes" : "no"; }

std::string StateLabel(v1::ScenarioState state) {
  return EnumLabel(v1::ScenarioState_Name(state), "SCENARIO_STATE_");
}

std::string TypeLabel(v1::TerritoryType type) { return EnumLabel(v1::TerritoryType_Name(type), "TERRITORY_TYPE_"); }

bool IsPlan(const v1::Scenario& scenario) { return scenario.kind() == v1::SCENARIO_KIND_PLAN; }

// "plan" or "balancing": scenarios stored before PLAN scenarios existed have no kind, and are
// balancing ones.
std::string KindLabel(const v1::Scenario& scenario) { return IsPlan(scenario) ? "plan" : "balancing"; }

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

// "scenarios/s1  Display name (draft)"
std::string Heading(const v1::Scenario& s) {
  return absl::StrCat(s.name(), s.display_name().empty() ? "" : "  ", s.display_name(), " (",
                      StateLabel(s.state()), ")");
}

// A PLAN scenario for people: what it copied and where its quota stands (its territories are
// what `scenarios territories` lists; balancing metrics do not apply to it).
std::string PlanText(const v1::Scenario& s) {
  const v1::PlanScenario& plan = s.plan();
  std::string out = absl::StrCat(Heading(s), "\nkind ", KindLabel(s), ", as of ", s.as_of(), ", ",
                                 plan.territory_count(), " territories");
  if (plan.quota_plan().empty()) {
    absl::StrAppend(&out, "\nno quota plan");
  } else {
    absl::StrAppend(&out, "\nquota plan ", plan.quota_plan(), ", live version ", plan.live_quota_version(),
                    ", reallocated ", YesNo(plan.quota_reallocated()));
  }
  if (!plan.promoted_quota_version().empty()) {
    absl::StrAppend(&out, "\npromoted quota version ", plan.promoted_quota_version());
  }
  return out + "\n";
}

// The plan fields of a PLAN scenario in one row, for csv.
Table PlanTable(const v1::Scenario& s) {
  const v1::PlanScenario& plan = s.plan();
  return Table{{"scenario_id", "display_name", "state", "kind", "as_of", "territories", "quota_plan",
                "live_quota_version", "quota_reallocated", "promoted_quota_version"},
               {{s.scenario_id(), s.display_name(), StateLabel(s.state()), KindLabel(s), s.as_of(),
                 std::to_string(plan.territory_count()), plan.quota_plan(), plan.live_quota_version(),
                 YesNo(plan.quota_reallocated()), plan.promoted_quota_version()}}};
}

// The scenario for people. BALANCING: what was balanced, whether the band was reached, the
// metrics before and after, and the per-territory totals; PLAN: PlanText.
std::string ScenarioText(const v1::Scenario& s) {
  if (IsPlan(s)) return PlanText(s);
  std::string out = absl::StrCat(
      Heading(s), "\nparent ", s.parent_territory_id(), " (", TypeLabel(s.territory_type()), "), as of ",
      s.as_of(), s.base_scenario().empty() ? "" : " in ", s.base_scenario(), ", assignment from ",
      EnumLabel(v1::AssignmentSource_Name(s.assignment_source()), "ASSIGNMENT_SOURCE_"),
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

// `with_type` adds the territory type after the account: a PLAN scenario's diff moves an
// account within each type, so one account may appear once per type.
Table AccountsTable(const google::protobuf::RepeatedPtrField<v1::ScenarioAccount>& accounts,
                    const std::string& from_header, bool with_type = false) {
  Table table{{"account", from_header, "to", "potential", "workload", "locked", "moved"}, {}};
  if (with_type) table.header.insert(table.header.begin() + 1, "type");
  for (const v1::ScenarioAccount& a : accounts) {
    std::vector<std::string> row{a.account_id(), a.from_territory_id(), a.to_territory_id(), a.potential(),
                                 a.workload(), YesNo(a.locked()), YesNo(a.moved())};
    if (with_type) row.insert(row.begin() + 1, TypeLabel(a.territory_type()));
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace

absl::Status scenario_cli::PrintScenario(const GlobalOptions& options, const v1::Scenario& scenario) {
  return planning_cli::PrintReport(options, scenario, ScenarioText(scenario),
                                   IsPlan(scenario) ? PlanTable(scenario) : TerritoriesTable(scenario));
}

void AddBalanceCommand(CLI::App& parent, const GlobalOptions& options, int& exit_code) {
  auto request = std::make_shared<v1::ProposeBalancingRequest>();
  auto& r = *request;
  CLI::App* command = parent.add_subcommand(
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
  command->add_option_function<std::string>(
      "--scenario", [&r](const std::string& v) { r.set_scenario(ScenarioName(v)); },
      "PLAN scenario whose territories are balanced instead of the live ones (promotion then "
      "writes into it)");
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

namespace {

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
    Table table{{"scenario_id", "display_name", "kind", "state", "parent", "as_of", "accounts",
                 "moved_percent", "target_reached"}, {}};
    for (const v1::Scenario& s : listed->scenarios()) {
      // The balancing columns mean nothing for a PLAN scenario: left empty rather than "0"/"no".
      const bool plan = IsPlan(s);
      table.rows.push_back({s.scenario_id(), s.display_name(), KindLabel(s),
                            StateLabel(s.state()), s.parent_territory_id(), s.as_of(),
                            plan ? "" : std::to_string(s.account_count()), s.after().moved_percent(),
                            plan ? "" : YesNo(s.target_reached())});
    }
    if (auto printed = Print(options.format, *listed, table, std::cout); !printed.ok()) return printed;
    planning_cli::NoteMorePages(options, listed->next_page_token());
    return absl::OkStatus();
  });
}

// The kind of scenario `name`: a diff does not say, and a PLAN diff with no changes would pass
// for a balancing one.
absl::StatusOr<bool> IsPlanScenario(const Connection& connection, Stub& stub, const std::string& name) {
  v1::GetScenarioRequest request;
  request.set_name(name);
  request.set_page_size(1);  // only the scenario is wanted, not its accounts
  auto got = Call(connection, stub, &Stub::GetScenario, request);
  if (!got.ok()) return got.status();
  return IsPlan(got->scenario());
}

Table TerritoryChangesTable(const v1::DiffScenarioResponse& diff) {
  Table table{{"territory", "change", "definition", "coverage"}, {}};
  for (const v1::TerritoryChange& c : diff.territory_changes()) {
    table.rows.push_back({c.territory_id(), EnumLabel(v1::ChangeKind_Name(c.change()), "CHANGE_KIND_"),
                          YesNo(c.definition_changed()), YesNo(c.coverage_changed())});
  }
  return table;
}

// One row per territory (or seller) whose annual quota differs: `key` of the message, live,
// scenario and the difference.
template <typename Change>
Table QuotaChangesTable(const std::string& key_header, const google::protobuf::RepeatedPtrField<Change>& changes,
                        const std::string& (Change::*key)() const) {
  Table table{{key_header, "live", "scenario", "difference"}, {}};
  for (const Change& c : changes) {
    table.rows.push_back({(c.*key)(), c.live_annual(), c.scenario_annual(), c.difference()});
  }
  return table;
}

// `title` and the table, or "<title>: <none>" when the table has no rows; then a blank line.
std::string Section(const std::string& title, const Table& table, const std::string& none) {
  if (table.rows.empty()) return absl::StrCat(title, ": ", none, "\n\n");
  return absl::StrCat(title, "\n", RenderTable(table), "\n");
}

// A PLAN scenario's diff for people: changed territories, quotas by territory and by seller
// with the totals, then the moved accounts. The server sends the changes on the first page
// only, so a later page (`first_page` false) shows just its accounts.
std::string PlanDiffText(const v1::DiffScenarioResponse& diff, bool first_page) {
  std::string out;
  if (first_page) {
    out += Section("territory changes", TerritoryChangesTable(diff), "none");
    if (diff.live_quota_version().empty()) {
      out += "quota: the scenario has no quota plan\n\n";
    } else {
      out += Section("quota by territory",
                     QuotaChangesTable("territory", diff.quota_nodes(), &v1::QuotaNodeChange::territory_id),
                     "no differences");
      out += Section("quota by seller",
                     QuotaChangesTable("seller", diff.seller_quotas(), &v1::SellerQuotaChange::seller_id),
                     "no differences");
      absl::StrAppend(&out, "quota total: live ", diff.live_quota_total(), " (", diff.live_quota_version(),
                      "), scenario ", diff.scenario_quota_total(), "\n\n");
    }
  }
  return absl::StrCat(out, "moved accounts: ", diff.total_size(), "\n",
                      RenderTable(AccountsTable(diff.moved(), "live", /*with_type=*/true)));
}

void AddDiff(CLI::App& scenarios, const GlobalOptions& options, int& exit_code) {
  struct Args {
    v1::DiffScenarioRequest request;
    bool all = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = scenarios.add_subcommand(
      "diff", "What the scenario changes against live: the accounts it moves and, for a plan "
              "scenario, its territory and quota changes");
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
    bool plan = false;
    if (options.format != Format::kJson) {
      absl::StatusOr<bool> is_plan = IsPlanScenario(*connection, *stub, args->request.name());
      if (!is_plan.ok()) return is_plan.status();
      plan = *is_plan;
    }
    const Table accounts = AccountsTable(diff->moved(), "live", /*with_type=*/plan);
    const std::string text =
        plan ? PlanDiffText(*diff, args->request.page_token().empty()) : RenderTable(accounts);
    if (auto printed = planning_cli::PrintReport(options, *diff, text, accounts); !printed.ok()) return printed;
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
      "promote", "Write a draft scenario into live data: a balancing scenario's moves into new "
                 "territory versions from a date; a plan scenario's territories, coverage and quota");
  command->add_option_function<std::string>(
      "scenario", [request](const std::string& v) { request->set_name(ScenarioName(v)); }, "Scenario id or name")
      ->required();
  command->add_option_function<std::string>(
      "--effective-from", [request](const std::string& v) { request->set_effective_from(v); },
      "Balancing scenarios only: first day of the new territory versions, YYYY-MM-DD (not before "
      "the scenario's as-of); a plan scenario's versions carry their own dates");
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
  CLI::App* scenarios = root.add_subcommand(
      "scenarios", "Balancing and plan scenarios: propose or copy, edit, compare, promote");
  scenarios->require_subcommand(1);
  AddBalanceCommand(*scenarios, options, exit_code);
  AddGet(*scenarios, options, exit_code);
  AddList(*scenarios, options, exit_code);
  AddDiff(*scenarios, options, exit_code);
  AddDelete(*scenarios, options, exit_code);
  AddPromote(*scenarios, options, exit_code);
  scenario_cli::AddPlanScenarioCommands(*scenarios, options, exit_code);
}

}  // namespace attain::ctl

// scenarios plan | territories | put-territory | delete-territory | sellers | revise-quota:
// PLAN scenarios, copies of the live territories, their sellers and a quota plan that are
// edited with the live validations and then diffed and promoted by scenario_commands.cc.
// Territory and quota files are protobuf JSON, as `territories create` reads them; sellers are
// given as `territories sellers set` takes them.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "attain/planning/v1/scenarios.grpc.pb.h"
#include "tools/attainctl/catalog_commands.h"
#include "tools/attainctl/planning_commands.h"
#include "tools/attainctl/scenario_commands.h"
#include "tools/attainctl/territory_commands.h"
#include "tools/attainctl/territory_csv.h"
#include "tools/attainctl/territory_view.h"

namespace attain::ctl::scenario_cli {
namespace {

namespace v1 = planning::v1;
using planning_cli::Call;
using Stub = v1::ScenarioService::Stub;

// Connects and makes one ScenarioService call.
template <typename Request, typename Response>
absl::StatusOr<Response> CallScenarios(const GlobalOptions& options,
                                       grpc::Status (Stub::*method)(grpc::ClientContext*,
                                                                    const Request&, Response*),
                                       const Request& request) {
  absl::StatusOr<Connection> connection = Connect(options);
  if (!connection.ok()) return connection.status();
  const auto stub = v1::ScenarioService::NewStub(connection->channel());
  return Call(*connection, *stub, method, request);
}

void AddScenarioArgument(CLI::App* command, std::string& scenario) {
  command
      ->add_option_function<std::string>(
          "scenario", [&scenario](const std::string& v) { scenario = ScenarioName(v); },
          "Plan scenario id or name")
      ->required();
}

void AddRequestId(CLI::App* command, std::string& request_id) {
  command->add_option("--request-id", request_id, "Idempotency key (default: a random UUID)");
}

std::string RequestIdOrNew(const std::string& request_id) {
  return request_id.empty() ? NewRequestId() : request_id;
}

// The version that starts last: the one a plan is being edited towards. Null without versions.
const v1::TerritoryVersion* LatestVersion(const v1::Territory& territory) {
  const auto& versions = territory.versions();
  const auto latest =
      std::max_element(versions.begin(), versions.end(),
                       [](const v1::TerritoryVersion& a, const v1::TerritoryVersion& b) {
                         return a.effective_from() < b.effective_from();  // YYYY-MM-DD
                       });
  return latest == versions.end() ? nullptr : &*latest;
}

// "rep-1:60%, rep-9:100% overlay": every assignment, primary ones without a role.
std::string SellersCell(
    const google::protobuf::RepeatedPtrField<v1::SellerAssignment>& assignments) {
  std::vector<std::string> sellers;
  for (const v1::SellerAssignment& a : assignments) {
    sellers.push_back(absl::StrCat(a.seller_id(), ":", a.split_percent(), "%",
                                   a.role() == v1::SELLER_ROLE_OVERLAY ? " overlay" : ""));
  }
  return absl::StrJoin(sellers, ", ");
}

Table ScenarioTerritoriesTable(
    const google::protobuf::RepeatedPtrField<v1::ScenarioTerritory>& territories) {
  Table table{{"territory_id", "level", "type", "parent", "rules", "sellers"}, {}};
  for (const v1::ScenarioTerritory& t : territories) {
    const v1::TerritoryVersion* latest = LatestVersion(t.territory());
    table.rows.push_back(
        {t.territory().territory_id(), territory_csv::LevelName(t.territory().level()),
         territory_csv::TypeName(t.territory().type()), latest ? latest->parent_id() : "",
         absl::StrCat(latest ? latest->rules_size() : 0), SellersCell(t.seller_assignments())});
  }
  return table;
}

// json: the ScenarioTerritory; csv: the territory's rows in the territory import format;
// table: the territory as `territories get` shows it, then its sellers.
absl::Status PrintScenarioTerritory(const GlobalOptions& options,
                                    const v1::ScenarioTerritory& territory) {
  google::protobuf::RepeatedPtrField<v1::Territory> one;
  *one.Add() = territory.territory();
  const std::string sellers =
      territory.seller_assignments().empty()
          ? "\nsellers: none\n"
          : absl::StrCat("\nsellers:\n",
                         RenderTable(AssignmentsTable(territory.seller_assignments())));
  return planning_cli::PrintReport(options, territory,
                                   TerritoryDetail(territory.territory()) + sellers,
                                   TerritoriesTable(one, options.format));
}

void AddPlan(CLI::App& scenarios, const GlobalOptions& options, int& exit_code) {
  auto request = std::make_shared<v1::CreatePlanScenarioRequest>();
  auto& r = *request;
  CLI::App* command =
      scenarios.add_subcommand("plan",
                               "Create a plan scenario: a copy of every live territory, its "
                               "sellers and optionally a quota plan");
  command->add_option_function<std::string>(
      "--name", [&r](const std::string& v) { r.set_display_name(v); },
      "Display name (default \"Plan as of <date>\")");
  command->add_option_function<std::string>(
      "--as-of", [&r](const std::string& v) { r.set_as_of(v); },
      "Date the accounts are placed on for diffs, YYYY-MM-DD (default today)");
  command->add_option_function<std::string>(
      "--quota-plan",
      [&r](const std::string& v) { r.set_quota_plan(planning_cli::QuotaPlanName(v)); },
      "Quota plan to copy, id or quotaPlans/ID: its version active on --as-of, else its latest");
  command->add_option_function<std::string>(
      "--request-id", [&r](const std::string& v) { r.set_request_id(v); },
      "Idempotency key (default: a random UUID)");
  SetAction(command, exit_code, [&options, request]() -> absl::Status {
    v1::CreatePlanScenarioRequest sent = *request;
    sent.set_request_id(RequestIdOrNew(sent.request_id()));
    auto created = CallScenarios(options, &Stub::CreatePlanScenario, sent);
    if (!created.ok()) return created.status();
    return PrintScenario(options, *created);
  });
}

void AddTerritories(CLI::App& scenarios, const GlobalOptions& options, int& exit_code) {
  struct Args {
    v1::ListScenarioTerritoriesRequest request;
    bool all = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = scenarios.add_subcommand(
      "territories", "List a plan scenario's territories (their latest version) and sellers");
  command
      ->add_option_function<std::string>(
          "scenario", [args](const std::string& v) { args->request.set_name(ScenarioName(v)); },
          "Plan scenario id or name")
      ->required();
  catalog::AddPaging(command, args->request, args->all);
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::ScenarioService::NewStub(connection->channel());
    auto listed = planning_cli::FetchPages(
        args->request, args->all, [&](const v1::ListScenarioTerritoriesRequest& request) {
          return Call(*connection, *stub, &Stub::ListScenarioTerritories, request);
        });
    if (!listed.ok()) return listed.status();
    if (auto printed = Print(options.format, *listed,
                             ScenarioTerritoriesTable(listed->territories()), std::cout);
        !printed.ok()) {
      return printed;
    }
    planning_cli::NoteMorePages(options, listed->next_page_token());
    return absl::OkStatus();
  });
}

// `scenarios <name> SCENARIO FILE`: reads a `Body` message from FILE (protobuf JSON, - for
// stdin), puts it into a request with `place`, sends it with `rpc` and prints the reply.
template <typename Body, typename Request, typename Response, typename Place, typename Rpc, typename Show>
void AddFileCommand(CLI::App& scenarios, const GlobalOptions& options, int& exit_code, const char* name,
                    const char* help, const char* file_help, Place place, Rpc rpc, Show show) {
  struct Args {
    std::string scenario;
    std::string file;
    std::string request_id;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = scenarios.add_subcommand(name, help);
  AddScenarioArgument(command, args->scenario);
  command->add_option("file", args->file, file_help)->required();
  AddRequestId(command, args->request_id);
  SetAction(command, exit_code, [&options, args, place, rpc, show]() -> absl::Status {
    absl::StatusOr<Body> body = ReadJson<Body>(args->file);
    if (!body.ok()) return body.status();
    Request request;
    request.set_name(args->scenario);
    place(request, *std::move(body));
    request.set_request_id(RequestIdOrNew(args->request_id));
    absl::StatusOr<Response> reply = CallScenarios(options, rpc, request);
    if (!reply.ok()) return reply.status();
    return show(options, *reply);
  });
}

void AddPutTerritory(CLI::App& scenarios, const GlobalOptions& options, int& exit_code) {
  AddFileCommand<v1::Territory, v1::PutScenarioTerritoryRequest, v1::ScenarioTerritory>(
      scenarios, options, exit_code, "put-territory",
      "Create or replace one territory of a plan scenario (its sellers are kept)",
      "attain.planning.v1.Territory as protobuf JSON (- reads stdin), as `territories create` "
      "reads it",
      [](v1::PutScenarioTerritoryRequest& request, v1::Territory territory) {
        *request.mutable_territory() = std::move(territory);
      },
      &Stub::PutScenarioTerritory, PrintScenarioTerritory);
}

void AddDeleteTerritory(CLI::App& scenarios, const GlobalOptions& options, int& exit_code) {
  struct Args {
    std::string scenario;
    std::string territory;
    std::string request_id;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = scenarios.add_subcommand(
      "delete-territory",
      "Delete a territory from a plan scenario (no scenario territory may name it as parent)");
  AddScenarioArgument(command, args->scenario);
  command->add_option("territory", args->territory, "Territory id")->required();
  AddRequestId(command, args->request_id);
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    v1::DeleteScenarioTerritoryRequest request;
    request.set_name(args->scenario);
    request.set_territory_id(args->territory);
    request.set_request_id(RequestIdOrNew(args->request_id));
    if (auto deleted = CallScenarios(options, &Stub::DeleteScenarioTerritory, request);
        !deleted.ok()) {
      return deleted.status();
    }
    std::cout << "deleted territory " << request.territory_id() << " from " << request.name()
              << "\n";
    return absl::OkStatus();
  });
}

void AddSellers(CLI::App& scenarios, const GlobalOptions& options, int& exit_code) {
  struct Args {
    std::string scenario;
    std::string territory;
    SellerCoverageFlags coverage;
    std::string request_id;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command =
      scenarios.add_subcommand("sellers",
                               "Replace every seller assignment of a plan scenario's territory "
                               "(primary splits must total 100)");
  AddScenarioArgument(command, args->scenario);
  command->add_option("territory", args->territory, "Territory id")->required();
  AddSellerCoverageFlags(*command, args->coverage);
  AddRequestId(command, args->request_id);
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    v1::SetScenarioSellerAssignmentsRequest request;
    request.set_name(args->scenario);
    request.set_territory_id(args->territory);
    for (v1::SellerAssignment& assignment : CoverageAssignments(args->coverage, args->territory)) {
      *request.add_assignments() = std::move(assignment);
    }
    request.set_request_id(RequestIdOrNew(args->request_id));
    auto set = CallScenarios(options, &Stub::SetScenarioSellerAssignments, request);
    if (!set.ok()) return set.status();
    return Print(options.format, *set, AssignmentsTable(set->seller_assignments()), std::cout);
  });
}

void AddReviseQuota(CLI::App& scenarios, const GlobalOptions& options, int& exit_code) {
  AddFileCommand<v1::QuotaPlanSpec, v1::ReviseScenarioQuotaPlanRequest, v1::Scenario>(
      scenarios, options, exit_code, "revise-quota",
      "Replace a plan scenario's quota inputs; the quota is allocated anew over its territories",
      "attain.planning.v1.QuotaPlanSpec as protobuf JSON (- reads stdin), e.g. the edited "
      "plan.quota_spec of `scenarios get -o json`",
      [](v1::ReviseScenarioQuotaPlanRequest& request, v1::QuotaPlanSpec spec) {
        *request.mutable_spec() = std::move(spec);
      },
      &Stub::ReviseScenarioQuotaPlan, PrintScenario);
}

}  // namespace

void AddPlanScenarioCommands(CLI::App& scenarios, const GlobalOptions& options, int& exit_code) {
  AddPlan(scenarios, options, exit_code);
  AddTerritories(scenarios, options, exit_code);
  AddPutTerritory(scenarios, options, exit_code);
  AddDeleteTerritory(scenarios, options, exit_code);
  AddSellers(scenarios, options, exit_code);
  AddReviseQuota(scenarios, options, exit_code);
}

}  // namespace attain::ctl::scenario_cli

// territories create | get | list | update | delete | assign | explain, and `coverage`
// (import/export and the sellers subcommands live in their own files).
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "attain/planning/v1/territories.grpc.pb.h"
#include "tools/attainctl/catalog_commands.h"
#include "tools/attainctl/commands.h"
#include "tools/attainctl/territory_commands.h"
#include "tools/attainctl/territory_csv.h"
#include "tools/attainctl/territory_view.h"

namespace attain::ctl {
namespace {

namespace v1 = planning::v1;
using v1::TerritoryService;

// AssignAccounts and GetCoverage evaluate every account; they get at least this long.
constexpr absl::Duration kEvaluationTimeout = absl::Minutes(5);

absl::Status PrintTerritory(const GlobalOptions& options, const v1::Territory& territory) {
  if (options.format == Format::kTable) {
    std::cout << TerritoryDetail(territory) << std::flush;
    return std::cout ? absl::OkStatus() : absl::DataLossError("cannot write the output");
  }
  google::protobuf::RepeatedPtrField<v1::Territory> one;
  *one.Add() = territory;
  return Print(options.format, territory, TerritoriesTable(one, options.format), std::cout);
}

void AddCreate(CLI::App& group, const GlobalOptions& options, int& exit_code) {
  struct Args {
    std::string file;
    std::string request_id;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = group.add_subcommand("create", "Create a territory from a JSON file");
  command->add_option("--file,-f", args->file,
                      "attain.planning.v1.Territory as protobuf JSON (- reads stdin)")
      ->required();
  command->add_option("--request-id", args->request_id, "Idempotency key (default: a random UUID)");
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    absl::StatusOr<v1::Territory> territory = ReadJson<v1::Territory>(args->file);
    if (!territory.ok()) return territory.status();
    v1::CreateTerritoryRequest request;
    *request.mutable_territory() = *std::move(territory);
    request.set_request_id(args->request_id.empty() ? NewRequestId() : args->request_id);
    auto created = CallTerritories(options, &TerritoryService::Stub::CreateTerritory, request);
    if (!created.ok()) return created.status();
    return PrintTerritory(options, *created);
  });
}

void AddGet(CLI::App& group, const GlobalOptions& options, int& exit_code) {
  auto id = std::make_shared<std::string>();
  CLI::App* command = group.add_subcommand("get", "Show one territory, its versions and rules");
  command->add_option("id", *id, "Territory id")->required();
  SetAction(command, exit_code, [&options, id]() -> absl::Status {
    v1::GetTerritoryRequest request;
    request.set_name(TerritoryName(*id));
    auto territory = CallTerritories(options, &TerritoryService::Stub::GetTerritory, request);
    if (!territory.ok()) return territory.status();
    return PrintTerritory(options, *territory);
  });
}

void AddList(CLI::App& group, const GlobalOptions& options, int& exit_code) {
  struct Args {
    v1::ListTerritoriesRequest request;
    bool all = false;
  };
  auto args = std::make_shared<Args>();
  auto& r = args->request;
  CLI::App* command = group.add_subcommand("list", "List territories (one row per version)");
  command->add_option_function<std::string>(
      "--level",
      [&r](const std::string& v) {
        auto level = territory_csv::ParseLevel(v);
        if (!level) throw CLI::ValidationError("--level", "must be WORLD, REGION, DISTRICT or TERRITORY");
        r.set_level(*level);
      },
      "WORLD, REGION, DISTRICT or TERRITORY");
  command->add_option_function<std::string>(
      "--type",
      [&r](const std::string& v) {
        auto type = territory_csv::ParseType(v);
        if (!type) throw CLI::ValidationError("--type", "must be GEOGRAPHIC, NAMED_ACCOUNT or OVERLAY");
        r.set_type(*type);
      },
      "GEOGRAPHIC, NAMED_ACCOUNT or OVERLAY");
  catalog::AddPaging(command, r, args->all);
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    absl::StatusOr<v1::ListTerritoriesResponse> listed =
        ListTerritoryPages(*connection, args->request, args->all);
    if (!listed.ok()) return listed.status();
    if (auto s = Print(options.format, *listed, TerritoriesTable(listed->territories(), options.format),
                       std::cout);
        !s.ok()) {
      return s;
    }
    if (options.format != Format::kJson && !listed->next_page_token().empty()) {
      std::cerr << "more results: pass --all, or --page-token " << listed->next_page_token() << "\n";
    }
    return absl::OkStatus();
  });
}

void AddUpdate(CLI::App& group, const GlobalOptions& options, int& exit_code) {
  struct Args {
    std::string id;
    std::string file;
    std::vector<std::string> mask;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = group.add_subcommand(
      "update", "Replace a territory's display name and/or versions from a JSON file");
  command->add_option("id", args->id, "Territory id")->required();
  command->add_option("--file,-f", args->file,
                      "attain.planning.v1.Territory as protobuf JSON (- reads stdin); a revision "
                      "in it must match the stored one")
      ->required();
  command->add_option("--update-mask", args->mask,
                      "display_name and/or versions (default: those the file sets)")
      ->delimiter(',');
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    absl::StatusOr<v1::Territory> territory = ReadJson<v1::Territory>(args->file);
    if (!territory.ok()) return territory.status();
    v1::UpdateTerritoryRequest request;
    *request.mutable_territory() = *std::move(territory);
    request.mutable_territory()->set_name(TerritoryName(args->id));
    for (const std::string& path : args->mask) request.mutable_update_mask()->add_paths(path);
    if (args->mask.empty()) {
      if (!request.territory().display_name().empty()) request.mutable_update_mask()->add_paths("display_name");
      if (request.territory().versions_size() > 0) request.mutable_update_mask()->add_paths("versions");
    }
    if (request.update_mask().paths().empty()) {
      throw UsageError("territories update: the file sets neither display_name nor versions");
    }
    request.set_request_id(NewRequestId());
    auto updated = CallTerritories(options, &TerritoryService::Stub::UpdateTerritory, request);
    if (!updated.ok()) return updated.status();
    return PrintTerritory(options, *updated);
  });
}

void AddDelete(CLI::App& group, const GlobalOptions& options, int& exit_code) {
  auto id = std::make_shared<std::string>();
  CLI::App* command = group.add_subcommand("delete", "Delete a territory (it must have no children)");
  command->add_option("id", *id, "Territory id")->required();
  SetAction(command, exit_code, [&options, id]() -> absl::Status {
    v1::DeleteTerritoryRequest request;
    request.set_name(TerritoryName(*id));
    request.set_request_id(NewRequestId());
    auto deleted = CallTerritories(options, &TerritoryService::Stub::DeleteTerritory, request);
    if (!deleted.ok()) return deleted.status();
    std::cout << "deleted " << request.name() << "\n";
    return absl::OkStatus();
  });
}

void AddAssign(CLI::App& group, const GlobalOptions& options, int& exit_code) {
  auto request = std::make_shared<v1::AssignAccountsRequest>();
  CLI::App* command = group.add_subcommand(
      "assign", "Evaluate every rule for every account and store the assignment");
  command->add_option_function<std::string>(
      "--as-of", [request](const std::string& v) { request->set_as_of(v); },
      "Date (YYYY-MM-DD, default today)");
  SetAction(command, exit_code, [&options, request]() -> absl::Status {
    v1::AssignAccountsRequest call = *request;
    call.set_request_id(NewRequestId());
    auto response = CallTerritories(options, &TerritoryService::Stub::AssignAccounts, call,
                                    kEvaluationTimeout);
    if (!response.ok()) return response.status();
    return Print(options.format, *response, AssignResultTable(*response), std::cout);
  });
}

void AddExplain(CLI::App& group, const GlobalOptions& options, int& exit_code) {
  auto request = std::make_shared<v1::ExplainAssignmentRequest>();
  CLI::App* command = group.add_subcommand(
      "explain", "Every rule that matches an account, in precedence order, and why it won or lost");
  command->add_option_function<std::string>(
                "account", [request](const std::string& v) { request->set_account_id(v); }, "Account id")
      ->required();
  command->add_option_function<std::string>(
      "--as-of", [request](const std::string& v) { request->set_as_of(v); },
      "Date (YYYY-MM-DD, default today)");
  SetAction(command, exit_code, [&options, request]() -> absl::Status {
    auto response = CallTerritories(options, &TerritoryService::Stub::ExplainAssignment, *request);
    if (!response.ok()) return response.status();
    if (auto s = Print(options.format, *response, ExplainTable(*response), std::cout); !s.ok()) {
      return s;
    }
    if (options.format == Format::kTable && response->matches().empty()) {
      std::cerr << "no rule matches " << response->account_id() << " on " << response->as_of() << "\n";
    }
    return absl::OkStatus();
  });
}

}  // namespace

std::string TerritoryName(absl::string_view id_or_name) {
  return catalog::ResourceName("territories", std::string(id_or_name));
}

absl::StatusOr<v1::ListTerritoriesResponse> ListTerritoryPages(const Connection& connection,
                                                               v1::ListTerritoriesRequest request,
                                                               bool all) {
  const auto stub = TerritoryService::NewStub(connection.channel());
  v1::ListTerritoriesResponse merged;
  while (true) {
    v1::ListTerritoriesResponse page;
    const auto context = connection.NewContext();
    if (grpc::Status status = stub->ListTerritories(context.get(), request, &page); !status.ok()) {
      return FromCall(status);
    }
    merged.mutable_territories()->MergeFrom(page.territories());
    merged.set_next_page_token(page.next_page_token());
    merged.set_total_size(page.total_size());
    if (!all || page.next_page_token().empty()) break;
    request.set_page_token(page.next_page_token());
  }
  return merged;
}

void AddTerritoryCommands(CLI::App& root, const GlobalOptions& options, int& exit_code) {
  CLI::App* group = root.add_subcommand(
      "territories", "Manage territories, their rules and sellers, and assign accounts");
  group->require_subcommand(1);
  AddCreate(*group, options, exit_code);
  AddGet(*group, options, exit_code);
  AddList(*group, options, exit_code);
  AddUpdate(*group, options, exit_code);
  AddDelete(*group, options, exit_code);
  AddTerritoryImportCommand(*group, options, exit_code);
  AddTerritoryExportCommand(*group, options, exit_code);
  AddTerritorySellerCommands(*group, options, exit_code);
  AddAssign(*group, options, exit_code);
  AddExplain(*group, options, exit_code);
}

void AddCoverageCommand(CLI::App& root, const GlobalOptions& options, int& exit_code) {
  auto request = std::make_shared<v1::GetCoverageRequest>();
  CLI::App* command = root.add_subcommand(
      "coverage", "Territory coverage: unassigned accounts, uncovered territories, conflicts, seller load");
  command->add_option_function<std::string>(
      "--as-of", [request](const std::string& v) { request->set_as_of(v); },
      "Date (YYYY-MM-DD, default today)");
  command->add_option_function<int>(
             "--limit", [request](int v) { request->set_detail_limit(v); },
             "Detail rows of each kind (default 100)")
      ->check(CLI::PositiveNumber);
  SetAction(command, exit_code, [&options, request]() -> absl::Status {
    auto response = CallTerritories(options, &TerritoryService::Stub::GetCoverage, *request,
                                    kEvaluationTimeout);
    if (!response.ok()) return response.status();
    if (options.format == Format::kTable) {
      std::cout << CoverageText(*response) << std::flush;
      return std::cout ? absl::OkStatus() : absl::DataLossError("cannot write the output");
    }
    return Print(options.format, *response, CoverageTable(*response), std::cout);
  });
}

}  // namespace attain::ctl

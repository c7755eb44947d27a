// territories sellers set TERRITORY --seller S:PCT[:ROLE]... | list | import FILE.csv
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "attain/planning/v1/territories.grpc.pb.h"
#include "tools/attainctl/commands.h"
#include "tools/attainctl/territory_commands.h"
#include "tools/attainctl/territory_csv.h"
#include "tools/attainctl/territory_import.h"
#include "tools/attainctl/territory_view.h"

namespace attain::ctl {
namespace {

namespace v1 = planning::v1;

void AddSet(CLI::App& group, const GlobalOptions& options, int& exit_code) {
  struct Args {
    std::string territory;
    SellerCoverageFlags coverage;
    std::string request_id;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = group.add_subcommand(
      "set", "Replace every seller assignment of a territory (primary splits must total 100)");
  command->add_option("territory", args->territory, "Territory id")->required();
  AddSellerCoverageFlags(*command, args->coverage);
  command->add_option("--request-id", args->request_id, "Idempotency key (default: a random UUID)");
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    v1::SetSellerAssignmentsRequest request;
    request.set_territory_id(args->territory);
    for (v1::SellerAssignment& assignment : CoverageAssignments(args->coverage, args->territory)) {
      *request.add_assignments() = std::move(assignment);
    }
    request.set_request_id(args->request_id.empty() ? NewRequestId() : args->request_id);
    auto response =
        CallTerritories(options, &v1::TerritoryService::Stub::SetSellerAssignments, request);
    if (!response.ok()) return response.status();
    return Print(options.format, *response, AssignmentsTable(response->assignments()), std::cout);
  });
}

void AddList(CLI::App& group, const GlobalOptions& options, int& exit_code) {
  auto request = std::make_shared<v1::ListSellerAssignmentsRequest>();
  CLI::App* command = group.add_subcommand("list", "A territory's sellers, or a seller's territories");
  CLI::Option* territory = command->add_option_function<std::string>(
      "--territory", [request](const std::string& v) { request->set_territory_id(v); },
      "Sellers of this territory");
  CLI::Option* seller = command->add_option_function<std::string>(
      "--seller", [request](const std::string& v) { request->set_seller_id(v); },
      "Territories of this seller");
  territory->excludes(seller);
  command->add_option_function<std::string>(
      "--as-of", [request](const std::string& v) { request->set_as_of(v); },
      "Only assignments in effect on this date (default: every period)");
  SetAction(command, exit_code, [&options, request]() -> absl::Status {
    if (request->territory_id().empty() && request->seller_id().empty()) {
      throw UsageError("territories sellers list: pass --territory or --seller");
    }
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::TerritoryService::NewStub(connection->channel());
    v1::ListSellerAssignmentsRequest page_request = *request;
    v1::ListSellerAssignmentsResponse merged;
    while (true) {
      v1::ListSellerAssignmentsResponse page;
      const auto context = connection->NewContext();
      if (grpc::Status status = stub->ListSellerAssignments(context.get(), page_request, &page);
          !status.ok()) {
        return FromCall(status);
      }
      merged.mutable_assignments()->MergeFrom(page.assignments());
      if (page.next_page_token().empty()) break;
      page_request.set_page_token(page.next_page_token());
    }
    return Print(options.format, merged, AssignmentsTable(merged.assignments()), std::cout);
  });
}

struct ImportArgs {
  std::string file;
  std::string request_id;
};

absl::Status RunImport(const GlobalOptions& options, const ImportArgs& args) {
  absl::StatusOr<std::vector<AssignmentImportItem>> items =
      ReadInputWith(args.file, &ReadAssignmentImport);
  if (!items.ok()) return items.status();
  absl::StatusOr<Connection> connection = Connect(options);
  if (!connection.ok()) return connection.status();
  const auto stub = v1::TerritoryService::NewStub(connection->channel());
  v1::ListSellerAssignmentsResponse stored;  // what -o json prints
  if (auto sent = SendEach(items->size(), "set the sellers of", [&](size_t i) -> absl::Status {
        const AssignmentImportItem& item = (*items)[i];
        v1::SetSellerAssignmentsRequest request;
        request.set_territory_id(item.territory_id);
        request.mutable_assignments()->Assign(item.assignments.begin(), item.assignments.end());
        request.set_request_id(ItemRequestId(args.request_id, item.territory_id));
        v1::SetSellerAssignmentsResponse response;
        const auto context = connection->NewContext();
        if (grpc::Status status = stub->SetSellerAssignments(context.get(), request, &response);
            !status.ok()) {
          return AtRows(FromCall(status),
                        absl::StrCat("line ", item.lines.front(), " (territory ", item.territory_id, ")"),
                        "", "assignments", item.lines);
        }
        stored.mutable_assignments()->MergeFrom(response.assignments());
        return absl::OkStatus();
      });
      !sent.ok()) {
    return sent;
  }
  return Print(options.format, stored,
               Table{{"territories", "assignments"},
                     {{absl::StrCat(items->size()), absl::StrCat(stored.assignments_size())}}},
               std::cout);
}

}  // namespace

void AddSellerCoverageFlags(CLI::App& command, SellerCoverageFlags& flags) {
  command.add_option("--seller", flags.sellers,
                     "SELLER:PERCENT[:ROLE], role primary (default) or overlay; repeat per seller")
      ->required();
  command.add_option("--from", flags.from, "First day of the assignments (YYYY-MM-DD)")->required();
  command.add_option("--to", flags.to, "Last day (YYYY-MM-DD; default open-ended)");
}

std::vector<v1::SellerAssignment> CoverageAssignments(const SellerCoverageFlags& flags,
                                                      const std::string& territory_id) {
  absl::StatusOr<std::vector<v1::SellerAssignment>> assignments =
      SellerAssignmentsFromSpecs(territory_id, flags.sellers, flags.from, flags.to);
  if (!assignments.ok()) throw UsageError(std::string(assignments.status().message()));
  return *std::move(assignments);
}

void AddTerritorySellerCommands(CLI::App& territories, const GlobalOptions& options, int& exit_code) {
  CLI::App* group = territories.add_subcommand("sellers", "Which sellers cover which territories");
  group->require_subcommand(1);
  AddSet(*group, options, exit_code);
  AddList(*group, options, exit_code);
  auto args = std::make_shared<ImportArgs>();
  CLI::App* import = group->add_subcommand(
      "import", "Set territories' sellers from a CSV; the rows of a territory replace its sellers");
  import->add_option("file", args->file,
                     "CSV with header: " + absl::StrJoin(territory_csv::Assignments().Header(), ","))
      ->required();
  import->add_option("--request-id", args->request_id,
                     "Idempotency key prefix: rerunning with the same one skips what was set");
  SetAction(import, exit_code, [&options, args] { return RunImport(options, *args); });
}

}  // namespace attain::ctl

// territories import FILE.csv | export [--out FILE]: the territory CSV (territory_csv.h).
// Import is client-side: one CreateTerritory per territory, parents before children, so the
// server validates each node in its tree as it grows; it stops at the first refusal.
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "attain/planning/v1/territories.grpc.pb.h"
#include "tools/attainctl/catalog_commands.h"
#include "tools/attainctl/commands.h"
#include "tools/attainctl/territory_commands.h"
#include "tools/attainctl/territory_csv.h"
#include "tools/attainctl/territory_import.h"

namespace attain::ctl {
namespace {

namespace v1 = planning::v1;

struct ImportArgs {
  std::string file;
  std::string request_id;
};

absl::Status RunImport(const GlobalOptions& options, const ImportArgs& args) {
  absl::StatusOr<std::vector<TerritoryImportItem>> items =
      ReadInputWith(args.file, &ReadTerritoryImport);
  if (!items.ok()) return items.status();
  absl::StatusOr<Connection> connection = Connect(options);
  if (!connection.ok()) return connection.status();
  const auto stub = v1::TerritoryService::NewStub(connection->channel());
  v1::ListTerritoriesResponse created;  // what -o json prints
  if (auto sent = SendEach(items->size(), "created", [&](size_t i) -> absl::Status {
        const TerritoryImportItem& item = (*items)[i];
        v1::CreateTerritoryRequest request;
        *request.mutable_territory() = item.territory;
        request.set_request_id(ItemRequestId(args.request_id, item.territory.territory_id()));
        const auto context = connection->NewContext();
        v1::Territory territory;
        if (grpc::Status status = stub->CreateTerritory(context.get(), request, &territory);
            !status.ok()) {
          return AtRows(FromCall(status),
                        absl::StrCat("line ", item.lines.front(), " (territory ",
                                     item.territory.territory_id(), ")"),
                        "territory.", "versions", item.lines);
        }
        *created.add_territories() = std::move(territory);
        return absl::OkStatus();
      });
      !sent.ok()) {
    return sent;
  }
  created.set_total_size(created.territories_size());
  return Print(options.format, created,
               Table{{"created"}, {{absl::StrCat(created.territories_size())}}}, std::cout);
}

absl::StatusOr<int64_t> WriteTerritories(const Connection& connection, std::ostream& out) {
  absl::StatusOr<v1::ListTerritoriesResponse> listed =
      ListTerritoryPages(connection, v1::ListTerritoriesRequest(), /*all=*/true);
  if (!listed.ok()) return listed.status();
  std::vector<TerritoryImportItem> items;
  for (v1::Territory& territory : *listed->mutable_territories()) {
    items.push_back({std::move(territory), {}});
  }
  // Parents first, so the file reads top-down like the tree (import orders it anyway).
  absl::StatusOr<std::vector<TerritoryImportItem>> ordered = ParentsFirst(std::move(items));
  if (!ordered.ok()) return ordered.status();
  const auto& codec = territory_csv::Territories();
  out << csv::FormatRecord(codec.Header());
  for (const TerritoryImportItem& item : *ordered) {
    for (const v1::Territory& row : territory_csv::VersionRows(item.territory)) {
      out << csv::FormatRecord(codec.ToFields(row));
    }
  }
  out.flush();
  if (!out) return absl::DataLossError("cannot write the export");
  return static_cast<int64_t>(ordered->size());
}

}  // namespace

absl::Status SendEach(size_t count, const std::string& verb,
                      const std::function<absl::Status(size_t)>& send) {
  const bool progress = StderrIsTerminal();
  for (size_t i = 0; i < count; ++i) {
    if (absl::Status status = send(i); !status.ok()) {
      if (progress) std::cerr << "\n";
      std::cerr << verb << " " << i << " of " << count << " territories before the failure\n";
      return status;
    }
    if (progress) std::cerr << "\r" << verb << " " << i + 1 << "/" << count << " territories" << std::flush;
  }
  if (progress && count > 0) std::cerr << "\n";
  return absl::OkStatus();
}

std::string ItemRequestId(const std::string& base, const std::string& key) {
  return base.empty() ? NewRequestId() : absl::StrCat(base, ":", key);
}

void AddTerritoryImportCommand(CLI::App& territories, const GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* command = territories.add_subcommand(
      "import", "Create territories from a CSV file, parents first (- reads stdin)");
  command->add_option("file", args->file,
                      "CSV with header: " + absl::StrJoin(territory_csv::Territories().Header(), ","))
      ->required();
  command->add_option("--request-id", args->request_id,
                      "Idempotency key prefix: rerunning with the same one skips what was created");
  SetAction(command, exit_code, [&options, args] { return RunImport(options, *args); });
}

void AddTerritoryExportCommand(CLI::App& territories, const GlobalOptions& options, int& exit_code) {
  auto out = std::make_shared<std::string>();
  CLI::App* command = territories.add_subcommand(
      "export", "Write every territory as CSV in the import format (one row per version)");
  command->add_option("--out", *out, "Output file (default stdout)");
  SetAction(command, exit_code, [&options, out]() -> absl::Status {
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    return catalog::WriteExport(*out, "territories", [&](std::ostream& stream) {
      return WriteTerritories(*connection, stream);
    });
  });
}

}  // namespace attain::ctl

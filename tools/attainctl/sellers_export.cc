// sellers export: the server stream written as import-format CSV (export | import round-trips).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "attain/planning/v1/organization.grpc.pb.h"
#include "tools/attainctl/commands.h"
#include "tools/attainctl/csv.h"
#include "tools/attainctl/seller_csv.h"

namespace attain::ctl {
namespace {

struct ExportArgs {
  std::string active_as_of;
  std::string out;
};

// Streams every seller to `out`; returns how many were written.
absl::StatusOr<int64_t> StreamSellers(const Connection& connection, const ExportArgs& args,
                                      std::ostream& out) {
  planning::v1::ExportSellersRequest request;
  request.set_active_as_of(args.active_as_of);
  const auto context = connection.NewContext();
  auto reader = planning::v1::OrganizationService::NewStub(connection.channel())
                    ->ExportSellers(context.get(), request);
  out << csv::FormatRecord(seller_csv::Columns());
  int64_t count = 0;
  for (planning::v1::Seller seller; reader->Read(&seller); ++count) {
    out << csv::FormatRecord(seller_csv::ToFields(seller));
  }
  if (grpc::Status status = reader->Finish(); !status.ok()) return FromCall(status);
  out.flush();
  if (!out) return absl::DataLossError("cannot write the export");
  return count;
}

absl::Status RunExport(const GlobalOptions& options, const ExportArgs& args) {
  absl::StatusOr<Connection> connection = Connect(options);
  if (!connection.ok()) return connection.status();
  if (args.out.empty() || args.out == "-") return StreamSellers(*connection, args, std::cout).status();

  // Write beside the target and rename, so a failed export never leaves a truncated file.
  const std::string partial = args.out + ".partial";
  absl::StatusOr<int64_t> count;
  {
    std::ofstream file(partial, std::ios::binary | std::ios::trunc);
    if (!file) return absl::PermissionDeniedError(absl::StrCat("cannot write ", partial));
    count = StreamSellers(*connection, args, file);
  }
  std::error_code ec;
  if (count.ok()) std::filesystem::rename(partial, args.out, ec);
  if (!count.ok() || ec) {
    std::filesystem::remove(partial, ec);
    return count.ok() ? absl::PermissionDeniedError(absl::StrCat("cannot write ", args.out))
                      : count.status();
  }
  std::cerr << "exported " << *count << " sellers to " << args.out << "\n";
  return absl::OkStatus();
}

}  // namespace

void AddExportCommand(CLI::App& sellers, const GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* command =
      sellers.add_subcommand("export", "Write every seller as CSV in the import format");
  command->add_option("--active-as-of", args->active_as_of, "Only sellers employed on this date");
  command->add_option("--out", args->out, "Output file (default stdout)");
  SetAction(command, exit_code, [&options, args] { return RunExport(options, *args); });
}

}  // namespace attain::ctl

#pragma once
// What the territory command files share (registration is in commands.h).

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "attain/planning/v1/territories.pb.h"
#include "attain/planning/v1/territories.grpc.pb.h"
#include "tools/attainctl/catalog_commands.h"
#include "tools/attainctl/cli.h"

namespace attain::ctl {

// "territories/<id>"; accepts either form.
std::string TerritoryName(absl::string_view id_or_name);

// ListTerritories from `request`'s page, and every following page when `all`; the result
// keeps the last page's next_page_token.
absl::StatusOr<planning::v1::ListTerritoriesResponse> ListTerritoryPages(
    const Connection& connection, planning::v1::ListTerritoriesRequest request, bool all);

// Connects and makes one unary TerritoryService call, with a deadline of at least
// `at_least` from now (a longer --timeout wins).
template <typename Request, typename Response>
absl::StatusOr<Response> CallTerritories(
    const GlobalOptions& options,
    grpc::Status (planning::v1::TerritoryService::Stub::*method)(grpc::ClientContext*,
                                                                 const Request&, Response*),
    const Request& request, absl::Duration at_least = absl::ZeroDuration()) {
  absl::StatusOr<Connection> connection = Connect(options);
  if (!connection.ok()) return connection.status();
  const auto stub = planning::v1::TerritoryService::NewStub(connection->channel());
  const auto context = connection->NewContext();
  catalog::ExtendDeadline(*context, at_least);
  Response response;
  if (grpc::Status status = (stub.get()->*method)(context.get(), request, &response);
      !status.ok()) {
    return FromCall(status);
  }
  return response;
}

// One call per item, in order: `send(i)` for i in [0, count), with "<verb> N/M territories"
// on stderr when it is a terminal. At the first failure says how many were done and returns it.
absl::Status SendEach(size_t count, const std::string& verb,
                      const std::function<absl::Status(size_t)>& send);

// "<base>:<key>" (a rerun with the same base replays what succeeded), or a random id.
std::string ItemRequestId(const std::string& base, const std::string& key);

// `--seller SELLER:PERCENT[:ROLE]` (repeated), `--from` and `--to`: a territory's whole seller
// coverage over one period, as `territories sellers set` and `scenarios sellers` take it.
struct SellerCoverageFlags {
  std::vector<std::string> sellers;
  std::string from;
  std::string to;
};
void AddSellerCoverageFlags(CLI::App& command, SellerCoverageFlags& flags);
// The assignments the flags give `territory_id`; a bad --seller is a UsageError (exit 2), as
// CLI11 would make it had it parsed the spec.
std::vector<planning::v1::SellerAssignment> CoverageAssignments(const SellerCoverageFlags& flags,
                                                                const std::string& territory_id);

// `territories import` and `territories export` (territories_import.cc).
void AddTerritoryImportCommand(CLI::App& territories, const GlobalOptions& options, int& exit_code);
void AddTerritoryExportCommand(CLI::App& territories, const GlobalOptions& options, int& exit_code);
// `territories sellers set|list|import` (territory_sellers_commands.cc).
void AddTerritorySellerCommands(CLI::App& territories, const GlobalOptions& options, int& exit_code);

}  // namespace attain::ctl

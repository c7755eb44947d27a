// org chain SELLER | org reports MANAGER: the reporting tree on a date.
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "attain/planning/v1/organization.grpc.pb.h"
#include "tools/attainctl/commands.h"
#include "tools/attainctl/sellers_view.h"

namespace attain::ctl {
namespace {

using planning::v1::OrganizationService;

void AddChain(CLI::App& org, const GlobalOptions& options, int& exit_code) {
  auto request = std::make_shared<planning::v1::GetReportingChainRequest>();
  CLI::App* command = org.add_subcommand("chain", "A seller's managers, nearest first");
  command->add_option_function<std::string>(
                "seller", [request](const std::string& v) { request->set_seller_id(v); }, "Seller id")
      ->required();
  command->add_option_function<std::string>(
      "--as-of", [request](const std::string& v) { request->set_as_of(v); }, "Date (default today)");
  SetAction(command, exit_code, [&options, request]() -> absl::Status {
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    planning::v1::GetReportingChainResponse response;
    const auto context = connection->NewContext();
    if (grpc::Status status = OrganizationService::NewStub(connection->channel())
                                  ->GetReportingChain(context.get(), *request, &response);
        !status.ok()) {
      return FromCall(status);
    }
    return PrintSellerPage(options, response, response.managers(), "");
  });
}

struct ReportsArgs {
  planning::v1::ListReportsRequest request;
  bool subtree = false;
  bool all = false;
};

void AddReports(CLI::App& org, const GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<ReportsArgs>();
  auto& r = args->request;
  CLI::App* command = org.add_subcommand("reports", "Who reports to a manager");
  command->add_option_function<std::string>(
                "manager", [&r](const std::string& v) { r.set_manager_id(v); }, "Manager's seller id")
      ->required();
  command->add_option_function<std::string>("--as-of", [&r](const std::string& v) { r.set_as_of(v); },
                                            "Date (default today)");
  command->add_flag("--subtree", args->subtree, "Everyone below the manager, not only direct reports");
  AddPagingFlags(command, r, args->all);
  SetAction(command, exit_code, [&options, args] {
    planning::v1::ListReportsRequest request = args->request;
    request.set_scope(args->subtree ? planning::v1::REPORT_SCOPE_SUBTREE
                                    : planning::v1::REPORT_SCOPE_DIRECT);
    return ListSellerPages(options, request, args->all, &OrganizationService::Stub::ListReports);
  });
}

}  // namespace

void AddOrgCommands(CLI::App& root, const GlobalOptions& options, int& exit_code) {
  CLI::App* org = root.add_subcommand("org", "Walk the reporting tree");
  org->require_subcommand(1);
  AddChain(*org, options, exit_code);
  AddReports(*org, options, exit_code);
}

}  // namespace attain::ctl

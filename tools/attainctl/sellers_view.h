#pragma once
// Printing sellers and walking List pages, shared by `sellers list` and `org reports`.

#include <string>

#include <CLI/CLI.hpp>

#include "absl/status/status.h"
#include "attain/planning/v1/organization.grpc.pb.h"
#include "tools/attainctl/cli.h"
#include "tools/attainctl/output.h"

namespace attain::ctl {

// One row per seller in the import CSV columns, so `-o csv` output can be imported again.
Table SellersTable(const google::protobuf::RepeatedPtrField<planning::v1::Seller>& sellers);

// Prints `message` (json) or its sellers (table/csv) to stdout; when a table stops before the
// last page, says on stderr how to get the rest.
absl::Status PrintSellerPage(const GlobalOptions& options, const google::protobuf::Message& message,
                             const google::protobuf::RepeatedPtrField<planning::v1::Seller>& sellers,
                             const std::string& next_page_token);

// --page-size, --page-token and --all, bound to `request` and `all`.
template <typename Request>
void AddPagingFlags(CLI::App* command, Request& request, bool& all) {
  command->add_option_function<int>("--page-size", [&request](int v) { request.set_page_size(v); },
                                    "Sellers per page")
      ->check(CLI::PositiveNumber);
  command->add_option_function<std::string>(
      "--page-token", [&request](const std::string& v) { request.set_page_token(v); },
      "Continue from a previous page");
  command->add_flag("--all", all, "Follow next_page_token to the last page");
}

// Calls the List `method` for the first page, and for every following page when `all`, then
// prints the sellers fetched; the printed message keeps the last page's next_page_token.
template <typename Request, typename Response>
absl::Status ListSellerPages(const GlobalOptions& options, Request request, bool all,
                             grpc::Status (planning::v1::OrganizationService::Stub::*method)(
                                 grpc::ClientContext*, const Request&, Response*)) {
  absl::StatusOr<Connection> connection = Connect(options);
  if (!connection.ok()) return connection.status();
  const auto stub = planning::v1::OrganizationService::NewStub(connection->channel());
  Response merged;
  while (true) {
    Response page;
    const auto context = connection->NewContext();
    if (grpc::Status status = ((*stub).*method)(context.get(), request, &page); !status.ok()) {
      return FromCall(status);
    }
    merged.mutable_sellers()->MergeFrom(page.sellers());
    merged.set_next_page_token(page.next_page_token());
    merged.set_total_size(page.total_size());
    if (!all || page.next_page_token().empty()) break;
    request.set_page_token(page.next_page_token());
  }
  return PrintSellerPage(options, merged, merged.sellers(), merged.next_page_token());
}

}  // namespace attain::ctl

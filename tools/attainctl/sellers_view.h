#pragma once
// Printing sellers and walking List pages, shared by `sellers list` and `org reports`.

#include <string>

#include "absl/status/status.h"
#include "attain/planning/v1/organization.pb.h"
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

// Calls `fetch(page_token, page)` for the first page, and for every following page when `all`;
// `merged` accumulates the sellers and keeps the last page's next_page_token and total_size.
template <typename Response, typename Fetch>
absl::Status CollectPages(bool all, std::string page_token, Fetch fetch, Response& merged) {
  while (true) {
    Response page;
    if (grpc::Status status = fetch(page_token, page); !status.ok()) return FromCall(status);
    merged.mutable_sellers()->MergeFrom(page.sellers());
    merged.set_next_page_token(page.next_page_token());
    merged.set_total_size(page.total_size());
    if (!all || page.next_page_token().empty()) return absl::OkStatus();
    page_token = page.next_page_token();
  }
}

}  // namespace attain::ctl

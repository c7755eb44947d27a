#include "tools/attainctl/sellers_view.h"

#include <iostream>

#include "tools/attainctl/seller_csv.h"

namespace attain::ctl {

Table SellersTable(const google::protobuf::RepeatedPtrField<planning::v1::Seller>& sellers) {
  Table table{seller_csv::Columns(), {}};
  for (const planning::v1::Seller& seller : sellers) {
    table.rows.push_back(seller_csv::ToFields(seller));
  }
  return table;
}

absl::Status PrintSellerPage(const GlobalOptions& options, const google::protobuf::Message& message,
                             const google::protobuf::RepeatedPtrField<planning::v1::Seller>& sellers,
                             const std::string& next_page_token) {
  if (absl::Status status = Print(options.format, message, SellersTable(sellers), std::cout);
      !status.ok()) {
    return status;
  }
  if (options.format != Format::kJson && !next_page_token.empty()) {
    std::cerr << "more results: pass --all, or --page-token " << next_page_token << "\n";
  }
  return absl::OkStatus();
}

}  // namespace attain::ctl

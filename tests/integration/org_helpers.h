#pragma once
// Building sellers and calling OrganizationService in tests.

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "attain/planning/v1/organization.grpc.pb.h"
#include "tests/integration/harness/grpc_util.h"

namespace attain::itest {

using planning::v1::OrganizationService;
using planning::v1::Seller;

// A valid seller hired 2024-01-01: display name "Seller <id>", email "<id>@example.com",
// title "Account Executive", USD, no reporting lines.
Seller NewSeller(const std::string& id);
// Adds "reports to `manager_id` from `start` to `end`" (end "" = open-ended).
Seller& ReportsTo(Seller& seller, const std::string& manager_id, const std::string& start,
                  const std::string& end = "");

// Unary calls with `token` and the default RPC deadline.
grpc::Status CreateSeller(OrganizationService::Stub& org, const std::string& token,
                          const Seller& seller, Seller* created = nullptr);
grpc::Status GetSeller(OrganizationService::Stub& org, const std::string& token,
                       const std::string& seller_id, Seller* seller = nullptr);
// update_mask lists `paths`.
grpc::Status UpdateSeller(OrganizationService::Stub& org, const std::string& token,
                          const Seller& seller, const std::vector<std::string>& paths,
                          Seller* updated = nullptr);

// Streams `rows` (row_number = index) in messages of `batch` rows; the first message carries
// request_id.
grpc::Status ImportSellers(OrganizationService::Stub& org, const std::string& token,
                           const std::vector<Seller>& rows, size_t batch,
                           planning::v1::ImportSellersResponse* response = nullptr);

// "sellers/<id>"
std::string SellerName(const std::string& seller_id);
std::set<std::string> SellerIds(const google::protobuf::RepeatedPtrField<Seller>& sellers);

// INVALID_ARGUMENT whose BadRequest names exactly `field` among its violations.
::testing::AssertionResult IsInvalidField(const grpc::Status& status, const std::string& field);
// INVALID_ARGUMENT whose BadRequest has a violation whose field starts with `prefix`.
::testing::AssertionResult IsInvalidFieldUnder(const grpc::Status& status, const std::string& prefix);
// `status` carries ErrorInfo `reason` (e.g. "SCENARIO_STALE").
::testing::AssertionResult HasReason(const grpc::Status& status, const std::string& reason);
// `status` has `code` (message shows the actual status otherwise).
::testing::AssertionResult HasCode(const grpc::Status& status, grpc::StatusCode code);

// Streams `rows` (each with its row_number set) through a client-streaming import in messages
// of `batch` rows; the first message carries `request_id`. `start` opens the call:
// [&](grpc::ClientContext* c, Response* r) { return stub->ImportAccounts(c, r); }
template <typename Request, typename Response, typename Row, typename Start>
grpc::Status StreamImport(Start start, const std::string& token, const std::string& request_id,
                          const std::vector<Row>& rows, size_t batch, Response* response) {
  Response result;
  auto context = MakeContext(token, std::chrono::seconds(120));
  auto writer = start(context.get(), &result);
  Request request;
  request.set_request_id(request_id);
  for (size_t i = 0; i < rows.size(); ++i) {
    *request.add_rows() = rows[i];
    if (request.rows_size() == static_cast<int>(batch) || i + 1 == rows.size()) {
      if (!writer->Write(request)) break;  // the server ended the call; Finish says why
      request.Clear();
    }
  }
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  if (response != nullptr) *response = result;
  return status;
}

}  // namespace attain::itest

#include "tests/integration/org_helpers.h"

#include <unistd.h>

#include <atomic>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/errors/errors.h"
#include "tests/integration/harness/grpc_util.h"

namespace attain::itest {
namespace {

std::string CodeName(grpc::StatusCode code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

::testing::AssertionResult HasViolation(const grpc::Status& status, const std::string& field,
                                        bool prefix) {
  std::vector<std::string> fields = ViolationFields(status);
  if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
    for (const std::string& f : fields) {
      if (prefix ? f.rfind(field, 0) == 0 : f == field) return ::testing::AssertionSuccess();
    }
  }
  return ::testing::AssertionFailure()
         << "expected INVALID_ARGUMENT with a field violation " << (prefix ? "under " : "for ")
         << "\"" << field << "\"; got " << Describe(status) << " with violations ["
         << absl::StrJoin(fields, ", ") << "]";
}

}  // namespace

Seller NewSeller(const std::string& id) {
  Seller seller;
  seller.set_seller_id(id);
  seller.set_display_name(absl::StrCat("Seller ", id));
  seller.set_email(absl::StrCat(id, "@example.com"));
  seller.set_title("Account Executive");
  seller.set_hire_date("2024-01-01");
  seller.set_home_currency("USD");
  return seller;
}

Seller& ReportsTo(Seller& seller, const std::string& manager_id, const std::string& start,
                  const std::string& end) {
  planning::v1::ReportingLine* line = seller.add_reporting_lines();
  line->set_manager_id(manager_id);
  line->set_start_date(start);
  line->set_end_date(end);
  return seller;
}

grpc::Status CreateSeller(OrganizationService::Stub& org, const std::string& token,
                          const Seller& seller, Seller* created) {
  planning::v1::CreateSellerRequest request;
  *request.mutable_seller() = seller;
  Seller response;
  auto context = MakeContext(token);
  grpc::Status status = org.CreateSeller(context.get(), request, &response);
  if (created != nullptr) *created = response;
  return status;
}

grpc::Status GetSeller(OrganizationService::Stub& org, const std::string& token,
                       const std::string& seller_id, Seller* seller) {
  planning::v1::GetSellerRequest request;
  request.set_name(SellerName(seller_id));
  Seller response;
  auto context = MakeContext(token);
  grpc::Status status = org.GetSeller(context.get(), request, &response);
  if (seller != nullptr) *seller = response;
  return status;
}

grpc::Status UpdateSeller(OrganizationService::Stub& org, const std::string& token,
                          const Seller& seller, const std::vector<std::string>& paths,
                          Seller* updated) {
  planning::v1::UpdateSellerRequest request;
  *request.mutable_seller() = seller;
  request.mutable_seller()->set_name(SellerName(seller.seller_id()));
  for (const std::string& path : paths) request.mutable_update_mask()->add_paths(path);
  Seller response;
  auto context = MakeContext(token);
  grpc::Status status = org.UpdateSeller(context.get(), request, &response);
  if (updated != nullptr) *updated = response;
  return status;
}

grpc::Status ImportSellers(OrganizationService::Stub& org, const std::string& token,
                           const std::vector<Seller>& rows, size_t batch,
                           planning::v1::ImportSellersResponse* response) {
  static std::atomic<int> imports{0};
  planning::v1::ImportSellersResponse result;
  auto context = MakeContext(token, std::chrono::seconds(120));
  auto writer = org.ImportSellers(context.get(), &result);
  planning::v1::ImportSellersRequest request;
  request.set_request_id(absl::StrCat("it-import-", getpid(), "-", ++imports));
  for (size_t i = 0; i < rows.size(); ++i) {
    planning::v1::SellerImportRow* row = request.add_rows();
    row->set_row_number(static_cast<int64_t>(i));
    *row->mutable_seller() = rows[i];
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

std::string SellerName(const std::string& seller_id) { return absl::StrCat("sellers/", seller_id); }

std::set<std::string> SellerIds(const google::protobuf::RepeatedPtrField<Seller>& sellers) {
  std::set<std::string> ids;
  for (const Seller& s : sellers) ids.insert(s.seller_id());
  return ids;
}

::testing::AssertionResult IsInvalidField(const grpc::Status& status, const std::string& field) {
  return HasViolation(status, field, /*prefix=*/false);
}

::testing::AssertionResult IsInvalidFieldUnder(const grpc::Status& status,
                                               const std::string& prefix) {
  return HasViolation(status, prefix, /*prefix=*/true);
}

::testing::AssertionResult HasReason(const grpc::Status& status, const std::string& reason) {
  if (errors::ReasonOf(errors::FromGrpcStatus(status)) == reason) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected reason " << reason << ", got " << Describe(status);
}

::testing::AssertionResult HasCode(const grpc::Status& status, grpc::StatusCode code) {
  if (status.error_code() == code) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected " << CodeName(code) << ", got "
                                       << Describe(status);
}

}  // namespace attain::itest

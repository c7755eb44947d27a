#include "services/compensation/transactions/planning_references.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"

namespace attain::compensation::transactions {
namespace {

// Ids per list per call; planning accepts up to 50,000.
constexpr size_t kIdsPerCall = 20'000;

void AddSlice(const std::vector<std::string>& ids, size_t begin,
              google::protobuf::RepeatedPtrField<std::string>* out) {
  for (size_t i = begin; i < ids.size() && i < begin + kIdsPerCall; ++i) out->Add()->assign(ids[i]);
}

absl::Status CheckFailed(const grpc::Status& status) {
  const bool transient = status.error_code() == grpc::StatusCode::UNAVAILABLE ||
                         status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED ||
                         status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED;
  const std::string message =
      absl::StrCat("the planning service could not check account, product and seller ids (",
                   status.error_message(), ")", transient ? "; retry the import" : "");
  return errors::WithReason(
      transient ? absl::UnavailableError(message) : absl::InternalError(message),
      "REFERENCE_CHECK_FAILED");
}

}  // namespace

PlanningReferences::PlanningReferences(std::shared_ptr<grpc::Channel> channel,
                                       std::function<std::string()> token,
                                       absl::Duration deadline)
    : stub_(planning::v1::ReferenceService::NewStub(std::move(channel))),
      token_(std::move(token)),
      deadline_(deadline) {}

absl::StatusOr<ReferenceIds> PlanningReferences::FindMissing(const ReferenceIds& ids) {
  ReferenceIds missing;
  const size_t longest =
      std::max({ids.account_ids.size(), ids.product_ids.size(), ids.seller_ids.size()});
  for (size_t begin = 0; begin < longest; begin += kIdsPerCall) {
    planning::v1::CheckReferencesRequest request;
    AddSlice(ids.account_ids, begin, request.mutable_account_ids());
    AddSlice(ids.product_ids, begin, request.mutable_product_ids());
    AddSlice(ids.seller_ids, begin, request.mutable_seller_ids());
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + deadline_));
    context.AddMetadata("authorization", absl::StrCat("Bearer ", token_()));
    planning::v1::CheckReferencesResponse response;
    grpc::Status status = stub_->CheckReferences(&context, request, &response);
    if (!status.ok()) return CheckFailed(status);
    missing.account_ids.insert(missing.account_ids.end(), response.missing_account_ids().begin(),
                               response.missing_account_ids().end());
    missing.product_ids.insert(missing.product_ids.end(), response.missing_product_ids().begin(),
                               response.missing_product_ids().end());
    missing.seller_ids.insert(missing.seller_ids.end(), response.missing_seller_ids().begin(),
                              response.missing_seller_ids().end());
  }
  return missing;
}

}  // namespace attain::compensation::transactions

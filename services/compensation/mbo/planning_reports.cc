#include "services/compensation/mbo/planning_reports.h"

#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"
#include "common/time/dates.h"

namespace attain::compensation::mbo {
namespace {

constexpr int kPageSize = 1000;

absl::Status CallFailed(const grpc::Status& status) {
  const bool transient = status.error_code() == grpc::StatusCode::UNAVAILABLE ||
                         status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED ||
                         status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED;
  const std::string message = absl::StrCat(
      "the planning service could not say who reports to the caller (", status.error_message(), ")",
      transient ? "; retry" : "");
  return errors::WithReason(
      transient ? absl::UnavailableError(message) : absl::InternalError(message),
      "ORGANIZATION_CHECK_FAILED");
}

}  // namespace

PlanningReports::PlanningReports(std::shared_ptr<grpc::Channel> channel,
                                 std::function<std::string()> token, absl::Duration deadline)
    : stub_(planning::v1::OrganizationService::NewStub(std::move(channel))),
      token_(std::move(token)),
      deadline_(deadline) {}

absl::StatusOr<absl::flat_hash_set<std::string>> PlanningReports::Reports(
    const std::string& manager_id, absl::CivilDay day) {
  absl::flat_hash_set<std::string> reports;
  planning::v1::ListReportsRequest request;
  request.set_manager_id(manager_id);
  request.set_as_of(dates::Format(day));
  request.set_scope(planning::v1::REPORT_SCOPE_SUBTREE);
  request.set_page_size(kPageSize);
  do {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + deadline_));
    context.AddMetadata("authorization", absl::StrCat("Bearer ", token_()));
    planning::v1::ListReportsResponse page;
    grpc::Status status = stub_->ListReports(&context, request, &page);
    // A principal who is no seller manages nobody.
    if (status.error_code() == grpc::StatusCode::NOT_FOUND) return reports;
    if (!status.ok()) return CallFailed(status);
    for (const planning::v1::Seller& seller : page.sellers()) reports.insert(seller.seller_id());
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return reports;
}

}  // namespace attain::compensation::mbo

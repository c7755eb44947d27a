#pragma once
// ReportsSource over gRPC: attain.planning.v1.OrganizationService/ListReports (scope
// SUBTREE, 1,000 sellers a page) with the service's own service-role token. One call per
// thousand reports answers for a whole request, however many of them it scores.

#include <functional>
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "absl/time/time.h"
#include "attain/planning/v1/organization.grpc.pb.h"
#include "services/compensation/mbo/reports.h"

namespace attain::compensation::mbo {

class PlanningReports final : public ReportsSource {
 public:
  // `token` returns a bearer token with the service role (ServiceRunner::ServiceToken).
  PlanningReports(std::shared_ptr<grpc::Channel> channel, std::function<std::string()> token,
                  absl::Duration deadline = absl::Seconds(10));

  absl::StatusOr<absl::flat_hash_set<std::string>> Reports(const std::string& manager_id,
                                                            absl::CivilDay day) override;

 private:
  std::unique_ptr<planning::v1::OrganizationService::Stub> stub_;
  std::function<std::string()> token_;
  absl::Duration deadline_;
};

}  // namespace attain::compensation::mbo

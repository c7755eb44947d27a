#pragma once
// ReferenceChecker over gRPC: attain.planning.v1.ReferenceService/CheckReferences with the
// service's own short-lived service-role token, one call per import (more only when an
// import names more ids than one request carries).

#include <functional>
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "absl/time/time.h"
#include "attain/planning/v1/references.grpc.pb.h"
#include "services/compensation/transactions/references.h"

namespace attain::compensation::transactions {

class PlanningReferences final : public ReferenceChecker {
 public:
  // `token` returns a bearer token with the service role (ServiceRunner::ServiceToken).
  PlanningReferences(std::shared_ptr<grpc::Channel> channel, std::function<std::string()> token,
                     absl::Duration deadline = absl::Seconds(30));

  // UNAVAILABLE when planning cannot answer (retry later); INTERNAL when it refuses (a
  // deployment problem such as a wrong signing key).
  absl::StatusOr<ReferenceIds> FindMissing(const ReferenceIds& ids) override;

 private:
  std::unique_ptr<planning::v1::ReferenceService::Stub> stub_;
  std::function<std::string()> token_;
  absl::Duration deadline_;
};

}  // namespace attain::compensation::transactions

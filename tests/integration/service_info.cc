#include "tests/integration/service_info.h"

#include "attain/analytics/v1/analytics_service.grpc.pb.h"
#include "attain/compensation/v1/compensation_service.grpc.pb.h"
#include "attain/planning/v1/planning_service.grpc.pb.h"
#include "attain/workflow/v1/workflow_service.grpc.pb.h"
#include "tests/integration/harness/grpc_util.h"

namespace attain::itest {
namespace {

// The four GetServiceInfo methods have the same shape in four packages.
template <typename Service, typename Request, typename Response>
grpc::Status Call(const std::shared_ptr<grpc::Channel>& channel, const std::string& token,
                  common::v1::ServiceInfo* info) {
  auto stub = Service::NewStub(channel);
  Request request;
  Response response;
  auto context = MakeContext(token);
  grpc::Status status = stub->GetServiceInfo(context.get(), request, &response);
  *info = response.info();
  return status;
}

}  // namespace

grpc::Status GetServiceInfo(const std::shared_ptr<grpc::Channel>& channel, const std::string& name,
                            const std::string& token, common::v1::ServiceInfo* info) {
  if (name == "planning") {
    return Call<planning::v1::PlanningService, planning::v1::GetServiceInfoRequest,
                planning::v1::GetServiceInfoResponse>(channel, token, info);
  }
  if (name == "compensation") {
    return Call<compensation::v1::CompensationService, compensation::v1::GetServiceInfoRequest,
                compensation::v1::GetServiceInfoResponse>(channel, token, info);
  }
  if (name == "workflow") {
    return Call<workflow::v1::WorkflowService, workflow::v1::GetServiceInfoRequest,
                workflow::v1::GetServiceInfoResponse>(channel, token, info);
  }
  if (name == "analytics") {
    return Call<analytics::v1::AnalyticsService, analytics::v1::GetServiceInfoRequest,
                analytics::v1::GetServiceInfoResponse>(channel, token, info);
  }
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "test bug: unknown service " + name);
}

int64_t CursorOf(const common::v1::ServiceInfo& info, const std::string& producer) {
  for (const common::v1::EventCursor& cursor : info.event_cursors()) {
    if (cursor.producer() == producer) return cursor.last_sequence();
  }
  return 0;
}

}  // namespace attain::itest

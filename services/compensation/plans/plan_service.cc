#include "services/compensation/plans/plan_service.h"

#include <string>

namespace attain::compensation::plans {

template <typename Response, typename Call>
grpc::ServerUnaryReactor* PlanService::Serve(grpc::CallbackServerContext* context, const char* rpc,
                                             Response* response, Call call) {
  return gate_->Unary(context, std::string("/attain.compensation.v1.PlanService/") + rpc,
                      [response, call](const server::CallContext& call_context) {
                        absl::StatusOr<Response> result = call(call_context);
                        if (result.ok()) *response = *std::move(result);
                        return result.status();
                      });
}

grpc::ServerUnaryReactor* PlanService::CreatePlan(grpc::CallbackServerContext* context,
                                                  const v1::CreatePlanRequest* request,
                                                  v1::Plan* response) {
  return Serve(context, "CreatePlan", response, [=, this](const server::CallContext& call) {
    return manager_->Create(*request, call.principal.subject);
  });
}

grpc::ServerUnaryReactor* PlanService::RevisePlan(grpc::CallbackServerContext* context,
                                                  const v1::RevisePlanRequest* request,
                                                  v1::PlanVersion* response) {
  return Serve(context, "RevisePlan", response, [=, this](const server::CallContext& call) {
    return manager_->Revise(*request, call.principal.subject);
  });
}

grpc::ServerUnaryReactor* PlanService::GetPlan(grpc::CallbackServerContext* context,
                                               const v1::GetPlanRequest* request,
                                               v1::Plan* response) {
  return Serve(context, "GetPlan", response,
               [=, this](const server::CallContext&) { return manager_->Get(*request); });
}

grpc::ServerUnaryReactor* PlanService::ListPlans(grpc::CallbackServerContext* context,
                                                 const v1::ListPlansRequest* request,
                                                 v1::ListPlansResponse* response) {
  return Serve(context, "ListPlans", response,
               [=, this](const server::CallContext&) { return manager_->List(*request); });
}

grpc::ServerUnaryReactor* PlanService::ValidatePlan(grpc::CallbackServerContext* context,
                                                    const v1::ValidatePlanRequest* request,
                                                    v1::ValidatePlanResponse* response) {
  return Serve(context, "ValidatePlan", response,
               [=, this](const server::CallContext&) { return manager_->Validate(*request); });
}

grpc::ServerUnaryReactor* PlanService::ActivatePlanVersion(
    grpc::CallbackServerContext* context, const v1::ActivatePlanVersionRequest* request,
    v1::PlanVersion* response) {
  return Serve(context, "ActivatePlanVersion", response,
               [=, this](const server::CallContext&) { return manager_->Activate(*request); });
}

grpc::ServerUnaryReactor* PlanService::AssignPlan(grpc::CallbackServerContext* context,
                                                  const v1::AssignPlanRequest* request,
                                                  v1::PlanAssignment* response) {
  return Serve(context, "AssignPlan", response, [=, this](const server::CallContext& call) {
    return manager_->Assign(*request, call.principal.subject);
  });
}

grpc::ServerUnaryReactor* PlanService::ListPlanAssignments(
    grpc::CallbackServerContext* context, const v1::ListPlanAssignmentsRequest* request,
    v1::ListPlanAssignmentsResponse* response) {
  return Serve(context, "ListPlanAssignments", response, [=, this](const server::CallContext&) {
    return manager_->ListAssignments(*request);
  });
}

grpc::ServerUnaryReactor* PlanService::EndPlanAssignment(
    grpc::CallbackServerContext* context, const v1::EndPlanAssignmentRequest* request,
    v1::PlanAssignment* response) {
  return Serve(context, "EndPlanAssignment", response,
               [=, this](const server::CallContext&) { return manager_->EndAssignment(*request); });
}

}  // namespace attain::compensation::plans

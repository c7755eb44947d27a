#pragma once
// gRPC adapter for attain.compensation.v1.PlanService: admits each call through the gate and
// delegates to PlanManager, passing the caller's subject to the writes that record a creator.

#include "attain/compensation/v1/plans.grpc.pb.h"
#include "common/server/call_gate.h"
#include "services/compensation/plans/plan_manager.h"

namespace attain::compensation::plans {

class PlanService final : public v1::PlanService::CallbackService {
 public:
  PlanService(server::CallGate* gate, PlanManager* manager) : gate_(gate), manager_(manager) {}

  grpc::ServerUnaryReactor* CreatePlan(grpc::CallbackServerContext* context,
                                       const v1::CreatePlanRequest* request,
                                       v1::Plan* response) override;
  grpc::ServerUnaryReactor* RevisePlan(grpc::CallbackServerContext* context,
                                       const v1::RevisePlanRequest* request,
                                       v1::PlanVersion* response) override;
  grpc::ServerUnaryReactor* GetPlan(grpc::CallbackServerContext* context,
                                    const v1::GetPlanRequest* request, v1::Plan* response) override;
  grpc::ServerUnaryReactor* ListPlans(grpc::CallbackServerContext* context,
                                      const v1::ListPlansRequest* request,
                                      v1::ListPlansResponse* response) override;
  grpc::ServerUnaryReactor* ValidatePlan(grpc::CallbackServerContext* context,
                                         const v1::ValidatePlanRequest* request,
                                         v1::ValidatePlanResponse* response) override;
  grpc::ServerUnaryReactor* ActivatePlanVersion(grpc::CallbackServerContext* context,
                                                const v1::ActivatePlanVersionRequest* request,
                                                v1::PlanVersion* response) override;
  grpc::ServerUnaryReactor* AssignPlan(grpc::CallbackServerContext* context,
                                       const v1::AssignPlanRequest* request,
                                       v1::PlanAssignment* response) override;
  grpc::ServerUnaryReactor* ListPlanAssignments(grpc::CallbackServerContext* context,
                                                const v1::ListPlanAssignmentsRequest* request,
                                                v1::ListPlanAssignmentsResponse* response) override;
  grpc::ServerUnaryReactor* EndPlanAssignment(grpc::CallbackServerContext* context,
                                              const v1::EndPlanAssignmentRequest* request,
                                              v1::PlanAssignment* response) override;

 private:
  // Admits the call as `rpc` and finishes it with what `call(call_context)` returns.
  template <typename Response, typename Call>
  grpc::ServerUnaryReactor* Serve(grpc::CallbackServerContext* context, const char* rpc,
                                  Response* response, Call call);

  server::CallGate* gate_;
  PlanManager* manager_;
};

}  // namespace attain::compensation::plans

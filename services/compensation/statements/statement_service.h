#pragma once
// gRPC adapter for attain.compensation.v1.StatementService: admits each call through the
// gate (authentication, the policy table's roles, the executor) and hands the caller's
// principal to the managers, which narrow what it may read.
//
// GetStatement is a raw method (common/server/raw_calls.h): the stored statement is already a
// serialized v1::Statement, so it is sent as it is; parsing and re-serialising it cost a
// cached read about 20 us of CPU (docs/benchmarks.md).

#include "attain/compensation/v1/calculation.grpc.pb.h"
#include "common/server/call_gate.h"
#include "services/compensation/statements/adjustment_manager.h"
#include "services/compensation/statements/statement_manager.h"

namespace attain::compensation::statements {

class StatementService final : public v1::StatementService::WithRawCallbackMethod_GetStatement<
                                   v1::StatementService::CallbackService> {
 public:
  StatementService(server::CallGate* gate, StatementManager* statements,
                   AdjustmentManager* adjustments);

  // request: a serialized v1::GetStatementRequest; response: a serialized v1::Statement.
  grpc::ServerUnaryReactor* GetStatement(grpc::CallbackServerContext* context,
                                         const grpc::ByteBuffer* request,
                                         grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ListStatements(grpc::CallbackServerContext* context,
                                           const v1::ListStatementsRequest* request,
                                           v1::ListStatementsResponse* response) override;
  grpc::ServerUnaryReactor* ExplainPayout(grpc::CallbackServerContext* context,
                                          const v1::ExplainPayoutRequest* request,
                                          v1::ExplainPayoutResponse* response) override;
  grpc::ServerUnaryReactor* CreateAdjustment(grpc::CallbackServerContext* context,
                                             const v1::CreateAdjustmentRequest* request,
                                             v1::Adjustment* response) override;
  grpc::ServerUnaryReactor* ListAdjustments(grpc::CallbackServerContext* context,
                                            const v1::ListAdjustmentsRequest* request,
                                            v1::ListAdjustmentsResponse* response) override;
  grpc::ServerUnaryReactor* ExportPayroll(grpc::CallbackServerContext* context,
                                          const v1::ExportPayrollRequest* request,
                                          v1::ExportPayrollResponse* response) override;

 private:
  server::CallGate* gate_;
  StatementManager* statements_;
  AdjustmentManager* adjustments_;
};

}  // namespace attain::compensation::statements

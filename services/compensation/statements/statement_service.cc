#include "services/compensation/statements/statement_service.h"

#include <string>

#include "common/server/raw_calls.h"

namespace attain::compensation::statements {
namespace {

std::string Method(const char* name) {
  return std::string("/attain.compensation.v1.StatementService/") + name;
}

// Finishes a handler: the result into `response` when OK, its status either way.
template <typename Response>
absl::Status Deliver(absl::StatusOr<Response> result, Response* response) {
  if (result.ok()) *response = *std::move(result);
  return result.status();
}

}  // namespace

StatementService::StatementService(server::CallGate* gate, StatementManager* statements,
                                   AdjustmentManager* adjustments)
    : gate_(gate), statements_(statements), adjustments_(adjustments) {
  server::RegisterRawMethod(Method("GetStatement"));
}

grpc::ServerUnaryReactor* StatementService::GetStatement(grpc::CallbackServerContext* context,
                                                         const grpc::ByteBuffer* request,
                                                         grpc::ByteBuffer* response) {
  return gate_->Unary(context, Method("GetStatement"), [=, this](const server::CallContext& call) {
    v1::GetStatementRequest parsed;
    if (auto s = server::ParseRawRequest(*request, &parsed); !s.ok()) return s;
    auto statement = statements_->GetSerialized(call.principal, parsed);
    if (!statement.ok()) return statement.status();
    *response = server::RawReply(*statement);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* StatementService::ListStatements(grpc::CallbackServerContext* context,
                                                           const v1::ListStatementsRequest* request,
                                                           v1::ListStatementsResponse* response) {
  return gate_->Unary(context, Method("ListStatements"),
                      [=, this](const server::CallContext& call) {
                        return Deliver(statements_->List(call.principal, *request), response);
                      });
}

grpc::ServerUnaryReactor* StatementService::ExplainPayout(grpc::CallbackServerContext* context,
                                                          const v1::ExplainPayoutRequest* request,
                                                          v1::ExplainPayoutResponse* response) {
  return gate_->Unary(context, Method("ExplainPayout"), [=, this](const server::CallContext& call) {
    return Deliver(statements_->Explain(call.principal, *request), response);
  });
}

grpc::ServerUnaryReactor* StatementService::CreateAdjustment(
    grpc::CallbackServerContext* context, const v1::CreateAdjustmentRequest* request,
    v1::Adjustment* response) {
  return gate_->Unary(context, Method("CreateAdjustment"),
                      [=, this](const server::CallContext& call) {
                        return Deliver(adjustments_->Create(call.principal, *request), response);
                      });
}

grpc::ServerUnaryReactor* StatementService::ListAdjustments(
    grpc::CallbackServerContext* context, const v1::ListAdjustmentsRequest* request,
    v1::ListAdjustmentsResponse* response) {
  return gate_->Unary(context, Method("ListAdjustments"), [=, this](const server::CallContext&) {
    return Deliver(adjustments_->List(*request), response);
  });
}

grpc::ServerUnaryReactor* StatementService::ExportPayroll(grpc::CallbackServerContext* context,
                                                          const v1::ExportPayrollRequest* request,
                                                          v1::ExportPayrollResponse* response) {
  return gate_->Unary(context, Method("ExportPayroll"), [=, this](const server::CallContext&) {
    return Deliver(statements_->ExportPayroll(*request), response);
  });
}

}  // namespace attain::compensation::statements

#include "services/compensation/transactions/transaction_service.h"

#include <string>

#include "services/compensation/transactions/import_reactor.h"

namespace attain::compensation::transactions {
namespace {

std::string Method(const char* name) {
  return std::string("/attain.compensation.v1.TransactionService/") + name;
}

}  // namespace

grpc::ServerReadReactor<v1::ImportTransactionsRequest>* TransactionService::ImportTransactions(
    grpc::CallbackServerContext* context, v1::ImportTransactionsResponse* response) {
  using Reactor = ImportReactor<v1::ImportTransactionsRequest, v1::ImportTransactionsResponse,
                                TransactionImport>;
  return Reactor::Start(
      gate_, context, Method("ImportTransactions"),
      [this](const server::CallContext& call) {
        return manager_->StartImport(call.principal.subject);
      },
      response);
}

grpc::ServerUnaryReactor* TransactionService::ListTransactions(
    grpc::CallbackServerContext* context, const v1::ListTransactionsRequest* request,
    v1::ListTransactionsResponse* response) {
  return gate_->Unary(context, Method("ListTransactions"), [=, this](const server::CallContext&) {
    auto page = manager_->List(*request);
    if (page.ok()) *response = *std::move(page);
    return page.status();
  });
}

grpc::ServerUnaryReactor* TransactionService::GetTransaction(
    grpc::CallbackServerContext* context, const v1::GetTransactionRequest* request,
    v1::GetTransactionResponse* response) {
  return gate_->Unary(context, Method("GetTransaction"), [=, this](const server::CallContext&) {
    auto transaction = manager_->Get(*request);
    if (transaction.ok()) *response = *std::move(transaction);
    return transaction.status();
  });
}

}  // namespace attain::compensation::transactions

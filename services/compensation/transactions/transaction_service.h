#pragma once
// gRPC adapter for attain.compensation.v1.TransactionService: admits the call through the
// gate and delegates to TransactionManager.

#include "attain/compensation/v1/transactions.grpc.pb.h"
#include "common/server/call_gate.h"
#include "services/compensation/transactions/transaction_manager.h"

namespace attain::compensation::transactions {

class TransactionService final : public v1::TransactionService::CallbackService {
 public:
  TransactionService(server::CallGate* gate, TransactionManager* manager)
      : gate_(gate), manager_(manager) {}

  grpc::ServerReadReactor<v1::ImportTransactionsRequest>* ImportTransactions(
      grpc::CallbackServerContext* context, v1::ImportTransactionsResponse* response) override;
  grpc::ServerUnaryReactor* ListTransactions(grpc::CallbackServerContext* context,
                                             const v1::ListTransactionsRequest* request,
                                             v1::ListTransactionsResponse* response) override;
  grpc::ServerUnaryReactor* GetTransaction(grpc::CallbackServerContext* context,
                                           const v1::GetTransactionRequest* request,
                                           v1::GetTransactionResponse* response) override;

 private:
  server::CallGate* gate_;
  TransactionManager* manager_;
};

}  // namespace attain::compensation::transactions

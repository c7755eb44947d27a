#pragma once
// The transaction use cases: imports (TransactionImport), and reads of the versions in force
// now or at any earlier instant. Callers are authorized by the policy table; every caller
// allowed in sees every transaction.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "attain/compensation/v1/transactions.pb.h"
#include "common/db/pg.h"
#include "common/events/outbox.h"
#include "services/compensation/transactions/references.h"
#include "services/compensation/transactions/transaction_import.h"

namespace attain::compensation::transactions {

class TransactionManager {
 public:
  TransactionManager(db::PgPool* pool, ReferenceChecker* references, events::OutboxRelay* relay)
      : pool_(pool), references_(references), relay_(relay) {}

  // A new import by `principal` (the caller's subject); feed it the stream, then Commit.
  std::unique_ptr<TransactionImport> StartImport(std::string principal);
  absl::StatusOr<v1::ListTransactionsResponse> List(const v1::ListTransactionsRequest& request);
  absl::StatusOr<v1::GetTransactionResponse> Get(const v1::GetTransactionRequest& request);

 private:
  db::PgPool* pool_;
  ReferenceChecker* references_;
  events::OutboxRelay* relay_;
};

}  // namespace attain::compensation::transactions

#pragma once
// attain.compensation.v1.Transaction <-> the domain types.

#include <string>

#include "absl/status/statusor.h"
#include "attain/compensation/v1/transactions.pb.h"
#include "services/compensation/transactions/transaction.h"

namespace attain::compensation::transactions {

namespace v1 = ::attain::compensation::v1;

// Views into `transaction`, which must outlive the result. `out`'s storage is reused.
void ToInput(const v1::Transaction& transaction, TransactionInput* out);
void ToProto(const TransactionVersion& stored, v1::Transaction* out);

// "sources/{source_system}/transactions/{transaction_id}"
std::string ResourceName(const TransactionKey& key);
// The inverse; INVALID_ARGUMENT naming `field` when malformed.
absl::StatusOr<TransactionKey> KeyFromName(const std::string& name, const std::string& field);

}  // namespace attain::compensation::transactions

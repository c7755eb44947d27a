#include "services/compensation/transactions/row_preparation.h"

#include <future>

#include "services/compensation/store/transaction_store.h"
#include "services/compensation/transactions/transaction_proto.h"

namespace attain::compensation::transactions {

void RowPreparer::Prepare(const google::protobuf::RepeatedPtrField<v1::TransactionImportRow>& rows,
                          int64_t first_position, std::vector<PreparedRow>* out) {
  out->resize(rows.size());
  if (rows.size() < kParallelRows) {
    PrepareRange(rows, 0, rows.size(), first_position, scratch_[0], out);
    return;
  }
  const int middle = rows.size() / 2;
  // The two halves write disjoint elements of `out` and use their own scratch.
  auto second = std::async(std::launch::async, [&] {
    PrepareRange(rows, middle, rows.size(), first_position, scratch_[1], out);
  });
  PrepareRange(rows, 0, middle, first_position, scratch_[0], out);
  second.get();
}

void RowPreparer::PrepareRange(
    const google::protobuf::RepeatedPtrField<v1::TransactionImportRow>& rows, int begin, int end,
    int64_t first_position, Scratch& scratch, std::vector<PreparedRow>* out) {
  for (int i = begin; i < end; ++i) {
    const v1::TransactionImportRow& row = rows[i];
    PreparedRow& prepared = (*out)[i];
    prepared.row_number = row.row_number() > 0 ? row.row_number() : first_position + i;
    prepared.problems.clear();
    prepared.copy_fields.clear();
    if (row.row_number() < 0) prepared.problems.push_back({"row_number", "must not be negative"});
    ToInput(row.transaction(), &scratch.input);
    prepared.valid = ParseTransaction(scratch.input, &prepared.transaction, &prepared.problems) &&
                     prepared.problems.empty();
    if (!prepared.valid) continue;
    prepared.digest = ContentDigest(prepared.transaction, scratch.hasher);
    store::AppendTransactionFields(prepared.transaction, prepared.digest, &prepared.copy_fields);
  }
}

}  // namespace attain::compensation::transactions

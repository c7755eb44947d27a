#pragma once
// The per-row work of an import that depends on no other row — parse and validate, digest,
// render the stored columns as a binary COPY row — done for a whole stream message at once,
// on two threads when the message is large. This is most of an import's own CPU; the rows'
// storage is reused from message to message so that a row costs no allocation.

#include <cstdint>
#include <string>
#include <vector>

#include "attain/compensation/v1/transactions.pb.h"
#include "services/compensation/transactions/content_digest.h"
#include "services/compensation/transactions/transaction.h"
#include "services/compensation/transactions/transaction_validation.h"

namespace attain::compensation::transactions {

struct PreparedRow {
  int64_t row_number = 0;
  bool valid = false;       // no problems: transaction, digest and copy_fields are set
  Transaction transaction;
  std::vector<FieldProblem> problems;
  Digest digest{};
  std::string copy_fields;  // store::AppendTransactionFields (binary COPY)
};

class RowPreparer {
 public:
  // Messages with at least this many rows are split over two threads; below it the second
  // thread costs more than it saves.
  static constexpr int kParallelRows = 512;

  // Prepares every row of `rows` into (*out)[i], resizing `out` to match. A row_number of 0
  // becomes the row's 1-based position in the stream, `first_position` + i.
  void Prepare(const google::protobuf::RepeatedPtrField<v1::TransactionImportRow>& rows,
               int64_t first_position, std::vector<PreparedRow>* out);

 private:
  struct Scratch {
    Sha256 hasher;
    TransactionInput input;
  };
  // Prepares rows [begin, end) into (*out)[i].
  static void PrepareRange(
      const google::protobuf::RepeatedPtrField<v1::TransactionImportRow>& rows, int begin,
      int end, int64_t first_position, Scratch& scratch, std::vector<PreparedRow>* out);

  Scratch scratch_[2];  // one per thread
};

}  // namespace attain::compensation::transactions

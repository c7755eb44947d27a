#pragma once
// One streamed transaction import, written while it streams. Each message's rows are
// validated, digested and rendered as binary COPY rows as they arrive (two threads for large
// messages); every kChunkRows valid rows, the chunk's unseen account/product/seller ids are
// checked with one batch call to planning and its keys' stored versions are asked for with
// one statement on a second connection (the first is busy with the COPY). That answer is
// collected when the next chunk is full, and the chunk's new versions are then streamed into
// the import's open COPY. So PostgreSQL probes one chunk and ingests another while the
// service prepares a third, and an import costs little more than the COPY itself.
//
// Everything happens in one transaction, from the first rows to Commit: per-source advisory
// locks (taken before a source's first lookup, so no other import changes what was read), the
// COPY, the UPDATE marking superseded versions, the import record and its outbox event, and
// last the idempotency claim — a retry of a completed request_id finds it, rolls its own work
// back and returns the first response. All-or-nothing with any bad row: rolled back.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "attain/compensation/v1/transactions.pb.h"
#include "common/db/pg.h"
#include "common/events/outbox.h"
#include "services/compensation/store/copy_writer.h"
#include "services/compensation/transactions/change_summary.h"
#include "services/compensation/transactions/content_digest.h"
#include "services/compensation/transactions/import_keys.h"
#include "services/compensation/transactions/references.h"
#include "services/compensation/transactions/row_preparation.h"
#include "services/compensation/transactions/staged_rows.h"
#include "services/compensation/transactions/versioning.h"

namespace attain::compensation::transactions {

namespace v1 = ::attain::compensation::v1;

// What an import needs from the service.
struct ImportContext {
  db::PgPool* pool = nullptr;
  ReferenceChecker* references = nullptr;
  events::OutboxRelay* relay = nullptr;  // woken after commit; may be null (benchmarks)
};

class TransactionImport {
 public:
  static constexpr size_t kMaxRows = 1'000'000;
  // Valid rows per chunk: large enough that the per-chunk statements and planning calls are
  // few, small enough that PostgreSQL starts early and a chunk stays a few megabytes.
  static constexpr size_t kChunkRows = 16'384;
  // Row errors kept for the response; the rejected count stays exact beyond it.
  static constexpr size_t kMaxReportedErrors = 10'000;

  // `principal`: the caller's subject, recorded with the import.
  TransactionImport(ImportContext context, std::string principal);
  // Rolls back an import that did not commit (the call failed or was cancelled).
  ~TransactionImport();
  TransactionImport(const TransactionImport&) = delete;
  TransactionImport& operator=(const TransactionImport&) = delete;

  // One stream message; may write (blocking: call it off the gRPC callback threads). Non-OK
  // ends the call: options missing, repeated or late, more than kMaxRows rows, or the
  // database or planning failing. Row problems are collected, not returned.
  absl::Status Add(v1::ImportTransactionsRequest& message);
  absl::StatusOr<v1::ImportTransactionsResponse> Commit();

 private:
  // Records one prepared row: staged, or rejected with its problems.
  void Stage(const v1::TransactionImportRow& row, PreparedRow& prepared);
  void AddError(int64_t row_number, std::string field, std::string reason);
  absl::Status Begin();
  // Checks the staged chunk, asks for its versions and writes the chunk asked about before.
  absl::Status Flush();
  // The answer to the lookup in flight (nullopt when none was sent: no row needed one).
  absl::StatusOr<std::optional<std::vector<std::optional<StoredHead>>>> ReceivePending();
  // Collects the pending chunk's versions and streams its new versions into the COPY.
  absl::Status WritePending();
  // Decides each row of `chunk` against the versions found for the rows `looked_up` (in that
  // order; rows not looked up are new) and streams the new versions into the COPY.
  absl::Status Write(const StagedRows& chunk, const std::vector<size_t>& looked_up,
                     const std::optional<std::vector<std::optional<StoredHead>>>& found);
  // Rejects the chunk's rows naming ids planning does not know (asking only about ids no
  // earlier chunk asked about).
  absl::Status CheckReferences(StagedRows& chunk);
  // Locks the chunk's sources not locked yet (ending the open COPY to do so) and notes which
  // of them have no stored transaction (their rows need no lookup).
  absl::Status LockNewSources(const StagedRows& chunk);
  absl::Status Send(std::string& data);
  absl::Status EndCopy();
  // Inside the transaction, after the last chunk: supersede, record, claim, commit.
  absl::StatusOr<v1::ImportTransactionsResponse> Finish();
  void Rollback();

  ImportContext context_;
  std::string principal_;
  bool has_options_ = false;
  v1::ImportTransactionsOptions options_;
  ImportCounts counts_;
  RowPreparer preparer_;
  std::vector<PreparedRow> prepared_;  // one message's rows, reused
  ImportKeys keys_;
  std::unique_ptr<StagedRows> chunk_;
  // Ids planning confirmed, so later chunks do not ask again.
  absl::flat_hash_set<std::string> known_accounts_, known_products_, known_sellers_;
  std::vector<RowError> errors_;
  bool errors_truncated_ = false;
  // Over the mode and every row (its key and digest, or its bytes when invalid), so a
  // retried request_id is recognised without keeping the rows.
  Sha256 fingerprint_;

  // The write, open from the first chunk to Commit.
  std::optional<db::PgPool::Lease> tx_;
  std::optional<db::PgPool::Lease> lookup_;  // version lookups while tx_ is in a COPY
  // The chunk whose lookup is in flight on lookup_, and which of its rows were looked up.
  std::unique_ptr<StagedRows> pending_;
  std::vector<size_t> pending_lookup_;
  bool lookup_in_flight_ = false;
  std::optional<store::CopyWriter> copy_;
  int64_t import_id_ = 0;
  absl::flat_hash_set<std::string> locked_sources_;
  absl::flat_hash_set<std::string> new_sources_;  // locked with no stored transaction
  std::vector<std::string> sources_;              // in order of first appearance
  ChangeSummary changes_;
  std::vector<std::pair<TransactionKey, int64_t>> superseded_;  // key, its current version
};

}  // namespace attain::compensation::transactions

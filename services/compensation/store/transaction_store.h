#pragma once
// SQL for the compensation schema's transactions and transaction_imports tables. Nothing
// else touches them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/db/pg.h"
#include "services/compensation/store/copy_writer.h"
#include "services/compensation/transactions/transaction.h"
#include "services/compensation/transactions/versioning.h"

namespace attain::compensation::store {

using transactions::Digest;
using transactions::StoredHead;
using transactions::Transaction;
using transactions::TransactionVersion;

using KeyView = std::pair<std::string_view, std::string_view>;  // (source_system, transaction_id)

// Appends the stored columns of one transaction up to, not including, import_id and version,
// as the start of a binary COPY row (copy_binary.h) in the column order of
// StartTransactionCopy. The import keeps these bytes per row until it knows the version.
void AppendTransactionFields(const Transaction& transaction, const Digest& digest,
                             std::string* out);
// Completes a row started by AppendTransactionFields.
void AppendImportAndVersion(int64_t import_id, int64_t version, std::string* out);
// A binary COPY into transactions: send copy_binary's header, the rows, its trailer.
absl::StatusOr<CopyWriter> StartTransactionCopy(db::PgConn& tx);

// Serializes imports touching the same source systems (version numbers are assigned from
// what each import reads), until the transaction ends. Locks `sources` in sorted order; an
// import meeting further sources in later chunks locks those then, so two imports of
// several sources met in opposite orders can deadlock, and PostgreSQL aborts one (ABORTED:
// the client retries it).
absl::Status LockSources(db::PgConn& tx, std::vector<std::string> sources);

// The sources among `sources` with at least one stored transaction. A source without any
// (its first import) needs no version lookups at all: every row is new.
absl::StatusOr<std::vector<std::string>> SourcesWithTransactions(
    db::PgConn& conn, const std::vector<std::string>& sources);

// The id the import about to be recorded will have.
absl::StatusOr<int64_t> NextImportId(db::PgConn& tx);

// Version lookups for an import, on a connection of their own (the import's is busy with
// its COPY): BeginLookups once, then per chunk SendLookup and, one chunk later,
// ReceiveLookup, so PostgreSQL probes one chunk's keys while the import does other work;
// EndLookups (or a ROLLBACK) at the end. Lookups see committed versions only.
absl::Status BeginLookups(db::PgConn& conn);
// Sends the lookup of `keys` (at most 250,000) without waiting for it.
absl::Status SendLookup(db::PgConn& conn, const std::vector<KeyView>& keys);
// The current version of each key of the lookup sent last, in its order (nullopt: never
// imported). `count` is how many keys it had.
absl::StatusOr<std::vector<std::optional<StoredHead>>> ReceiveLookup(db::PgConn& conn,
                                                                     size_t count);
absl::Status EndLookups(db::PgConn& conn);

// What a superseded version credited, for the change event.
struct SupersededVersion {
  absl::CivilDay date;
  std::vector<std::string> seller_ids;
};
// Marks version `versions[i]` of `keys[i]` superseded as of this transaction's start (the
// import_time of the versions that replace them). ABORTED if any is no longer current.
absl::StatusOr<std::vector<SupersededVersion>> SupersedeVersions(
    db::PgConn& tx, const std::vector<KeyView>& keys, const std::vector<int64_t>& versions);

struct ImportRecord {
  int64_t import_id = 0;
  std::string request_id;
  std::string mode;       // "ALL_OR_NOTHING" | "ACCEPT_VALID"
  std::string principal;  // the caller's subject
  transactions::ImportCounts counts;
};
absl::Status RecordImport(db::PgConn& tx, const ImportRecord& record);

struct TransactionFilter {
  std::string source_system;
  std::string seller_id;
  std::optional<absl::CivilDay> start_date;
  std::optional<absl::CivilDay> end_date;
  std::optional<int64_t> as_of_micros;  // nullopt: the current versions
};

struct TransactionPage {
  std::vector<TransactionVersion> transactions;
  int total = 0;
  bool more = false;
};

// The versions in force (per the filter), ordered by key, strictly after `after`, at most
// `limit`.
absl::StatusOr<TransactionPage> ListTransactions(db::PgConn& conn, const TransactionFilter& filter,
                                                 const std::optional<KeyView>& after, int limit);

// Every version of one transaction, oldest first; empty when it was never imported.
absl::StatusOr<std::vector<TransactionVersion>> GetVersions(db::PgConn& conn,
                                                            const transactions::TransactionKey& key);

}  // namespace attain::compensation::store

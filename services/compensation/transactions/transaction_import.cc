#include "services/compensation/transactions/transaction_import.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/idempotency.h"
#include "common/errors/errors.h"
#include "services/compensation/store/calculation_store.h"
#include "services/compensation/store/copy_binary.h"
#include "services/compensation/store/transaction_store.h"

namespace attain::compensation::transactions {
namespace {

constexpr char kMethod[] = "ImportTransactions";
// An INVALID_ARGUMENT carries at most this many violations (a million bad rows would make a
// trailer larger than any client accepts).
constexpr size_t kMaxViolations = 200;
// COPY data is sent in pieces of about this size.
constexpr size_t kCopyPiece = 1 << 20;

bool AcceptValid(const v1::ImportTransactionsOptions& options) {
  return options.mode() == v1::IMPORT_MODE_ACCEPT_VALID;
}

absl::Status MissingOptions() {
  return errors::InvalidField("options", "the first message must carry options (request_id, mode)");
}

// All or nothing: every problem (up to kMaxViolations) as "rows[N].field".
absl::Status RejectImport(const std::vector<RowError>& errors) {
  std::vector<errors::FieldViolation> violations;
  for (size_t i = 0; i < errors.size() && i < kMaxViolations; ++i) {
    violations.push_back(
        {absl::StrCat("rows[", errors[i].row_number, "].", errors[i].field), errors[i].reason});
  }
  return errors::InvalidFields(std::move(violations));
}

// The ids of `ids` not in `known`.
std::vector<std::string> Unknown(const std::vector<std::string>& ids,
                                 const absl::flat_hash_set<std::string>& known) {
  std::vector<std::string> unknown;
  for (const std::string& id : ids) {
    if (!known.contains(id)) unknown.push_back(id);
  }
  return unknown;
}

// Adds `asked` minus `missing` to `known`.
void Learn(const std::vector<std::string>& asked, const std::vector<std::string>& missing,
           absl::flat_hash_set<std::string>* known) {
  const absl::flat_hash_set<std::string> absent(missing.begin(), missing.end());
  for (const std::string& id : asked) {
    if (!absent.contains(id)) known->insert(id);
  }
}

}  // namespace

TransactionImport::TransactionImport(ImportContext context, std::string principal)
    : context_(context), principal_(std::move(principal)), chunk_(std::make_unique<StagedRows>()) {}

TransactionImport::~TransactionImport() { Rollback(); }

absl::Status TransactionImport::Add(v1::ImportTransactionsRequest& message) {
  if (message.has_options()) {
    if (has_options_) {
      return errors::InvalidField("options", "only the first message may carry options");
    }
    has_options_ = true;
    options_ = message.options();
    fingerprint_.Number(options_.mode());
    return absl::OkStatus();
  }
  if (!has_options_) return MissingOptions();
  const auto& rows = message.batch().rows();
  if (counts_.received + rows.size() > static_cast<int64_t>(kMaxRows)) {
    return errors::InvalidField("rows", absl::StrCat("more than ", kMaxRows,
                                                     " rows in one import; split the file"));
  }
  preparer_.Prepare(rows, counts_.received + 1, &prepared_);
  counts_.received += rows.size();
  for (int i = 0; i < rows.size(); ++i) Stage(rows[i], prepared_[i]);
  if (chunk_->size() >= kChunkRows) return Flush();
  return absl::OkStatus();
}

void TransactionImport::Stage(const v1::TransactionImportRow& row, PreparedRow& prepared) {
  if (!prepared.valid) {
    fingerprint_.Field(row.SerializeAsString());
    for (FieldProblem& problem : prepared.problems) {
      AddError(prepared.row_number, std::move(problem.field), std::move(problem.reason));
    }
    ++counts_.rejected;
    return;
  }
  const Transaction& transaction = prepared.transaction;
  fingerprint_.Number(prepared.row_number);
  fingerprint_.Field(transaction.key.source_system);
  fingerprint_.Field(transaction.key.transaction_id);
  fingerprint_.Field(std::string_view(reinterpret_cast<const char*>(prepared.digest.data()),
                                      prepared.digest.size()));
  if (auto first = keys_.Claim(transaction.key, prepared.row_number)) {
    AddError(prepared.row_number, "transaction_id",
             absl::StrCat("repeats row ", *first, " (the same source_system and transaction_id)"));
    ++counts_.rejected;
    return;
  }
  chunk_->Add(prepared.row_number, transaction, prepared.digest, prepared.copy_fields);
}

void TransactionImport::AddError(int64_t row_number, std::string field, std::string reason) {
  if (errors_.size() >= kMaxReportedErrors) {
    errors_truncated_ = true;
    return;
  }
  errors_.push_back({row_number, std::move(field), std::move(reason)});
}

absl::Status TransactionImport::Begin() {
  auto tx = context_.pool->Acquire();
  if (!tx.ok()) return tx.status();
  tx_.emplace(*std::move(tx));
  if (auto begun = (*tx_)->Exec("BEGIN"); !begun.ok()) return begun.status();
  // Before the import id is drawn, so a calculation run's watermark names exactly the
  // imports it read (store/calculation_store.h).
  if (auto joined = store::JoinSnapshotBarrier(**tx_); !joined.ok()) return joined;
  auto import_id = store::NextImportId(**tx_);
  if (!import_id.ok()) return import_id.status();
  import_id_ = *import_id;
  auto lookup = context_.pool->Acquire();
  if (!lookup.ok()) return lookup.status();
  lookup_.emplace(*std::move(lookup));
  return store::BeginLookups(**lookup_);
}

absl::Status TransactionImport::CheckReferences(StagedRows& chunk) {
  const ReferenceIds named = chunk.References();
  const ReferenceIds unknown{Unknown(named.account_ids, known_accounts_),
                             Unknown(named.product_ids, known_products_),
                             Unknown(named.seller_ids, known_sellers_)};
  if (unknown.account_ids.empty() && unknown.product_ids.empty() &&
      unknown.seller_ids.empty()) {
    return absl::OkStatus();
  }
  auto missing = context_.references->FindMissing(unknown);
  if (!missing.ok()) return missing.status();
  Learn(unknown.account_ids, missing->account_ids, &known_accounts_);
  Learn(unknown.product_ids, missing->product_ids, &known_products_);
  Learn(unknown.seller_ids, missing->seller_ids, &known_sellers_);
  const size_t rejected_before = chunk.rejected_count();
  for (RowError& error : chunk.RejectMissing(*missing)) {
    AddError(error.row_number, std::move(error.field), std::move(error.reason));
  }
  counts_.rejected += static_cast<int32_t>(chunk.rejected_count() - rejected_before);
  return absl::OkStatus();
}

absl::Status TransactionImport::LockNewSources(const StagedRows& chunk) {
  std::vector<std::string> fresh;
  for (size_t i = 0; i < chunk.size(); ++i) {
    const std::string& source = chunk.source_system(i);
    if (!chunk.rejected(i) && locked_sources_.insert(source).second) fresh.push_back(source);
  }
  if (fresh.empty()) return absl::OkStatus();
  // The connection is the COPY's until it ends; the next rows start another.
  if (auto ended = EndCopy(); !ended.ok()) return ended;
  if (auto locked = store::LockSources(**tx_, fresh); !locked.ok()) return locked;
  // After the lock, so no other import can add a transaction of these sources before this
  // one commits: a source without any needs no lookups, every row of it is new.
  auto stored = store::SourcesWithTransactions(**tx_, fresh);
  if (!stored.ok()) return stored.status();
  const absl::flat_hash_set<std::string> with_rows(stored->begin(), stored->end());
  for (std::string& source : fresh) {
    sources_.push_back(source);
    if (!with_rows.contains(source)) new_sources_.insert(std::move(source));
  }
  return absl::OkStatus();
}

absl::Status TransactionImport::Send(std::string& data) {
  if (!copy_) {
    auto copy = store::StartTransactionCopy(**tx_);
    if (!copy.ok()) return copy.status();
    copy_.emplace(*std::move(copy));
    std::string header;
    store::copy_binary::AppendHeader(&header);
    if (auto sent = copy_->Send(header); !sent.ok()) return sent;
  }
  absl::Status sent = copy_->Send(data);
  data.clear();
  return sent;
}

absl::Status TransactionImport::EndCopy() {
  if (!copy_) return absl::OkStatus();
  std::string trailer;
  store::copy_binary::AppendTrailer(&trailer);
  absl::Status sent = copy_->Send(trailer);
  absl::Status finished = copy_->Finish();
  copy_.reset();
  return sent.ok() ? finished : sent;
}

absl::Status TransactionImport::Flush() {
  if (!tx_) {
    if (auto begun = Begin(); !begun.ok()) return begun;
  }
  std::unique_ptr<StagedRows> chunk = std::exchange(chunk_, std::make_unique<StagedRows>());
  if (auto checked = CheckReferences(*chunk); !checked.ok()) return checked;
  // All or nothing: after the first bad row nothing more is written (Commit rolls back),
  // but every row is still checked so the rejection names every problem.
  if (counts_.rejected > 0 && !AcceptValid(options_)) return absl::OkStatus();
  if (auto locked = LockNewSources(*chunk); !locked.ok()) return locked;
  // One lookup in flight per connection: the previous chunk's answer is collected first
  // (and that chunk written while PostgreSQL works on this one's).
  auto previous_heads = ReceivePending();
  if (!previous_heads.ok()) return previous_heads.status();
  std::unique_ptr<StagedRows> previous = std::move(pending_);
  std::vector<size_t> previous_lookup = std::move(pending_lookup_);
  pending_lookup_.clear();
  std::vector<store::KeyView> keys;
  for (size_t i = 0; i < chunk->size(); ++i) {
    if (chunk->rejected(i) || new_sources_.contains(chunk->source_system(i))) continue;
    pending_lookup_.push_back(i);
    keys.emplace_back(chunk->source_system(i), chunk->transaction_id(i));
  }
  if (!keys.empty()) {
    if (auto sent = store::SendLookup(**lookup_, keys); !sent.ok()) return sent;
    lookup_in_flight_ = true;
  }
  pending_ = std::move(chunk);
  if (previous == nullptr) return absl::OkStatus();
  return Write(*previous, previous_lookup, *previous_heads);
}

absl::StatusOr<std::optional<std::vector<std::optional<StoredHead>>>>
TransactionImport::ReceivePending() {
  if (!lookup_in_flight_) return std::nullopt;
  lookup_in_flight_ = false;
  auto found = store::ReceiveLookup(**lookup_, pending_lookup_.size());
  if (!found.ok()) return found.status();
  return std::optional(*std::move(found));
}

absl::Status TransactionImport::WritePending() {
  if (pending_ == nullptr) return absl::OkStatus();
  auto heads = ReceivePending();
  if (!heads.ok()) return heads.status();
  const std::unique_ptr<StagedRows> chunk = std::move(pending_);
  return Write(*chunk, pending_lookup_, *heads);
}

absl::Status TransactionImport::Write(
    const StagedRows& chunk, const std::vector<size_t>& looked_up,
    const std::optional<std::vector<std::optional<StoredHead>>>& found) {
  std::vector<std::optional<StoredHead>> heads(chunk.size());
  if (found) {
    for (size_t k = 0; k < looked_up.size(); ++k) heads[looked_up[k]] = (*found)[k];
  }
  std::string data;
  data.reserve(kCopyPiece + (64 << 10));
  for (size_t i = 0; i < chunk.size(); ++i) {
    if (chunk.rejected(i)) continue;
    const Decision decision = Decide(chunk.digest(i), heads[i]);
    counts_.Count(decision.outcome);
    if (decision.outcome == Outcome::kUnchanged) continue;
    changes_.Add(chunk.month(i), chunk.seller_ids(i));
    if (decision.outcome == Outcome::kNewVersion) {
      superseded_.emplace_back(
          TransactionKey{chunk.source_system(i), std::string(chunk.transaction_id(i))},
          heads[i]->version);
    }
    data.append(chunk.copy_fields(i));
    store::AppendImportAndVersion(import_id_, decision.version, &data);
    if (data.size() >= kCopyPiece) {
      if (auto sent = Send(data); !sent.ok()) return sent;
    }
  }
  return data.empty() ? absl::OkStatus() : Send(data);
}

absl::StatusOr<v1::ImportTransactionsResponse> TransactionImport::Commit() {
  if (!has_options_) return MissingOptions();
  if (counts_.received == 0) return errors::InvalidField("rows", "the import has no rows");
  if (auto flushed = Flush(); !flushed.ok()) return flushed;
  std::stable_sort(errors_.begin(), errors_.end(), [](const RowError& a, const RowError& b) {
    return a.row_number < b.row_number;
  });
  if (counts_.rejected > 0 && !AcceptValid(options_)) {
    Rollback();
    return RejectImport(errors_);
  }
  if (auto written = WritePending(); !written.ok()) return written;
  if (auto ended = EndCopy(); !ended.ok()) return ended;
  if (auto ended = store::EndLookups(**lookup_); !ended.ok()) return ended;
  auto response = Finish();
  if (!response.ok()) {
    Rollback();
    return response.status();
  }
  if (context_.relay != nullptr) context_.relay->Notify();
  return response;
}

absl::StatusOr<v1::ImportTransactionsResponse> TransactionImport::Finish() {
  db::PgConn& tx = **tx_;
  // Claimed last, so the claim's row lock is held only for the end of the import.
  const std::array<uint8_t, 32> fingerprint = fingerprint_.Finish();
  auto claim = db::Claim(tx, options_.request_id(), kMethod,
                         db::RequestFingerprint(std::string_view(
                             reinterpret_cast<const char*>(fingerprint.data()), fingerprint.size())));
  if (!claim.ok()) return claim.status();
  if (claim->previous_response) {
    // A retry of a completed import: what this attempt wrote is rolled back.
    v1::ImportTransactionsResponse previous;
    if (!previous.ParseFromString(*claim->previous_response)) {
      return absl::InternalError("stored response is corrupt");
    }
    Rollback();
    return previous;
  }

  std::vector<store::KeyView> keys;
  std::vector<int64_t> versions;
  for (const auto& [key, version] : superseded_) {
    keys.emplace_back(key.source_system, key.transaction_id);
    versions.push_back(version);
  }
  auto superseded = store::SupersedeVersions(tx, keys, versions);
  if (!superseded.ok()) return superseded.status();
  for (const store::SupersededVersion& old : *superseded) {
    changes_.Add(absl::CivilMonth(old.date), old.seller_ids);
  }
  store::ImportRecord record{import_id_, options_.request_id(),
                             AcceptValid(options_) ? "ACCEPT_VALID" : "ALL_OR_NOTHING",
                             principal_, counts_};
  if (auto recorded = store::RecordImport(tx, record); !recorded.ok()) return recorded;
  const std::string payload =
      ImportEventPayload(import_id_, options_.request_id(), sources_, counts_, changes_).dump();
  if (auto appended = events::Append(tx, "transactions.imported",
                                     absl::StrCat("transaction-imports/", import_id_), payload);
      !appended.ok()) {
    return appended;
  }

  v1::ImportTransactionsResponse response;
  response.set_import_id(import_id_);
  response.set_received_count(counts_.received);
  response.set_inserted_count(counts_.inserted);
  response.set_new_version_count(counts_.new_versions);
  response.set_unchanged_count(counts_.unchanged);
  response.set_rejected_count(counts_.rejected);
  for (const RowError& error : errors_) {
    v1::RowError* out = response.add_rejected_rows();
    out->set_row_number(error.row_number);
    out->set_field(error.field);
    out->set_reason(error.reason);
  }
  response.set_rejected_rows_truncated(errors_truncated_);
  if (auto completed = db::Complete(tx, options_.request_id(), response.SerializeAsString());
      !completed.ok()) {
    return completed;
  }
  if (auto committed = tx.Exec("COMMIT"); !committed.ok()) return committed.status();
  tx_.reset();
  lookup_.reset();
  return response;
}

void TransactionImport::Rollback() {
  copy_.reset();  // aborts an open COPY
  // Best effort throughout: a connection left in a transaction or busy is closed by the
  // pool, never reused.
  if (tx_) {
    (void)(*tx_)->Exec("ROLLBACK");
    tx_.reset();
  }
  if (lookup_) {
    if (lookup_in_flight_) (void)store::ReceiveLookup(**lookup_, pending_lookup_.size());
    lookup_in_flight_ = false;
    (void)(*lookup_)->Exec("ROLLBACK");
    lookup_.reset();
  }
}

}  // namespace attain::compensation::transactions

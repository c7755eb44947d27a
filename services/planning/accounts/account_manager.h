#pragma once
// The account use cases: each write validates the request, runs in one transaction
// (idempotency claim, hierarchy lock, parent and cycle checks, rows, outbox event), then
// invalidates the cache. Every reader sees every account for now.

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "attain/planning/v1/accounts.pb.h"
#include "common/cache/cache.h"
#include "common/db/pg.h"
#include "common/errors/errors.h"
#include "common/events/outbox.h"
#include "services/planning/accounts/account.h"
#include "services/planning/accounts/copy_in.h"
#include "services/planning/store/seller_store.h"

namespace attain::planning::accounts {

class AccountImport;

class AccountManager {
 public:
  AccountManager(db::PgPool* pool, cache::Cache* cache, events::OutboxRelay* relay)
      : pool_(pool), cache_(cache), relay_(relay) {}

  absl::StatusOr<v1::Account> Create(const v1::CreateAccountRequest& request);
  absl::StatusOr<v1::Account> Update(const v1::UpdateAccountRequest& request);
  absl::Status Delete(const v1::DeleteAccountRequest& request);
  // A new import; feed it the stream's messages, then Commit.
  std::unique_ptr<AccountImport> StartImport();

  // Reads narrow to `visibility`: a rep or manager sees the accounts of the territories
  // their visible sellers cover (per the latest assignment run); other roles see all.
  absl::StatusOr<v1::Account> Get(const std::string& name,
                                  const planning::store::Visibility& visibility);
  absl::StatusOr<v1::ListAccountsResponse> List(const v1::ListAccountsRequest& request,
                                                const planning::store::Visibility& visibility);
  // One page of the export after `after_id` (empty page = done).
  absl::StatusOr<std::vector<v1::Account>> ExportPage(
      std::string* after_id, const planning::store::Visibility& visibility);

 private:
  friend class AccountImport;
  void AfterCommit(const std::vector<std::string>& changed_ids);

  db::PgPool* pool_;
  cache::Cache* cache_;
  events::OutboxRelay* relay_;
};

// One streamed import: rows are validated and staged (as COPY text) as they arrive;
// Commit checks the hierarchy against the stored accounts and merges everything in one
// transaction, or writes nothing.
class AccountImport {
 public:
  static constexpr size_t kMaxRows = 1'000'000;

  explicit AccountImport(AccountManager* manager) : manager_(manager) {}

  // INVALID_ARGUMENT at once when the import grows past kMaxRows.
  absl::Status Add(v1::ImportAccountsRequest& message);
  absl::StatusOr<v1::ImportAccountsResponse> Commit();

 private:
  AccountManager* manager_;
  std::string request_id_;
  std::string fingerprint_;
  size_t rows_ = 0;
  catalog::CopyBuffer staged_;
  absl::flat_hash_map<std::string, std::string> parent_by_id_;
  absl::flat_hash_map<std::string, int64_t> row_by_id_;
  std::vector<errors::FieldViolation> violations_;
};

}  // namespace attain::planning::accounts

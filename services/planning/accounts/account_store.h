#pragma once
// SQL for the planning schema's accounts table. Nothing else touches it (bookings reference
// it by foreign key).

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/db/pg.h"
#include "services/planning/accounts/account.h"
#include "services/planning/accounts/account_hierarchy.h"
#include "services/planning/accounts/copy_in.h"

namespace attain::planning::accounts::store {

struct AccountFilter {
  std::string display_name_contains;
  std::string country;
  std::string region;
  std::string state;
  std::string industry;
  std::string segment;
  std::string parent_id;
  // When set (comma-joined seller ids), only accounts assigned — in the latest assignment run
  // on or before today — to territories these sellers cover today.
  std::optional<std::string> covered_by_sellers;
};

struct AccountPage {
  std::vector<Account> accounts;
  int total = 0;
  bool more = false;
};

// Serializes every write to the account hierarchy (cycle checks need a stable graph).
absl::Status LockHierarchy(db::PgConn& tx);

absl::StatusOr<std::optional<Account>> GetAccount(db::PgConn& conn, const std::string& id);
absl::Status InsertAccount(db::PgConn& tx, const Account& account);
// Replaces the row's fields and bumps revision. NOT_FOUND when absent.
absl::Status UpdateAccount(db::PgConn& tx, const Account& account);
// NOT_FOUND when absent.
absl::Status DeleteAccount(db::PgConn& tx, const std::string& id);
absl::StatusOr<bool> HasChildren(db::PgConn& conn, const std::string& id);
absl::StatusOr<bool> HasBookings(db::PgConn& conn, const std::string& id);

// Parents of the stored accounts among `ids` (absent ids are left out).
absl::StatusOr<ParentMap> LoadParents(db::PgConn& conn, const std::vector<std::string>& ids);

// Accounts ordered by id, strictly after `after_id`, at most `limit`.
absl::StatusOr<AccountPage> ListAccounts(db::PgConn& conn, const AccountFilter& filter,
                                         const std::string& after_id, int limit);

// SQL selecting the accounts covered by the sellers in parameter $<param> (comma-joined ids):
// those in the latest assignment run on or before today whose territories the sellers cover
// today. Shared by every read that narrows to a rep's or manager's accounts.
std::string CoveredAccountsSql(int param);

// True when `account_id` is in a territory one of `seller_ids` (comma-joined) covers (see
// AccountFilter::covered_by_sellers).
absl::StatusOr<bool> CoveredBySellers(db::PgConn& conn, const std::string& account_id,
                                      const std::string& seller_ids);

// One import row in the staging layout MergeImport reads.
void AppendImportRow(const Account& account, catalog::CopyBuffer* buffer);
// Stages the rows with COPY and merges them in one statement: new ids are inserted, changed
// accounts updated (revision + 1), identical ones left alone.
absl::StatusOr<catalog::MergeResult> MergeImport(db::PgConn& tx, const catalog::CopyBuffer& rows);

}  // namespace attain::planning::accounts::store

#include "services/planning/accounts/account_manager.h"

#include <google/protobuf/empty.pb.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/db/idempotency.h"
#include "common/server/page_token.h"
#include "services/planning/accounts/account_hierarchy.h"
#include "services/planning/accounts/account_proto.h"
#include "services/planning/accounts/account_store.h"
#include "services/planning/accounts/account_validation.h"
#include "services/planning/accounts/field_checks.h"
#include "services/planning/accounts/update_mask.h"

namespace attain::planning::accounts {
namespace {

constexpr char kCreateMethod[] = "CreateAccount";
constexpr char kUpdateMethod[] = "UpdateAccount";
constexpr char kDeleteMethod[] = "DeleteAccount";
constexpr char kImportMethod[] = "ImportAccounts";
constexpr int kExportPage = 1000;
// Cache invalidations are sent in chunks so a large import never builds one huge command.
constexpr size_t kInvalidateChunk = 1000;

std::string CacheKey(const std::string& id) { return absl::StrCat("account:", id); }
std::string Resource(const std::string& id) { return absl::StrCat("accounts/", id); }

absl::Status NotFound(const std::string& id) {
  return absl::NotFoundError(absl::StrCat(Resource(id), " not found"));
}

// Field violations for hierarchy problems; `field_of` names the row of an account id.
void AddHierarchyViolations(const HierarchyProblems& problems,
                            const std::function<std::string(const std::string&)>& field_of,
                            std::vector<errors::FieldViolation>* violations) {
  for (const std::string& id : problems.unknown_parent) {
    violations->push_back({field_of(id), "names an account that does not exist"});
  }
  for (const std::string& id : problems.in_cycle) {
    violations->push_back({field_of(id), "would make the account its own ancestor"});
  }
}

// Checks the parent of one account being created or updated.
absl::Status CheckParent(db::PgConn& tx, const Account& account) {
  if (account.parent_id.empty()) return absl::OkStatus();
  auto problems = CheckHierarchy({{account.id, account.parent_id}},
                                 [&tx](const std::vector<std::string>& ids) {
                                   return store::LoadParents(tx, ids);
                                 });
  if (!problems.ok()) return problems.status();
  std::vector<errors::FieldViolation> violations;
  AddHierarchyViolations(
      *problems, [](const std::string&) { return "account.parent_account_id"; }, &violations);
  if (!violations.empty()) return catalog::RejectFields(std::move(violations));
  return absl::OkStatus();
}

}  // namespace

void AccountManager::AfterCommit(const std::vector<std::string>& changed_ids) {
  relay_->Notify();
  for (size_t begin = 0; begin < changed_ids.size(); begin += kInvalidateChunk) {
    const size_t end = std::min(changed_ids.size(), begin + kInvalidateChunk);
    std::vector<std::string> keys;
    keys.reserve(end - begin);
    for (size_t i = begin; i < end; ++i) keys.push_back(CacheKey(changed_ids[i]));
    cache_->Invalidate(keys);
  }
}

absl::StatusOr<v1::Account> AccountManager::Create(const v1::CreateAccountRequest& request) {
  std::vector<errors::FieldViolation> violations;
  std::optional<Account> account = ParseAccount(ToInput(request.account()), "account", &violations);
  if (!account) return catalog::RejectFields(std::move(violations));

  auto response = db::IdempotentWrite<v1::Account>(
      *pool_, request.request_id(), kCreateMethod, request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::Account> {
        if (auto locked = store::LockHierarchy(tx); !locked.ok()) return locked;
        auto existing = store::GetAccount(tx, account->id);
        if (!existing.ok()) return existing.status();
        if (existing->has_value()) {
          return errors::InvalidField("account.account_id",
                                      absl::StrCat(Resource(account->id), " already exists"));
        }
        if (auto parent = CheckParent(tx, *account); !parent.ok()) return parent;
        if (auto s = store::InsertAccount(tx, *account); !s.ok()) return s;
        auto stored = store::GetAccount(tx, account->id);
        if (!stored.ok()) return stored.status();
        if (auto s = events::Append(tx, "account.created", Resource(account->id),
                                    ToJson(**stored));
            !s.ok()) {
          return s;
        }
        return ToProto(**stored);
      });
  if (response.ok()) AfterCommit({account->id});
  return response;
}

absl::StatusOr<v1::Account> AccountManager::Update(const v1::UpdateAccountRequest& request) {
  auto id = catalog::IdFromName(request.account().name(), "accounts", "account.name");
  if (!id.ok()) return id.status();
  static const std::vector<std::string> kUpdatable = {
      "display_name", "parent_account_id", "country",        "region",    "state",
      "postal_code",  "industry",          "segment",        "employee_count",
      "annual_revenue", "potential",       "workload",       "currency",  "attributes",
      "locked"};
  auto paths = catalog::UpdatePaths(request.update_mask(), kUpdatable);
  if (!paths.ok()) return paths.status();
  auto has = [&paths](const char* field) {
    return std::find(paths->begin(), paths->end(), field) != paths->end();
  };

  auto response = db::IdempotentWrite<v1::Account>(
      *pool_, request.request_id(), kUpdateMethod, request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::Account> {
        if (auto locked = store::LockHierarchy(tx); !locked.ok()) return locked;
        auto existing = store::GetAccount(tx, *id);
        if (!existing.ok()) return existing.status();
        if (!existing->has_value()) return NotFound(*id);
        if (auto fresh = catalog::CheckRevision(Resource(*id), request.account().revision(),
                                                (*existing)->revision);
            !fresh.ok()) {
          return fresh;
        }
        AccountInput input = ToInput(**existing);
        AccountInput changes = ToInput(request.account());
        if (has("display_name")) input.display_name = changes.display_name;
        if (has("parent_account_id")) input.parent_id = changes.parent_id;
        if (has("country")) input.country = changes.country;
        if (has("region")) input.region = changes.region;
        if (has("state")) input.state = changes.state;
        if (has("postal_code")) input.postal_code = changes.postal_code;
        if (has("industry")) input.industry = changes.industry;
        if (has("segment")) input.segment = changes.segment;
        if (has("employee_count")) input.employee_count = changes.employee_count;
        if (has("annual_revenue")) input.annual_revenue = changes.annual_revenue;
        if (has("potential")) input.potential = changes.potential;
        if (has("workload")) input.workload = changes.workload;
        if (has("currency")) input.currency = changes.currency;
        if (has("attributes")) input.attributes = changes.attributes;
        if (has("locked")) input.locked = changes.locked;
        std::vector<errors::FieldViolation> violations;
        std::optional<Account> account = ParseAccount(input, "account", &violations);
        if (!account) return catalog::RejectFields(std::move(violations));
        if (account->parent_id != (*existing)->parent_id) {
          if (auto parent = CheckParent(tx, *account); !parent.ok()) return parent;
        }
        if (auto s = store::UpdateAccount(tx, *account); !s.ok()) return s;
        auto stored = store::GetAccount(tx, *id);
        if (!stored.ok()) return stored.status();
        if (auto s = events::Append(tx, "account.updated", Resource(*id), ToJson(**stored));
            !s.ok()) {
          return s;
        }
        return ToProto(**stored);
      });
  if (response.ok()) AfterCommit({*id});
  return response;
}

absl::Status AccountManager::Delete(const v1::DeleteAccountRequest& request) {
  auto id = catalog::IdFromName(request.name(), "accounts", "name");
  if (!id.ok()) return id.status();
  auto deleted = db::IdempotentWrite<google::protobuf::Empty>(
      *pool_, request.request_id(), kDeleteMethod, request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<google::protobuf::Empty> {
        if (auto locked = store::LockHierarchy(tx); !locked.ok()) return locked;
        auto children = store::HasChildren(tx, *id);
        if (!children.ok()) return children.status();
        if (*children) {
          return errors::WithReason(
              absl::FailedPreconditionError(absl::StrCat(
                  Resource(*id), " is the parent of other accounts; re-parent them first")),
              "ACCOUNT_HAS_CHILDREN");
        }
        auto bookings = store::HasBookings(tx, *id);
        if (!bookings.ok()) return bookings.status();
        if (*bookings) {
          return errors::WithReason(
              absl::FailedPreconditionError(
                  absl::StrCat(Resource(*id), " has booking history and cannot be deleted")),
              "ACCOUNT_HAS_BOOKINGS");
        }
        if (auto s = store::DeleteAccount(tx, *id); !s.ok()) {
          return s.code() == absl::StatusCode::kNotFound ? NotFound(*id) : s;
        }
        if (auto s = events::Append(tx, "account.deleted", Resource(*id), "{}"); !s.ok()) {
          return s;
        }
        return google::protobuf::Empty();
      });
  if (!deleted.ok()) return deleted.status();
  AfterCommit({*id});
  return absl::OkStatus();
}

std::unique_ptr<AccountImport> AccountManager::StartImport() {
  return std::make_unique<AccountImport>(this);
}

absl::StatusOr<v1::Account> AccountManager::Get(const std::string& name,
                                                 const planning::store::Visibility& visibility) {
  auto id = catalog::IdFromName(name, "accounts", "name");
  if (!id.ok()) return id.status();
  if (!visibility.everyone) {
    auto lease = pool_->Acquire();
    if (!lease.ok()) return lease.status();
    auto covered = store::CoveredBySellers(**lease, *id, absl::StrJoin(visibility.ids, ","));
    if (!covered.ok()) return covered.status();
    if (!*covered) {
      return errors::WithReason(
          absl::PermissionDeniedError(absl::StrCat("not allowed to see ", Resource(*id))),
          "OUTSIDE_CALLER_SCOPE");
    }
  }
  return cache_->GetOrLoadMessage<v1::Account>(CacheKey(*id), [&]() -> absl::StatusOr<v1::Account> {
    auto lease = pool_->Acquire();
    if (!lease.ok()) return lease.status();
    auto account = store::GetAccount(**lease, *id);
    if (!account.ok()) return account.status();
    if (!account->has_value()) return NotFound(*id);
    return ToProto(**account);
  });
}

absl::StatusOr<v1::ListAccountsResponse> AccountManager::List(
    const v1::ListAccountsRequest& request, const planning::store::Visibility& visibility) {
  auto page_size = server::EffectivePageSize(request.page_size());
  if (!page_size.ok()) return page_size.status();
  store::AccountFilter filter;
  if (!visibility.everyone) filter.covered_by_sellers = absl::StrJoin(visibility.ids, ",");
  filter.display_name_contains = request.display_name_contains();
  filter.country = request.country();
  filter.region = request.region();
  filter.state = request.state();
  filter.industry = request.industry();
  filter.segment = request.segment();
  filter.parent_id = request.parent_account_id();
  v1::ListAccountsRequest fingerprint = request;
  fingerprint.clear_page_token();
  fingerprint.clear_page_size();
  const std::string filter_key = db::RequestFingerprint(fingerprint.SerializeAsString());
  auto after = server::DecodePageToken(request.page_token(), filter_key);
  if (!after.ok()) return after.status();

  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto page = store::ListAccounts(**lease, filter, *after, *page_size);
  if (!page.ok()) return page.status();
  v1::ListAccountsResponse response;
  for (const Account& account : page->accounts) ToProto(account, response.add_accounts());
  response.set_total_size(page->total);
  if (page->more) {
    response.set_next_page_token(server::EncodePageToken(filter_key, page->accounts.back().id));
  }
  return response;
}

absl::StatusOr<std::vector<v1::Account>> AccountManager::ExportPage(
    std::string* after_id, const planning::store::Visibility& visibility) {
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  store::AccountFilter filter;
  if (!visibility.everyone) filter.covered_by_sellers = absl::StrJoin(visibility.ids, ",");
  auto page = store::ListAccounts(**lease, filter, *after_id, kExportPage);
  if (!page.ok()) return page.status();
  std::vector<v1::Account> accounts;
  accounts.reserve(page->accounts.size());
  for (const Account& account : page->accounts) accounts.push_back(ToProto(account));
  if (!page->accounts.empty()) *after_id = page->accounts.back().id;
  return accounts;
}

absl::Status AccountImport::Add(v1::ImportAccountsRequest& message) {
  if (request_id_.empty()) request_id_ = message.request_id();
  // A running fingerprint of every row, so a retried import is recognised without keeping
  // the rows' bytes.
  fingerprint_ = db::RequestFingerprint(absl::StrCat(fingerprint_, message.SerializeAsString()));
  rows_ += message.rows_size();
  if (rows_ > kMaxRows) {
    return errors::InvalidField("rows", "more than 1000000 rows in one import; split the file");
  }
  for (const v1::AccountImportRow& row : message.rows()) {
    const std::string prefix = absl::StrCat("rows[", row.row_number(), "]");
    std::optional<Account> account = ParseAccount(ToInput(row.account()), prefix, &violations_);
    if (!account) continue;
    if (auto [it, fresh] = row_by_id_.emplace(account->id, row.row_number()); !fresh) {
      violations_.push_back({prefix + ".account_id", absl::StrCat("duplicates row ", it->second)});
      continue;
    }
    parent_by_id_[account->id] = account->parent_id;
    store::AppendImportRow(*account, &staged_);
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::ImportAccountsResponse> AccountImport::Commit() {
  if (rows_ == 0) return errors::InvalidField("rows", "the import has no rows");
  if (!violations_.empty()) return catalog::RejectFields(std::move(violations_));

  std::vector<std::string> updated_ids;
  auto result = db::IdempotentWrite<v1::ImportAccountsResponse>(
      *manager_->pool_, request_id_, kImportMethod, fingerprint_,
      [&](db::PgConn& tx) -> absl::StatusOr<v1::ImportAccountsResponse> {
        if (auto locked = store::LockHierarchy(tx); !locked.ok()) return locked;
        auto problems = CheckHierarchy(parent_by_id_, [&tx](const std::vector<std::string>& ids) {
          return store::LoadParents(tx, ids);
        });
        if (!problems.ok()) return problems.status();
        if (!problems->empty()) {
          std::vector<errors::FieldViolation> violations;
          AddHierarchyViolations(
              *problems,
              [this](const std::string& id) {
                return absl::StrCat("rows[", row_by_id_.at(id), "].parent_account_id");
              },
              &violations);
          return catalog::RejectFields(std::move(violations));
        }
        auto merged = store::MergeImport(tx, staged_);
        if (!merged.ok()) return merged.status();
        updated_ids = std::move(merged->updated_ids);
        v1::ImportAccountsResponse response;
        response.set_created_count(merged->created);
        response.set_updated_count(merged->updated);
        response.set_unchanged_count(merged->unchanged);
        nlohmann::json payload = {{"request_id", request_id_},
                                  {"created_count", merged->created},
                                  {"updated_count", merged->updated},
                                  {"unchanged_count", merged->unchanged}};
        if (auto s = events::Append(tx, "accounts.imported", "accounts", payload.dump());
            !s.ok()) {
          return s;
        }
        return response;
      });
  if (result.ok()) manager_->AfterCommit(updated_ids);
  return result;
}

}  // namespace attain::planning::accounts

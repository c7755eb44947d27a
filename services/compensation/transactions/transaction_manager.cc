#include "services/compensation/transactions/transaction_manager.h"

#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "common/db/idempotency.h"
#include "common/errors/errors.h"
#include "common/server/page_token.h"
#include "common/time/dates.h"
#include "services/compensation/store/transaction_store.h"
#include "services/compensation/transactions/transaction_proto.h"
#include "services/compensation/transactions/transaction_validation.h"

namespace attain::compensation::transactions {
namespace {

using google::protobuf::util::TimeUtil;

// A page token's key: source systems never contain a space, so the first one separates.
std::string PageKey(const TransactionKey& key) {
  return absl::StrCat(key.source_system, " ", key.transaction_id);
}

absl::StatusOr<std::optional<absl::CivilDay>> OptionalDay(const std::string& text,
                                                          const char* field) {
  auto day = dates::ParseOptional(text, field);
  if (!day.ok()) return errors::InvalidField(field, "must be a calendar date YYYY-MM-DD");
  return *day;
}

absl::StatusOr<store::TransactionFilter> ParseFilter(const v1::ListTransactionsRequest& request) {
  store::TransactionFilter filter;
  filter.source_system = request.source_system();
  if (!filter.source_system.empty() && !IsValidId(filter.source_system)) {
    return errors::InvalidField("source_system", "must be 1-64 letters, digits, '-', '_' or '.'");
  }
  filter.seller_id = request.seller_id();
  if (!filter.seller_id.empty() && !IsValidId(filter.seller_id)) {
    return errors::InvalidField("seller_id", "must be 1-64 letters, digits, '-', '_' or '.'");
  }
  auto start = OptionalDay(request.start_date(), "start_date");
  if (!start.ok()) return start.status();
  auto end = OptionalDay(request.end_date(), "end_date");
  if (!end.ok()) return end.status();
  if (*start && *end && **end < **start) {
    return errors::InvalidField("end_date", "must not be before start_date");
  }
  filter.start_date = *start;
  filter.end_date = *end;
  if (request.has_as_of()) {
    // 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59Z, as google.protobuf.Timestamp defines.
    const auto& as_of = request.as_of();
    if (as_of.seconds() < TimeUtil::kTimestampMinSeconds ||
        as_of.seconds() > TimeUtil::kTimestampMaxSeconds || as_of.nanos() < 0 ||
        as_of.nanos() > 999'999'999) {
      return errors::InvalidField("as_of", "is not a valid timestamp");
    }
    filter.as_of_micros = TimeUtil::TimestampToMicroseconds(request.as_of());
  }
  return filter;
}

}  // namespace

std::unique_ptr<TransactionImport> TransactionManager::StartImport(std::string principal) {
  return std::make_unique<TransactionImport>(ImportContext{pool_, references_, relay_},
                                             std::move(principal));
}

absl::StatusOr<v1::ListTransactionsResponse> TransactionManager::List(
    const v1::ListTransactionsRequest& request) {
  auto page_size = server::EffectivePageSize(request.page_size());
  if (!page_size.ok()) return page_size.status();
  auto filter = ParseFilter(request);
  if (!filter.ok()) return filter.status();
  v1::ListTransactionsRequest fingerprint = request;
  fingerprint.clear_page_token();
  fingerprint.clear_page_size();
  const std::string filter_key = db::RequestFingerprint(fingerprint.SerializeAsString());
  auto after_key = server::DecodePageToken(request.page_token(), filter_key);
  if (!after_key.ok()) return after_key.status();
  std::optional<store::KeyView> after;
  if (!after_key->empty()) {
    const size_t space = after_key->find(' ');
    if (space == std::string::npos) {
      return errors::InvalidField("page_token", "is not a token returned by this method");
    }
    after = store::KeyView(std::string_view(*after_key).substr(0, space),
                           std::string_view(*after_key).substr(space + 1));
  }

  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto page = store::ListTransactions(**lease, *filter, after, *page_size);
  if (!page.ok()) return page.status();
  v1::ListTransactionsResponse response;
  for (const TransactionVersion& stored : page->transactions) {
    ToProto(stored, response.add_transactions());
  }
  response.set_total_size(page->total);
  if (page->more) {
    response.set_next_page_token(server::EncodePageToken(
        filter_key, PageKey(page->transactions.back().transaction.key)));
  }
  return response;
}

absl::StatusOr<v1::GetTransactionResponse> TransactionManager::Get(
    const v1::GetTransactionRequest& request) {
  auto key = KeyFromName(request.name(), "name");
  if (!key.ok()) return key.status();
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto versions = store::GetVersions(**lease, *key);
  if (!versions.ok()) return versions.status();
  if (versions->empty()) {
    return absl::NotFoundError(absl::StrCat(request.name(), " not found"));
  }
  v1::GetTransactionResponse response;
  for (const TransactionVersion& version : *versions) ToProto(version, response.add_versions());
  // Versions are superseded strictly in order, so the newest one is the current one.
  *response.mutable_transaction() = response.versions(response.versions_size() - 1);
  return response;
}

}  // namespace attain::compensation::transactions

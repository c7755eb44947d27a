#pragma once
// The organization use cases: each write validates the request, runs in one transaction
// (idempotency claim, hierarchy lock, checks against the whole org chart, rows, outbox
// event), then invalidates the cache. Reads apply the caller's visibility: a rep sees only
// themselves, a manager themselves and their reporting subtree, other roles everyone.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "attain/planning/v1/organization.pb.h"
#include "common/auth/principal.h"
#include "common/cache/cache.h"
#include "common/db/pg.h"
#include "common/events/outbox.h"
#include "services/planning/store/seller_store.h"

namespace attain::planning {

class OrganizationManager {
 public:
  OrganizationManager(db::PgPool* pool, cache::Cache* cache, events::OutboxRelay* relay)
      : pool_(pool), cache_(cache), relay_(relay) {}

  absl::StatusOr<store::Visibility> VisibilityFor(const auth::Principal& principal);

  absl::StatusOr<v1::Seller> Create(const v1::CreateSellerRequest& request);
  absl::StatusOr<v1::Seller> Update(const v1::UpdateSellerRequest& request);
  absl::Status Delete(const v1::DeleteSellerRequest& request);
  absl::StatusOr<v1::ImportSellersResponse> Import(const std::string& request_id,
                                                   const std::vector<v1::SellerImportRow>& rows);

  absl::StatusOr<v1::Seller> Get(const std::string& name, const store::Visibility& visibility);
  absl::StatusOr<v1::ListSellersResponse> List(const v1::ListSellersRequest& request,
                                               const store::Visibility& visibility);
  absl::StatusOr<v1::GetReportingChainResponse> Chain(const v1::GetReportingChainRequest& request,
                                                      const store::Visibility& visibility);
  absl::StatusOr<v1::ListReportsResponse> Reports(const v1::ListReportsRequest& request,
                                                  const store::Visibility& visibility);
  // One page of the export after `after_id` (empty page = done).
  absl::StatusOr<std::vector<v1::Seller>> ExportPage(const std::string& active_as_of,
                                                     const store::Visibility& visibility,
                                                     std::string* after_id);

 private:
  void AfterCommit(const std::vector<std::string>& changed_ids);

  db::PgPool* pool_;
  cache::Cache* cache_;
  events::OutboxRelay* relay_;
};

// "sellers/{id}" -> id; INVALID_ARGUMENT naming `field` otherwise.
absl::StatusOr<std::string> SellerIdFromName(const std::string& name, const std::string& field);

}  // namespace attain::planning

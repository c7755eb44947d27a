#pragma once
// GetQuotas: seller quotas for many sellers and periods at once from the ACTIVE plan
// version(s) in force on a date. Each seller's quota is its territories' quotas x split,
// prorated by active days and weighted by the new-hire ramp (quota engine).
//
// Cache-aside in Redis, one entry per (plan, version, version revision, seller, period):
// a call costs one PostgreSQL query for the active versions and one MGET; only sellers with a
// missing entry are computed (with their territories' co-sellers, so split checks see whole
// territories) and stored with one EVAL. Any state change of a version bumps its revision,
// so a changed plan never serves old entries; assignment or hire-date edits show after the
// entries' TTL.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "attain/planning/v1/quotas.pb.h"
#include "common/db/pg.h"
#include "services/planning/quotas/batch_cache.h"
#include "services/planning/store/seller_store.h"

namespace attain::planning::quotas {

inline constexpr int kMaxSellersPerCall = 10000;

class SellerQuotaReader {
 public:
  SellerQuotaReader(db::PgPool* pool, BatchCache* cache) : pool_(pool), cache_(cache) {}

  // A rep or manager may ask only for visible sellers; no seller_ids means all visible ones
  // (which only a rep or manager may omit).
  absl::StatusOr<v1::GetQuotasResponse> GetQuotas(const v1::GetQuotasRequest& request,
                                                  const store::Visibility& visibility);

 private:
  db::PgPool* pool_;
  BatchCache* cache_;
};

}  // namespace attain::planning::quotas

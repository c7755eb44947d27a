#include "services/compensation/statements/adjustment_manager.h"

#include <openssl/rand.h>

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/db/idempotency.h"
#include "common/errors/errors.h"
#include "common/server/page_token.h"
#include "services/compensation/periods/period_status.h"
#include "services/compensation/statements/adjustment_validation.h"
#include "services/compensation/statements/paging.h"
#include "services/compensation/statements/request_fields.h"
#include "services/compensation/store/adjustment_store.h"
#include "services/compensation/store/period_store.h"

namespace attain::compensation::statements {
namespace {

constexpr char kCreateMethod[] = "CreateAdjustment";

// "adj-" and 16 random hex digits: unguessable, and free of spaces (page token keys).
absl::StatusOr<std::string> NewAdjustmentId() {
  uint64_t bits = 0;
  if (RAND_bytes(reinterpret_cast<unsigned char*>(&bits), sizeof(bits)) != 1) {
    return absl::InternalError("no random bytes for an adjustment id");
  }
  return absl::StrCat("adj-", absl::Hex(bits, absl::kZeroPad16));
}

// "<seller_id> <create_time_micros> <adjustment_id>": none of them contains a space.
std::string PageKey(const Adjustment& adjustment) {
  return absl::StrCat(adjustment.seller_id, " ", adjustment.create_time_micros, " ",
                      adjustment.adjustment_id);
}

absl::StatusOr<std::optional<store::AdjustmentKey>> ParsePageKey(const std::string& key) {
  if (key.empty()) return std::optional<store::AdjustmentKey>();
  std::vector<std::string> parts = absl::StrSplit(key, ' ');
  store::AdjustmentKey parsed;
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[1], &parsed.create_time_micros)) {
    return errors::InvalidField("page_token", "is not a token returned by this method");
  }
  parsed.seller_id = parts[0];
  parsed.adjustment_id = parts[2];
  return std::optional<store::AdjustmentKey>(std::move(parsed));
}

}  // namespace

absl::Status AdjustmentManager::CheckSellerExists(const std::string& seller_id) {
  if (sellers_ == nullptr) return absl::OkStatus();
  transactions::ReferenceIds ids;
  ids.seller_ids.push_back(seller_id);
  auto missing = sellers_->FindMissing(ids);
  if (!missing.ok()) return missing.status();
  if (!missing->seller_ids.empty()) {
    return errors::InvalidField("adjustment.seller_id",
                                absl::StrCat("sellers/", seller_id, " does not exist"));
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::Adjustment> AdjustmentManager::Create(
    const auth::Principal& principal, const v1::CreateAdjustmentRequest& request) {
  auto adjustment = ParseAdjustment(request.adjustment(), fiscal_year_start_month_);
  if (!adjustment.ok()) return adjustment.status();
  if (auto exists = CheckSellerExists(adjustment->seller_id); !exists.ok()) return exists;
  auto id = NewAdjustmentId();
  if (!id.ok()) return id.status();
  adjustment->adjustment_id = *std::move(id);
  adjustment->author = principal.subject;

  auto response = db::IdempotentWrite<v1::Adjustment>(
      *pool_, request.request_id(), kCreateMethod, request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::Adjustment> {
        // Shares the period row's lock with approvals: no adjustment slips in after one.
        auto status = store::LoadPeriodStatus(tx, adjustment->period, /*for_update=*/true);
        if (!status.ok()) return status.status();
        if (auto open = periods::CheckAdjustable(adjustment->period, *status); !open.ok()) {
          return open;
        }
        auto created = store::InsertAdjustment(tx, *adjustment, request.request_id());
        if (!created.ok()) return created.status();
        Adjustment stored = *adjustment;
        stored.create_time_micros = *created;
        if (auto s = events::Append(tx, "adjustment.created", AdjustmentName(stored),
                                    ToEventJson(stored));
            !s.ok()) {
          return s;
        }
        return ToProto(stored);
      });
  if (response.ok()) relay_->Notify();
  return response;
}

absl::StatusOr<v1::ListAdjustmentsResponse> AdjustmentManager::List(
    const v1::ListAdjustmentsRequest& request) {
  auto page_size = server::EffectivePageSize(request.page_size());
  if (!page_size.ok()) return page_size.status();
  auto period = CanonicalPeriod(request.period(), fiscal_year_start_month_, "period");
  if (!period.ok()) return period.status();
  if (!request.seller_id().empty()) {
    if (auto s = CheckSellerId(request.seller_id(), "seller_id"); !s.ok()) return s;
  }
  const std::string filter_key = FilterFingerprint(request);
  auto key = server::DecodePageToken(request.page_token(), filter_key);
  if (!key.ok()) return key.status();
  auto after = ParsePageKey(*key);
  if (!after.ok()) return after.status();

  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto page = store::ListAdjustments(**lease, *period, request.seller_id(), *after, *page_size);
  if (!page.ok()) return page.status();
  v1::ListAdjustmentsResponse response;
  for (const Adjustment& adjustment : page->adjustments) {
    *response.add_adjustments() = ToProto(adjustment);
  }
  if (page->more) {
    response.set_next_page_token(
        server::EncodePageToken(filter_key, PageKey(page->adjustments.back())));
  }
  return response;
}

}  // namespace attain::compensation::statements

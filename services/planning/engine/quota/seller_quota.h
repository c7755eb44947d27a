#pragma once
// Seller quotas from territory quotas. For seller s, assignment a (territory T, split x,
// active dates A) and period p of D_p days:
//
//   R(a, p)  = sum over the days d in A ∩ p of ramp(d)       (ramp.h; 1 per day if no ramp)
//   line     = Q(T, p) * x * R(a, p) / D_p                    (kept unrounded, 6 decimals)
//   quota(s, p) = round_half_even_to_cents(sum of s's lines in p)
//   annual(s)   = sum over p of quota(s, p)
//
// So a seller active for the whole period at full ramp gets Q * x; hire, termination and
// transfer dates prorate by active days, and the ramp weighs each active day. A transfer is
// two assignments whose date ranges meet; the ramp follows the hire date, not the transfer.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/money/decimal.h"
#include "common/time/dates.h"
#include "services/planning/engine/quota/allocation.h"
#include "services/planning/engine/quota/fiscal_calendar.h"
#include "services/planning/engine/quota/ramp.h"

namespace attain::planning::quota {

// Territory id -> its quota per fiscal period (same order as the periods).
using TerritoryQuotas = absl::flat_hash_map<std::string, std::vector<money::Decimal>>;

// Every node's period amounts from a top-down allocation.
TerritoryQuotas PeriodQuotasOf(const TopDownAllocation& allocation);

struct SellerAssignment {
  std::string territory_id;
  money::Decimal split;     // share of the territory's quota, 0 < split <= 1
  dates::DateRange active;  // closed; open-ended when `end` is empty
  // Overlay roles (specialists) take their split on top; they are left out of the check
  // that a territory's splits sum to 1.
  bool overlay = false;
};

struct SellerPlanInput {
  std::string seller_id;
  absl::CivilDay hire_date;  // tenure month 1 starts here
  std::vector<SellerAssignment> assignments;
};

struct SellerQuotaLine {
  size_t assignment = 0;  // index into the seller's assignments
  std::string territory_id;
  int64_t active_days = 0;
  money::Decimal ramped_days;  // R(a, p)
  money::Decimal unrounded;
};

struct SellerPeriodQuota {
  int period_index = 0;
  std::vector<SellerQuotaLine> lines;  // assignments active in the period
  money::Decimal unrounded;
  money::Decimal quota;  // cents
};

struct SellerQuota {
  std::string seller_id;
  std::vector<SellerPeriodQuota> periods;  // one per plan period
  money::Decimal annual_unrounded;
  money::Decimal annual;  // sum of the rounded period quotas
};

// Validates (every violation at once: "sellers[2].assignments[0].split", "ramp...") and
// computes one SellerQuota per seller, in input order. On any day of the plan when a
// territory has non-overlay sellers, their splits must sum to exactly 1 (a wholly vacant
// territory is fine).
absl::StatusOr<std::vector<SellerQuota>> ComputeSellerQuotas(
    const std::vector<FiscalPeriod>& periods, const TerritoryQuotas& territory_quotas,
    const std::vector<SellerPlanInput>& sellers, const RampSchedule& ramp);

}  // namespace attain::planning::quota

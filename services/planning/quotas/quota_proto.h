#pragma once
// Quota engine results as attain.planning.v1 messages, and period selection by label.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "attain/planning/v1/quotas.pb.h"
#include "services/planning/engine/quota/allocation.h"
#include "services/planning/engine/quota/fiscal_calendar.h"
#include "services/planning/engine/quota/reconciliation.h"
#include "services/planning/engine/quota/seller_quota.h"

namespace attain::planning::quotas {

// Indexes of the periods named by `labels` in plan order (empty = all). INVALID_ARGUMENT
// naming "<field>[i]" for a label the plan does not have.
absl::StatusOr<std::vector<int>> SelectPeriods(const std::vector<quota::FiscalPeriod>& periods,
                                               const std::vector<std::string>& labels,
                                               const std::string& field);

// The node with only the `selected` periods.
v1::TerritoryQuota TerritoryQuotaToProto(const quota::NodeAllocation& node,
                                         const std::vector<quota::FiscalPeriod>& periods,
                                         const std::vector<int>& selected);

v1::NodeReconciliation ReconciliationToProto(const quota::NodeReconciliation& row);

v1::SellerPeriodQuota SellerPeriodToProto(const quota::SellerPeriodQuota& period,
                                          const std::string& label);

}  // namespace attain::planning::quotas

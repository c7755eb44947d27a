#include "services/planning/quotas/quota_proto.h"

#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"

namespace attain::planning::quotas {

absl::StatusOr<std::vector<int>> SelectPeriods(const std::vector<quota::FiscalPeriod>& periods,
                                               const std::vector<std::string>& labels,
                                               const std::string& field) {
  std::vector<int> selected;
  if (labels.empty()) {
    for (const quota::FiscalPeriod& p : periods) selected.push_back(p.index);
    return selected;
  }
  std::vector<bool> wanted(periods.size(), false);
  std::vector<errors::FieldViolation> violations;
  for (size_t i = 0; i < labels.size(); ++i) {
    bool found = false;
    for (const quota::FiscalPeriod& p : periods) {
      if (p.label == labels[i]) {
        wanted[p.index] = true;
        found = true;
      }
    }
    if (!found) {
      violations.push_back({absl::StrCat(field, "[", i, "]"),
                            absl::StrCat("unknown period \"", labels[i], "\"; periods run ",
                                         periods.front().label, "..", periods.back().label)});
    }
  }
  if (!violations.empty()) return errors::InvalidFields(std::move(violations));
  for (size_t i = 0; i < wanted.size(); ++i) {
    if (wanted[i]) selected.push_back(static_cast<int>(i));
  }
  return selected;
}

v1::TerritoryQuota TerritoryQuotaToProto(const quota::NodeAllocation& node,
                                         const std::vector<quota::FiscalPeriod>& periods,
                                         const std::vector<int>& selected) {
  v1::TerritoryQuota out;
  out.set_territory_id(node.node_id);
  out.set_parent_id(node.parent_id);
  out.set_depth(node.depth);
  out.set_annual(node.annual.ToString());
  out.set_children_pool(node.children_pool.ToString());
  for (int index : selected) {
    if (index >= static_cast<int>(node.periods.size())) continue;
    v1::PeriodAmount* amount = out.add_periods();
    amount->set_period(periods[index].label);
    amount->set_amount(node.periods[index].ToString());
  }
  return out;
}

v1::NodeReconciliation ReconciliationToProto(const quota::NodeReconciliation& row) {
  v1::NodeReconciliation out;
  out.set_territory_id(row.node_id);
  out.set_parent_id(row.parent_id);
  out.set_depth(row.depth);
  out.set_top_down(row.top_down.ToString());
  if (row.submitted) out.set_submitted(row.submitted->ToString());
  out.set_bottom_up(row.bottom_up.ToString());
  out.set_difference(row.difference.ToString());
  if (row.relative_difference) out.set_relative_difference(row.relative_difference->ToString());
  out.set_missing_submissions(row.missing_submissions);
  return out;
}

v1::SellerPeriodQuota SellerPeriodToProto(const quota::SellerPeriodQuota& period,
                                          const std::string& label) {
  v1::SellerPeriodQuota out;
  out.set_period(label);
  out.set_quota(period.quota.ToFixed(2));
  out.set_unrounded(period.unrounded.ToString());
  for (const quota::SellerQuotaLine& line : period.lines) {
    v1::SellerQuotaLine* l = out.add_lines();
    l->set_territory_id(line.territory_id);
    l->set_active_days(line.active_days);
    l->set_ramped_days(line.ramped_days.ToString());
    l->set_amount(line.unrounded.ToString());
  }
  return out;
}

}  // namespace attain::planning::quotas

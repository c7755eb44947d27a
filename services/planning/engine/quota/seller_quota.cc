#include "services/planning/engine/quota/seller_quota.h"

#include <algorithm>
#include <tuple>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "services/planning/engine/quota/checked_math.h"

namespace attain::planning::quota {
namespace {

using money::Decimal;

std::string AssignmentField(size_t seller, size_t assignment) {
  return Indexed(Indexed("sellers", seller) + ".assignments", assignment);
}

absl::CivilDay EndOr(const dates::DateRange& range, absl::CivilDay fallback) {
  return range.end.has_value() ? *range.end : fallback;
}

void ValidateSellers(const std::vector<FiscalPeriod>& periods,
                     const TerritoryQuotas& territory_quotas,
                     const std::vector<SellerPlanInput>& sellers, Violations* violations) {
  absl::flat_hash_set<std::string> seen;
  seen.reserve(sellers.size());
  for (size_t i = 0; i < sellers.size(); ++i) {
    const SellerPlanInput& seller = sellers[i];
    // Field paths are built only for violations: a plan has tens of thousands of sellers.
    if (seller.seller_id.empty()) {
      violations->Add(Indexed("sellers", i) + ".seller_id", "must not be empty");
    } else if (!seen.insert(seller.seller_id).second) {
      violations->Add(Indexed("sellers", i) + ".seller_id",
                      "duplicate seller \"" + seller.seller_id + "\"");
    }
    for (size_t j = 0; j < seller.assignments.size(); ++j) {
      const SellerAssignment& a = seller.assignments[j];
      auto field = [&](const char* member) { return AssignmentField(i, j) + "." + member; };
      auto quotas = territory_quotas.find(a.territory_id);
      if (quotas == territory_quotas.end()) {
        violations->Add(field("territory_id"), "unknown territory \"" + a.territory_id + "\"");
      } else if (quotas->second.size() != periods.size()) {
        violations->Add(
            field("territory_id"),
            absl::StrCat("territory \"", a.territory_id, "\" has ", quotas->second.size(),
                         " period quotas for ", periods.size(), " periods"));
      }
      if (!(a.split > Decimal()) || a.split > kOne) {
        violations->Add(field("split"), "must be within (0, 1], got " + a.split.ToString());
      }
      if (a.active.end.has_value() && *a.active.end < a.active.start) {
        violations->Add(field("active.end"), "must not be before active.start");
      }
      if (a.active.start < seller.hire_date) {
        violations->Add(field("active.start"), "must not be before the seller's hire_date");
      }
    }
  }
}

// On every day of [year_start, year_end] a territory's non-overlay splits sum to 0 or 1.
void ValidateTerritorySplits(absl::CivilDay year_start, absl::CivilDay year_end,
                             const std::vector<SellerPlanInput>& sellers, Violations* violations) {
  struct Event {
    absl::CivilDay day;
    Decimal delta;
    size_t seller;
    size_t assignment;
  };
  absl::flat_hash_map<std::string, std::vector<Event>> events;
  for (size_t i = 0; i < sellers.size(); ++i) {
    for (size_t j = 0; j < sellers[i].assignments.size(); ++j) {
      const SellerAssignment& a = sellers[i].assignments[j];
      const absl::CivilDay start = std::max(a.active.start, year_start);
      const absl::CivilDay end = std::min(EndOr(a.active, year_end), year_end);
      if (a.overlay || end < start) continue;
      auto& list = events[a.territory_id];
      list.push_back(Event{start, a.split, i, j});
      list.push_back(Event{end + 1, a.split.Negated(), i, j});
    }
  }
  std::vector<std::string> territories;
  for (const auto& [territory, unused] : events) territories.push_back(territory);
  std::sort(territories.begin(), territories.end());  // deterministic violation order
  for (const std::string& territory : territories) {
    std::vector<Event>& list = events[territory];
    std::sort(list.begin(), list.end(), [](const Event& a, const Event& b) {
      return a.day != b.day ? a.day < b.day
                            : std::tie(a.seller, a.assignment) < std::tie(b.seller, b.assignment);
    });
    Checked c;
    Decimal sum;
    for (size_t k = 0; k < list.size(); ++k) {
      sum = c.Add(sum, list[k].delta);
      const bool last_of_day = k + 1 == list.size() || list[k + 1].day != list[k].day;
      if (!last_of_day || list[k].day > year_end || sum.IsZero() || sum == kOne) continue;
      violations->Add(AssignmentField(list[k].seller, list[k].assignment) + ".split",
                      absl::StrCat("territory \"", territory, "\": non-overlay splits sum to ",
                                   sum.ToString(), " from ", dates::Format(list[k].day),
                                   " (must be 1 while the territory is staffed)"));
      break;  // one violation per territory is enough to act on
    }
  }
}

}  // namespace

TerritoryQuotas PeriodQuotasOf(const TopDownAllocation& allocation) {
  TerritoryQuotas quotas;
  quotas.reserve(allocation.nodes.size());
  for (const NodeAllocation& node : allocation.nodes) quotas.emplace(node.node_id, node.periods);
  return quotas;
}

absl::StatusOr<std::vector<SellerQuota>> ComputeSellerQuotas(
    const std::vector<FiscalPeriod>& periods, const TerritoryQuotas& territory_quotas,
    const std::vector<SellerPlanInput>& sellers, const RampSchedule& ramp) {
  Violations violations;
  if (periods.empty()) violations.Add("periods", "must not be empty");
  ValidateRamp(ramp, "ramp", &violations);
  ValidateSellers(periods, territory_quotas, sellers, &violations);
  if (!periods.empty()) {
    ValidateTerritorySplits(periods.front().start, periods.back().end, sellers, &violations);
  }
  if (!violations.empty()) return violations.ToStatus();

  std::vector<SellerQuota> result;
  result.reserve(sellers.size());
  Checked c;
  for (const SellerPlanInput& seller : sellers) {
    SellerQuota out;
    out.seller_id = seller.seller_id;
    out.periods.reserve(periods.size());
    for (size_t k = 0; k < periods.size(); ++k) {
      const FiscalPeriod& period = periods[k];
      SellerPeriodQuota p;
      p.period_index = period.index;
      for (size_t j = 0; j < seller.assignments.size(); ++j) {
        const SellerAssignment& a = seller.assignments[j];
        const absl::CivilDay first = std::max(period.start, a.active.start);
        const absl::CivilDay last = std::min(period.end, EndOr(a.active, period.end));
        if (last < first) continue;
        const Decimal ramped = c.Take(RampedDays(ramp, seller.hire_date, first, last));
        const Decimal territory_quota = territory_quotas.find(a.territory_id)->second[k];
        SellerQuotaLine line{j, a.territory_id, last - first + 1, ramped, Decimal()};
        // Multiply before dividing, so the only 6-decimal roundings are the product's and
        // the final division's.
        line.unrounded =
            c.Div(c.Mul(c.Mul(territory_quota, a.split), ramped), Units(period.Days()));
        p.unrounded = c.Add(p.unrounded, line.unrounded);
        p.lines.push_back(std::move(line));
      }
      p.quota = p.unrounded.RoundToCents();
      out.annual_unrounded = c.Add(out.annual_unrounded, p.unrounded);
      out.annual = c.Add(out.annual, p.quota);
      out.periods.push_back(std::move(p));
    }
    if (!c.ok()) return c.status();
    result.push_back(std::move(out));
  }
  return result;
}

}  // namespace attain::planning::quota

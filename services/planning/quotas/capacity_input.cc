#include "services/planning/quotas/capacity_input.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/time/dates.h"
#include "services/planning/engine/quota/validation.h"
#include "services/planning/quotas/forecast_proto.h"

namespace attain::planning::quotas {
namespace {

std::optional<absl::CivilMonth> ParseMonth(const std::string& text) {
  auto day = dates::Parse(text + "-01", "month");
  if (!day.ok() || text.size() != 7) return std::nullopt;
  return absl::CivilMonth(*day);
}

}  // namespace

std::optional<quota::CapacityRequest> ParseCapacityRequest(const v1::PlanCapacityRequest& request,
                                                           bool with_calendar,
                                                           Violations* violations) {
  const size_t before = violations->size();
  quota::CapacityRequest out;
  if (with_calendar) {
    if (request.fiscal_year() < kMinFiscalYear || request.fiscal_year() > kMaxFiscalYear) {
      violations->push_back({"fiscal_year", absl::StrCat("must be within ", kMinFiscalYear, "..",
                                                         kMaxFiscalYear)});
    }
    if (request.period_type() != v1::QUOTA_PERIOD_TYPE_MONTHLY &&
        request.period_type() != v1::QUOTA_PERIOD_TYPE_QUARTERLY) {
      violations->push_back({"period_type", "must be MONTHLY or QUARTERLY"});
    }
    auto calendar = quota::FiscalCalendar::Create(request.fiscal_year_start_month(),
                                                  PeriodTypeFromProto(request.period_type()));
    if (!calendar.ok()) {
      violations->push_back({"fiscal_year_start_month", "must be a month 1..12"});
    } else if (violations->size() == before) {
      out.periods = calendar->Periods(request.fiscal_year());
    }
    for (int i = 0; i < request.targets_size(); ++i) {
      auto target = ParseDecimalField(request.targets(i), quota::Indexed("targets", i), violations);
      if (target) out.targets.push_back(*target);
    }
  }
  for (int i = 0; i < request.headcount_size(); ++i) {
    const auto& h = request.headcount(i);
    const std::string at = quota::Indexed("headcount", i);
    auto start = dates::Parse(h.start_date(), at + ".start_date");
    if (!start.ok()) violations->push_back({at + ".start_date", "must be a calendar date YYYY-MM-DD"});
    auto count = ParseDecimalField(h.count(), at + ".count", violations);
    if (start.ok() && count) out.headcount.push_back({h.role(), *start, *count});
  }
  for (int i = 0; i < request.planned_hires_size(); ++i) {
    const auto& h = request.planned_hires(i);
    const std::string at = quota::Indexed("planned_hires", i);
    auto month = ParseMonth(h.month());
    if (!month) violations->push_back({at + ".month", "must be a month YYYY-MM"});
    auto count = ParseDecimalField(h.count(), at + ".count", violations);
    if (month && count) out.planned_hires.push_back({*month, h.role(), *count});
  }
  if (auto ramp = ParseRamp(request.ramp(), "ramp", violations)) out.ramp = *std::move(ramp);
  if (auto a = ParseDecimalField(request.monthly_attrition(), "monthly_attrition", violations,
                                 money::Decimal())) {
    out.monthly_attrition = *a;
  }
  for (int i = 0; i < request.productivity_size(); ++i) {
    const auto& p = request.productivity(i);
    const std::string at = quota::Indexed("productivity", i);
    auto per_rep = ParseDecimalField(p.per_rep_per_month(), at + ".per_rep_per_month", violations);
    if (per_rep) out.productivity.push_back({p.role(), *per_rep});
  }
  out.hire_role = request.hire_role();
  out.hiring_lead_time_months = request.hiring_lead_time_months();
  if (violations->size() != before) return std::nullopt;
  return out;
}

v1::PlanCapacityResponse CapacityToProto(const std::vector<quota::CapacityPeriod>& periods) {
  v1::PlanCapacityResponse response;
  for (const quota::CapacityPeriod& p : periods) {
    v1::CapacityPeriod* out = response.add_periods();
    out->set_period(p.label);
    out->set_target(p.target.ToString());
    out->set_headcount(p.headcount.ToString());
    out->set_capacity(p.capacity.ToString());
    out->set_gap(p.gap.ToString());
    out->set_recommended_capacity(p.recommended_capacity.ToString());
    out->set_hires_needed(p.hires_needed.ToString());
    out->set_hires_start_month(FormatMonth(p.hires_start_month));
    out->set_requisition_month(FormatMonth(p.requisition_month));
    out->set_achievable(p.achievable);
  }
  return response;
}

}  // namespace attain::planning::quotas

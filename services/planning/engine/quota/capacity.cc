#include "services/planning/engine/quota/capacity.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "services/planning/engine/quota/checked_math.h"
#include "services/planning/engine/quota/validation.h"

namespace attain::planning::quota {
namespace {

using money::Decimal;

struct Cohort {
  Decimal productivity;
  absl::CivilDay start;
  Decimal count;
};

// The per-month formula of capacity.h over one plan, with (1 - a)^e tabulated once.
class CapacityModel {
 public:
  CapacityModel(const RampSchedule& ramp, Decimal attrition, absl::CivilMonth first_month,
                int months)
      : ramp_(ramp), first_month_(first_month) {
    const Decimal retention = c_.Sub(kOne, attrition);
    survival_.push_back(kOne);
    for (int e = 1; e <= months; ++e) survival_.push_back(c_.Mul(survival_.back(), retention));
  }

  Decimal Survivors(const Cohort& cohort, absl::CivilMonth month) {
    const absl::CivilMonth start(cohort.start);
    if (month < start) return Decimal();
    const int64_t e = month - std::max(first_month_, start);
    return c_.Mul(cohort.count, survival_[std::min<int64_t>(e, survival_.size() - 1)]);
  }

  Decimal Capacity(const Cohort& cohort, absl::CivilMonth month) {
    const absl::CivilDay first(month);
    const absl::CivilDay last = absl::CivilDay(month + 1) - 1;
    const Decimal ramped = c_.Take(RampedDays(ramp_, cohort.start, first, last));
    return c_.Div(c_.Mul(c_.Mul(cohort.productivity, Survivors(cohort, month)), ramped),
                  Units(last - first + 1));
  }

  Decimal Capacity(const std::vector<Cohort>& cohorts, const FiscalPeriod& period) {
    Decimal sum;
    for (absl::CivilMonth m(period.start); m <= absl::CivilMonth(period.end); ++m) {
      for (const Cohort& cohort : cohorts) sum = c_.Add(sum, Capacity(cohort, m));
    }
    return sum;
  }

  // Shared with the caller so one status covers the whole plan.
  Checked& math() { return c_; }

 private:
  const RampSchedule& ramp_;
  absl::CivilMonth first_month_;
  Checked c_;
  std::vector<Decimal> survival_;
};

void Validate(const CapacityRequest& r, const absl::flat_hash_map<std::string, Decimal>& roles,
              Violations* v) {
  if (r.periods.empty()) v->Add("periods", "must not be empty");
  if (r.targets.size() != r.periods.size()) {
    v->Add("targets", absl::StrCat("needs one target per period (", r.periods.size(), "), got ",
                                   r.targets.size()));
  }
  for (size_t i = 0; i < r.targets.size(); ++i) {
    if (r.targets[i].IsNegative()) v->Add(Indexed("targets", i), "must not be negative");
  }
  for (size_t i = 0; i < r.productivity.size(); ++i) {
    const std::string at = Indexed("productivity", i);
    if (r.productivity[i].role.empty()) v->Add(at + ".role", "must not be empty");
    if (r.productivity[i].per_rep_per_month.IsNegative()) {
      v->Add(at + ".per_rep_per_month", "must not be negative");
    }
  }
  if (roles.size() != r.productivity.size()) v->Add("productivity", "roles must be unique");
  auto check_cohort = [&](const std::string& at, const std::string& role, Decimal count) {
    if (!roles.contains(role)) v->Add(at + ".role", "no productivity for role \"" + role + "\"");
    if (count.IsNegative()) v->Add(at + ".count", "must not be negative");
  };
  for (size_t i = 0; i < r.headcount.size(); ++i) {
    check_cohort(Indexed("headcount", i), r.headcount[i].role, r.headcount[i].count);
  }
  for (size_t i = 0; i < r.planned_hires.size(); ++i) {
    check_cohort(Indexed("planned_hires", i), r.planned_hires[i].role, r.planned_hires[i].count);
  }
  ValidateRamp(r.ramp, "ramp", v);
  if (r.monthly_attrition.IsNegative() || r.monthly_attrition > kOne) {
    v->Add("monthly_attrition", "must be within 0..1, got " + r.monthly_attrition.ToString());
  }
  auto hire = roles.find(r.hire_role);
  if (hire == roles.end()) {
    v->Add("hire_role", "no productivity for role \"" + r.hire_role + "\"");
  } else if (!(hire->second > Decimal())) {
    v->Add("hire_role", "role \"" + r.hire_role + "\" has no productivity to close a gap with");
  }
  if (r.hiring_lead_time_months < 0) v->Add("hiring_lead_time_months", "must not be negative");
}

}  // namespace

absl::StatusOr<std::vector<CapacityPeriod>> PlanCapacity(const CapacityRequest& request) {
  absl::flat_hash_map<std::string, Decimal> roles;
  for (const RoleProductivity& p : request.productivity) roles.emplace(p.role, p.per_rep_per_month);
  Violations violations;
  Validate(request, roles, &violations);
  if (!violations.empty()) return violations.ToStatus();

  std::vector<Cohort> cohorts;
  for (const HeadcountCohort& h : request.headcount) {
    cohorts.push_back(Cohort{roles.at(h.role), h.start_date, h.count});
  }
  for (const PlannedHire& h : request.planned_hires) {
    cohorts.push_back(Cohort{roles.at(h.role), absl::CivilDay(h.month), h.count});
  }
  const absl::CivilMonth first_month(request.periods.front().start);
  const absl::CivilMonth last_month(request.periods.back().end);
  CapacityModel model(request.ramp, request.monthly_attrition, first_month,
                      static_cast<int>(last_month - first_month) + 1);
  Checked& c = model.math();
  const int ramp_months = MonthsToFullRamp(request.ramp);
  const Decimal hire_productivity = roles.at(request.hire_role);

  std::vector<Cohort> recommended;
  std::vector<CapacityPeriod> result;
  for (size_t i = 0; i < request.periods.size(); ++i) {
    const FiscalPeriod& period = request.periods[i];
    CapacityPeriod out;
    out.label = period.label;
    out.target = request.targets[i];
    for (const Cohort& cohort : cohorts) {
      out.headcount = c.Add(out.headcount, model.Survivors(cohort, absl::CivilMonth(period.end)));
    }
    out.capacity = model.Capacity(cohorts, period);
    out.gap = c.Sub(out.target, out.capacity);
    out.recommended_capacity = model.Capacity(recommended, period);
    out.hires_start_month = absl::CivilMonth(period.start) - ramp_months;
    out.requisition_month = out.hires_start_month - request.hiring_lead_time_months;
    out.achievable = out.requisition_month >= first_month;
    const Decimal remaining = c.Sub(out.gap, out.recommended_capacity);
    if (remaining > Decimal()) {
      const Cohort one_hire{hire_productivity, absl::CivilDay(out.hires_start_month), kOne};
      const Decimal per_hire = model.Capacity({one_hire}, period);
      if (!c.ok()) return c.status();
      if (!(per_hire > Decimal())) {  // only when attrition is 100 %
        return absl::FailedPreconditionError(
            absl::StrCat(period.label, ": a new hire would contribute nothing (attrition 1)"));
      }
      out.hires_needed = c.Div(remaining, per_hire);
      recommended.push_back(Cohort{hire_productivity, one_hire.start, out.hires_needed});
    }
    if (!c.ok()) return c.status();
    result.push_back(std::move(out));
  }
  return result;
}

}  // namespace attain::planning::quota

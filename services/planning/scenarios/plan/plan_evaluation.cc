#include "services/planning/scenarios/plan/plan_evaluation.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"
#include "common/time/dates.h"
#include "services/planning/engine/quota/seller_quota.h"
#include "services/planning/engine/territory/engine.h"
#include "services/planning/quotas/history_store.h"
#include "services/planning/quotas/plan_input.h"
#include "services/planning/quotas/quota_store.h"
#include "services/planning/quotas/seller_inputs.h"
#include "services/planning/store/seller_store.h"
#include "services/planning/territories/territory_proto.h"
#include "services/planning/territories/territory_store.h"

namespace attain::planning::scenarios {
namespace {

constexpr territory::TerritoryType kTypes[] = {territory::TerritoryType::kGeographic,
                                               territory::TerritoryType::kNamedAccount,
                                               territory::TerritoryType::kOverlay};

// Territories as the engine takes them. They were validated when written, so conversion
// does not fail.
std::vector<territory::Territory> DomainTerritories(const std::vector<v1::Territory>& territories) {
  std::vector<territory::Territory> domain;
  std::vector<errors::FieldViolation> unused;
  for (const v1::Territory& t : territories) {
    if (auto d = territories::FromProto(t, "stored", &unused)) domain.push_back(*std::move(d));
  }
  return domain;
}

// The seller coverage rows the quota engine's input builder takes.
absl::StatusOr<std::vector<quotas::Coverage>> CoverageRows(
    const std::vector<v1::SellerAssignment>& assignments) {
  const money::Decimal hundred = money::Decimal::FromUnits(100);
  std::vector<quotas::Coverage> out;
  for (const v1::SellerAssignment& a : assignments) {
    quotas::Coverage& c = out.emplace_back();
    c.seller_id = a.seller_id();
    c.territory_id = a.territory_id();
    auto percent = money::Decimal::Parse(a.split_percent());
    if (!percent.ok()) return absl::DataLossError("stored split is not a decimal");
    auto split = percent->Div(hundred);
    if (!split.ok()) return split.status();
    c.split = *split;
    c.overlay = a.role() == v1::SELLER_ROLE_OVERLAY;
    auto start = dates::Parse(a.start_date(), "start_date");
    auto end = dates::ParseOptional(a.end_date(), "end_date");
    if (!start.ok() || !end.ok()) return absl::DataLossError("stored assignment has a bad date");
    c.active = {*start, *end};
  }
  return out;
}

}  // namespace

absl::StatusOr<territory::AccountTable> LoadAccountsFor(
    db::PgConn& conn, const std::vector<const std::vector<v1::Territory>*>& territory_sets) {
  std::vector<v1::Territory> all;
  for (const auto* set : territory_sets) all.insert(all.end(), set->begin(), set->end());
  return territories::LoadAccountTable(conn, territories::SchemaFor(all));
}

absl::StatusOr<std::vector<Placement>> PlaceAccounts(const territory::AccountTable& accounts,
                                                     const std::vector<v1::Territory>& territories,
                                                     absl::CivilDay day,
                                                     const absl::flat_hash_set<std::string>& locked) {
  auto assignments = territory::AssignAccounts(accounts, DomainTerritories(territories), day);
  if (!assignments.ok()) return assignments.status();
  const int id_column = territory::Column(territory::StringAttribute::kId);
  const int potential_column = territory::Column(territory::NumericAttribute::kPotential);
  const int workload_column = territory::Column(territory::NumericAttribute::kWorkload);
  std::vector<Placement> out;
  for (territory::Row row = 0; row < assignments->size(); ++row) {
    for (territory::TerritoryType type : kTypes) {
      const territory::EffectiveRule* winner = assignments->Winner(row, type);
      if (winner == nullptr) continue;
      Placement& p = out.emplace_back();
      p.account_id = std::string(accounts.Text(id_column, row));
      p.type = territories::TypeToProto(type);
      p.territory_id = winner->territory_id;
      p.potential = money::Decimal::FromMicros(accounts.Micros(potential_column, row));
      p.workload = money::Decimal::FromMicros(accounts.Micros(workload_column, row));
      p.locked = locked.contains(p.account_id);
    }
  }
  std::sort(out.begin(), out.end(), [](const Placement& a, const Placement& b) {
    return std::tie(a.account_id, a.type) < std::tie(b.account_id, b.type);
  });
  return out;
}

absl::StatusOr<quotas::ComputedVersion> AllocateOver(db::PgConn& conn, const v1::QuotaPlan& plan,
                                                     const v1::QuotaPlanSpec& spec,
                                                     const std::vector<v1::Territory>& territories,
                                                     const territory::AccountTable& accounts) {
  const quotas::PlanHeader header = quotas::HeaderOf(plan);
  const quota::FiscalCalendar calendar = quotas::CalendarOf(header);
  quotas::Violations violations;
  auto parsed = quotas::ParsePlanSpec(spec, calendar.PeriodsPerYear(), "spec", &violations);
  if (!violations.empty()) return errors::InvalidFields(std::move(violations));
  const absl::CivilDay start = calendar.Periods(header.fiscal_year).front().start;
  quotas::AccountsOverride placed{start, {}};
  if (parsed->NeedsAccounts()) {
    auto placements = PlaceAccounts(accounts, territories, start, {});
    if (!placements.ok()) return placements.status();
    for (const Placement& p : *placements) placed.rows.emplace_back(p.account_id, p.territory_id);
  }
  return quotas::ComputeVersion(conn, header, *parsed, territories, &placed);
}

absl::StatusOr<std::map<std::string, money::Decimal>> SellerAnnualQuotas(
    db::PgConn& conn, const v1::QuotaPlan& plan, const v1::QuotaPlanSpec& spec,
    const quota::TopDownAllocation& allocation, const std::vector<v1::SellerAssignment>& coverage) {
  const quotas::PlanHeader header = quotas::HeaderOf(plan);
  const std::vector<quota::FiscalPeriod> periods =
      quotas::CalendarOf(header).Periods(header.fiscal_year);
  const quota::TerritoryQuotas territory_quotas = quota::PeriodQuotasOf(allocation);
  auto rows = CoverageRows(coverage);
  if (!rows.ok()) return rows.status();
  std::vector<std::string> sellers;
  for (const quotas::Coverage& c : *rows) sellers.push_back(c.seller_id);
  std::sort(sellers.begin(), sellers.end());
  sellers.erase(std::unique(sellers.begin(), sellers.end()), sellers.end());
  auto stored = store::GetSellers(conn, sellers);
  if (!stored.ok()) return stored.status();
  absl::flat_hash_map<std::string, absl::CivilDay> hire_dates;
  for (const org::Seller& s : *stored) hire_dates[s.id] = s.hire_date;
  std::vector<errors::FieldViolation> ignored;
  const quota::RampSchedule ramp =
      quotas::ParseRamp(spec.ramp(), "ramp", &ignored).value_or(quota::RampSchedule{});
  const std::vector<quota::SellerPlanInput> inputs =
      quotas::BuildSellerInputs(*rows, sellers, hire_dates, territory_quotas);
  auto computed = quota::ComputeSellerQuotas(periods, territory_quotas, inputs, ramp);
  if (!computed.ok()) {
    return errors::WithReason(
        absl::FailedPreconditionError(absl::StrCat("seller quotas cannot be computed: ",
                                                   computed.status().message())),
        "COVERAGE_DOES_NOT_SPLIT");
  }
  std::map<std::string, money::Decimal> out;
  for (const quota::SellerQuota& q : *computed) out[q.seller_id] = q.annual;
  return out;
}

}  // namespace attain::planning::scenarios

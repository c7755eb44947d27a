#include "services/planning/quotas/allocation_builder.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"
#include "common/time/dates.h"
#include "services/planning/engine/quota/seasonality.h"
#include "services/planning/quotas/history_store.h"
#include "services/planning/quotas/plan_tree.h"

namespace attain::planning::quotas {
namespace {

using money::Decimal;
using TotalsByNode = absl::flat_hash_map<std::string, Decimal>;

bool Uses(const PlanSpec& spec, quota::AllocationMethod method) {
  for (const LevelSpec& level : spec.levels) {
    if (level.method == method) return true;
  }
  return false;
}

// The depth of every node (nodes come parents first).
absl::flat_hash_map<std::string, int> Depths(const std::vector<quota::TerritoryNode>& nodes) {
  absl::flat_hash_map<std::string, int> depth;
  for (const quota::TerritoryNode& node : nodes) {
    depth[node.id] = node.parent_id.empty() ? 0 : depth[node.parent_id] + 1;
  }
  return depth;
}

// What the account-based methods need, loaded only when used.
struct AccountFigures {
  std::optional<absl::CivilDay> as_of;
  TotalsByNode history;
  TotalsByNode potential;
  std::vector<quota::MonthlyTotal> monthly;
};

// The stored run's assignments, or the override's restricted to `ids` (with its account ids
// for the booking and potential queries).
absl::StatusOr<AccountAssignments> AssignmentsFor(db::PgConn& conn, absl::CivilDay start,
                                                  const std::vector<std::string>& ids,
                                                  const AccountsOverride* override_accounts,
                                                  std::optional<std::vector<std::string>>* account_ids) {
  if (override_accounts == nullptr) return LatestAccountAssignments(conn, start, ids);
  const absl::flat_hash_set<std::string> wanted(ids.begin(), ids.end());
  AccountAssignments out;
  out.as_of = override_accounts->as_of;
  account_ids->emplace();
  for (const AccountTerritory& row : override_accounts->rows) {
    if (!wanted.contains(row.second)) continue;
    out.rows.push_back(row);
    (*account_ids)->push_back(row.first);
  }
  std::sort((*account_ids)->begin(), (*account_ids)->end());
  (*account_ids)->erase(std::unique((*account_ids)->begin(), (*account_ids)->end()),
                        (*account_ids)->end());
  return out;
}

absl::StatusOr<AccountFigures> LoadFigures(db::PgConn& conn, const PlanHeader& header,
                                           const PlanSpec& spec,
                                           const std::vector<quota::TerritoryNode>& nodes,
                                           absl::CivilDay start, const dates::DateRange& window,
                                           const AccountsOverride* override_accounts) {
  AccountFigures figures;
  if (!spec.NeedsAccounts()) return figures;
  const std::vector<std::string> ids = NodeIds(nodes);
  std::optional<std::vector<std::string>> account_ids;
  auto assignments = AssignmentsFor(conn, start, ids, override_accounts, &account_ids);
  if (!assignments.ok()) return assignments.status();
  if (!assignments->as_of) {
    return errors::WithReason(
        absl::FailedPreconditionError(absl::StrCat(
            "historical, potential and history-seasonality weights need an AssignAccounts run "
            "on or before ", dates::Format(start))),
        "NO_ACCOUNT_ASSIGNMENTS");
  }
  figures.as_of = assignments->as_of;
  const BookingScope scope{*assignments->as_of, ids, window, header.currency, "", account_ids};
  if (Uses(spec, quota::AllocationMethod::kHistoricalShare)) {
    auto by_account = BookingsByAccount(conn, scope);
    if (!by_account.ok()) return by_account.status();
    auto totals = RollUpTotals(nodes, assignments->rows, *by_account);
    if (!totals.ok()) return totals.status();
    figures.history = *std::move(totals);
  }
  if (Uses(spec, quota::AllocationMethod::kPotential)) {
    auto by_account = account_ids ? PotentialOfAccounts(conn, *account_ids)
                                  : PotentialByAccount(conn, *assignments->as_of, ids);
    if (!by_account.ok()) return by_account.status();
    auto totals = RollUpTotals(nodes, assignments->rows, *by_account);
    if (!totals.ok()) return totals.status();
    figures.potential = *std::move(totals);
  }
  if (spec.seasonality == v1::SEASONALITY_SOURCE_HISTORY) {
    auto monthly = BookingsByMonth(conn, scope);
    if (!monthly.ok()) return monthly.status();
    figures.monthly = *std::move(monthly);
  }
  return figures;
}

std::vector<quota::NodeWeight> WeightsAt(const std::vector<quota::TerritoryNode>& nodes,
                                         const absl::flat_hash_map<std::string, int>& depth,
                                         int level_depth, const TotalsByNode& totals) {
  std::vector<quota::NodeWeight> weights;
  for (const quota::TerritoryNode& node : nodes) {
    if (depth.at(node.id) != level_depth) continue;
    auto it = totals.find(node.id);
    weights.push_back({node.id, it == totals.end() ? Decimal() : it->second});
  }
  return weights;
}

}  // namespace

quota::FiscalCalendar CalendarOf(const PlanHeader& header) {
  auto calendar = quota::FiscalCalendar::Create(header.fiscal_year_start_month, header.period_type);
  // The header was validated (start month 1..12); anything else is a broken invariant.
  if (!calendar.ok()) std::abort();
  return *calendar;
}

void AddPeriods(const std::vector<quota::FiscalPeriod>& periods,
                google::protobuf::RepeatedPtrField<v1::QuotaPeriod>* out) {
  for (const quota::FiscalPeriod& period : periods) {
    v1::QuotaPeriod* p = out->Add();
    p->set_label(period.label);
    p->set_start_date(dates::Format(period.start));
    p->set_end_date(dates::Format(period.end));
  }
}

absl::StatusOr<ComputedVersion> ComputeVersion(db::PgConn& conn, const PlanHeader& header,
                                               const PlanSpec& spec,
                                               const std::vector<v1::Territory>& territories,
                                               const AccountsOverride* accounts) {
  const quota::FiscalCalendar calendar = CalendarOf(header);
  const std::vector<quota::FiscalPeriod> periods = calendar.Periods(header.fiscal_year);
  const absl::CivilDay start = periods.front().start;
  auto nodes = SubtreeAsOf(territories, header.root_territory_id, start, "plan.root_territory_id");
  if (!nodes.ok()) return nodes.status();
  // A plan made ahead of its year reads the trailing twelve months that have happened, not
  // the twelve before a start date still in the future (those would be partly empty).
  const absl::CivilDay history_as_of =
      std::min(start, absl::CivilDay(absl::CivilMonth(dates::TodayUtc())));
  const dates::DateRange window =
      calendar.HistoryWindow(spec.history_basis, header.fiscal_year, history_as_of);
  auto figures = LoadFigures(conn, header, spec, *nodes, start, window, accounts);
  if (!figures.ok()) return figures.status();

  quota::TopDownRequest request;
  request.company_target = spec.company_target;
  request.nodes = *nodes;
  const auto depth = Depths(*nodes);
  for (size_t k = 0; k < spec.levels.size(); ++k) {
    const LevelSpec& level = spec.levels[k];
    quota::AllocationLevel& out = request.levels.emplace_back();
    out.method = level.method;
    out.padding = level.padding;
    if (level.method == quota::AllocationMethod::kCustomWeights) out.weights = level.custom_weights;
    if (level.method == quota::AllocationMethod::kHistoricalShare) {
      out.weights = WeightsAt(*nodes, depth, static_cast<int>(k) + 1, figures->history);
    }
    if (level.method == quota::AllocationMethod::kPotential) {
      out.weights = WeightsAt(*nodes, depth, static_cast<int>(k) + 1, figures->potential);
    }
  }
  switch (spec.seasonality) {
    case v1::SEASONALITY_SOURCE_GIVEN:
      request.seasonality.weights = spec.given_weights;
      break;
    case v1::SEASONALITY_SOURCE_HISTORY: {
      auto profile = quota::SeasonalityFromHistory(calendar, figures->monthly);
      if (!profile.ok()) return FromEngineStatus(profile.status(), "spec", &spec);
      request.seasonality = *std::move(profile);
      break;
    }
    default:
      request.seasonality = quota::FlatSeasonality(static_cast<int>(periods.size()));
  }
  auto allocation = quota::AllocateTopDown(request);
  if (!allocation.ok()) return FromEngineStatus(allocation.status(), "spec", &spec);

  ComputedVersion out;
  out.allocation = *std::move(allocation);
  AddPeriods(periods, out.resolved.mutable_periods());
  for (const Decimal& w : request.seasonality.weights) out.resolved.add_seasonality_weights(w.ToString());
  if (figures->as_of) {
    out.resolved.set_assignments_as_of(dates::Format(*figures->as_of));
    out.resolved.set_history_start_date(dates::Format(window.start));
    out.resolved.set_history_end_date(dates::FormatOptional(window.end));
  }
  return out;
}

}  // namespace attain::planning::quotas

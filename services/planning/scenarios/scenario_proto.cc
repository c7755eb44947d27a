#include "services/planning/scenarios/scenario_proto.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"
#include "common/time/dates.h"

namespace attain::planning::scenarios {
namespace {

constexpr char kPrefix[] = "scenarios/";

v1::LoadBand BandToProto(const balancing::Band& band) {
  v1::LoadBand out;
  out.set_lower(band.lower.ToString());
  out.set_upper(band.upper.ToString());
  return out;
}

}  // namespace

absl::StatusOr<int64_t> ScenarioIdFromName(const std::string& name, const std::string& field) {
  const std::string id = absl::StartsWith(name, kPrefix) ? name.substr(sizeof(kPrefix) - 1) : "";
  int64_t value = 0;
  const bool digits = !id.empty() && id.size() <= 18 &&
                      std::all_of(id.begin(), id.end(), [](char c) { return absl::ascii_isdigit(c); });
  if (!digits || !absl::SimpleAtoi(id, &value) || value <= 0) {
    return errors::InvalidField(field, "must be a resource name scenarios/{scenario_id}");
  }
  return value;
}

std::string ScenarioName(int64_t id) { return absl::StrCat(kPrefix, id); }

std::string StateName(v1::ScenarioState state) {
  switch (state) {
    case v1::SCENARIO_STATE_DRAFT:
      return "DRAFT";
    case v1::SCENARIO_STATE_PROMOTED:
      return "PROMOTED";
    default:
      return "";
  }
}

v1::ScenarioState StateFromName(const std::string& name) {
  if (name == "DRAFT") return v1::SCENARIO_STATE_DRAFT;
  if (name == "PROMOTED") return v1::SCENARIO_STATE_PROMOTED;
  return v1::SCENARIO_STATE_UNSPECIFIED;
}

std::string KindName(v1::ScenarioKind kind) {
  return kind == v1::SCENARIO_KIND_PLAN ? "PLAN" : "BALANCING";
}

v1::BalanceShortfall ShortfallToProto(balancing::Shortfall shortfall) {
  switch (shortfall) {
    case balancing::Shortfall::kNone:
      return v1::BALANCE_SHORTFALL_NONE;
    case balancing::Shortfall::kAccountExceedsBand:
      return v1::BALANCE_SHORTFALL_ACCOUNT_EXCEEDS_BAND;
    case balancing::Shortfall::kLockedExceedBand:
      return v1::BALANCE_SHORTFALL_LOCKED_EXCEED_BAND;
    case balancing::Shortfall::kTooFewAccounts:
      return v1::BALANCE_SHORTFALL_TOO_FEW_ACCOUNTS;
    case balancing::Shortfall::kNoImprovingMove:
      return v1::BALANCE_SHORTFALL_NO_IMPROVING_MOVE;
    case balancing::Shortfall::kIterationLimit:
      return v1::BALANCE_SHORTFALL_ITERATION_LIMIT;
  }
  return v1::BALANCE_SHORTFALL_UNSPECIFIED;
}

v1::BalanceMetrics MetricsToProto(const balancing::Request& request,
                                  const balancing::Metrics& metrics) {
  v1::BalanceMetrics out;
  for (size_t j = 0; j < metrics.territories.size() && j < request.territories.size(); ++j) {
    v1::TerritoryLoad* load = out.add_territories();
    load->set_territory_id(request.territories[j].id);
    load->set_account_count(static_cast<int32_t>(metrics.territories[j].accounts));
    load->set_potential(metrics.territories[j].potential.ToString());
    load->set_workload(metrics.territories[j].workload.ToString());
  }
  out.set_potential_cv(metrics.potential_cv.ToString());
  out.set_workload_cv(metrics.workload_cv.ToString());
  if (metrics.potential_max_min_ratio) {
    out.set_potential_max_min_ratio(metrics.potential_max_min_ratio->ToString());
  }
  out.set_max_potential_deviation(metrics.max_potential_deviation.ToString());
  out.set_potential_within_band(metrics.potential_within_band);
  out.set_workload_within_band(metrics.workload_within_band);
  out.set_accounts_moved(static_cast<int32_t>(metrics.accounts_moved));
  // The fraction has 6 digits, so the percent is exact to 4.
  out.set_moved_percent(
      metrics.moved_fraction.Mul(money::Decimal::FromUnits(100)).value_or(money::Decimal()).ToString());
  return out;
}

ScenarioDraft DraftFromProposal(const v1::ProposeBalancingRequest& request,
                                const ProposeOptions& options, const Children& children,
                                v1::AssignmentSource source, const balancing::Request& engine_request,
                                const balancing::Proposal& proposal) {
  ScenarioDraft draft;
  v1::Scenario& s = draft.scenario;
  s.set_display_name(options.display_name);
  s.set_state(v1::SCENARIO_STATE_DRAFT);
  s.set_kind(v1::SCENARIO_KIND_BALANCING);
  s.set_base_scenario(request.scenario());
  s.set_parent_territory_id(request.parent_territory_id());
  s.set_territory_type(children.type);
  s.set_as_of(dates::Format(options.as_of));
  s.set_tolerance_percent(options.tolerance_percent.ToString());
  s.set_workload_weight(options.workload_weight.ToString());
  s.set_assignment_source(source);
  for (const std::string& id : children.territory_ids) s.add_territory_ids(id);
  s.set_account_count(static_cast<int32_t>(engine_request.accounts.size()));
  *s.mutable_before() = MetricsToProto(engine_request, proposal.before);
  *s.mutable_after() = MetricsToProto(engine_request, proposal.after);
  *s.mutable_potential_band() = BandToProto(proposal.potential_band);
  if (!options.workload_weight.IsZero()) *s.mutable_workload_band() = BandToProto(proposal.workload_band);
  s.set_target_reached(proposal.target_reached);
  s.set_shortfall(ShortfallToProto(proposal.shortfall));
  s.set_shortfall_reason(proposal.reason);
  int32_t locked = 0;
  draft.accounts.reserve(engine_request.accounts.size());
  for (size_t i = 0; i < engine_request.accounts.size(); ++i) {
    const balancing::Account& account = engine_request.accounts[i];
    const balancing::Placement& placement = proposal.placements[i];
    v1::ScenarioAccount& out = draft.accounts.emplace_back();
    out.set_account_id(account.id);
    if (account.current_territory) {
      out.set_from_territory_id(engine_request.territories[*account.current_territory].id);
    }
    out.set_to_territory_id(engine_request.territories[placement.territory].id);
    out.set_potential(account.potential.ToString());
    out.set_workload(account.workload.ToString());
    out.set_locked(account.locked);
    out.set_moved(placement.moved);
    if (account.locked) ++locked;
  }
  s.set_locked_account_count(locked);
  return draft;
}

}  // namespace attain::planning::scenarios

#include "services/planning/engine/balancing/problem.h"

#include <algorithm>
#include <functional>
#include <numeric>
#include <queue>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/planning/engine/balancing/metrics.h"

namespace attain::planning::balancing {
namespace {

constexpr __int128 kNormalized = 1'000'000'000;  // parts per mean
constexpr __int128 kWeightScale = Decimal::kScale;

constexpr const char* kDimName[2] = {"potential", "workload"};

std::string BandText(const DimBand& band) {
  return absl::StrCat("[", Decimal::FromMicros(band.lower).ToString(), ", ",
                      Decimal::FromMicros(band.upper).ToString(), "]");
}

}  // namespace

__int128 Problem::Imbalance(int64_t potential, int64_t workload) const {
  if (dims == 1) return band[kPotential].Excess(potential);
  const __int128 p = band[kPotential].Excess(potential) * kNormalized / band[kPotential].mean_floor;
  const __int128 w = band[kWorkload].Excess(workload) * kNormalized / band[kWorkload].mean_floor;
  return p * kWeightScale + w * workload_weight_micros;
}

__int128 Problem::Weight(int64_t potential, int64_t workload) const {
  if (dims == 1) return potential;
  const __int128 p = potential * kNormalized / band[kPotential].mean_floor;
  const __int128 w = workload * kNormalized / band[kWorkload].mean_floor;
  return p * kWeightScale + w * workload_weight_micros;
}

Problem MakeProblem(const Request& request) {
  Problem problem;
  problem.request = &request;
  problem.k = static_cast<int>(request.territories.size());
  problem.workload_weight_micros = request.options.workload_weight.micros();
  problem.dims = problem.workload_weight_micros > 0 ? 2 : 1;
  const size_t n = request.accounts.size();
  std::array<int64_t, 2> total = {0, 0};
  for (int d : {kPotential, kWorkload}) problem.value[d].reserve(n);
  for (const Account& a : request.accounts) {
    problem.value[kPotential].push_back(a.potential.micros());
    problem.value[kWorkload].push_back(a.workload.micros());
    total[kPotential] += a.potential.micros();
    total[kWorkload] += a.workload.micros();
  }
  std::vector<int32_t> by_id(n);
  std::iota(by_id.begin(), by_id.end(), 0);
  std::sort(by_id.begin(), by_id.end(),
            [&](int32_t a, int32_t b) { return request.accounts[a].id < request.accounts[b].id; });
  problem.rank.resize(n);
  for (size_t r = 0; r < n; ++r) problem.rank[by_id[r]] = static_cast<int32_t>(r);
  for (int d : {kPotential, kWorkload}) {
    problem.band[d] = MakeBand(total[d], problem.k, request.options.tolerance.micros());
  }
  return problem;
}

Loads LoadsOf(const Problem& problem, const std::vector<int>& territory_of) {
  Loads loads;
  for (int d : {kPotential, kWorkload}) {
    loads.of[d].assign(problem.k, 0);
    for (size_t a = 0; a < territory_of.size(); ++a) {
      if (territory_of[a] != kUnassigned) loads.of[d][territory_of[a]] += problem.value[d][a];
    }
  }
  return loads;
}

void PlaceGreedily(const Problem& problem, std::vector<int> accounts,
                   std::vector<int>& territory_of, Loads& loads) {
  auto weight_of_account = [&](int a) {
    return problem.Weight(problem.value[kPotential][a], problem.value[kWorkload][a]);
  };
  std::sort(accounts.begin(), accounts.end(), [&](int a, int b) {
    const __int128 wa = weight_of_account(a), wb = weight_of_account(b);
    return wa != wb ? wa > wb : problem.rank[a] < problem.rank[b];
  });
  using Entry = std::pair<__int128, int>;  // (territory weight, index): lightest on top
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> lightest;
  for (int t = 0; t < problem.k; ++t) {
    lightest.emplace(problem.Weight(loads.of[kPotential][t], loads.of[kWorkload][t]), t);
  }
  for (int a : accounts) {
    const int t = lightest.top().second;
    lightest.pop();
    territory_of[a] = t;
    for (int d : {kPotential, kWorkload}) loads.of[d][t] += problem.value[d][a];
    lightest.emplace(problem.Weight(loads.of[kPotential][t], loads.of[kWorkload][t]), t);
  }
}

std::optional<Diagnosis> ProveInfeasible(const Problem& problem) {
  const Request& request = *problem.request;
  for (int d = 0; d < problem.dims; ++d) {
    const DimBand& band = problem.band[d];
    const int64_t positive = std::count_if(problem.value[d].begin(), problem.value[d].end(),
                                           [](int64_t v) { return v > 0; });
    if (band.lower > 0 && positive < problem.k) {
      return Diagnosis{
          Shortfall::kTooFewAccounts,
          absl::StrCat("only ", positive, " accounts have positive ", kDimName[d], " for ",
                       problem.k, " territories; an empty territory is below ", "the band ",
                       BandText(band))};
    }
    std::vector<int64_t> locked(problem.k, 0);
    for (size_t a = 0; a < request.accounts.size(); ++a) {
      const int64_t v = problem.value[d][a];
      if (v > band.upper) {
        return Diagnosis{
            Shortfall::kAccountExceedsBand,
            absl::StrCat("account \"", request.accounts[a].id, "\" alone has ", kDimName[d], " ",
                         Decimal::FromMicros(v).ToString(), ", above the band ", BandText(band))};
      }
      if (request.accounts[a].locked) locked[*request.accounts[a].current_territory] += v;
    }
    for (int t = 0; t < problem.k; ++t) {
      if (locked[t] > band.upper) {
        return Diagnosis{Shortfall::kLockedExceedBand,
                         absl::StrCat("locked accounts of territory \"", request.territories[t].id,
                                      "\" alone total ", kDimName[d], " ",
                                      Decimal::FromMicros(locked[t]).ToString(),
                                      ", above the band ", BandText(band))};
      }
    }
  }
  return std::nullopt;
}

Proposal MakeProposal(const Problem& problem, const std::vector<int>& territory_of,
                      Diagnosis diagnosis) {
  const Request& request = *problem.request;
  Proposal proposal;
  proposal.placements.reserve(request.accounts.size());
  for (size_t a = 0; a < request.accounts.size(); ++a) {
    const Account& account = request.accounts[a];
    proposal.placements.push_back(
        {account.id, territory_of[a],
         account.current_territory.has_value() && *account.current_territory != territory_of[a]});
  }
  proposal.before = ComputeMetrics(request, CurrentAssignment(request));
  proposal.after = ComputeMetrics(request, territory_of);
  for (int d : {kPotential, kWorkload}) {
    Band& band = d == kPotential ? proposal.potential_band : proposal.workload_band;
    band = {Decimal::FromMicros(problem.band[d].lower), Decimal::FromMicros(problem.band[d].upper)};
  }
  proposal.target_reached = proposal.after.potential_within_band &&
                            (problem.dims == 1 || proposal.after.workload_within_band);
  if (!proposal.target_reached) {
    proposal.shortfall = diagnosis.shortfall;
    proposal.reason = std::move(diagnosis.reason);
  }
  return proposal;
}

}  // namespace attain::planning::balancing

#include "services/planning/engine/balancing/metrics.h"

#include <algorithm>
#include <cstdint>
#include <limits>

#include "services/planning/engine/balancing/band.h"

namespace attain::planning::balancing {
namespace {

using u128 = unsigned __int128;
constexpr int64_t kScale = Decimal::kScale;

// round(numerator / denominator) for non-negative values, half up.
u128 RoundedQuotient(u128 numerator, u128 denominator) {
  return (2 * numerator + denominator) / (2 * denominator);
}

std::optional<Decimal> MaxMinRatio(const std::vector<int64_t>& loads) {
  const auto [min_it, max_it] = std::minmax_element(loads.begin(), loads.end());
  if (*min_it == 0) return std::nullopt;
  const u128 micros = RoundedQuotient(static_cast<u128>(*max_it) * kScale, *min_it);
  if (micros > static_cast<u128>(std::numeric_limits<int64_t>::max())) return std::nullopt;
  return Decimal::FromMicros(static_cast<int64_t>(micros));
}

// max |load - mean| / mean with mean = sum / k: max |k * load - sum| / sum.
Decimal MaxDeviation(const std::vector<int64_t>& loads, int64_t sum) {
  if (sum == 0) return Decimal();
  const __int128 k = static_cast<__int128>(loads.size());
  u128 worst = 0;
  for (int64_t load : loads) {
    const __int128 diff = k * load - sum;
    worst = std::max(worst, static_cast<u128>(diff < 0 ? -diff : diff));
  }
  return Decimal::FromMicros(static_cast<int64_t>(RoundedQuotient(worst * kScale, sum)));
}

bool AllWithin(const std::vector<int64_t>& loads, const DimBand& band) {
  return std::all_of(loads.begin(), loads.end(), [&](int64_t load) { return band.Contains(load); });
}

}  // namespace

std::vector<int> CurrentAssignment(const Request& request) {
  std::vector<int> out;
  out.reserve(request.accounts.size());
  for (const Account& a : request.accounts)
    out.push_back(a.current_territory.value_or(kUnassigned));
  return out;
}

Decimal CoefficientOfVariation(const std::vector<int64_t>& loads) {
  // CV = sqrt(k * sum(x^2) - sum(x)^2) / sum(x). Keep k * sum(x^2) * 1e12 below 2^127:
  // sum(x^2) <= max(x) * sum(x), so max(x) * sum(x) < 2^127 / (k * 1e12) suffices.
  std::vector<u128> x(loads.begin(), loads.end());
  const u128 k = x.size();
  const u128 budget = (static_cast<u128>(1) << 127) / (k * kScale * kScale);
  auto sum_of = [&] {
    u128 s = 0;
    for (u128 v : x) s += v;
    return s;
  };
  u128 sum = sum_of();
  u128 max = x.empty() ? 0 : *std::max_element(x.begin(), x.end());
  while (max != 0 && max * sum >= budget) {
    for (u128& v : x) v = (v + 5) / 10;
    sum = sum_of();
    max = (max + 5) / 10;
  }
  if (sum == 0) return Decimal();
  u128 sum_squares = 0;
  for (u128 v : x) sum_squares += v * v;
  const u128 spread = k * sum_squares - sum * sum;  // >= 0 (Cauchy-Schwarz), exact
  const u128 root = ISqrt(spread * kScale * kScale);
  return Decimal::FromMicros(static_cast<int64_t>(RoundedQuotient(root, sum)));
}

Metrics ComputeMetrics(const Request& request, const std::vector<int>& territory_of) {
  const int k = static_cast<int>(request.territories.size());
  std::vector<int64_t> potential(k, 0), workload(k, 0);
  Metrics m;
  m.territories.assign(k, TerritoryTotals{});
  int64_t total_potential = 0, total_workload = 0, had_territory = 0;
  for (size_t i = 0; i < request.accounts.size(); ++i) {
    const Account& a = request.accounts[i];
    total_potential += a.potential.micros();
    total_workload += a.workload.micros();
    if (a.current_territory.has_value()) ++had_territory;
    const int t = territory_of[i];
    if (t == kUnassigned) {
      ++m.accounts_unassigned;
      continue;
    }
    potential[t] += a.potential.micros();
    workload[t] += a.workload.micros();
    ++m.territories[t].accounts;
    if (a.current_territory.has_value() && *a.current_territory != t) ++m.accounts_moved;
  }
  for (int t = 0; t < k; ++t) {
    m.territories[t].potential = Decimal::FromMicros(potential[t]);
    m.territories[t].workload = Decimal::FromMicros(workload[t]);
  }
  int64_t assigned_potential = 0;
  for (int64_t p : potential) assigned_potential += p;

  const int64_t tolerance = request.options.tolerance.micros();
  m.potential_cv = CoefficientOfVariation(potential);
  m.workload_cv = CoefficientOfVariation(workload);
  m.potential_max_min_ratio = MaxMinRatio(potential);
  m.max_potential_deviation = MaxDeviation(potential, assigned_potential);
  m.potential_within_band = AllWithin(potential, MakeBand(total_potential, k, tolerance));
  m.workload_within_band = AllWithin(workload, MakeBand(total_workload, k, tolerance));
  if (had_territory > 0) {
    m.moved_fraction = Decimal::FromMicros(static_cast<int64_t>(
        RoundedQuotient(static_cast<u128>(m.accounts_moved) * kScale, had_territory)));
  }
  return m;
}

}  // namespace attain::planning::balancing

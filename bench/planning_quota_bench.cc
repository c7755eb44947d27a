// Quota engine benchmark: allocate a company target down 1 -> 10 -> 100 -> 5,000 territories
// over 12 monthly periods, then compute quotas for 20,000 sellers (4 per territory, with
// mid-year hires on a 25/50/75/100 % ramp, re-splits and transfers).
//
// Baseline, in the same run: the straightforward implementation of the same formulas —
//  * allocation: nodes kept as a flat list (no child index), so each parent finds its
//    children by scanning every node; each child's share re-sums its siblings' weights;
//    each share is rounded to units on its own, then repeated passes move one unit at a
//    time to/from the child furthest from its exact share until the children sum to the
//    pool. Periods are split the same way.
//  * seller quotas: ramp and proration summed day by day (tenure month found per day).
// The engine also validates its input (splits per territory, ramp, ids); the baseline does
// not, so the ratio understates the engine's advantage slightly.
// Both results are checked: children sum exactly to their pools, periods to their annuals,
// and the two implementations' seller quotas agree.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/planning/engine/quota/allocation.h"
#include "services/planning/engine/quota/fiscal_calendar.h"
#include "services/planning/engine/quota/ramp.h"
#include "services/planning/engine/quota/seller_quota.h"

namespace attain::planning::quota {
namespace {

using money::Decimal;
using Clock = std::chrono::steady_clock;

Decimal D(const char* text) { return Decimal::Parse(text).value(); }
Decimal U(int64_t units) { return Decimal::FromUnits(units); }

void Check(bool ok, const std::string& what) {
  if (!ok) {
    std::fprintf(stderr, "CHECK FAILED: %s\n", what.c_str());
    std::exit(1);
  }
}

template <typename T>
T Value(absl::StatusOr<T> v, const char* what) {
  if (!v.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, v.status().ToString().c_str());
    std::exit(1);
  }
  return *std::move(v);
}

// ------------------------------------------------------------------ inputs

TopDownRequest BuildPlan() {
  TopDownRequest r;
  r.company_target = U(1'234'567'891);
  r.nodes.push_back({"co", ""});
  AllocationLevel regions{AllocationMethod::kHistoricalShare, Decimal(), {}};
  AllocationLevel areas{AllocationMethod::kPotential, D("0.05"), {}};
  AllocationLevel territories{AllocationMethod::kCustomWeights, D("0.03"), {}};
  for (int g = 0; g < 10; ++g) {
    const std::string region = absl::StrCat("r", g);
    r.nodes.push_back({region, "co"});
    regions.weights.push_back({region, U(1000 + 371 * g)});  // bookings in thousands
    for (int a = 0; a < 10; ++a) {
      const std::string area = absl::StrCat(region, "-a", a);
      r.nodes.push_back({area, region});
      areas.weights.push_back({area, Decimal::FromMicros(1'000'000 + 7'919 * (a * 13 + g))});
      for (int t = 0; t < 50; ++t) {
        const std::string territory = absl::StrCat(area, "-t", t);
        r.nodes.push_back({territory, area});
        territories.weights.push_back(
            {territory, Decimal::FromMicros(500'000 + (t * 7'877 + a * 31) % 1'000'000)});
      }
    }
  }
  r.levels = {regions, areas, territories};
  for (int m = 0; m < 12; ++m) r.seasonality.weights.push_back(U(80 + (m * 17) % 41));
  return r;
}

std::vector<SellerPlanInput> BuildSellers(const std::vector<FiscalPeriod>& periods,
                                          const TopDownRequest& plan) {
  std::vector<std::string> territories;
  for (const TerritoryNode& n : plan.nodes) {
    if (n.id.find("-t") != std::string::npos) territories.push_back(n.id);
  }
  const absl::CivilDay year_start = periods.front().start;
  const absl::CivilDay long_ago(2018, 1, 1);
  std::vector<SellerPlanInput> sellers;
  sellers.reserve(territories.size() * 4);
  for (size_t t = 0; t < territories.size(); ++t) {
    for (int slot = 0; slot < 4; ++slot) {
      sellers.push_back({absl::StrCat(territories[t], "-s", slot),
                         long_ago,
                         {{territories[t], D("0.25"), {long_ago, std::nullopt}}}});
    }
    SellerPlanInput* s = &sellers[sellers.size() - 4];
    if (t % 10 == 0) {  // slot 3 is hired mid-year; slot 2 holds 0.5 until then
      const absl::CivilDay hire = year_start + static_cast<int>(15 + (t * 37) % 300);
      s[3].hire_date = hire;
      s[3].assignments[0].active.start = hire;
      s[2].assignments = {{territories[t], D("0.5"), {long_ago, hire - 1}},
                          {territories[t], D("0.25"), {hire, std::nullopt}}};
    }
  }
  for (size_t t = 0; t + 1 < territories.size(); t += 7) {  // slot-0 sellers swap territories
    const absl::CivilDay move = year_start + static_cast<int>(40 + (t * 11) % 250);
    SellerPlanInput& a = sellers[t * 4];
    SellerPlanInput& b = sellers[(t + 1) * 4];
    a.assignments = {{territories[t], D("0.25"), {long_ago, move - 1}},
                     {territories[t + 1], D("0.25"), {move, std::nullopt}}};
    b.assignments = {{territories[t + 1], D("0.25"), {long_ago, move - 1}},
                     {territories[t], D("0.25"), {move, std::nullopt}}};
  }
  return sellers;
}

// ------------------------------------------------------------------ naive baseline

struct NaiveNode {
  std::string id;
  std::string parent_id;
  int depth = 0;
  Decimal annual;
  Decimal pool;
  std::vector<Decimal> periods;
};

// Rounds each exact share on its own, then moves one unit per pass to the part furthest
// from its exact share until the parts sum to `total`.
std::vector<Decimal> NaiveSplit(Decimal total, const std::vector<Decimal>& weights) {
  std::vector<Decimal> exact(weights.size()), parts(weights.size());
  for (size_t i = 0; i < weights.size(); ++i) {
    Decimal sum;  // re-summed for every part
    for (Decimal w : weights) sum = sum.Add(w).value();
    exact[i] = total.Mul(weights[i]).value().Div(sum).value();
    parts[i] = exact[i].RoundHalfEven(0);
  }
  for (;;) {
    Decimal assigned;
    for (Decimal p : parts) assigned = assigned.Add(p).value();
    if (assigned == total) return parts;
    const bool short_of_total = assigned < total;
    size_t best = 0;
    Decimal best_gap = Decimal::FromUnits(-1'000'000);
    for (size_t i = 0; i < parts.size(); ++i) {
      const Decimal gap =
          short_of_total ? exact[i].Sub(parts[i]).value() : parts[i].Sub(exact[i]).value();
      if (gap > best_gap) best_gap = gap, best = i;
    }
    parts[best] = parts[best].Add(U(short_of_total ? 1 : -1)).value();
  }
}

std::vector<NaiveNode> NaiveAllocate(const TopDownRequest& r) {
  std::vector<NaiveNode> nodes;
  std::map<std::string, Decimal> weight;
  for (const AllocationLevel& level : r.levels) {
    for (const NodeWeight& w : level.weights) weight[w.node_id] = w.weight;
  }
  for (const TerritoryNode& n : r.nodes) nodes.push_back({n.id, n.parent_id, 0, {}, {}, {}});
  nodes[0].annual = r.company_target;
  for (int depth = 0; depth < static_cast<int>(r.levels.size()); ++depth) {
    const AllocationLevel& level = r.levels[depth];
    for (NaiveNode& parent : nodes) {
      if (parent.depth != depth || (depth == 0 && !parent.parent_id.empty())) continue;
      std::vector<NaiveNode*> children;
      for (NaiveNode& n : nodes) {
        if (n.parent_id == parent.id) children.push_back(&n);
      }
      if (children.empty()) continue;
      std::sort(children.begin(), children.end(), [](auto* a, auto* b) { return a->id < b->id; });
      parent.pool = parent.annual.Mul(Decimal::FromUnits(1).Add(level.padding).value())
                        .value()
                        .RoundHalfEven(0);
      std::vector<Decimal> w;
      for (NaiveNode* c : children) {
        w.push_back(level.method == AllocationMethod::kEven ? U(1) : weight[c->id]);
      }
      const std::vector<Decimal> parts = NaiveSplit(parent.pool, w);
      for (size_t i = 0; i < children.size(); ++i) {
        children[i]->annual = parts[i];
        children[i]->depth = depth + 1;
      }
    }
  }
  for (NaiveNode& n : nodes) n.periods = NaiveSplit(n.annual, r.seasonality.weights);
  return nodes;
}

using NaiveQuotas = std::map<std::string, std::vector<Decimal>>;

std::vector<std::vector<Decimal>> NaiveSellerQuotas(const std::vector<FiscalPeriod>& periods,
                                                    const NaiveQuotas& by_id,
                                                    const std::vector<SellerPlanInput>& sellers,
                                                    const RampSchedule& ramp) {
  std::vector<std::vector<Decimal>> out;
  for (const SellerPlanInput& s : sellers) {
    std::vector<Decimal> unrounded;
    for (size_t p = 0; p < periods.size(); ++p) {
      Decimal total;
      for (const SellerAssignment& a : s.assignments) {
        Decimal ramped;
        for (absl::CivilDay d = periods[p].start; d <= periods[p].end; ++d) {
          if (d < a.active.start || (a.active.end.has_value() && d > *a.active.end)) continue;
          int month = 0;  // tenure month: count month starts from the hire date up to d
          while (month < static_cast<int>(ramp.by_tenure_month.size()) &&
                 AddMonths(s.hire_date, month) <= d)
            ++month;
          const bool fully = month == static_cast<int>(ramp.by_tenure_month.size()) &&
                             AddMonths(s.hire_date, month) <= d;
          ramped = ramped
                       .Add(fully || month == 0 ? (month == 0 ? Decimal() : U(1))
                                                : ramp.by_tenure_month[month - 1])
                       .value();
        }
        if (ramped.IsZero()) continue;
        const Decimal q = by_id.at(a.territory_id)[p];
        total =
            total.Add(q.Mul(a.split).value().Mul(ramped).value().Div(U(periods[p].Days())).value())
                .value();
      }
      unrounded.push_back(total);
    }
    out.push_back(std::move(unrounded));
  }
  return out;
}

// ------------------------------------------------------------------ checks and timing

template <typename F>
double MedianMillis(int runs, F&& f) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    f();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

Decimal Sum(const std::vector<Decimal>& v) {
  Decimal s;
  for (Decimal d : v) s = s.Add(d).value();
  return s;
}

int Run() {
  const std::vector<FiscalPeriod> periods =
      Value(FiscalCalendar::Create(2, PeriodType::kMonthly), "calendar").Periods(2027);
  const TopDownRequest plan = BuildPlan();
  const std::vector<SellerPlanInput> sellers = BuildSellers(periods, plan);
  const RampSchedule ramp{{D("0.25"), D("0.5"), D("0.75"), U(1)}};
  std::printf("hierarchy: %zu nodes (1 -> 10 -> 100 -> 5000), %zu periods, %zu sellers\n",
              plan.nodes.size(), periods.size(), sellers.size());

  constexpr int kRuns = 5;
  TopDownAllocation fast;
  std::vector<SellerQuota> fast_quotas;
  const double fast_alloc =
      MedianMillis(kRuns, [&] { fast = Value(AllocateTopDown(plan), "allocate"); });
  const TerritoryQuotas quotas = PeriodQuotasOf(fast);
  const double fast_sellers = MedianMillis(kRuns, [&] {
    fast_quotas = Value(ComputeSellerQuotas(periods, quotas, sellers, ramp), "sellers");
  });

  std::vector<NaiveNode> naive;
  std::vector<std::vector<Decimal>> naive_quotas;
  const double naive_alloc = MedianMillis(kRuns, [&] { naive = NaiveAllocate(plan); });
  // Both seller computations start from the engine's territory quotas, so their results
  // can be compared value for value.
  const NaiveQuotas naive_input(quotas.begin(), quotas.end());
  const double naive_sellers = MedianMillis(
      kRuns, [&] { naive_quotas = NaiveSellerQuotas(periods, naive_input, sellers, ramp); });

  // Exact sums, both implementations.
  std::map<std::string, Decimal> fast_children, naive_children;
  for (const NodeAllocation& n : fast.nodes) {
    Check(Sum(n.periods) == n.annual, "engine periods sum to annual for " + n.node_id);
    if (!n.parent_id.empty())
      fast_children[n.parent_id] = fast_children[n.parent_id].Add(n.annual).value();
  }
  for (const auto& [parent, sum] : fast_children) {
    Check(sum == fast.Find(parent)->children_pool, "engine children sum to pool of " + parent);
  }
  std::map<std::string, const NaiveNode*> naive_by_id;
  for (const NaiveNode& n : naive) {
    naive_by_id[n.id] = &n;
    Check(Sum(n.periods) == n.annual, "baseline periods sum to annual for " + n.id);
    if (!n.parent_id.empty())
      naive_children[n.parent_id] = naive_children[n.parent_id].Add(n.annual).value();
  }
  for (const auto& [parent, sum] : naive_children) {
    Check(sum == naive_by_id[parent]->pool, "baseline children sum to pool of " + parent);
  }
  size_t differing_nodes = 0;
  for (const NodeAllocation& n : fast.nodes) {
    const NaiveNode* b = naive_by_id[n.node_id];
    if (b->annual != n.annual || b->periods != n.periods) ++differing_nodes;
  }
  size_t differing_quotas = 0;
  Decimal total_seller_quota;
  for (size_t s = 0; s < sellers.size(); ++s) {
    Check(Sum([&] {
            std::vector<Decimal> v;
            for (const SellerPeriodQuota& p : fast_quotas[s].periods) v.push_back(p.quota);
            return v;
          }()) == fast_quotas[s].annual,
          "seller annual is the sum of its periods");
    for (size_t p = 0; p < periods.size(); ++p) {
      if (fast_quotas[s].periods[p].unrounded != naive_quotas[s][p]) {
        if (differing_quotas++ < 3) {
          std::fprintf(stderr, "seller %s period %zu: engine %s baseline %s\n",
                       sellers[s].seller_id.c_str(), p,
                       fast_quotas[s].periods[p].unrounded.ToString().c_str(),
                       naive_quotas[s][p].ToString().c_str());
        }
      }
    }
    total_seller_quota = total_seller_quota.Add(fast_quotas[s].annual).value();
  }
  Check(differing_quotas == 0, "engine and baseline seller quotas agree");

  std::printf("company target %s -> leaf sum %s (padding 5 %% + 3 %%)\n",
              plan.company_target.ToString().c_str(),
              [&] {
                Decimal s;
                for (const NodeAllocation& n : fast.nodes)
                  if (n.depth == 3) s = s.Add(n.annual).value();
                return s.ToString();
              }()
                  .c_str());
  std::printf("seller quotas total %s (ramp, hires and vacancies reduce it)\n",
              total_seller_quota.ToFixed(2).c_str());
  std::printf(
      "checks: exact sums OK (engine and baseline); nodes whose amounts differ between "
      "the two roundings: %zu; seller quota mismatches: %zu\n",
      differing_nodes, differing_quotas);
  std::printf("%-28s %12s %12s %8s\n", "median of 5 runs (ms)", "engine", "baseline", "ratio");
  std::printf("%-28s %12.2f %12.2f %7.1fx\n", "allocation (5111 x 12)", fast_alloc, naive_alloc,
              naive_alloc / fast_alloc);
  std::printf("%-28s %12.2f %12.2f %7.1fx\n", "seller quotas (20000 x 12)", fast_sellers,
              naive_sellers, naive_sellers / fast_sellers);
  std::printf("%-28s %12.2f %12.2f %7.1fx\n", "total", fast_alloc + fast_sellers,
              naive_alloc + naive_sellers,
              (naive_alloc + naive_sellers) / (fast_alloc + fast_sellers));
  return 0;
}

}  // namespace
}  // namespace attain::planning::quota

int main() { return attain::planning::quota::Run(); }

// Crediting and measure benchmark: N transactions (default 5 M) over 100,000 accounts in
// 5,000 territories (one or two sellers each, a third of them with an overlay territory),
// 10,000 sellers in a 3-level hierarchy (rep -> manager -> director -> vp, roll-up to every
// level), and a 3-measure plan (revenue, margin, quantity of one product family), credited
// and summed per seller with 1 and 2 threads.
//
// Transactions in account order (then date): the order a calculation run hands them to the
// engine (run_inputs_order.h) — and, for comparison, the same transactions in random order.
//
// Baseline, in the same run: the straightforward implementation — organization kept in
// std::map keyed by ids with effective-dated vectors searched linearly, per credit a walk up
// the chain through the maps, and sums in a std::map<(seller, measure), Decimal> — run on a
// tenth of the transactions (of each order) and scaled (it is the same per-transaction work).
// Both results are checked to agree on that tenth. Every row's sums equal the first's.
//
// Each row is the best of five rounds; CPU is the process's CPU time in that round (all
// threads), so that a round slowed by other processes on the machine can be recognised.
//
// Usage: compensation_credit_bench [--transactions N] [--skip-baseline]

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "services/compensation/engine/credit/crediting.h"
#include "services/compensation/engine/credit/measures.h"

namespace attain::compensation::credit {
namespace {

using Clock = std::chrono::steady_clock;

constexpr uint32_t kSellers = 10'000;
constexpr uint32_t kAccounts = 100'000;
constexpr uint32_t kTerritories = 5'000;
constexpr uint32_t kFamilies = 20;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "CHECK FAILED: %s\n", what);
    std::exit(1);
  }
}

struct World {
  std::vector<ReportingLine> lines;
  std::vector<AccountTerritory> account_territories;
  std::vector<Coverage> coverage;
  std::vector<Transaction> transactions;
  std::vector<uint32_t> family;  // per transaction
};

// The world's transactions (and their families) ordered by account, then date.
World InAccountOrder(const World& w) {
  std::vector<uint32_t> order(w.transactions.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const Transaction& ta = w.transactions[a];
    const Transaction& tb = w.transactions[b];
    return ta.account != tb.account ? ta.account < tb.account : ta.date < tb.date;
  });
  World sorted{w.lines, w.account_territories, w.coverage, {}, {}};
  sorted.transactions.reserve(order.size());
  sorted.family.reserve(order.size());
  for (uint32_t i : order) {
    sorted.transactions.push_back(w.transactions[i]);
    sorted.family.push_back(w.family[i]);
  }
  return sorted;
}

// Sellers 0..9: vps; 10..99 directors; 100..999 managers; the rest reps. Every manager
// changes on 2026-07-01 for a tenth of the sellers (a mid-year re-organisation).
World Build(size_t count) {
  std::mt19937_64 random(42);
  World w;
  const Day start = ToDay(absl::CivilDay(2026, 1, 1));
  const Day reorg = ToDay(absl::CivilDay(2026, 7, 1));
  auto parent = [](uint32_t s) -> uint32_t { return s < 10 ? kNone : s < 100 ? s % 10 : s < 1000 ? 10 + s % 90 : 100 + s % 900; };
  for (uint32_t s = 10; s < kSellers; ++s) {
    if (s % 10 == 3 && s >= 1000) {
      w.lines.push_back({s, parent(s), {start, reorg - 1}});
      w.lines.push_back({s, 100 + (s + 7) % 900, {reorg, kOpenEnd}});
    } else {
      w.lines.push_back({s, parent(s), {start, kOpenEnd}});
    }
  }
  for (uint32_t a = 0; a < kAccounts; ++a) {
    w.account_territories.push_back({a, a % 4000, false, {start, kOpenEnd}});
    if (a % 3 == 0) w.account_territories.push_back({a, 4000 + a % 1000, true, {start, kOpenEnd}});
  }
  const Decimal half = Decimal::Parse("0.5").value();
  for (uint32_t t = 0; t < kTerritories; ++t) {
    const uint32_t rep = 1000 + t % (kSellers - 1000);
    if (t < 4000 && t % 5 == 0) {
      w.coverage.push_back({t, rep, half, false, {start, kOpenEnd}});
      w.coverage.push_back({t, 1000 + (t * 7 + 1) % (kSellers - 1000), half, false, {start, kOpenEnd}});
    } else {
      w.coverage.push_back({t, rep, Decimal::FromUnits(1), false, {start, kOpenEnd}});
    }
  }
  w.transactions.resize(count);
  w.family.resize(count);
  for (size_t i = 0; i < count; ++i) {
    Transaction& t = w.transactions[i];
    t.date = start + static_cast<Day>(random() % 365);
    t.account = static_cast<uint32_t>(random() % kAccounts);
    t.amount = Decimal::FromMicros(static_cast<int64_t>(random() % 50'000'000'000ULL));
    t.margin = Decimal::FromMicros(t.amount.micros() / 3);
    t.quantity = Decimal::FromUnits(1 + static_cast<int64_t>(random() % 10));
    w.family[i] = static_cast<uint32_t>(random() % kFamilies);
  }
  return w;
}

// Measures: 0 revenue (all), 1 margin (all), 2 quantity of family 0.
std::vector<uint64_t> Masks(const World& w) {
  std::vector<uint64_t> masks(w.transactions.size());
  for (size_t i = 0; i < masks.size(); ++i) masks[i] = 0b011 | (w.family[i] == 0 ? 0b100 : 0);
  return masks;
}

const std::vector<MeasureSpec> kBases = {MeasureSpec{Basis::kAmount}, MeasureSpec{Basis::kMargin},
                                                MeasureSpec{Basis::kQuantity}};

// ------------------------------------------------------------------ baseline

struct NaiveOrg {
  std::map<std::string, std::vector<ReportingLine>> lines;
  std::map<std::string, std::vector<AccountTerritory>> territories;
  std::map<std::string, std::vector<Coverage>> coverage;
};

std::string Key(const char* kind, uint32_t id) { return std::string(kind) + std::to_string(id); }

NaiveOrg BuildNaive(const World& w) {
  NaiveOrg org;
  for (const auto& l : w.lines) org.lines[Key("seller-", l.seller)].push_back(l);
  for (const auto& a : w.account_territories) org.territories[Key("account-", a.account)].push_back(a);
  for (const auto& c : w.coverage) org.coverage[Key("territory-", c.territory)].push_back(c);
  return org;
}

std::map<std::pair<uint32_t, int>, Decimal> NaiveSums(const World& w, const NaiveOrg& org, size_t count,
                                                      const std::vector<uint64_t>& masks) {
  std::map<std::pair<uint32_t, int>, Decimal> sums;
  auto add = [&](size_t i, uint32_t seller, Decimal fraction) {
    const Transaction& t = w.transactions[i];
    for (int m = 0; m < 3; ++m) {
      if (!(masks[i] >> m & 1)) continue;
      const Decimal base = m == 0 ? t.amount : m == 1 ? t.margin : t.quantity;
      const Decimal value = fraction == Decimal::FromUnits(1) ? base : base.Mul(fraction).value();
      Decimal& sum = sums[{seller, m}];
      sum = sum.Add(value).value();
    }
  };
  for (size_t i = 0; i < count; ++i) {
    const Transaction& t = w.transactions[i];
    std::vector<std::pair<uint32_t, Decimal>> direct;
    for (const auto& at : org.territories.at(Key("account-", t.account))) {
      if (!at.when.Contains(t.date)) continue;
      auto it = org.coverage.find(Key("territory-", at.territory));
      if (it == org.coverage.end()) continue;
      for (const auto& c : it->second) {
        if (c.when.Contains(t.date)) direct.push_back({c.seller, c.fraction});
      }
    }
    std::map<uint32_t, Decimal> rollup;
    for (const auto& [seller, fraction] : direct) {
      add(i, seller, fraction);
      uint32_t s = seller;
      for (int depth = 0; depth < 3; ++depth) {
        auto it = w.lines.empty() ? org.lines.end() : org.lines.find(Key("seller-", s));
        if (it == org.lines.end()) break;
        uint32_t manager = kNone;
        for (const auto& l : it->second) {
          if (l.when.Contains(t.date)) manager = l.manager;
        }
        if (manager == kNone) break;
        rollup[manager] = rollup[manager].Add(fraction).value();
        s = manager;
      }
    }
    for (const auto& [manager, fraction] : rollup) add(i, manager, fraction);
  }
  return sums;
}

struct Timing {
  double seconds = 1e9;
  double cpu = 0;
};

// Best of five rounds of `work`.
template <typename Work>
Timing Best(Work work) {
  Timing best;
  for (int round = 0; round < 5; ++round) {
    const auto start = Clock::now();
    const double cpu_start = CpuSeconds();
    work();
    const double seconds = Seconds(start);
    if (seconds < best.seconds) best = {seconds, CpuSeconds() - cpu_start};
  }
  return best;
}

// The fused and materialized paths on one order of the transactions, with 1 and 2 threads;
// every sum checked against `reference` (set by the first call).
struct OrderTimings {
  Timing fused[3], materialized[3];
  size_t credits = 0;
};

OrderTimings TimeOrder(const World& w, const OrgIndex& org, const RollUpPolicy& policy,
                       std::vector<Decimal>& reference) {
  const std::vector<uint64_t> masks = Masks(w);
  OrderTimings out;
  for (int threads : {1, 2}) {
    out.materialized[threads] = Best([&] {
      std::vector<Credit> all = CreditAll(w.transactions, {}, org, policy, threads);
      auto table = SumMeasures(w.transactions, masks, kBases, all, kSellers, threads);
      Check(table.ok(), "sums");
      out.credits = all.size();
      if (reference.empty()) reference = table->values;
      Check(table->values == reference, "the same sums for every order and thread count");
    });
    out.fused[threads] = Best([&] {
      auto table =
          CreditAndSumMeasures(w.transactions, {}, masks, kBases, org, policy, kSellers, threads);
      Check(table.ok() && table->values == reference, "fused sums equal materialized sums");
    });
  }
  return out;
}

// The baseline on the first tenth of `w`, scaled to all of it; checked against the engine.
Timing TimeBaseline(const World& w, const OrgIndex& org, const RollUpPolicy& policy) {
  const size_t count = w.transactions.size();
  const size_t sample = std::max<size_t>(count / 10, 1);
  const std::vector<uint64_t> masks = Masks(w);
  const NaiveOrg naive = BuildNaive(w);
  const auto start = Clock::now();
  const double cpu_start = CpuSeconds();
  const auto naive_sums = NaiveSums(w, naive, sample, masks);
  const double scale = static_cast<double>(count) / static_cast<double>(sample);
  const Timing timing{Seconds(start) * scale, (CpuSeconds() - cpu_start) * scale};
  std::vector<Transaction> tenth(w.transactions.begin(), w.transactions.begin() + sample);
  std::vector<uint64_t> tenth_masks(masks.begin(), masks.begin() + sample);
  auto table =
      SumMeasures(tenth, tenth_masks, kBases, CreditAll(tenth, {}, org, policy, 1), kSellers, 1);
  Check(table.ok(), "tenth sums");
  for (const auto& [key, sum] : naive_sums) {
    Check(table->Get(key.first, key.second) == sum, "baseline and engine agree");
  }
  return timing;
}

}  // namespace
}  // namespace attain::compensation::credit

int main(int argc, char** argv) {
  using namespace attain::compensation::credit;
  size_t count = 5'000'000;
  bool baseline = true;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--transactions") == 0 && i + 1 < argc) {
      count = std::strtoull(argv[++i], nullptr, 10);
    } else if (std::strcmp(argv[i], "--skip-baseline") == 0) {
      baseline = false;
    }
  }
  std::printf("building %zu transactions, %u sellers, %u accounts, %u territories...\n", count, kSellers,
              kAccounts, kTerritories);
  const World random_order = Build(count);
  const World account_order = InAccountOrder(random_order);
  const OrgIndex org(kSellers, kAccounts, kTerritories, random_order.lines,
                     random_order.account_territories, random_order.coverage);
  const RollUpPolicy policy{3, {}};

  std::vector<attain::money::Decimal> reference;
  const OrderTimings sorted = TimeOrder(account_order, org, policy, reference);
  const OrderTimings shuffled = TimeOrder(random_order, org, policy, reference);
  Check(sorted.credits == shuffled.credits, "the same credits in either order");

  const size_t credits = sorted.credits;
  const double per_txn = static_cast<double>(credits) / static_cast<double>(count);
  std::printf("credits per transaction: %.2f (direct, overlay and 3-level roll-up)\n", per_txn);
  std::printf("%-52s %9s %9s %16s %16s\n", "", "seconds", "cpu s", "transactions/s", "credits/s");
  auto row = [&](const char* name, Timing t) {
    std::printf("%-52s %9.3f %9.3f %16.0f %16.0f\n", name, t.seconds, t.cpu, count / t.seconds,
                credits / t.seconds);
  };
  row("engine (templates), account order, 1 thread", sorted.fused[1]);
  row("engine (templates), account order, 2 threads", sorted.fused[2]);
  row("engine (templates), random order, 1 thread", shuffled.fused[1]);
  row("engine (templates), random order, 2 threads", shuffled.fused[2]);
  row("materialized credits, account order, 1 thread", sorted.materialized[1]);
  row("materialized credits, account order, 2 threads", sorted.materialized[2]);
  row("materialized credits, random order, 1 thread", shuffled.materialized[1]);
  row("materialized credits, random order, 2 threads", shuffled.materialized[2]);
  if (baseline) {
    const Timing naive_sorted = TimeBaseline(account_order, org, policy);
    const Timing naive_shuffled = TimeBaseline(random_order, org, policy);
    row("baseline (maps), account order, 1 thread", naive_sorted);
    row("baseline (maps), random order, 1 thread", naive_shuffled);
    std::printf("speed-up over the baseline (1 thread): %.1fx in account order, %.1fx in random order\n",
                naive_sorted.seconds / sorted.fused[1].seconds,
                naive_shuffled.seconds / shuffled.fused[1].seconds);
  }
  std::printf("2 threads vs 1: %.2fx in account order, %.2fx in random order\n",
              sorted.fused[1].seconds / sorted.fused[2].seconds,
              shuffled.fused[1].seconds / shuffled.fused[2].seconds);
  return 0;
}

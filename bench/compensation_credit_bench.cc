// Crediting and measure benchmark: N transactions (default 5 M) over 100,000 accounts in
// 5,000 territories (one or two sellers each, a third of them with an overlay territory),
// 10,000 sellers in a 3-level hierarchy (rep -> manager -> director -> vp, roll-up to every
// level), and a 3-measure plan (revenue, margin, quantity of one product family), credited
// and summed per seller with 1 and 2 threads.
//
// Baseline, in the same run: the straightforward implementation — organization kept in
// std::map keyed by ids with effective-dated vectors searched linearly, per credit a walk up
// the chain through the maps, and sums in a std::map<(seller, measure), Decimal> — run on a
// tenth of the transactions and scaled (it is the same per-transaction work). Both results
// are checked to agree on that tenth.
//
// Usage: compensation_credit_bench [--transactions N]

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
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

}  // namespace
}  // namespace attain::compensation::credit

int main(int argc, char** argv) {
  using namespace attain::compensation::credit;
  size_t count = 5'000'000;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--transactions") == 0) count = std::strtoull(argv[i + 1], nullptr, 10);
  }
  std::printf("building %zu transactions, %u sellers, %u accounts, %u territories...\n", count, kSellers,
              kAccounts, kTerritories);
  const World world = Build(count);
  const std::vector<uint64_t> masks = Masks(world);
  const OrgIndex org(kSellers, kAccounts, kTerritories, world.lines, world.account_territories, world.coverage);
  const RollUpPolicy policy{3, {}};

  // Materialized credits (what explanations list), then the fused path the run uses.
  double materialized[3] = {0, 0, 0};
  double fused[3] = {0, 0, 0};
  size_t credits = 0;
  std::vector<attain::money::Decimal> reference;
  for (int threads : {1, 2}) {
    double best = 1e9, best_fused = 1e9;
    for (int round = 0; round < 3; ++round) {
      auto start = Clock::now();
      std::vector<Credit> all = CreditAll(world.transactions, org, policy, threads);
      auto table = SumMeasures(world.transactions, masks, kBases, all, kSellers, threads);
      best = std::min(best, Seconds(start));
      Check(table.ok(), "sums");
      credits = all.size();
      if (reference.empty()) reference = table->values;
      Check(table->values == reference, "same sums for every thread count");
      start = Clock::now();
      auto fused_table = CreditAndSumMeasures(world.transactions, masks, kBases, org, policy, kSellers, threads);
      best_fused = std::min(best_fused, Seconds(start));
      Check(fused_table.ok() && fused_table->values == reference, "fused sums equal materialized sums");
    }
    materialized[threads] = best;
    fused[threads] = best_fused;
  }

  // Baseline on a tenth, scaled; its sums must match the engine's on the same tenth.
  const size_t sample = std::max<size_t>(count / 10, 1);
  const NaiveOrg naive = BuildNaive(world);
  const auto naive_start = Clock::now();
  const auto naive_sums = NaiveSums(world, naive, sample, masks);
  const double naive_seconds = Seconds(naive_start) * static_cast<double>(count) / static_cast<double>(sample);
  {
    std::vector<Transaction> tenth(world.transactions.begin(), world.transactions.begin() + sample);
    std::vector<uint64_t> tenth_masks(masks.begin(), masks.begin() + sample);
    auto table = SumMeasures(tenth, tenth_masks, kBases, CreditAll(tenth, org, policy, 1), kSellers, 1);
    Check(table.ok(), "tenth sums");
    for (const auto& [key, sum] : naive_sums) {
      Check(table->Get(key.first, key.second) == sum, "baseline and engine agree");
    }
  }

  const double per_txn = static_cast<double>(credits) / static_cast<double>(count);
  std::printf("credits per transaction: %.2f (direct, overlay and 3-level roll-up)\n", per_txn);
  std::printf("%-34s %10s %16s %16s\n", "", "seconds", "transactions/s", "credits/s");
  auto row = [&](const char* name, double s) {
    std::printf("%-34s %10.3f %16.0f %16.0f\n", name, s, count / s, credits / s);
  };
  row("engine (templates), 1 thread", fused[1]);
  row("engine (templates), 2 threads", fused[2]);
  row("materialized credits, 1 thread", materialized[1]);
  row("materialized credits, 2 threads", materialized[2]);
  row("baseline (maps), 1 thread", naive_seconds);
  std::printf("speed-up over baseline (1 thread): %.1fx; 2 threads vs 1: %.2fx\n", naive_seconds / fused[1],
              fused[1] / fused[2]);
  return 0;
}

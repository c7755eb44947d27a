// Territory balancing benchmark: the continuity-preserving balancer against the from-scratch
// (LPT) baseline on the same deterministic synthetic data, in the same run.
//
//   planning_balancing_bench [--accounts N] [--territories K] [--seed S] [--tolerance T]
//                            [--workload-weight W]
//
// Data: log-normal-ish potential (sigma ~0.8, integer arithmetic only), workload uniform in
// [1, 40] hours, a deliberately unbalanced current assignment (territory weights 60..140),
// ~5 % locked accounts and ~1 % unassigned ones.

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "common/money/decimal.h"
#include "services/planning/engine/balancing/balancer.h"
#include "services/planning/engine/balancing/types.h"

namespace {

using attain::money::Decimal;
namespace balancing = attain::planning::balancing;

struct Flags {
  int64_t accounts = 100'000;
  int64_t territories = 200;
  uint64_t seed = 20240601;
  std::string workload_weight = "0";
  std::string tolerance = "0.05";
};

Flags ParseFlags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    if (const size_t eq = arg.find('='); eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg.resize(eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    }
    if (arg == "--accounts") {
      flags.accounts = std::atoll(value.c_str());
    } else if (arg == "--territories") {
      flags.territories = std::atoll(value.c_str());
    } else if (arg == "--seed") {
      flags.seed = std::strtoull(value.c_str(), nullptr, 10);
    } else if (arg == "--tolerance") {
      flags.tolerance = value;
    } else if (arg == "--workload-weight") {
      flags.workload_weight = value;
    } else {
      std::cerr << "unknown flag " << arg << "\n";
      std::exit(2);
    }
  }
  if (flags.accounts < 1 || flags.territories < 1) {
    std::cerr << "--accounts and --territories must be >= 1\n";
    std::exit(2);
  }
  return flags;
}

// SplitMix64: small, fast, deterministic across platforms.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int64_t Below(int64_t n) { return static_cast<int64_t>(Next() % static_cast<uint64_t>(n)); }

 private:
  uint64_t state_;
};

// 10'000 * exp(0.8 * N(0,1)) units, to the cent. N(0,1) ~ (sum of 12 uniforms - 6) scaled to
// 1/4096; exp via powers of two in eighths (2^(r/8) table) and a +-5 % jitter.
int64_t LogNormalishMicros(Rng& rng) {
  constexpr std::array<int64_t, 8> kTwoToEighths = {1'000'000, 1'090'508, 1'189'207, 1'296'840,
                                                    1'414'214, 1'542'211, 1'681'793, 1'834'008};
  int64_t z = -6 * 4096;
  for (int i = 0; i < 12; ++i) z += rng.Below(4096);
  // 0.8 / ln 2 * 8 = 9.2332 eighths of a doubling per standard deviation.
  const int64_t eighths = z * 92'332 / (4096 * 10'000);
  const int64_t q = eighths >= 0 ? eighths / 8 : -((-eighths + 7) / 8);
  const int64_t r = eighths - 8 * q;
  __int128 micros = static_cast<__int128>(10'000) * Decimal::kScale * kTwoToEighths[r] / 1'000'000;
  micros = q >= 0 ? micros << q : micros >> -q;
  micros = micros * (950'000 + rng.Below(100'001)) / 1'000'000;
  return static_cast<int64_t>(micros / 10'000 * 10'000);  // whole cents
}

Decimal ParseDecimal(const char* flag, const std::string& text) {
  absl::StatusOr<Decimal> value = Decimal::Parse(text);
  if (!value.ok()) {
    std::cerr << flag << ": " << value.status() << "\n";
    std::exit(2);
  }
  return *value;
}

balancing::Request MakeRequest(const Flags& flags) {
  Rng rng(flags.seed);
  balancing::Request request;
  const int k = static_cast<int>(flags.territories);
  std::vector<int64_t> cumulative;
  int64_t total_weight = 0;
  for (int t = 0; t < k; ++t) {
    request.territories.push_back({absl::StrCat("T", t)});
    total_weight += 60 + (t * 37) % 81;  // 60..140: the current assignment is skewed
    cumulative.push_back(total_weight);
  }
  for (int64_t i = 0; i < flags.accounts; ++i) {
    balancing::Account a;
    a.id = absl::StrCat("A", i);
    a.potential = Decimal::FromMicros(LogNormalishMicros(rng));
    a.workload = Decimal::FromUnits(1 + rng.Below(40));
    const int64_t pick = rng.Below(total_weight);
    int t = 0;
    while (cumulative[t] <= pick) ++t;
    const int64_t kind = rng.Below(100);
    if (kind >= 1) a.current_territory = t;  // ~1 % unassigned
    a.locked = kind >= 1 && kind < 6;        // ~5 % locked
    request.accounts.push_back(std::move(a));
  }
  request.options.workload_weight = ParseDecimal("--workload-weight", flags.workload_weight);
  request.options.tolerance = ParseDecimal("--tolerance", flags.tolerance);
  return request;
}

std::string Ratio(const std::optional<Decimal>& ratio) {
  return ratio.has_value() ? ratio->ToFixed(4) : "unbounded";
}

std::string Percent(Decimal fraction) {
  return absl::StrCat(Decimal::FromMicros(fraction.micros() * 100).ToFixed(2), " %");
}

std::string Millis(int64_t micros) {
  return absl::StrCat(Decimal::FromMicros(micros * 1000).ToFixed(1), " ms");
}

void PrintMetrics(std::string_view label, const balancing::Metrics& m) {
  std::cout << label << ": CV " << m.potential_cv.ToFixed(4) << ", max/min "
            << Ratio(m.potential_max_min_ratio) << ", max deviation "
            << Percent(m.max_potential_deviation) << ", within band "
            << (m.potential_within_band ? "yes" : "no") << ", workload CV "
            << m.workload_cv.ToFixed(4) << "\n";
}

// A lower bound on the accounts any solution must move: each territory above the band must
// shed its excess, at best with its largest unlocked accounts, and each move empties one.
int64_t MovesLowerBound(const balancing::Request& request, const balancing::Proposal& p) {
  const size_t k = request.territories.size();
  std::vector<std::vector<int64_t>> movable(k);
  std::vector<int64_t> load(k, 0);
  for (const balancing::Account& a : request.accounts) {
    if (!a.current_territory.has_value()) continue;
    load[*a.current_territory] += a.potential.micros();
    if (!a.locked) movable[*a.current_territory].push_back(a.potential.micros());
  }
  int64_t bound = 0;
  for (size_t t = 0; t < k; ++t) {
    int64_t excess = load[t] - p.potential_band.upper.micros();
    std::sort(movable[t].rbegin(), movable[t].rend());
    for (size_t i = 0; excess > 0 && i < movable[t].size(); ++i, ++bound) excess -= movable[t][i];
  }
  return bound;
}

struct Timed {
  absl::StatusOr<balancing::Proposal> proposal;
  int64_t micros = 0;
};

template <typename Fn>
Timed Time(Fn fn) {
  const auto start = std::chrono::steady_clock::now();
  Timed timed{fn(), 0};
  timed.micros = std::chrono::duration_cast<std::chrono::microseconds>(
                     std::chrono::steady_clock::now() - start)
                     .count();
  if (!timed.proposal.ok()) {
    std::cerr << "failed: " << timed.proposal.status() << "\n";
    std::exit(1);
  }
  return timed;
}

void PrintRun(std::string_view label, const Timed& run) {
  const balancing::Proposal& p = *run.proposal;
  std::cout << label << ": " << Millis(run.micros) << ", accounts moved " << p.after.accounts_moved
            << " (" << Percent(p.after.moved_fraction) << ")";
  if (p.moves + p.swaps > 0) std::cout << ", repair moves " << p.moves << ", swaps " << p.swaps;
  std::cout << ", every territory within band: " << (p.target_reached ? "yes" : "no");
  if (!p.target_reached) std::cout << " (" << p.reason << ")";
  std::cout << "\n";
  PrintMetrics("  after " + std::string(label), p.after);
}

}  // namespace

int main(int argc, char** argv) {
  const Flags flags = ParseFlags(argc, argv);
  const balancing::Request request = MakeRequest(flags);
  int64_t locked = 0, unassigned = 0;
  for (const balancing::Account& a : request.accounts) {
    locked += a.locked;
    unassigned += !a.current_territory.has_value();
  }
  std::cout << "accounts " << request.accounts.size() << ", territories "
            << request.territories.size() << ", locked " << locked << ", unassigned " << unassigned
            << ", tolerance " << Percent(request.options.tolerance) << ", workload weight "
            << request.options.workload_weight.ToString() << "\n";

  const Timed balanced = Time([&] { return balancing::Balance(request); });
  const Timed scratch = Time([&] { return balancing::AssignFromScratch(request); });

  const balancing::Proposal& p = *balanced.proposal;
  std::cout << "band [" << p.potential_band.lower.ToFixed(2) << ", "
            << p.potential_band.upper.ToFixed(2) << "]\n";
  PrintMetrics("before", p.before);
  PrintRun("balancer", balanced);
  PrintRun("from-scratch", scratch);
  const int64_t ratio_micros =
      scratch.micros > 0 ? balanced.micros * Decimal::kScale / scratch.micros : 0;
  std::cout << "time balancer / from-scratch: " << Decimal::FromMicros(ratio_micros).ToFixed(2)
            << "x; accounts moved balancer / from-scratch: " << p.after.accounts_moved << " / "
            << scratch.proposal->after.accounts_moved
            << "; lower bound for any solution (potential) " << MovesLowerBound(request, p) << "\n";
  return p.target_reached ? 0 : 1;
}

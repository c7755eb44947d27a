// Territory assignment benchmark: deterministic synthetic accounts and territories, the naive
// first-match loop (every account x every rule in precedence order) against the RuleIndex on
// the same data in the same run, with a check that they agree.
//
//   planning_territory_bench [--accounts N] [--territories N] [--sample N] [--naive-full]
//
// The naive loop over every account takes minutes at 1 M accounts, so by default it runs on a
// deterministic sample of evenly spaced accounts and the full time is extrapolated.

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <random>
#include <string>
#include <vector>

#include "services/planning/engine/territory/naive_assigner.h"
#include "services/planning/engine/territory/rule_index.h"
#include "services/planning/engine/territory/validation.h"

namespace attain::planning::territory {
namespace {

using money::Decimal;
using Clock = std::chrono::steady_clock;

double MillisSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of the whole process (all threads): next to wall time it shows whether the
// threads really ran in parallel or waited for a core on a busy machine.
double CpuMillis() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

std::string LoadAverage() {
  std::string text(64, '\0');
  FILE* f = std::fopen("/proc/loadavg", "r");
  if (f == nullptr) return "unknown";
  const size_t n = std::fread(text.data(), 1, text.size(), f);
  std::fclose(f);
  text.resize(n);
  return text.substr(0, text.find(' ', text.find(' ', text.find(' ') + 1) + 1));
}

struct Timing {
  double wall_ms = 1e300;
  double cpu_ms = 0;
};

struct Options {
  int accounts = 1'000'000;
  int territories = 5'000;
  int sample = 20'000;
  bool naive_full = false;
};

constexpr const char* kUsStates[] = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
    "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
    "VA", "WA", "WV", "WI", "WY"};
constexpr const char* kCaProvinces[] = {"AB", "BC", "MB", "NB", "NL", "NS", "ON", "PE", "QC", "SK"};
constexpr const char* kDeStates[] = {"BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV",
                                     "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH"};
constexpr const char* kGbAreas[] = {"SW", "SE", "EC", "WC", "N",  "NW", "E",  "W",  "M",  "B",
                                    "LS", "G",  "EH", "CF", "BS", "L",  "NE", "S",  "CB", "OX"};
constexpr const char* kIndustries[] = {
    "Healthcare", "Pharma",    "Biotech",   "Banking",  "Insurance",  "Retail",    "Manufacturing",
    "Software",   "Hardware",  "Telecom",   "Energy",   "Utilities",  "Education", "Government",
    "Media",      "Logistics", "Automotive", "Aerospace", "Hospitality", "Agriculture"};
constexpr const char* kSegments[] = {"SMB", "MM", "ENT", "STRAT"};
constexpr const char* kTiers[] = {"gold", "silver", "bronze", ""};

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  uint64_t Below(uint64_t n) { return rng_() % n; }
  template <size_t N>
  const char* Pick(const char* const (&options)[N]) { return options[Below(N)]; }
  std::string Digits(int count) {
    std::string s;
    for (int i = 0; i < count; ++i) s.push_back(static_cast<char>('0' + Below(10)));
    return s;
  }
  char Letter() { return static_cast<char>('A' + Below(26)); }

  Account MakeAccount(int i) {
    Account a;
    char id[16];
    std::snprintf(id, sizeof id, "A%07d", i);
    a.id = id;
    a.name = "Acct " + std::to_string(i);
    if (i > 0 && Below(10) == 0) {
      std::snprintf(id, sizeof id, "A%07d", static_cast<int>(Below(i)));
      a.parent_id = id;
    }
    const uint64_t country = Below(100);
    if (country < 60) {
      a.country = "US", a.region = "AMER", a.state = Pick(kUsStates);
      a.postal_code = Below(5) == 0 ? Digits(5) + "-" + Digits(4) : Digits(5);
    } else if (country < 68) {
      a.country = "CA", a.region = "AMER", a.state = Pick(kCaProvinces);
      a.postal_code = std::string{Letter()} + Digits(1) + Letter() + " " + Digits(1) + Letter() +
                      Digits(1);
    } else if (country < 78) {
      a.country = "GB", a.region = "EMEA", a.state = "ENG";
      a.postal_code = std::string(Pick(kGbAreas)) + Digits(1) + " " + Digits(1) + Letter() + Letter();
    } else if (country < 90) {
      a.country = "DE", a.region = "EMEA", a.state = Pick(kDeStates);
      a.postal_code = Digits(5);
    } else {
      a.country = "FR", a.region = "EMEA", a.state = "FR-" + Digits(2);
      a.postal_code = Digits(5);
    }
    if (Below(50) == 0) a.postal_code.clear();  // some accounts lack a postal code
    a.industry = Pick(kIndustries);
    // Revenue spread over six orders of magnitude (100 k .. 100 bn), in whole units.
    int64_t magnitude = 100'000;
    for (uint64_t k = Below(7); k > 0; --k) magnitude *= 10;
    a.annual_revenue = Decimal::FromUnits(magnitude + static_cast<int64_t>(Below(magnitude)));
    a.potential = Decimal::FromUnits(a.annual_revenue.micros() / Decimal::kScale / 4);
    a.workload = Decimal::FromMicros(static_cast<int64_t>(Below(10'000'000)));
    a.employee_count = static_cast<int64_t>(Below(100'000));
    a.segment = magnitude >= 1'000'000'000 ? "STRAT" : magnitude >= 100'000'000 ? "ENT"
                : magnitude >= 10'000'000   ? "MM" : "SMB";
    const char* tier = Pick(kTiers);
    if (*tier != '\0') a.custom["tier"] = tier;
    return a;
  }

  std::string AccountId(int accounts) {
    char id[16];
    std::snprintf(id, sizeof id, "A%07d", static_cast<int>(Below(accounts)));
    return id;
  }

 private:
  std::mt19937_64 rng_;
};

std::string Padded(int value, int width) {
  std::string s = std::to_string(value);
  return std::string(width - std::min<int>(width, s.size()), '0') + s;
}

// The hierarchy: World > 2 regions > 10 districts each; leaves spread over the districts.
std::vector<Territory> MakeTerritories(Generator& gen, int count, int accounts) {
  const dates::DateRange always{absl::CivilDay(2020, 1, 1), std::nullopt};
  std::vector<Territory> out;
  out.push_back({"W", "World", TerritoryLevel::kWorld, TerritoryType::kGeographic, {{always, "", {}}}});
  for (const char* region : {"AMER", "EMEA"}) {
    out.push_back({region, region, TerritoryLevel::kRegion, TerritoryType::kGeographic,
                   {{always, "W", {}}}});
    for (int d = 0; d < 10; ++d) {
      const std::string id = std::string(region) + "-D" + std::to_string(d);
      out.push_back({id, id, TerritoryLevel::kDistrict, TerritoryType::kGeographic,
                     {{always, region, {}}}});
    }
  }
  int next = 0;
  const auto leaf = [&](TerritoryType type, std::vector<Rule> rules) {
    const std::string id = "T" + Padded(next, 5);
    const std::string district = (next % 2 ? "EMEA-D" : "AMER-D") + std::to_string(next % 10);
    ++next;
    out.push_back({id, id, TerritoryLevel::kTerritory, type, {{always, district, std::move(rules)}}});
  };
  const auto eq = [](const char* attribute, std::string value) {
    return Predicate::Equals(attribute, std::move(value));
  };

  const int named = count / 5, overlay = count / 10;
  const int geo = count - named - overlay;
  // Geography: catch-alls by country (900) and US state (200); DE postal prefixes, FR
  // department ranges, GB areas, CA provinces (100); vertical carve-outs (50); the rest
  // US ZIP ranges (100) tiling 00000..99999.
  for (const char* c : {"US", "CA", "GB", "DE", "FR"}) leaf(TerritoryType::kGeographic, {{900, {eq("country", c)}}});
  for (const char* s : kUsStates) leaf(TerritoryType::kGeographic, {{200, {eq("country", "US"), eq("state", s)}}});
  for (const char* p : kCaProvinces) leaf(TerritoryType::kGeographic, {{100, {eq("country", "CA"), eq("state", p)}}});
  for (const char* area : kGbAreas) {
    leaf(TerritoryType::kGeographic, {{100, {eq("country", "GB"), Predicate::Prefix("postal_code", area)}}});
  }
  for (int p = 0; p < 100; ++p) {
    leaf(TerritoryType::kGeographic, {{100, {eq("country", "DE"), Predicate::Prefix("postal_code", Padded(p, 2))}}});
  }
  for (int d = 1; d < 96; d += 5) {
    leaf(TerritoryType::kGeographic,
         {{100, {eq("country", "FR"), Predicate::PostalRange(Padded(d, 2), Padded(d + 4, 2))}}});
  }
  const int carve_outs = geo / 10;
  for (int i = 0; i < carve_outs; ++i) {
    leaf(TerritoryType::kGeographic,
         {{50, {eq("state", gen.Pick(kUsStates)),
                Predicate::InList("industry", {gen.Pick(kIndustries), gen.Pick(kIndustries)})}}});
  }
  const int zip_ranges = std::max(1, geo - next);
  for (int i = 0; i < zip_ranges; ++i) {
    const int from = static_cast<int>(100'000LL * i / zip_ranges);
    const int to = static_cast<int>(100'000LL * (i + 1) / zip_ranges) - 1;
    leaf(TerritoryType::kGeographic,
         {{100, {eq("country", "US"), Predicate::PostalRange(Padded(from, 5), Padded(to, 5))}}});
  }
  // Named accounts: 30 named ids each (10); a fifth also pool strategic accounts of one
  // country by revenue band (60).
  for (int i = 0; i < named; ++i) {
    std::vector<std::string> ids;
    for (int k = 0; k < 30; ++k) ids.push_back(gen.AccountId(accounts));
    std::vector<Rule> rules = {{10, {Predicate::NamedAccounts(std::move(ids))}}};
    if (i % 5 == 0) {
      const int64_t low = 1'000'000'000LL * static_cast<int64_t>(1 + gen.Below(50));
      rules.push_back({60, {eq("segment", "STRAT"), eq("country", i % 2 ? "US" : "DE"),
                            Predicate::Range("annual_revenue", Decimal::FromUnits(low),
                                             Decimal::FromUnits(low + 2'000'000'000))}});
    }
    leaf(TerritoryType::kNamedAccount, std::move(rules));
  }
  // Overlays: product specialists by industry and region, revenue band and country,
  // employee band and segment, or custom tier and industry; priorities 100..199.
  for (int i = 0; i < overlay; ++i) {
    const int32_t priority = 100 + static_cast<int32_t>(gen.Below(100));
    switch (i % 10) {
      case 0: case 1: case 2: case 3:
        leaf(TerritoryType::kOverlay,
             {{priority, {Predicate::InList("industry", {gen.Pick(kIndustries), gen.Pick(kIndustries),
                                                         gen.Pick(kIndustries)}),
                          eq("region", gen.Below(2) ? "AMER" : "EMEA")}}});
        break;
      case 4: case 5: case 6: {
        const int64_t low = 1'000'000LL * static_cast<int64_t>(gen.Below(100'000));
        leaf(TerritoryType::kOverlay,
             {{priority, {Predicate::Range("annual_revenue", Decimal::FromUnits(low),
                                           Decimal::FromUnits(low * 3 + 1'000'000)),
                          eq("country", gen.Below(2) ? "US" : "GB")}}});
        break;
      }
      case 7: case 8: {
        const int64_t low = static_cast<int64_t>(gen.Below(90'000));
        leaf(TerritoryType::kOverlay,
             {{priority, {Predicate::Range("employee_count", Decimal::FromUnits(low),
                                           Decimal::FromUnits(low + 5'000)),
                          eq("segment", gen.Pick(kSegments))}}});
        break;
      }
      default:
        leaf(TerritoryType::kOverlay,
             {{priority, {eq("tier", gen.Below(2) ? "gold" : "silver"), eq("industry", gen.Pick(kIndustries))}}});
    }
  }
  return out;
}

bool ParseOptions(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    const auto value = [&](int& target) {
      if (i + 1 >= argc) return false;
      target = std::atoi(argv[++i]);
      return target > 0;
    };
    bool ok = true;
    if (!std::strcmp(argv[i], "--accounts")) ok = value(options.accounts);
    else if (!std::strcmp(argv[i], "--territories")) ok = value(options.territories);
    else if (!std::strcmp(argv[i], "--sample")) ok = value(options.sample);
    else if (!std::strcmp(argv[i], "--naive-full")) options.naive_full = true;
    else ok = false;
    if (!ok) {
      std::fprintf(stderr, "usage: %s [--accounts N] [--territories N] [--sample N] [--naive-full]\n", argv[0]);
      return false;
    }
  }
  options.sample = std::min(options.sample, options.accounts);
  return true;
}

int Run(const Options& options) {
  std::printf("load average before the run: %s (2 cores; other work on the machine skews wall times)\n",
              LoadAverage().c_str());
  Generator gen(20260301);
  auto start = Clock::now();
  AccountTable accounts(*AttributeSchema::WithCustom({"tier"}));
  accounts.Reserve(options.accounts);
  for (int i = 0; i < options.accounts; ++i) {
    if (absl::Status added = accounts.Add(gen.MakeAccount(i)); !added.ok()) {
      std::fprintf(stderr, "%s\n", std::string(added.message()).c_str());
      return 1;
    }
  }
  const std::vector<Territory> territories = MakeTerritories(gen, options.territories, options.accounts);
  const double load_ms = MillisSince(start);

  start = Clock::now();
  const std::vector<FieldViolation> violations = ValidateTerritories(territories, accounts.schema());
  const double validate_ms = MillisSince(start);
  if (!violations.empty()) {
    std::fprintf(stderr, "invalid synthetic model: %s: %s\n", violations[0].field.c_str(),
                 violations[0].description.c_str());
    return 1;
  }
  const absl::CivilDay as_of(2026, 3, 1);
  start = Clock::now();
  const auto rules = RuleSet::EffectiveOn(territories, accounts.schema(), as_of);
  const double ruleset_ms = MillisSince(start);
  start = Clock::now();
  const RuleIndex index = RuleIndex::Build(rules, accounts);
  const double build_ms = MillisSince(start);
  const RuleIndexStats& stats = index.stats();

  std::printf("data: %d accounts, %zu territory nodes (%d rule-bearing), %u rules effective on 2026-03-01\n",
              options.accounts, territories.size(), options.territories, rules->size());
  std::printf("index: rules filed %u by string predicate, %u by numeric range, %u always, %u unmatchable;\n"
              "       %u distinct candidate lists, %llu entries\n",
              stats.by_string, stats.by_number, stats.always, stats.unmatchable, stats.distinct_lists,
              static_cast<unsigned long long>(stats.list_entries));
  std::printf("setup (not part of evaluation): generate+load %.0f ms, validate %.1f ms\n", load_ms, validate_ms);
  std::printf("rule set %.1f ms, index build %.1f ms\n\n", ruleset_ms, build_ms);

  // Best wall time of 5 runs, with that run's CPU time.
  const auto time_assign = [&](int threads, std::vector<WinnerRanks>* out) {
    Timing best;
    for (int run = 0; run < 5; ++run) {
      const auto t0 = Clock::now();
      const double cpu0 = CpuMillis();
      Assignments assigned = index.AssignAll(threads);
      const Timing timing{MillisSince(t0), CpuMillis() - cpu0};
      if (timing.wall_ms < best.wall_ms) best = timing;
      if (run == 0) *out = assigned.winner_ranks();
    }
    return best;
  };
  std::vector<WinnerRanks> one_thread, two_threads;
  const Timing indexed1 = time_assign(1, &one_thread);
  const Timing indexed2 = time_assign(2, &two_threads);
  const double indexed1_ms = indexed1.wall_ms, indexed2_ms = indexed2.wall_ms;
  const double n = options.accounts;
  std::printf("indexed, 1 thread : %8.1f ms wall (%6.1f ms CPU)  %10.0f accounts/s  (best of 5)\n",
              indexed1_ms, indexed1.cpu_ms, n / indexed1_ms * 1e3);
  std::printf("indexed, 2 threads: %8.1f ms wall (%6.1f ms CPU)  %10.0f accounts/s  (best of 5)\n",
              indexed2_ms, indexed2.cpu_ms, n / indexed2_ms * 1e3);
  std::printf("indexed, 2 threads incl. rule set + index build: %.1f ms  (target <= 1000 ms)\n",
              indexed2_ms + ruleset_ms + build_ms);
  std::printf("1-thread and 2-thread results identical: %s\n\n", one_thread == two_threads ? "yes" : "NO");

  // Naive baseline, single thread, on evenly spaced sample rows (or all with --naive-full).
  const int sample = options.naive_full ? options.accounts : options.sample;
  std::vector<Row> rows(sample);
  for (int i = 0; i < sample; ++i) rows[i] = static_cast<Row>(static_cast<int64_t>(i) * options.accounts / sample);
  std::vector<WinnerRanks> naive(sample);
  start = Clock::now();
  for (int i = 0; i < sample; ++i) naive[i] = NaiveFirstMatch(*rules, accounts, rows[i]);
  const double naive_sample_ms = MillisSince(start);
  int disagreements = 0;
  for (int i = 0; i < sample; ++i) disagreements += naive[i] != two_threads[rows[i]];
  const double naive_full_ms = naive_sample_ms * n / sample;
  if (sample == options.accounts) {
    std::printf("naive, 1 thread, all %d accounts: %.1f ms  %.0f accounts/s (measured)\n", sample,
                naive_sample_ms, sample / naive_sample_ms * 1e3);
  } else {
    std::printf("naive, 1 thread, SAMPLE of %d accounts (every %dth): %.1f ms measured, %.0f accounts/s\n",
                sample, options.accounts / sample, naive_sample_ms, sample / naive_sample_ms * 1e3);
    std::printf("naive, 1 thread, all %d accounts: %.0f ms EXTRAPOLATED from the sample\n",
                options.accounts, naive_full_ms);
  }
  std::printf("agreement naive vs indexed on %d accounts: %s (%d differ)\n", sample,
              disagreements == 0 ? "exact" : "MISMATCH", disagreements);
  std::printf("speed-up vs naive (per account): %.0fx with 1 thread, %.0fx with 2 threads\n",
              naive_full_ms / indexed1_ms, naive_full_ms / indexed2_ms);

  std::array<int, kTerritoryTypeCount> assigned = {0, 0, 0};
  for (const WinnerRanks& w : two_threads) {
    for (int t = 0; t < kTerritoryTypeCount; ++t) assigned[t] += w[t] != kNoRule;
  }
  std::printf("accounts with a territory: GEOGRAPHIC %d, NAMED_ACCOUNT %d, OVERLAY %d\n", assigned[0],
              assigned[1], assigned[2]);
  return disagreements == 0 && one_thread == two_threads ? 0 : 2;
}

}  // namespace
}  // namespace attain::planning::territory

int main(int argc, char** argv) {
  attain::planning::territory::Options options;
  if (!attain::planning::territory::ParseOptions(argc, argv, options)) return 64;
  return attain::planning::territory::Run(options);
}

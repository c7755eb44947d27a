#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/planning/engine/balancing/balancer.h"
#include "services/planning/engine/balancing/band.h"
#include "services/planning/engine/balancing/metrics.h"
#include "services/planning/engine/balancing/validate.h"

namespace attain::planning::balancing {
namespace {

using ::testing::ElementsAre;
using ::testing::Optional;

Decimal Units(int64_t units) { return Decimal::FromUnits(units); }
Decimal Micros(int64_t micros) { return Decimal::FromMicros(micros); }

Account Acc(std::string id, int64_t potential, std::optional<int> territory, bool locked = false,
            int64_t workload = 1) {
  return Account{std::move(id), Units(potential), Units(workload), territory, locked};
}

Request Make(std::vector<Account> accounts, int k) {
  Request request;
  request.accounts = std::move(accounts);
  for (int t = 0; t < k; ++t) request.territories.push_back({absl::StrCat("T", t)});
  return request;
}

Proposal BalanceOk(const Request& request) {
  absl::StatusOr<Proposal> proposal = Balance(request);
  EXPECT_TRUE(proposal.ok()) << proposal.status();
  return proposal.ok() ? *std::move(proposal) : Proposal{};
}

Proposal FromScratchOk(const Request& request) {
  absl::StatusOr<Proposal> proposal = AssignFromScratch(request);
  EXPECT_TRUE(proposal.ok()) << proposal.status();
  return proposal.ok() ? *std::move(proposal) : Proposal{};
}

std::vector<int> TerritoriesOf(const Proposal& proposal) {
  std::vector<int> out;
  for (const Placement& p : proposal.placements) out.push_back(p.territory);
  return out;
}

std::vector<bool> MovedFlagsOf(const Proposal& proposal) {
  std::vector<bool> out;
  for (const Placement& p : proposal.placements) out.push_back(p.moved);
  return out;
}

std::vector<Decimal> PotentialsOf(const Metrics& metrics) {
  std::vector<Decimal> out;
  for (const TerritoryTotals& t : metrics.territories) out.push_back(t.potential);
  return out;
}

// ---------------------------------------------------------------- validation

TEST(BalancingValidate, RequiresAtLeastOneTerritory) {
  EXPECT_THAT(Validate(Make({Acc("A", 1, std::nullopt)}, 0)),
              ElementsAre(FieldViolation{"territories", "at least one territory is required"}));
}

TEST(BalancingValidate, ReportsEveryViolationWithItsFieldPath) {
  Request request = Make({Acc("A", 1, 0), Acc("B", 1, 2), Acc("A", 1, 1), Acc("", 1, 0),
                          Acc("C", 1, std::nullopt, /*locked=*/true), Acc("D", 1, -1)},
                         2);
  request.accounts[1].potential = Micros(-1);
  request.accounts[1].workload = Micros(-5);
  request.territories.push_back({"T0"});
  request.options.tolerance = Units(1);
  request.options.workload_weight = Micros(1'000'001);
  request.options.max_iterations = -1;
  EXPECT_THAT(
      Validate(request),
      ElementsAre(
          FieldViolation{"territories[2].id", "duplicates territories[0].id \"T0\""},
          FieldViolation{"accounts[2].id", "duplicates accounts[0].id \"A\""},
          FieldViolation{"accounts[3].id", "must not be empty"},
          FieldViolation{"accounts[1].potential", "must be >= 0"},
          FieldViolation{"accounts[1].workload", "must be >= 0"},
          FieldViolation{"accounts[4].locked", "a locked account needs a current territory"},
          FieldViolation{"accounts[5].current_territory",
                         "unknown territory index -1 (3 territories)"},
          FieldViolation{"options.tolerance", "must be a fraction in (0, 1), e.g. 0.05 for 5 %"},
          FieldViolation{"options.workload_weight", "must be in [0, 1]"},
          FieldViolation{"options.max_iterations", "must be >= 0"}));
}

TEST(BalancingValidate, RejectsZeroToleranceAndTotalsBeyondTheDecimalRange) {
  Request request = Make({Acc("A", 1, 0), Acc("B", 1, 0)}, 1);
  request.accounts[0].potential = Micros(std::numeric_limits<int64_t>::max());
  request.options.tolerance = Decimal();
  EXPECT_THAT(Validate(request),
              ElementsAre(FieldViolation{"accounts", "total potential exceeds the Decimal range"},
                          FieldViolation{"options.tolerance",
                                         "must be a fraction in (0, 1), e.g. 0.05 for 5 %"}));
}

TEST(BalancingValidate, BalanceAndFromScratchReturnInvalidArgumentNamingTheFirstField) {
  Request request = Make({Acc("A", -1, 0), Acc("A", 1, 0)}, 1);
  for (const absl::StatusOr<Proposal>& result : {Balance(request), AssignFromScratch(request)}) {
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(result.status().message(),
              "accounts[1].id: duplicates accounts[0].id \"A\" (and 1 more)");
  }
}

// ---------------------------------------------------------------- metrics

TEST(BalancingMetrics, CoefficientOfVariationIsExactToTheMicro) {
  // loads 1, 2, 3: mean 2, population variance 2/3, sd 0.8164965..., CV 0.4082482... -> 0.408248
  EXPECT_EQ(CoefficientOfVariation({1'000'000, 2'000'000, 3'000'000}), Micros(408'248));
  EXPECT_EQ(CoefficientOfVariation({5, 5, 5, 5}), Decimal());
  EXPECT_EQ(CoefficientOfVariation({0, 0}), Decimal());
}

TEST(BalancingMetrics, CoefficientOfVariationScalesDownLoadsThatWouldOverflow) {
  // Two loads a = max/2 and b = max/4: CV = (a - b) / (a + b) = 1/3 -> 0.333333.
  const int64_t max = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(CoefficientOfVariation({max / 2, max / 4}), Micros(333'333));
}

TEST(BalancingMetrics, IntegerSquareRootIsExactAtTheEdges) {
  using u128 = unsigned __int128;
  const u128 big = static_cast<u128>(UINT64_MAX);
  EXPECT_TRUE(ISqrt(big * big) == big);
  EXPECT_TRUE(ISqrt(big * big - 1) == big - 1);
  EXPECT_TRUE(ISqrt(0) == 0);
  EXPECT_TRUE(ISqrt(15) == 3);
  EXPECT_TRUE(ISqrt(16) == 4);
}

TEST(BalancingMetrics, BandIsExactToTheMicroAroundAnInexactMean) {
  // 260 units over 3 territories at 20 %: mean 86.666..., lower ceil(69.3333333) = 69.333334,
  // upper floor(104.0) = 104.
  const DimBand band = MakeBand(260'000'000, 3, 200'000);
  EXPECT_EQ(band.lower, 69'333'334);
  EXPECT_EQ(band.upper, 104'000'000);
}

// ---------------------------------------------------------------- small exact cases

TEST(Balance, LeavesAnAlreadyBalancedAssignmentUntouched) {
  // 400 over 2 territories: mean 200, band [190, 210]; both territories hold 200.
  const Proposal p =
      BalanceOk(Make({Acc("A", 100, 0), Acc("B", 100, 0), Acc("C", 120, 1), Acc("D", 80, 1)}, 2));
  EXPECT_TRUE(p.target_reached);
  EXPECT_EQ(p.shortfall, Shortfall::kNone);
  EXPECT_EQ(p.reason, "");
  EXPECT_THAT(TerritoriesOf(p), ElementsAre(0, 0, 1, 1));
  EXPECT_EQ(p.moves + p.swaps, 0);
  EXPECT_EQ(p.potential_band, (Band{Units(190), Units(210)}));
  EXPECT_EQ(p.after.potential_cv, Decimal());
  EXPECT_THAT(p.after.potential_max_min_ratio, Optional(Units(1)));
  EXPECT_EQ(p.after.accounts_moved, 0);
  EXPECT_EQ(p.after.moved_fraction, Decimal());
}

TEST(Balance, AcceptsNoAccountsAndASingleTerritory) {
  const Proposal empty = BalanceOk(Make({}, 3));
  EXPECT_TRUE(empty.target_reached);
  EXPECT_TRUE(empty.placements.empty());
  EXPECT_EQ(empty.after.potential_cv, Decimal());
  EXPECT_EQ(empty.after.potential_max_min_ratio, std::nullopt);

  const Proposal single = BalanceOk(Make({Acc("A", 7, std::nullopt), Acc("B", 5, 0)}, 1));
  EXPECT_TRUE(single.target_reached);
  EXPECT_THAT(TerritoriesOf(single), ElementsAre(0, 0));
  EXPECT_EQ(single.after.territories[0], (TerritoryTotals{Units(12), Units(2), 2}));
}

TEST(Balance, MovesTheLargestAccountsThatDoNotOvershootTheBand) {
  // T0 = A50 + B30 + C20 + D100 = 200, T1 = E40. Total 240, mean 120, band [114, 126].
  // Step 1 wants to shift 80: D (100) would overshoot T0 to 100 < 114, so A (50) goes:
  // T0 150, T1 90. Step 2 wants 30: B (30) exactly -> 120 / 120. Two accounts moved, not three.
  const Proposal p = BalanceOk(Make(
      {Acc("A", 50, 0), Acc("B", 30, 0), Acc("C", 20, 0), Acc("D", 100, 0), Acc("E", 40, 1)}, 2));
  EXPECT_TRUE(p.target_reached);
  EXPECT_THAT(TerritoriesOf(p), ElementsAre(1, 1, 0, 0, 1));
  EXPECT_THAT(MovedFlagsOf(p), ElementsAre(true, true, false, false, false));
  EXPECT_EQ(p.moves, 2);
  EXPECT_EQ(p.swaps, 0);
  EXPECT_THAT(PotentialsOf(p.after), ElementsAre(Units(120), Units(120)));
  EXPECT_EQ(p.after.territories[0], (TerritoryTotals{Units(120), Units(2), 2}));
  EXPECT_EQ(p.after.territories[1], (TerritoryTotals{Units(120), Units(3), 3}));
  // Before: 200 and 40, mean 120, sd 80: CV 80/120 = 0.666667, max/min 5, deviation 0.666667.
  EXPECT_EQ(p.before.potential_cv, Micros(666'667));
  EXPECT_THAT(p.before.potential_max_min_ratio, Optional(Units(5)));
  EXPECT_EQ(p.before.max_potential_deviation, Micros(666'667));
  EXPECT_FALSE(p.before.potential_within_band);
  EXPECT_EQ(p.after.potential_cv, Decimal());
  EXPECT_EQ(p.after.max_potential_deviation, Decimal());
  EXPECT_TRUE(p.after.potential_within_band);
  EXPECT_EQ(p.after.accounts_moved, 2);
  EXPECT_EQ(p.after.moved_fraction, Micros(400'000));  // 2 of 5
}

TEST(Balance, PlacesUnassignedAccountsLargestFirstIntoTheLightestTerritory) {
  // T0 = A100, T1 = B60, T2 empty; unassigned U1 50, U2 40, U3 10. Tolerance 20 %:
  // band [69.333334, 104]. U1 -> T2 (0) = 50; U2 -> T2 (50 < 60) = 90; U3 -> T1 (60) = 70.
  Request request = Make({Acc("A", 100, 0), Acc("B", 60, 1), Acc("U1", 50, std::nullopt),
                          Acc("U2", 40, std::nullopt), Acc("U3", 10, std::nullopt)},
                         3);
  request.options.tolerance = Micros(200'000);
  const Proposal p = BalanceOk(request);
  EXPECT_TRUE(p.target_reached);
  EXPECT_THAT(TerritoriesOf(p), ElementsAre(0, 1, 2, 2, 1));
  EXPECT_THAT(MovedFlagsOf(p), ElementsAre(false, false, false, false, false));
  EXPECT_EQ(p.moves, 0);
  EXPECT_THAT(PotentialsOf(p.after), ElementsAre(Units(100), Units(70), Units(90)));
  EXPECT_EQ(p.before.accounts_unassigned, 3);
  EXPECT_EQ(p.after.accounts_unassigned, 0);
  EXPECT_THAT(PotentialsOf(p.before), ElementsAre(Units(100), Units(60), Decimal()));
  EXPECT_EQ(p.before.potential_max_min_ratio, std::nullopt);  // an empty territory
}

TEST(Balance, SwapsWhenEverySingleMoveWouldOvershoot) {
  // T0 = A60 + B60 = 120, T1 = C50 + D50 = 100; band [104.5, 115.5]. Moving any account makes
  // things worse; swapping A and C shifts 10 -> 110 / 110 (ties broken by id: A before B, C
  // before D).
  const Proposal p =
      BalanceOk(Make({Acc("A", 60, 0), Acc("B", 60, 0), Acc("C", 50, 1), Acc("D", 50, 1)}, 2));
  EXPECT_TRUE(p.target_reached);
  EXPECT_THAT(TerritoriesOf(p), ElementsAre(1, 0, 0, 1));
  EXPECT_EQ(p.moves, 0);
  EXPECT_EQ(p.swaps, 1);
  EXPECT_EQ(p.after.accounts_moved, 2);
  EXPECT_THAT(PotentialsOf(p.after), ElementsAre(Units(110), Units(110)));
}

TEST(Balance, NeverMovesLockedAccountsAndSaysWhenTheyAloneExceedTheBand) {
  // Locked L1 50 + L2 50 = 100 in T0, T1 = B30 + C40; total 170, band [80.75, 89.25]. Only
  // the locked accounts could leave T0, and moving B or C into it makes things worse.
  const Proposal p =
      BalanceOk(Make({Acc("L1", 50, 0, /*locked=*/true), Acc("L2", 50, 0, /*locked=*/true),
                      Acc("B", 30, 1), Acc("C", 40, 1)},
                     2));
  EXPECT_FALSE(p.target_reached);
  EXPECT_EQ(p.shortfall, Shortfall::kLockedExceedBand);
  EXPECT_EQ(p.reason,
            "locked accounts of territory \"T0\" alone total potential 100, above the band "
            "[80.75, 89.25]");
  EXPECT_THAT(TerritoriesOf(p), ElementsAre(0, 0, 1, 1));
}

TEST(Balance, SaysWhenOneAccountAloneExceedsTheBand) {
  // Total 400, mean 200, band [190, 210]; A (300) cannot fit anywhere.
  const Proposal p =
      BalanceOk(Make({Acc("A", 300, 0), Acc("B", 50, 1), Acc("C", 50, 1), Acc("D", 0, 1)}, 2));
  EXPECT_FALSE(p.target_reached);
  EXPECT_EQ(p.shortfall, Shortfall::kAccountExceedsBand);
  EXPECT_EQ(p.reason, "account \"A\" alone has potential 300, above the band [190, 210]");
  EXPECT_THAT(TerritoriesOf(p), ElementsAre(0, 1, 1, 1));
}

TEST(Balance, SaysWhenThereAreFewerAccountsThanTerritories) {
  // Z (potential 0) is a "clean" but useless candidate; the overshooting move of A must win.
  const Proposal p = BalanceOk(Make({Acc("A", 10, 0), Acc("B", 10, 0), Acc("Z", 0, 0)}, 3));
  EXPECT_FALSE(p.target_reached);
  EXPECT_EQ(p.shortfall, Shortfall::kTooFewAccounts);
  EXPECT_EQ(p.reason,
            "only 2 accounts have positive potential for 3 territories; an empty territory is "
            "below the band [6.333334, 7]");
  // It still spreads them: A (first by id) moves to an empty territory.
  EXPECT_THAT(TerritoriesOf(p), ElementsAre(1, 0, 0));
}

TEST(Balance, StopsAtALocalOptimumWithAReason) {
  // T0 = A60 + B60, T1 = C10: total 130, band [61.75, 68.25]. Moving A gives 60 / 70, and no
  // later move or swap improves on that (no partition fits the band).
  const Proposal p = BalanceOk(Make({Acc("A", 60, 0), Acc("B", 60, 0), Acc("C", 10, 1)}, 2));
  EXPECT_FALSE(p.target_reached);
  EXPECT_EQ(p.shortfall, Shortfall::kNoImprovingMove);
  EXPECT_EQ(p.reason,
            "no single move or swap of unlocked accounts reduces the remaining imbalance");
  EXPECT_THAT(TerritoriesOf(p), ElementsAre(1, 0, 1));
  EXPECT_EQ(p.moves, 1);
}

TEST(Balance, StopsAtTheIterationLimit) {
  // The two-move case above, limited to one step: only A moves.
  Request request = Make(
      {Acc("A", 50, 0), Acc("B", 30, 0), Acc("C", 20, 0), Acc("D", 100, 0), Acc("E", 40, 1)}, 2);
  request.options.max_iterations = 1;
  const Proposal p = BalanceOk(request);
  EXPECT_FALSE(p.target_reached);
  EXPECT_EQ(p.shortfall, Shortfall::kIterationLimit);
  EXPECT_EQ(p.reason, "options.max_iterations reached before every territory was within the band");
  EXPECT_THAT(TerritoriesOf(p), ElementsAre(1, 0, 0, 0, 1));
  EXPECT_THAT(PotentialsOf(p.after), ElementsAre(Units(150), Units(90)));
}

TEST(Balance, BalancesWorkloadOnlyWhenWeighted) {
  // Potential 100 / 100 is balanced; workload 20 / 2 (band [10.45, 11.55]) is not: each
  // territory is 8.45 = 0.768 means outside. Moving A to T1 breaks potential (50 / 150, 0.45
  // means outside each) but fixes most of workload (10 / 11), so the weighted imbalance drops
  // from 1.536 to 0.941 means; moving C to T0 then fixes both: 100 / 100 and 11 / 11.
  Request request = Make({Acc("A", 50, 0, false, 10), Acc("B", 50, 0, false, 10),
                          Acc("C", 50, 1, false, 1), Acc("D", 50, 1, false, 1)},
                         2);
  const Proposal potential_only = BalanceOk(request);
  EXPECT_TRUE(potential_only.target_reached);
  EXPECT_FALSE(potential_only.after.workload_within_band);
  EXPECT_THAT(TerritoriesOf(potential_only), ElementsAre(0, 0, 1, 1));

  request.options.workload_weight = Units(1);
  const Proposal both = BalanceOk(request);
  EXPECT_TRUE(both.target_reached);
  EXPECT_THAT(TerritoriesOf(both), ElementsAre(1, 0, 0, 1));
  EXPECT_EQ(both.moves, 2);
  EXPECT_EQ(both.swaps, 0);
  EXPECT_EQ(both.workload_band, (Band{Micros(10'450'000), Micros(11'550'000)}));
  EXPECT_EQ(both.after.territories[0].workload, Units(11));
  EXPECT_EQ(both.after.territories[1].workload, Units(11));
  EXPECT_EQ(both.after.workload_cv, Decimal());
}

TEST(AssignFromScratch, KeepsLockedAccountsAndPlacesTheRestLargestFirst) {
  // Locked L 30 stays in T0. 50 -> T1 (0); 40 -> T0 (30) = 70; 20 -> T1 (50) = 70;
  // 10 -> T0 (tie at 70, lower index) = 80. Band [71.25, 78.75]: T0 is over.
  const Proposal p = FromScratchOk(Make({Acc("L", 30, 0, /*locked=*/true), Acc("P50", 50, 0),
                                         Acc("P40", 40, 0), Acc("P20", 20, 0), Acc("P10", 10, 0)},
                                        2));
  EXPECT_THAT(TerritoriesOf(p), ElementsAre(0, 1, 0, 1, 0));
  EXPECT_THAT(PotentialsOf(p.after), ElementsAre(Units(80), Units(70)));
  EXPECT_EQ(p.after.accounts_moved, 2);
  EXPECT_FALSE(p.target_reached);
  EXPECT_EQ(p.shortfall, Shortfall::kNoImprovingMove);
  EXPECT_EQ(p.reason, "LPT placement left a territory outside the band");
}

// ---------------------------------------------------------------- randomized invariants

struct RandomCase {
  Request request;
  bool comfortably_feasible = false;
};

// Many small accounts per territory (so the band is reachable), a skewed current assignment,
// ~8 % locked and ~8 % unassigned accounts. Every fourth case also balances workload.
RandomCase MakeRandomCase(uint32_t seed) {
  std::mt19937 rng(seed);
  const int k = 2 + static_cast<int>(rng() % 11);
  const int per_territory = 20 + static_cast<int>(rng() % 20);
  std::vector<Account> accounts;
  for (int i = 0; i < k * per_territory; ++i) {
    const uint32_t skewed = std::min(rng() % 8, rng() % 8);  // territory 0 gets the most
    const int territory = static_cast<int>((skewed * k) / 8);
    const uint32_t kind = rng() % 100;
    Account a;
    a.id = absl::StrCat("acct-", (i * 7919) % 100'003);  // ids not in input order
    // 1..100 units with up to 6 fractional digits, occasionally zero.
    a.potential = Micros(rng() % 10 == 0 ? 0 : 1'000'000 + rng() % 99'000'001);
    a.workload = Micros(1'000'000 + rng() % 9'000'001);
    if (kind >= 8) a.current_territory = territory;
    a.locked = kind >= 8 && kind < 16;
    accounts.push_back(std::move(a));
  }
  RandomCase c{Make(std::move(accounts), k), true};
  if (seed % 4 == 0) c.request.options.workload_weight = Micros(500'000);
  return c;
}

void ExpectInvariants(const Request& request, const Proposal& p, uint32_t seed) {
  SCOPED_TRACE(absl::StrCat("seed ", seed));
  ASSERT_EQ(p.placements.size(), request.accounts.size());
  const int k = static_cast<int>(request.territories.size());
  int64_t potential = 0, workload = 0;
  for (size_t i = 0; i < request.accounts.size(); ++i) {
    const Account& a = request.accounts[i];
    const Placement& placement = p.placements[i];
    EXPECT_EQ(placement.account_id, a.id);
    EXPECT_GE(placement.territory, 0);
    EXPECT_LT(placement.territory, k);
    if (a.locked) {
      EXPECT_EQ(placement.territory, *a.current_territory) << a.id;
    }
    EXPECT_EQ(placement.moved,
              a.current_territory.has_value() && *a.current_territory != placement.territory);
    potential += a.potential.micros();
    workload += a.workload.micros();
  }
  int64_t sum_potential = 0, sum_workload = 0, sum_accounts = 0;
  for (const TerritoryTotals& t : p.after.territories) {
    sum_potential += t.potential.micros();
    sum_workload += t.workload.micros();
    sum_accounts += t.accounts;
  }
  EXPECT_EQ(sum_potential, potential);
  EXPECT_EQ(sum_workload, workload);
  EXPECT_EQ(sum_accounts, static_cast<int64_t>(request.accounts.size()));
  EXPECT_EQ(p.after.accounts_unassigned, 0);
  if (p.target_reached) {
    for (const TerritoryTotals& t : p.after.territories) {
      EXPECT_GE(t.potential, p.potential_band.lower);
      EXPECT_LE(t.potential, p.potential_band.upper);
    }
  }
}

TEST(BalanceRandomized, KeepsInvariantsReachesTheBandAndMovesLessThanFromScratch) {
  for (uint32_t seed = 1; seed <= 60; ++seed) {
    const RandomCase c = MakeRandomCase(seed);
    const Proposal balanced = BalanceOk(c.request);
    const Proposal scratch = FromScratchOk(c.request);
    ExpectInvariants(c.request, balanced, seed);
    ExpectInvariants(c.request, scratch, seed);
    EXPECT_TRUE(balanced.target_reached) << "seed " << seed << ": " << balanced.reason;
    EXPECT_LE(balanced.after.accounts_moved, scratch.after.accounts_moved) << "seed " << seed;
  }
}

TEST(BalanceRandomized, IsDeterministicAndIndependentOfInputOrder) {
  for (uint32_t seed = 100; seed <= 110; ++seed) {
    Request request = MakeRandomCase(seed).request;
    const Proposal first = BalanceOk(request);
    EXPECT_EQ(TerritoriesOf(BalanceOk(request)), TerritoriesOf(first)) << "seed " << seed;

    std::map<std::string, int> by_id;
    for (const Placement& p : first.placements) by_id[p.account_id] = p.territory;
    std::reverse(request.accounts.begin(), request.accounts.end());
    for (const Placement& p : BalanceOk(request).placements) {
      EXPECT_EQ(p.territory, by_id[p.account_id]) << "seed " << seed << " " << p.account_id;
    }
  }
}

}  // namespace
}  // namespace attain::planning::balancing

// Crediting and measure sums, computed by hand: explicit splits, owners, territory credit
// with primary splits and overlays, a territory change and a manager change mid-period,
// roll-up depth and eligibility, merged roll-ups, and sums independent of thread count and
// transaction order.
#include <algorithm>
#include <random>

#include <gtest/gtest.h>

#include "services/compensation/engine/credit/crediting.h"
#include "services/compensation/engine/credit/filters.h"
#include "services/compensation/engine/credit/measures.h"

namespace attain::compensation::credit {
namespace {

Decimal D(const char* text) { return *Decimal::Parse(text); }
Day On(int y, int m, int d) { return ToDay(absl::CivilDay(y, m, d)); }
DayRange Between(Day first, Day last = kOpenEnd) { return {first, last}; }

// Sellers: 0 rep-a, 1 rep-b, 2 mgr-1, 3 mgr-2, 4 vp, 5 overlay specialist.
// rep-a reports to mgr-1 until 2026-10-15, to mgr-2 from 2026-10-16; rep-b to mgr-1;
// mgr-1 and mgr-2 to vp. Accounts: 0 in territory 0 until 2026-10-09, territory 1 from
// 2026-10-10; also overlay territory 2 throughout. Territory 0: rep-a 100 %; territory 1:
// rep-a 60 %, rep-b 40 %; territory 2: specialist 100 %.
OrgIndex Org() {
  const Day start = On(2026, 1, 1);
  std::vector<ReportingLine> lines = {
      {0, 2, Between(start, On(2026, 10, 15))}, {0, 3, Between(On(2026, 10, 16))},
      {1, 2, Between(start)}, {2, 4, Between(start)}, {3, 4, Between(start)}};
  std::vector<AccountTerritory> territories = {
      {0, 0, false, Between(start, On(2026, 10, 9))}, {0, 1, false, Between(On(2026, 10, 10))},
      {0, 2, true, Between(start)}};
  std::vector<Coverage> coverage = {{0, 0, D("1"), false, Between(start)},
                                    {1, 0, D("0.6"), false, Between(start)},
                                    {1, 1, D("0.4"), false, Between(start)},
                                    {2, 5, D("1"), false, Between(start)}};
  return OrgIndex(6, 1, 3, lines, territories, coverage);
}

Transaction Txn(Day date, const char* amount) {
  Transaction t;
  t.date = date;
  t.account = 0;
  t.amount = D(amount);
  t.margin = D("0");
  t.quantity = D("1");
  return t;
}

std::vector<Credit> CreditOne(const Transaction& t, const RollUpPolicy& policy = {},
                              std::span<const SplitShare> splits = {}) {
  std::vector<Credit> out;
  CreditTransactions(std::span<const Transaction>(&t, 1), splits, 0, Org(), policy, &out);
  return out;
}

TEST(CreditingTest, TerritoryCreditFollowsTheTerritoryOnTheTransactionDate) {
  // 2026-10-09: territory 0 (rep-a 100 %) and the overlay territory (specialist 100 %).
  std::vector<Credit> before = CreditOne(Txn(On(2026, 10, 9), "1000"));
  ASSERT_EQ(before.size(), 2u);
  EXPECT_EQ(before[0].seller, 0u);
  EXPECT_EQ(before[0].fraction, D("1"));
  EXPECT_EQ(before[0].rule, CreditRule::kTerritory);
  EXPECT_EQ(before[0].via, 0u);
  EXPECT_EQ(before[1].seller, 5u);
  EXPECT_EQ(before[1].rule, CreditRule::kOverlay);
  // 2026-10-10: territory 1 splits 60/40; the overlay still credits the specialist.
  std::vector<Credit> after = CreditOne(Txn(On(2026, 10, 10), "1000"));
  ASSERT_EQ(after.size(), 3u);
  EXPECT_EQ(after[0].seller, 0u);
  EXPECT_EQ(after[0].fraction, D("0.6"));
  EXPECT_EQ(after[1].seller, 1u);
  EXPECT_EQ(after[1].fraction, D("0.4"));
  EXPECT_EQ(after[2].seller, 5u);
}

TEST(CreditingTest, SplitsAndOwnersTakePrecedenceOverTerritories) {
  Transaction split = Txn(On(2026, 10, 1), "1000");
  split.owner = 3;
  std::vector<SplitShare> splits;
  AttachSplits({{1, false, D("0.7")}, {0, false, D("0.3")}, {5, true, D("0.5")}}, splits, split);
  std::vector<Credit> credits = CreditOne(split, {}, splits);
  ASSERT_EQ(credits.size(), 3u);
  EXPECT_EQ(credits[0].seller, 1u);
  EXPECT_EQ(credits[0].rule, CreditRule::kSplit);
  EXPECT_EQ(credits[2].fraction, D("0.5"));

  Transaction owned = Txn(On(2026, 10, 1), "1000");
  owned.owner = 1;
  credits = CreditOne(owned);
  ASSERT_EQ(credits.size(), 1u);
  EXPECT_EQ(credits[0].seller, 1u);
  EXPECT_EQ(credits[0].rule, CreditRule::kOwner);
}

TEST(CreditingTest, RollUpFollowsTheManagerOnTheTransactionDateAndMergesPerManager) {
  RollUpPolicy two_levels{2, {}};
  // 2026-10-15: territory 1 (rep-a 60 %, rep-b 40 %), both under mgr-1 -> mgr-1 gets 100 %
  // once (depth 1), vp 100 % (depth 2); the specialist reports to nobody.
  Transaction t = Txn(On(2026, 10, 15), "1000");
  std::vector<Credit> credits = CreditOne(t, two_levels);
  ASSERT_EQ(credits.size(), 5u);
  EXPECT_EQ(credits[3].seller, 2u);
  EXPECT_EQ(credits[3].rule, CreditRule::kRollUp);
  EXPECT_EQ(credits[3].fraction, D("1"));
  EXPECT_EQ(credits[3].depth, 1);
  EXPECT_EQ(credits[4].seller, 4u);
  EXPECT_EQ(credits[4].fraction, D("1"));
  EXPECT_EQ(credits[4].depth, 2);
  // 2026-10-16: rep-a moved to mgr-2: mgr-1 keeps rep-b's 40 %, mgr-2 gets rep-a's 60 %, vp 100 %.
  credits = CreditOne(Txn(On(2026, 10, 16), "1000"), two_levels);
  ASSERT_EQ(credits.size(), 6u);
  EXPECT_EQ(credits[3].seller, 2u);
  EXPECT_EQ(credits[3].fraction, D("0.4"));
  EXPECT_EQ(credits[4].seller, 3u);
  EXPECT_EQ(credits[4].fraction, D("0.6"));
  EXPECT_EQ(credits[5].seller, 4u);
  EXPECT_EQ(credits[5].fraction, D("1"));
  // Only the vp receives roll-up: managers in between are walked through, not credited.
  RollUpPolicy vp_only{2, {false, false, false, false, true, false}};
  credits = CreditOne(Txn(On(2026, 10, 16), "1000"), vp_only);
  ASSERT_EQ(credits.size(), 4u);
  EXPECT_EQ(credits[3].seller, 4u);
  EXPECT_EQ(credits[3].depth, 2);
  // Depth 1 stops at direct managers.
  EXPECT_EQ(CreditOne(Txn(On(2026, 10, 16), "1000"), RollUpPolicy{1, {}}).size(), 5u);
}

TEST(MeasuresTest, SumsCreditedSharesPerMeasureBasisAndFilter) {
  const OrgIndex org = Org();
  std::vector<Transaction> txns = {Txn(On(2026, 10, 9), "1000"), Txn(On(2026, 10, 10), "500.55")};
  txns[1].margin = D("100");
  std::vector<Credit> credits = CreditAll(txns, {}, org, RollUpPolicy{1, {}}, 1);
  // Measure 0: amount of every transaction; measure 1: margin of the second only.
  const std::vector<uint64_t> masks = {0b01, 0b11};
  const std::vector<MeasureSpec> bases = {MeasureSpec{Basis::kAmount}, MeasureSpec{Basis::kMargin}};
  auto table = SumMeasures(txns, masks, bases, credits, 6, 1);
  ASSERT_TRUE(table.ok());
  // rep-a: 1 000 + 500.55 x 0.6 = 1 000 + 300.33 = 1 300.33; margin 100 x 0.6 = 60.
  EXPECT_EQ(table->Get(0, 0), D("1300.33"));
  EXPECT_EQ(table->Get(0, 1), D("60"));
  // rep-b: 500.55 x 0.4 = 200.22. mgr-1 (roll-up of both): 1 000 + 500.55 = 1 500.55.
  EXPECT_EQ(table->Get(1, 0), D("200.22"));
  EXPECT_EQ(table->Get(2, 0), D("1500.55"));
  // The specialist (overlay) on both: 1 500.55.
  EXPECT_EQ(table->Get(5, 0), D("1500.55"));
}

// One measure summing every transaction's amount, through credit templates (the path a run
// takes) and checked against the sums over materialized credits in the reverse order.
MeasureTable AmountSums(const OrgIndex& org, std::vector<Transaction> txns, const RollUpPolicy& policy,
                        size_t sellers, std::span<const SplitShare> splits = {}) {
  const std::vector<MeasureSpec> specs = {MeasureSpec{Basis::kAmount}};
  std::vector<uint64_t> masks(txns.size(), 1);
  auto fused = CreditAndSumMeasures(txns, splits, masks, specs, org, policy, sellers, 1);
  EXPECT_TRUE(fused.ok());
  std::reverse(txns.begin(), txns.end());
  auto materialized = SumMeasures(txns, masks, specs, CreditAll(txns, splits, org, policy, 1), sellers, 1);
  EXPECT_TRUE(materialized.ok());
  EXPECT_EQ(fused->values, materialized->values);
  return *fused;
}

TEST(MeasuresTest, TerritoryChangeMidMonthCreditsEachDealToTheTerritoryOfItsDate) {
  // Account 0 is in territory 0 (rep-a 100 %) through 2026-10-09 and in territory 1 (rep-a
  // 60 %, rep-b 40 %) from 2026-10-10; the overlay territory 2 (specialist) throughout.
  //   10-01 1 000      territory 0: rep-a 1 000
  //   10-09   200.01   territory 0 (its last day): rep-a 200.01
  //   10-10   500      territory 1 (its first day): rep-a 300, rep-b 200
  //   10-31    33.33   territory 1: rep-a 19.998, rep-b 13.332
  // rep-a 1 000 + 200.01 + 300 + 19.998 = 1 520.008; rep-b 200 + 13.332 = 213.332;
  // specialist (overlay) every deal: 1 733.34 = 1 520.008 + 213.332.
  const std::vector<Transaction> txns = {Txn(On(2026, 10, 1), "1000"), Txn(On(2026, 10, 9), "200.01"),
                                         Txn(On(2026, 10, 10), "500"), Txn(On(2026, 10, 31), "33.33")};
  const MeasureTable sums = AmountSums(Org(), txns, RollUpPolicy{}, 6);
  EXPECT_EQ(sums.Get(0, 0), D("1520.008"));
  EXPECT_EQ(sums.Get(1, 0), D("213.332"));
  EXPECT_EQ(sums.Get(5, 0), D("1733.34"));
  EXPECT_EQ(sums.Get(2, 0), D("0"));  // no roll-up asked for
}

TEST(MeasuresTest, RollUpAcrossAManagerChangeMidMonthGoesToTheManagerOnTheDealDate) {
  // rep-a reports to mgr-1 through 2026-10-15 and to mgr-2 from 2026-10-16; rep-b to mgr-1;
  // both managers to the vp. Account 0 is in territory 1 (rep-a 60 %, rep-b 40 %) all along.
  //   10-12 1 000    territory: rep-a 600, rep-b 400          -> mgr-1 1 000
  //   10-15   500    (rep-a's last day under mgr-1)            -> mgr-1 500
  //   10-16 2 000    (rep-a's first day under mgr-2)           -> mgr-1 800 (rep-b), mgr-2 1 200
  //   10-20   250.50                                           -> mgr-1 100.2, mgr-2 150.3
  //   10-15    10    owned by rep-a                            -> mgr-1 10
  //   10-16     1    owned by rep-a                            -> mgr-2 1
  // mgr-1 1 000 + 500 + 800 + 100.2 + 10 = 2 410.2; mgr-2 1 200 + 150.3 + 1 = 1 351.3;
  // vp (two levels up) every deal once: 3 761.5 = 2 410.2 + 1 351.3.
  std::vector<Transaction> txns = {Txn(On(2026, 10, 12), "1000"), Txn(On(2026, 10, 15), "500"),
                                   Txn(On(2026, 10, 16), "2000"), Txn(On(2026, 10, 20), "250.5"),
                                   Txn(On(2026, 10, 15), "10"), Txn(On(2026, 10, 16), "1")};
  txns[4].owner = 0;
  txns[5].owner = 0;
  const MeasureTable sums = AmountSums(Org(), txns, RollUpPolicy{2, {}}, 6);
  EXPECT_EQ(sums.Get(2, 0), D("2410.2"));
  EXPECT_EQ(sums.Get(3, 0), D("1351.3"));
  EXPECT_EQ(sums.Get(4, 0), D("3761.5"));
  // The reps themselves: rep-a 600 + 300 + 1 200 + 150.3 + 10 + 1 = 2 261.3; rep-b 1 500.2.
  EXPECT_EQ(sums.Get(0, 0), D("2261.3"));
  EXPECT_EQ(sums.Get(1, 0), D("1500.2"));
}

TEST(MeasuresTest, SplitSharesAndOverlaySplitsOnTopOfTheWhole) {
  // 1 000.01 split rep-b 70 %, rep-a 30 % plus the specialist's 50 % overlay (150 % credited
  // in all); the owner is ignored when there are splits. 2026-10-01, roll-up one level.
  //   rep-b 1 000.01 x 0.7 = 700.007; rep-a x 0.3 = 300.003; specialist x 0.5 = 500.005
  //   mgr-1 (manager of both reps) one merged roll-up of 0.7 + 0.3 = 1: 1 000.01
  // A second deal on 2026-10-20, 100 split 50/50 between the reps, rolls up by its date:
  //   rep-a's half to mgr-2 (50), rep-b's to mgr-1 (50).
  std::vector<Transaction> txns = {Txn(On(2026, 10, 1), "1000.01"), Txn(On(2026, 10, 20), "100")};
  txns[0].owner = 4;
  std::vector<SplitShare> splits;
  AttachSplits({{1, false, D("0.7")}, {0, false, D("0.3")}, {5, true, D("0.5")}}, splits, txns[0]);
  AttachSplits({{0, false, D("0.5")}, {1, false, D("0.5")}}, splits, txns[1]);
  const MeasureTable sums = AmountSums(Org(), txns, RollUpPolicy{1, {}}, 6, splits);
  EXPECT_EQ(sums.Get(1, 0), D("750.007"));   // 700.007 + 50
  EXPECT_EQ(sums.Get(0, 0), D("350.003"));   // 300.003 + 50
  EXPECT_EQ(sums.Get(5, 0), D("500.005"));
  EXPECT_EQ(sums.Get(2, 0), D("1050.01"));   // 1 000.01 + 50
  EXPECT_EQ(sums.Get(3, 0), D("50"));        // mgr-2: rep-a's half of the second deal
  EXPECT_EQ(sums.Get(4, 0), D("0"));         // the owner (the vp) gets nothing of the split deal
}

TEST(MeasuresTest, OverlayRoleOnAGeographicTerritoryIsCreditedOnTopOfTheSplit) {
  // Territory 0 (not an overlay territory): seller 0 60 %, seller 1 40 %, and seller 2 in an
  // overlay role at 100 %. A 2 500 deal: 1 500, 1 000 and 2 500 on top.
  const DayRange always = Between(On(2026, 1, 1));
  const OrgIndex org(3, 1, 1, {}, {{0, 0, false, always}},
                     {{0, 0, D("0.6"), false, always}, {0, 1, D("0.4"), false, always},
                      {0, 2, D("1"), true, always}});
  const Transaction deal = Txn(On(2026, 10, 3), "2500");
  std::vector<Credit> credits;
  CreditTransactions(std::span<const Transaction>(&deal, 1), {}, 0, org, RollUpPolicy{}, &credits);
  ASSERT_EQ(credits.size(), 3u);
  EXPECT_EQ(credits[0].rule, CreditRule::kTerritory);
  EXPECT_EQ(credits[1].rule, CreditRule::kTerritory);
  EXPECT_EQ(credits[2].rule, CreditRule::kOverlay);
  EXPECT_EQ(credits[2].seller, 2u);
  const MeasureTable sums = AmountSums(org, {deal}, RollUpPolicy{}, 3);
  EXPECT_EQ(sums.Get(0, 0), D("1500"));
  EXPECT_EQ(sums.Get(1, 0), D("1000"));
  EXPECT_EQ(sums.Get(2, 0), D("2500"));
}

TEST(FiltersTest, MasksCombineDatesTypesProductsMinimumAndCondition) {
  std::vector<Transaction> txns(5, Txn(On(2026, 10, 5), "100"));
  txns[0].product = 1;
  txns[1].product = 2;
  txns[1].type = plan::TransactionType::kRefund;
  txns[2].date = On(2026, 9, 30);  // before the period
  txns[3].product = 7;
  txns[4].amount = D("5000");
  txns[4].product = 1;
  CompiledFilter october;  // 0: every transaction of October
  october.dates = {On(2026, 10, 1), On(2026, 10, 31)};
  CompiledFilter product_orders = october;  // 1: orders of product 1 or 7
  product_orders.types = TypeBit(plan::TransactionType::kOrder);
  product_orders.products = {1, 7};
  CompiledFilter product = october;  // 2: product 7
  product.products = {7};
  CompiledFilter big = october;  // 3: at least 1 000 and an even position
  big.min_amount = D("1000");
  big.condition = [](const Transaction&, size_t index) { return index % 2 == 0; };
  const std::vector<CompiledFilter> filters = {october, product_orders, product, big};
  EXPECT_EQ(BuildMasks(txns, filters, 2), (std::vector<uint64_t>{0b0011, 0b0001, 0b0000, 0b0111, 0b1011}));
}

TEST(MeasuresTest, DealCountsWeighTheCreditShareAndCanSkipRollUps) {
  const OrgIndex org = Org();
  // Two deals on 2026-10-10 (territory 1: rep-a 60 %, rep-b 40 %; overlay: specialist).
  std::vector<Transaction> txns = {Txn(On(2026, 10, 10), "1"), Txn(On(2026, 10, 10), "1")};
  const std::vector<uint64_t> masks = {0b11, 0b11};
  const std::vector<MeasureSpec> specs = {{Basis::kDeals, true}, {Basis::kDeals, false}};
  auto table = CreditAndSumMeasures(txns, {}, masks, specs, org, RollUpPolicy{1, {}}, 6, 1);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->Get(0, 0), D("1.2"));  // 2 x 0.6
  EXPECT_EQ(table->Get(1, 0), D("0.8"));  // 2 x 0.4
  EXPECT_EQ(table->Get(5, 0), D("2"));    // the overlay specialist, 2 x 1
  EXPECT_EQ(table->Get(2, 0), D("0"));    // mgr-1: roll-up skipped
  EXPECT_EQ(table->Get(2, 1), D("2"));    // ... unless the measure counts roll-ups
}

TEST(MeasuresTest, ResultsDoNotDependOnThreadsOrTransactionOrder) {
  const OrgIndex org = Org();
  std::mt19937_64 random(3);
  std::vector<Transaction> txns;
  for (int i = 0; i < 20000; ++i) {
    Transaction t = Txn(On(2026, 1, 1) + static_cast<Day>(random() % 365),
                        "0");
    t.amount = Decimal::FromMicros(static_cast<int64_t>(random() % 100'000'000'000ULL));
    t.margin = Decimal::FromMicros(static_cast<int64_t>(random() % 10'000'000'000ULL));
    if (random() % 4 == 0) t.owner = static_cast<uint32_t>(random() % 6);
    txns.push_back(t);
  }
  const std::vector<MeasureSpec> bases = {MeasureSpec{Basis::kAmount}, MeasureSpec{Basis::kMargin},
                                                 MeasureSpec{Basis::kQuantity}};
  auto sums = [&](const std::vector<Transaction>& list, int threads) {
    std::vector<uint64_t> masks(list.size(), 0b111);
    std::vector<Credit> credits = CreditAll(list, {}, org, RollUpPolicy{2, {}}, threads);
    auto table = SumMeasures(list, masks, bases, credits, 6, threads);
    EXPECT_TRUE(table.ok());
    return table->values;
  };
  const auto one = sums(txns, 1);
  EXPECT_EQ(sums(txns, 2), one);
  EXPECT_EQ(sums(txns, 4), one);
  std::shuffle(txns.begin(), txns.end(), random);
  EXPECT_EQ(sums(txns, 2), one);
  EXPECT_EQ(CreditAll(txns, {}, org, RollUpPolicy{2, {}}, 1).size(),
            CreditAll(txns, {}, org, RollUpPolicy{2, {}}, 3).size());
}

// Masks computed block by block within the pass (10 000 transactions: blocks of 4 096 and,
// with threads, chunks cutting through them) give the sums of masks built beforehand.
TEST(MeasuresTest, FiltersAppliedWithinThePassGiveTheSumsOfMasksBuiltFirst) {
  const OrgIndex org = Org();
  std::mt19937_64 random(7);
  std::vector<Transaction> txns;
  for (int i = 0; i < 10000; ++i) {
    Transaction t = Txn(On(2026, 9, 1) + static_cast<Day>(random() % 91), "0");
    t.amount = Decimal::FromMicros(static_cast<int64_t>(random() % 100'000'000'000ULL));
    t.product = static_cast<uint32_t>(random() % 3);
    if (random() % 4 == 0) t.owner = static_cast<uint32_t>(random() % 6);
    txns.push_back(t);
  }
  CompiledFilter october;
  october.dates = {On(2026, 10, 1), On(2026, 10, 31)};
  CompiledFilter product = october;
  product.products = {1};
  CompiledFilter odd;
  odd.condition = [](const Transaction&, size_t index) { return index % 2 == 1; };
  const std::vector<CompiledFilter> filters = {october, product, odd};
  const std::vector<MeasureSpec> specs = {MeasureSpec{Basis::kAmount}, MeasureSpec{Basis::kDeals, true},
                                          MeasureSpec{Basis::kAmount}};
  const RollUpPolicy policy{2, {}};
  auto built_first = CreditAndSumMeasures(txns, {}, BuildMasks(txns, filters, 1), specs, org, policy, 6, 1);
  ASSERT_TRUE(built_first.ok());
  for (int threads : {1, 2, 3}) {
    auto within = CreditAndSumMeasures(txns, {}, filters, specs, org, policy, 6, threads);
    ASSERT_TRUE(within.ok());
    EXPECT_EQ(within->values, built_first->values) << threads << " threads";
  }
  EXPECT_NE(built_first->Get(0, 1), D("0"));
}

// Random organizations with mid-period changes everywhere (lines, territories, coverage):
// sums through credit templates equal sums over materialized credits, for any thread count.
TEST(MeasuresTest, CreditTemplatesGiveTheSameSumsAsMaterializedCredits) {
  std::mt19937_64 random(19);
  for (int round = 0; round < 20; ++round) {
    const uint32_t sellers = 40, accounts = 60, territories = 12;
    const Day start = On(2026, 1, 1);
    auto range = [&] {
      const Day first = start + static_cast<Day>(random() % 300);
      return random() % 3 == 0 ? DayRange{first, kOpenEnd} : DayRange{first, first + static_cast<Day>(random() % 90)};
    };
    std::vector<ReportingLine> lines;
    for (uint32_t s = 1; s < sellers; ++s) {
      for (int k = 0; k < 3; ++k) lines.push_back({s, static_cast<uint32_t>(random() % s), range()});
    }
    std::vector<AccountTerritory> ats;
    for (uint32_t a = 0; a < accounts; ++a) {
      for (int k = 0; k < 3; ++k) {
        ats.push_back({a, static_cast<uint32_t>(random() % territories), random() % 4 == 0, range()});
      }
    }
    std::vector<Coverage> coverage;
    for (uint32_t t = 0; t < territories; ++t) {
      for (int k = 0; k < 3; ++k) {
        coverage.push_back({t, static_cast<uint32_t>(random() % sellers),
                            Decimal::FromMicros(1 + static_cast<int64_t>(random() % 1'000'000)),
                            random() % 5 == 0, range()});
      }
    }
    const OrgIndex org(sellers, accounts, territories, lines, ats, coverage);
    std::vector<Transaction> txns;
    std::vector<SplitShare> splits;
    for (int i = 0; i < 3000; ++i) {
      Transaction t;
      t.date = start + static_cast<Day>(random() % 400);
      t.account = static_cast<uint32_t>(random() % accounts);
      t.amount = Decimal::FromMicros(static_cast<int64_t>(random() % 10'000'000'000ULL) - 1'000'000'000);
      t.margin = Decimal::FromMicros(static_cast<int64_t>(random() % 1'000'000'000ULL));
      t.quantity = Decimal::FromUnits(static_cast<int64_t>(random() % 5));
      if (random() % 6 == 0) t.owner = static_cast<uint32_t>(random() % sellers);
      if (random() % 10 == 0) {
        AttachSplits({{static_cast<uint32_t>(random() % sellers), false, D("0.333333")}}, splits, t);
      }
      txns.push_back(t);
    }
    std::vector<uint64_t> masks(txns.size());
    for (uint64_t& m : masks) m = random() % 8;
    const std::vector<MeasureSpec> bases = {MeasureSpec{Basis::kAmount},
                                                   MeasureSpec{Basis::kMargin}, MeasureSpec{Basis::kQuantity}};
    const RollUpPolicy policy{static_cast<int>(random() % 4), {}};
    auto materialized = SumMeasures(txns, masks, bases, CreditAll(txns, splits, org, policy, 1), sellers, 1);
    ASSERT_TRUE(materialized.ok());
    for (int threads : {1, 2, 3}) {
      auto fused = CreditAndSumMeasures(txns, splits, masks, bases, org, policy, sellers, threads);
      ASSERT_TRUE(fused.ok());
      ASSERT_EQ(fused->values, materialized->values) << "round " << round << ", " << threads << " threads";
    }
  }
}

}  // namespace
}  // namespace attain::compensation::credit

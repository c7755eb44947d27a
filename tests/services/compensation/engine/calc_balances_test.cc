// Draws and balances across periods (balances.h), each case computed by hand, and a property:
// over any sequence of periods, what was paid reconciles with what was earned, forgiven and
// is still owed, to the cent.
#include <gtest/gtest.h>

#include <random>

#include "services/compensation/engine/calc/balances.h"

namespace attain::compensation::calc {
namespace {

using money::Decimal;

Decimal D(const char* text) { return Decimal::Parse(text).value(); }

struct Period {
  const char* earned;
  const char* payable;
  const char* closing;
};

// Settles `periods` in order, each opening at the previous closing, checking each.
void Chain(const plan::Balances& policy, const std::vector<Period>& periods) {
  Decimal balance;
  for (size_t i = 0; i < periods.size(); ++i) {
    auto settled = Settle(policy, D(periods[i].earned), balance);
    ASSERT_TRUE(settled.ok()) << settled.status();
    EXPECT_EQ(settled->payable, D(periods[i].payable)) << "period " << i + 1;
    EXPECT_EQ(settled->closing, D(periods[i].closing)) << "period " << i + 1;
    balance = settled->closing;
  }
}

TEST(BalancesTest, RecoverableDrawIsPaidThenRecoveredWithACapOnRecovery) {
  plan::Balances policy;
  policy.draw = plan::Draw{D("3000"), /*recoverable=*/true};
  policy.max_recovery = D("0.25");
  Chain(policy, {
                    // P1: earned 1 000 < draw 3 000: pays 3 000; advance 2 000 owed.
                    {"1000", "3000", "2000"},
                    // P2: earned 0: pays 3 000; advance 3 000; owed 5 000.
                    {"0", "3000", "5000"},
                    // P3: earned 10 000: recovery min(5 000, 10 000 - 3 000, 25 % x 10 000 =
                    // 2 500) = 2 500; pays 7 500; owed 2 500.
                    {"10000", "7500", "2500"},
                    // P4: earned 4 000: min(2 500, 4 000 - 3 000 = 1 000, 1 000) = 1 000:
                    // the draw is still guaranteed; pays 3 000; owed 1 500.
                    {"4000", "3000", "1500"},
                    // P5: earned 20 000.10: min(1 500, 17 000.10, 5 000.03 (cents of
                    // 5 000.025, half-even -> .02)) = 1 500; pays 18 500.10; owed 0.
                    {"20000.10", "18500.10", "0"},
                });
}

TEST(BalancesTest, NonRecoverableDrawIsForgiven) {
  plan::Balances policy;
  policy.draw = plan::Draw{D("2500"), /*recoverable=*/false};
  // P1 earned 500: pays 2 500, 2 000 forgiven; P2 earned 9 000: nothing owed, pays 9 000;
  // P3 earned 2 499.99: pays 2 500 (0.01 forgiven).
  Chain(policy, {{"500", "2500", "0"}, {"9000", "9000", "0"}, {"2499.99", "2500", "0"}});
  auto settled = Settle(policy, D("500"), Decimal());
  ASSERT_TRUE(settled.ok());
  EXPECT_EQ(settled->advance, D("2000"));
  EXPECT_EQ(settled->forgiven, D("2000"));
}

TEST(BalancesTest, NegativeEarningsCarryForwardOrAreDeducted) {
  plan::Balances carry;  // the default
  // P1: a clawback leaves -800: pays 0, owes 800. P2: earned 500 recovers 500, pays 0.
  // P3: earned 1 000 recovers the last 300, pays 700.
  Chain(carry, {{"-800", "0", "800"}, {"500", "0", "300"}, {"1000", "700", "0"}});

  plan::Balances deduct;
  deduct.negative_earnings = plan::NegativeEarnings::kDeduct;
  Chain(deduct, {{"-800", "-800", "0"}, {"500", "500", "0"}});

  // DEDUCT with a draw: the draw guarantees earnings, the deduction still applies:
  // -800 + advance 1 000 = 200 paid; a recoverable advance is owed, a non-recoverable one
  // forgiven — the 800 is never forgiven.
  plan::Balances deduct_recoverable = deduct;
  deduct_recoverable.draw = plan::Draw{D("1000"), true};
  Chain(deduct_recoverable, {{"-800", "200", "1000"}});
  plan::Balances deduct_forgiven = deduct;
  deduct_forgiven.draw = plan::Draw{D("1000"), false};
  Chain(deduct_forgiven, {{"-800", "200", "0"}});

  // A draw tops a carried negative period up to the draw: -800 carried (owed 800) plus a
  // recoverable advance of the whole 1 000 draw: owed 1 800.
  plan::Balances with_draw;
  with_draw.draw = plan::Draw{D("1000"), true};
  Chain(with_draw, {{"-800", "1000", "1800"}});
}

TEST(BalancesTest, OddCentsOfTheDrawAndTheLimitAreRoundedHalfEven) {
  plan::Balances policy;
  policy.draw = plan::Draw{D("1000.005"), true};  // 1 000.00 (half-even)
  policy.max_recovery = D("0.333333");
  Chain(policy, {
                    {"0", "1000.00", "1000.00"},
                    // 0.333333 x 4 000 = 1 333.332 -> 1 333.33; above the draw 3 000; owed
                    // 1 000: recovers 1 000, pays 3 000.
                    {"4000", "3000", "0"},
                });
  EXPECT_EQ(Settle(policy, D("1"), D("-1")).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(BalancesTest, PaidReconcilesWithEarnedForgivenAndOwedOverRandomSequences) {
  std::mt19937_64 random(20261127);
  for (int sequence = 0; sequence < 200; ++sequence) {
    plan::Balances policy;
    if (random() % 3 != 0) policy.draw = plan::Draw{Decimal::FromMicros((random() % 500000) * 10000), random() % 2 == 0};
    if (random() % 2 == 0) policy.max_recovery = Decimal::FromMicros(1 + random() % 1000000);
    if (random() % 4 == 0) policy.negative_earnings = plan::NegativeEarnings::kDeduct;
    Decimal opening, balance, paid, earned, forgiven;
    for (int period = 0; period < 12; ++period) {
      // Cents from -3 000.00 to 7 000.00.
      const Decimal e = Decimal::FromMicros((static_cast<int64_t>(random() % 1000001) - 300000) * 10000);
      auto s = Settle(policy, e, balance);
      ASSERT_TRUE(s.ok()) << s.status();
      EXPECT_GE(s->closing, Decimal());
      // The draw is guaranteed unless DEDUCT takes a negative period's earnings off it.
      const bool deducted = policy.negative_earnings == plan::NegativeEarnings::kDeduct && e < Decimal();
      if (policy.draw && !deducted) EXPECT_GE(s->payable, policy.draw->amount.RoundToCents());
      EXPECT_EQ(s->payable, s->payable.RoundToCents());
      paid = paid.Add(s->payable).value();
      earned = earned.Add(e).value();
      forgiven = forgiven.Add(s->forgiven).value();
      balance = s->closing;
    }
    // paid - (closing - opening) = earned + forgiven, summed over the sequence.
    EXPECT_EQ(paid.Sub(balance.Sub(opening).value()).value(), earned.Add(forgiven).value())
        << "sequence " << sequence;
  }
}

}  // namespace
}  // namespace attain::compensation::calc

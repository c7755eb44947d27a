#include "common/money/decimal.h"

#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include "absl/numeric/int128.h"
#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace attain::money {
namespace {

constexpr int64_t kMaxMicros = std::numeric_limits<int64_t>::max();
constexpr int64_t kMinMicros = std::numeric_limits<int64_t>::min();

// Parses text that the test knows is valid.
Decimal D(const std::string& text) {
  absl::StatusOr<Decimal> d = Decimal::Parse(text);
  EXPECT_TRUE(d.ok()) << text << ": " << d.status();
  return d.ok() ? *d : Decimal();
}

TEST(DecimalParse, ReadsIntegersFractionsAndSign) {
  EXPECT_EQ(D("12").micros(), 12'000'000);
  EXPECT_EQ(D("-0.5").micros(), -500'000);
  EXPECT_EQ(D("1234.567891").micros(), 1'234'567'891);
  EXPECT_EQ(D("0.000001").micros(), 1);
  EXPECT_EQ(D("-0").micros(), 0);
  EXPECT_EQ(D("007.10").micros(), 7'100'000);
}

TEST(DecimalParse, ReadsBothEndsOfTheRange) {
  EXPECT_EQ(D("9223372036854.775807").micros(), kMaxMicros);
  EXPECT_EQ(D("-9223372036854.775808").micros(), kMinMicros);
}

TEST(DecimalParse, RejectsExponentSeparatorsSpacesAndSeventhDigit) {
  for (const char* text : {"1e5", "1,000", "0.1234567", " 1", "1 ", "+1", "", "-", ".5", "1.",
                           "1.2.3", "--1", "0x10", "1_000", "NaN", "inf"}) {
    absl::StatusOr<Decimal> d = Decimal::Parse(text);
    EXPECT_EQ(d.status().code(), absl::StatusCode::kInvalidArgument) << '"' << text << '"';
  }
}

TEST(DecimalParse, ErrorMessageQuotesTheInput) {
  EXPECT_EQ(Decimal::Parse("1,000").status().message(),
            "not a decimal with at most 6 fractional digits: \"1,000\"");
}

TEST(DecimalParse, RejectsValuesJustOutsideTheRange) {
  EXPECT_EQ(Decimal::Parse("9223372036854.775808").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Decimal::Parse("-9223372036854.775809").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Decimal::Parse(std::string(1000, '9')).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(DecimalToString, PrintsShortestExactText) {
  EXPECT_EQ(D("12").ToString(), "12");
  EXPECT_EQ(D("-0.5").ToString(), "-0.5");
  EXPECT_EQ(D("1234.567891").ToString(), "1234.567891");
  EXPECT_EQ(D("12.500").ToString(), "12.5");
  EXPECT_EQ(D("-0.000001").ToString(), "-0.000001");
  EXPECT_EQ(Decimal().ToString(), "0");
}

TEST(DecimalToString, PrintsInt64ExtremesWithoutOverflow) {
  EXPECT_EQ(Decimal::FromMicros(kMaxMicros).ToString(), "9223372036854.775807");
  EXPECT_EQ(Decimal::FromMicros(kMinMicros).ToString(), "-9223372036854.775808");
}

TEST(DecimalToFixed, PadsAndRoundsHalfEven) {
  EXPECT_EQ(D("12.5").ToFixed(2), "12.50");
  EXPECT_EQ(D("12").ToFixed(0), "12");
  EXPECT_EQ(D("12").ToFixed(6), "12.000000");
  EXPECT_EQ(D("0.125").ToFixed(2), "0.12");
  EXPECT_EQ(D("0.135").ToFixed(2), "0.14");
  EXPECT_EQ(D("-0.125").ToFixed(2), "-0.12");
  EXPECT_EQ(D("2.5").ToFixed(0), "2");
  EXPECT_EQ(D("3.5").ToFixed(0), "4");
  // -0.004 rounds to zero; zero has no sign.
  EXPECT_EQ(D("-0.004").ToFixed(2), "0.00");
}

TEST(DecimalToFixed, RoundsPastTheInt64EdgeExactly) {
  // 9223372036854.775807 to 0 digits is 9223372036855, one more than int64 micros can hold.
  EXPECT_EQ(Decimal::FromMicros(kMaxMicros).ToFixed(0), "9223372036855");
}

TEST(DecimalRound, RoundToCentsHalfEvenAtExactlyHalf) {
  EXPECT_EQ(D("0.125").RoundToCents(), D("0.12"));   // tie, 2 is even: down
  EXPECT_EQ(D("0.135").RoundToCents(), D("0.14"));   // tie, 3 is odd: up
  EXPECT_EQ(D("-0.125").RoundToCents(), D("-0.12"));
  EXPECT_EQ(D("-0.135").RoundToCents(), D("-0.14"));
}

TEST(DecimalRound, RoundToCentsAwayFromTiesIsNearest) {
  EXPECT_EQ(D("0.125001").RoundToCents(), D("0.13"));  // just above the tie
  EXPECT_EQ(D("0.134999").RoundToCents(), D("0.13"));  // just below the tie
  EXPECT_EQ(D("-0.125001").RoundToCents(), D("-0.13"));
  EXPECT_EQ(D("19.999").RoundToCents(), D("20"));
}

TEST(DecimalRound, RoundHalfEvenToOtherDigitCounts) {
  EXPECT_EQ(D("2.5").RoundHalfEven(0), D("2"));
  EXPECT_EQ(D("-3.5").RoundHalfEven(0), D("-4"));
  EXPECT_EQ(D("1.0005").RoundHalfEven(3), D("1"));
  EXPECT_EQ(D("1.0015").RoundHalfEven(3), D("1.002"));
  EXPECT_EQ(D("1.234567").RoundHalfEven(6), D("1.234567"));
}

TEST(DecimalRound, StepsTowardZeroWhenRoundingWouldLeaveTheRange) {
  EXPECT_EQ(Decimal::FromMicros(kMaxMicros).RoundHalfEven(0), D("9223372036854"));
  EXPECT_EQ(Decimal::FromMicros(kMinMicros).RoundHalfEven(0), D("-9223372036854"));
}

TEST(DecimalArithmetic, AddAndSubAreExact) {
  EXPECT_EQ(*D("0.1").Add(D("0.2")), D("0.3"));
  EXPECT_EQ(*D("0.1").Sub(D("0.3")), D("-0.2"));
}

TEST(DecimalArithmetic, AddOverflowIsOutOfRange) {
  absl::StatusOr<Decimal> sum = Decimal::FromMicros(kMaxMicros).Add(Decimal::FromMicros(1));
  EXPECT_EQ(sum.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(sum.status().message(), "decimal addition overflows the money range");
}

TEST(DecimalArithmetic, SubOverflowIsOutOfRange) {
  absl::StatusOr<Decimal> difference =
      Decimal::FromMicros(kMinMicros).Sub(Decimal::FromMicros(1));
  EXPECT_EQ(difference.status().code(), absl::StatusCode::kOutOfRange);
}

TEST(DecimalArithmetic, MulOfRateAndAmountIsExactWhenItFits) {
  // 0.035 * 1200.50 = 42.0175 exactly.
  EXPECT_EQ(*D("0.035").Mul(D("1200.50")), D("42.0175"));
  EXPECT_EQ(*D("-2").Mul(D("0.5")), D("-1"));
}

TEST(DecimalArithmetic, MulRoundsHalfEvenAtTheSeventhDigit) {
  // Exact products 0.0000005, 0.0000015, 0.0000025: ties go to the even 6th digit.
  EXPECT_EQ(*D("0.000001").Mul(D("0.5")), D("0"));
  EXPECT_EQ(*D("0.000003").Mul(D("0.5")), D("0.000002"));
  EXPECT_EQ(*D("0.000005").Mul(D("0.5")), D("0.000002"));
  EXPECT_EQ(*D("-0.000003").Mul(D("0.5")), D("-0.000002"));
  // 0.0000014 and 0.0000016 are not ties: nearest wins.
  EXPECT_EQ(*D("0.000002").Mul(D("0.7")), D("0.000001"));
  EXPECT_EQ(*D("0.000002").Mul(D("0.8")), D("0.000002"));
}

TEST(DecimalArithmetic, MulOverflowIsOutOfRange) {
  // 10,000,000 * 1,000,000 = 1e13 > 9.22e12.
  absl::StatusOr<Decimal> product = D("10000000").Mul(D("1000000"));
  EXPECT_EQ(product.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(product.status().message(), "decimal multiplication overflows the money range");
}

TEST(DecimalArithmetic, MulOfExtremesDoesNotWrap) {
  absl::StatusOr<Decimal> product =
      Decimal::FromMicros(kMinMicros).Mul(Decimal::FromMicros(kMinMicros));
  EXPECT_EQ(product.status().code(), absl::StatusCode::kOutOfRange);
}

TEST(DecimalArithmetic, DivRoundsHalfEven) {
  EXPECT_EQ(*D("1").Div(D("3")), D("0.333333"));
  EXPECT_EQ(*D("2").Div(D("3")), D("0.666667"));
  EXPECT_EQ(*D("-2").Div(D("3")), D("-0.666667"));
  EXPECT_EQ(*D("0.000001").Div(D("2")), D("0"));         // 0.0000005, tie to even
  EXPECT_EQ(*D("0.000003").Div(D("2")), D("0.000002"));  // 0.0000015, tie to even
  EXPECT_EQ(*D("100").Div(D("-8")), D("-12.5"));
}

TEST(DecimalArithmetic, DivByZeroIsInvalidArgument) {
  absl::StatusOr<Decimal> quotient = D("1").Div(Decimal());
  EXPECT_EQ(quotient.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(quotient.status().message(), "decimal division by zero");
}

TEST(DecimalArithmetic, DivOverflowIsOutOfRange) {
  absl::StatusOr<Decimal> quotient = D("9000000000000").Div(D("0.5"));
  EXPECT_EQ(quotient.status().code(), absl::StatusCode::kOutOfRange);
}

TEST(DecimalBasics, FactoriesPredicatesAndOrdering) {
  EXPECT_EQ(Decimal::FromUnits(3).micros(), 3'000'000);
  EXPECT_EQ(D("1.5").Negated(), D("-1.5"));
  EXPECT_TRUE(Decimal().IsZero());
  EXPECT_TRUE(D("-0.000001").IsNegative());
  EXPECT_FALSE(D("0").IsNegative());
  EXPECT_LT(D("-1"), D("0.5"));
  EXPECT_GT(D("1.000001"), D("1"));
}

TEST(Money, AddsAndSubtractsSameCurrency) {
  const Money a{D("10.25"), "USD"};
  const Money b{D("0.75"), "USD"};
  EXPECT_EQ(*a.Add(b), (Money{D("11"), "USD"}));
  EXPECT_EQ(*a.Sub(b), (Money{D("9.5"), "USD"}));
}

TEST(Money, MixingCurrenciesIsFailedPrecondition) {
  const Money usd{D("1"), "USD"};
  const Money eur{D("1"), "EUR"};
  EXPECT_EQ(usd.Add(eur).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(usd.Add(eur).status().message(), "cannot add EUR to USD");
  EXPECT_EQ(usd.Sub(eur).status().message(), "cannot subtract EUR from USD");
}

TEST(Money, OverflowIsOutOfRange) {
  const Money big{Decimal::FromMicros(kMaxMicros), "USD"};
  EXPECT_EQ(big.Add(Money{D("1"), "USD"}).status().code(), absl::StatusCode::kOutOfRange);
}

TEST(IsCurrencyCode, AcceptsOnlyThreeUpperCaseLetters) {
  EXPECT_TRUE(IsCurrencyCode("USD"));
  EXPECT_TRUE(IsCurrencyCode("EUR"));
  EXPECT_FALSE(IsCurrencyCode("usd"));
  EXPECT_FALSE(IsCurrencyCode("US"));
  EXPECT_FALSE(IsCurrencyCode("USDX"));
  EXPECT_FALSE(IsCurrencyCode("U1D"));
  EXPECT_FALSE(IsCurrencyCode(""));
}

}  // namespace
}  // namespace attain::money

namespace attain::money {
namespace {

// Reference product: exact in 128 bits, then half-even to 6 digits.
int64_t ReferenceProduct(int64_t a, int64_t b) {
  const absl::int128 product = absl::int128(a) * b;
  absl::int128 q = product / 1'000'000;
  const absl::int128 r = product % 1'000'000;
  const absl::int128 twice = (r < 0 ? -r : r) * 2;
  if (twice > 1'000'000 || (twice == 1'000'000 && q % 2 != 0)) q += product < 0 ? -1 : 1;
  return static_cast<int64_t>(q);
}

TEST(DecimalMul, NarrowAndWideProductsRoundTheSame) {
  std::mt19937_64 random(5);
  for (int i = 0; i < 200000; ++i) {
    // Magnitudes across both sides of the int64 product limit, both signs, and exact ties.
    const int64_t a = static_cast<int64_t>(random() % (i % 2 ? 9'000'000'000'000ULL : 5'000'000ULL)) *
                      (random() % 2 ? 1 : -1);
    const int64_t b = static_cast<int64_t>(random() % (i % 3 ? 2'000'000ULL : 900'000'000ULL)) *
                      (random() % 2 ? 1 : -1) + (i % 7 == 0 ? 500'000 : 0);
    auto product = Decimal::FromMicros(a).Mul(Decimal::FromMicros(b));
    const absl::int128 exact = absl::int128(a) * b / 1'000'000;
    if (exact > std::numeric_limits<int64_t>::max() - 1 || exact < std::numeric_limits<int64_t>::min() + 1) {
      continue;
    }
    ASSERT_TRUE(product.ok()) << a << " x " << b;
    EXPECT_EQ(product->micros(), ReferenceProduct(a, b)) << a << " x " << b;
  }
  // Ties at the sixth digit: 0.0000005 -> 0 (even), 0.0000015 -> 0.000002.
  EXPECT_EQ(Decimal::FromMicros(1).Mul(Decimal::FromMicros(500'000))->micros(), 0);
  EXPECT_EQ(Decimal::FromMicros(3).Mul(Decimal::FromMicros(500'000))->micros(), 2);
  EXPECT_EQ(Decimal::FromMicros(-3).Mul(Decimal::FromMicros(500'000))->micros(), -2);
}

}  // namespace
}  // namespace attain::money

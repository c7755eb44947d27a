#pragma once
// Attain's one money and rate type. A Decimal is a fixed-point number with 6 fractional
// digits stored as int64 micro-units (range about ±9.2e12). There is no floating point
// anywhere in it. Every operation that could overflow is checked and reports
// OUT_OF_RANGE instead of wrapping.
//
// Rounding: arithmetic keeps 6 digits; Mul/Div round the 7th+ digits half-even. Amounts
// become payable through RoundToCents(), which rounds half-even ("banker's rounding"):
// 0.125 -> 0.12, 0.135 -> 0.14, -0.125 -> -0.12.

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace attain::money {

class Decimal {
 public:
  static constexpr int64_t kScale = 1'000'000;  // micro-units per unit

  constexpr Decimal() = default;
  static constexpr Decimal FromMicros(int64_t micros) { return Decimal(micros); }
  static constexpr Decimal FromUnits(int64_t units) { return Decimal(units * kScale); }
  // Strict decimal text: optional '-', digits, optional '.' and up to 6 digits
  // ("12", "-0.5", "1234.567891"). More than 6 fractional digits, exponents, spaces,
  // thousands separators or overflow -> INVALID_ARGUMENT.
  static absl::StatusOr<Decimal> Parse(std::string_view text);

  constexpr int64_t micros() const { return micros_; }
  // Shortest exact text: "12", "-0.5", "1234.567891".
  std::string ToString() const;
  // Exactly `digits` fractional digits (0..6, out-of-range values are clamped), rounding
  // half-even if needed: "12.50".
  std::string ToFixed(int digits) const;

  absl::StatusOr<Decimal> Add(Decimal other) const;
  absl::StatusOr<Decimal> Sub(Decimal other) const;
  // Product rounded half-even to 6 digits (a rate times an amount, e.g. 0.035 * 1200.50).
  absl::StatusOr<Decimal> Mul(Decimal other) const;
  // Quotient rounded half-even to 6 digits; division by zero -> INVALID_ARGUMENT.
  absl::StatusOr<Decimal> Div(Decimal other) const;
  // Half-even to 2 fractional digits.
  Decimal RoundToCents() const;
  // Half-even to `digits` (0..6, out-of-range values are clamped) fractional digits.
  // Within half a step of the int64 limits, where the rounded value is not representable,
  // the result is the nearest representable multiple toward zero (never wraps).
  Decimal RoundHalfEven(int digits) const;

  constexpr Decimal Negated() const { return Decimal(-micros_); }
  constexpr bool IsZero() const { return micros_ == 0; }
  constexpr bool IsNegative() const { return micros_ < 0; }
  friend constexpr auto operator<=>(Decimal a, Decimal b) = default;

 private:
  constexpr explicit Decimal(int64_t micros) : micros_(micros) {}
  int64_t micros_ = 0;
};

// An amount in one currency. Arithmetic across currencies is an error (FAILED_PRECONDITION).
struct Money {
  Decimal amount;
  std::string currency;  // ISO-4217, three upper-case letters
  absl::StatusOr<Money> Add(const Money& other) const;
  absl::StatusOr<Money> Sub(const Money& other) const;
  friend bool operator==(const Money&, const Money&) = default;
};

// True for three upper-case ASCII letters.
bool IsCurrencyCode(std::string_view code);

}  // namespace attain::money

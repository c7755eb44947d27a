#include "common/money/decimal.h"

#include <cstdint>
#include <limits>
#include <string>

#include "absl/numeric/int128.h"
#include "absl/status/status.h"

namespace attain::money {
namespace {

constexpr int kMaxDigits = 6;

// 10^(6 - digits): the micro-unit step that `digits` fractional digits keep.
constexpr int64_t kStepForDigits[kMaxDigits + 1] = {1'000'000, 100'000, 10'000, 1'000,
                                                    100,       10,      1};

absl::int128 Abs(absl::int128 v) { return v < 0 ? -v : v; }

bool FitsInt64(absl::int128 v) {
  return v >= std::numeric_limits<int64_t>::min() && v <= std::numeric_limits<int64_t>::max();
}

// numerator / denominator rounded half-even (ties go to the even quotient). Both operands
// are at most ~2^126 in magnitude, so nothing here can overflow int128.
absl::int128 DivideHalfEven(absl::int128 numerator, absl::int128 denominator) {
  absl::int128 quotient = numerator / denominator;  // truncates toward zero
  const absl::int128 twice_remainder = Abs(numerator % denominator) * 2;
  const absl::int128 abs_denominator = Abs(denominator);
  const bool round_away = twice_remainder > abs_denominator ||
                          (twice_remainder == abs_denominator && (quotient % 2) != 0);
  if (round_away) quotient += ((numerator < 0) != (denominator < 0)) ? -1 : 1;
  return quotient;
}

// Micro-units rounded half-even to a multiple of the step for `digits`; the result can
// exceed int64 by one step at the very edge of the range.
absl::int128 RoundedMicros(int64_t micros, int digits) {
  const int64_t step = kStepForDigits[digits];
  return DivideHalfEven(micros, step) * step;
}

int ClampDigits(int digits) { return digits < 0 ? 0 : (digits > kMaxDigits ? kMaxDigits : digits); }

absl::Status ParseError(std::string_view text) {
  // The text is echoed only up to a bound so a hostile CSV cell cannot bloat the error.
  constexpr size_t kMaxEcho = 40;
  std::string shown(text.substr(0, kMaxEcho));
  if (text.size() > kMaxEcho) shown += "...";
  return absl::InvalidArgumentError("not a decimal with at most 6 fractional digits: \"" +
                                    shown + "\"");
}

absl::Status OutOfRange(const char* op) {
  return absl::OutOfRangeError(std::string("decimal ") + op + " overflows the money range");
}

// Magnitude of `micros` as text with exactly `digits` fractional digits; `micros` must
// already be a multiple of the step for `digits`.
std::string FormatMagnitude(absl::int128 micros, int digits) {
  const bool negative = micros < 0;
  const absl::uint128 magnitude = static_cast<absl::uint128>(negative ? -micros : micros);
  const uint64_t units = static_cast<uint64_t>(magnitude / Decimal::kScale);
  const uint64_t fraction = static_cast<uint64_t>(magnitude % Decimal::kScale);
  std::string out = negative ? "-" : "";
  out += std::to_string(units);
  if (digits > 0) {
    std::string frac = std::to_string(fraction);
    frac.insert(0, kMaxDigits - frac.size(), '0');  // 6 digits, zero padded
    out += '.';
    out += frac.substr(0, digits);
  }
  return out;
}

}  // namespace

absl::StatusOr<Decimal> Decimal::Parse(std::string_view text) {
  size_t pos = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) ++pos;

  absl::int128 micros = 0;
  size_t integer_digits = 0;
  for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, ++integer_digits) {
    micros = micros * 10 + (text[pos] - '0');
    // Checked per digit so a thousand-digit string cannot overflow the accumulator.
    if (micros * kScale > absl::int128(std::numeric_limits<int64_t>::max()) + 1) {
      return ParseError(text);
    }
  }
  if (integer_digits == 0) return ParseError(text);
  micros *= kScale;

  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int64_t place = kScale / 10;
    size_t fraction_digits = 0;
    for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, ++fraction_digits) {
      if (fraction_digits == kMaxDigits) return ParseError(text);
      micros += place * (text[pos] - '0');
      place /= 10;
    }
    if (fraction_digits == 0) return ParseError(text);  // "12." is a typo, not a number
  }
  if (pos != text.size()) return ParseError(text);

  if (negative) micros = -micros;
  if (!FitsInt64(micros)) return ParseError(text);
  return Decimal(static_cast<int64_t>(micros));
}

std::string Decimal::ToString() const {
  std::string out = FormatMagnitude(micros_, kMaxDigits);
  if (micros_ % kScale == 0) return out.substr(0, out.find('.'));
  while (out.back() == '0') out.pop_back();
  return out;
}

std::string Decimal::ToFixed(int digits) const {
  digits = ClampDigits(digits);
  // Rounded in int128 so even the extremes of the range print correctly.
  return FormatMagnitude(RoundedMicros(micros_, digits), digits);
}

absl::StatusOr<Decimal> Decimal::Add(Decimal other) const {
  int64_t sum;
  if (__builtin_add_overflow(micros_, other.micros_, &sum)) return OutOfRange("addition");
  return Decimal(sum);
}

absl::StatusOr<Decimal> Decimal::Sub(Decimal other) const {
  int64_t difference;
  if (__builtin_sub_overflow(micros_, other.micros_, &difference)) {
    return OutOfRange("subtraction");
  }
  return Decimal(difference);
}

absl::StatusOr<Decimal> Decimal::Mul(Decimal other) const {
  // Fast path: when the exact product fits int64 (amounts times rates and shares almost
  // always do), the half-even division by the constant 10^6 compiles to multiplies and
  // shifts instead of a 128-bit division. Same result as the general path.
  int64_t narrow = 0;
  if (!__builtin_mul_overflow(micros_, other.micros_, &narrow)) {
    int64_t quotient = narrow / kScale;
    const int64_t remainder = narrow % kScale;
    const int64_t twice = remainder < 0 ? -2 * remainder : 2 * remainder;
    if (twice > kScale || (twice == kScale && (quotient % 2) != 0)) quotient += narrow < 0 ? -1 : 1;
    return Decimal(quotient);
  }
  // The exact product has 12 fractional digits; |a*b| < 2^126 always fits int128.
  const absl::int128 product =
      DivideHalfEven(absl::int128(micros_) * absl::int128(other.micros_), kScale);
  if (!FitsInt64(product)) return OutOfRange("multiplication");
  return Decimal(static_cast<int64_t>(product));
}

absl::StatusOr<Decimal> Decimal::Div(Decimal other) const {
  if (other.micros_ == 0) return absl::InvalidArgumentError("decimal division by zero");
  const absl::int128 quotient =
      DivideHalfEven(absl::int128(micros_) * kScale, absl::int128(other.micros_));
  if (!FitsInt64(quotient)) return OutOfRange("division");
  return Decimal(static_cast<int64_t>(quotient));
}

Decimal Decimal::RoundToCents() const { return RoundHalfEven(2); }

Decimal Decimal::RoundHalfEven(int digits) const {
  digits = ClampDigits(digits);
  const absl::int128 rounded = RoundedMicros(micros_, digits);
  if (FitsInt64(rounded)) return Decimal(static_cast<int64_t>(rounded));
  // Only within half a step of ±9.2e12 can rounding leave int64; step back toward zero
  // to the nearest representable multiple rather than wrap.
  const int64_t step = kStepForDigits[digits];
  return Decimal(static_cast<int64_t>(rounded < 0 ? rounded + step : rounded - step));
}

absl::StatusOr<Money> Money::Add(const Money& other) const {
  if (currency != other.currency) {
    return absl::FailedPreconditionError("cannot add " + other.currency + " to " + currency);
  }
  absl::StatusOr<Decimal> sum = amount.Add(other.amount);
  if (!sum.ok()) return sum.status();
  return Money{*sum, currency};
}

absl::StatusOr<Money> Money::Sub(const Money& other) const {
  if (currency != other.currency) {
    return absl::FailedPreconditionError("cannot subtract " + other.currency + " from " +
                                         currency);
  }
  absl::StatusOr<Decimal> difference = amount.Sub(other.amount);
  if (!difference.ok()) return difference.status();
  return Money{*difference, currency};
}

bool IsCurrencyCode(std::string_view code) {
  if (code.size() != 3) return false;
  for (char c : code) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

}  // namespace attain::money

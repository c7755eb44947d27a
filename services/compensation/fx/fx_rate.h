#pragma once
// Monthly FX rates and how amounts are converted with them. Transactions keep their original
// amount and currency; calculation converts each one into the plan's currency with the rate
// of the transaction's month (FxTable::Convert), so a rate set or corrected after the import
// is used by every later calculation and no imported row ever changes.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/errors/errors.h"
#include "common/money/decimal.h"

namespace attain::compensation::fx {

// 1 from_currency = rate to_currency for transactions dated in `month`.
struct FxRate {
  std::string from_currency;
  std::string to_currency;
  absl::CivilMonth month;
  money::Decimal rate;
  int64_t update_time_micros = 0;  // output only
};

struct FxRateInput {
  std::string from_currency;
  std::string to_currency;
  std::string month;  // "YYYY-MM"
  std::string rate;
};

// Strict "YYYY-MM" (years 1000-9999, months 01-12).
std::optional<absl::CivilMonth> ParseMonth(std::string_view text);
std::string FormatMonth(absl::CivilMonth month);

// Checks one rate; violations are named `prefix` + "." + the field ("rates[3].rate").
std::optional<FxRate> ParseFxRate(const FxRateInput& input, const std::string& prefix,
                                  std::vector<errors::FieldViolation>* violations);

// The rates calculation converts with.
class FxTable {
 public:
  void Add(const FxRate& rate);
  // amount (in `from`) in `to` for `month`: the amount itself when the currencies are equal,
  // else amount × rate rounded half-even to six fractional digits (statements round to cents
  // once, at the end). FAILED_PRECONDITION FX_RATE_MISSING naming the pair and month when no
  // rate is set; OUT_OF_RANGE on overflow.
  absl::StatusOr<money::Decimal> Convert(money::Decimal amount, const std::string& from,
                                         const std::string& to, absl::CivilMonth month) const;
  // The rate Convert multiplies by: 1 when the currencies are equal; the same
  // FX_RATE_MISSING error when no rate is set. Callers converting many amounts look it up
  // once and multiply (amount.Mul(rate) is exactly Convert's result).
  absl::StatusOr<money::Decimal> Rate(const std::string& from, const std::string& to,
                                      absl::CivilMonth month) const;

 private:
  std::map<std::tuple<std::string, std::string, absl::CivilMonth>, money::Decimal> rates_;
};

}  // namespace attain::compensation::fx

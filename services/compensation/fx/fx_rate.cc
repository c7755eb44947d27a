#include "services/compensation/fx/fx_rate.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace attain::compensation::fx {

std::optional<absl::CivilMonth> ParseMonth(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  int year = 0, month = 0;
  for (size_t i = 0; i < 7; ++i) {
    if (i == 4) continue;
    if (!absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    int& part = i < 4 ? year : month;
    part = part * 10 + (text[i] - '0');
  }
  if (year < 1000 || month < 1 || month > 12) return std::nullopt;
  return absl::CivilMonth(year, month);
}

std::string FormatMonth(absl::CivilMonth month) {
  return absl::StrFormat("%04d-%02d", month.year(), month.month());
}

std::optional<FxRate> ParseFxRate(const FxRateInput& input, const std::string& prefix,
                                  std::vector<errors::FieldViolation>* violations) {
  const size_t before = violations->size();
  auto add = [&](const char* field, std::string description) {
    violations->push_back({absl::StrCat(prefix, ".", field), std::move(description)});
  };
  FxRate rate;
  rate.from_currency = input.from_currency;
  if (!money::IsCurrencyCode(input.from_currency)) {
    add("from_currency", "must be an ISO-4217 code such as EUR");
  }
  rate.to_currency = input.to_currency;
  if (!money::IsCurrencyCode(input.to_currency)) {
    add("to_currency", "must be an ISO-4217 code such as USD");
  } else if (input.to_currency == input.from_currency) {
    add("to_currency", "must differ from from_currency (a currency converts to itself at 1)");
  }
  if (auto month = ParseMonth(input.month)) {
    rate.month = *month;
  } else {
    add("month", "must be a month YYYY-MM");
  }
  auto value = money::Decimal::Parse(input.rate);
  if (!value.ok()) {
    add("rate", "must be a decimal with at most 6 fractional digits, such as 1.0825");
  } else if (*value <= money::Decimal()) {
    add("rate", "must be above 0");
  } else {
    rate.rate = *value;
  }
  if (violations->size() != before) return std::nullopt;
  return rate;
}

void FxTable::Add(const FxRate& rate) {
  rates_[{rate.from_currency, rate.to_currency, rate.month}] = rate.rate;
}

absl::StatusOr<money::Decimal> FxTable::Rate(const std::string& from, const std::string& to,
                                             absl::CivilMonth month) const {
  if (from == to) return money::Decimal::FromUnits(1);
  auto it = rates_.find({from, to, month});
  if (it == rates_.end()) {
    return errors::WithReason(
        absl::FailedPreconditionError(absl::StrCat("no FX rate from ", from, " to ", to, " for ",
                                                   FormatMonth(month))),
        "FX_RATE_MISSING");
  }
  return it->second;
}

absl::StatusOr<money::Decimal> FxTable::Convert(money::Decimal amount, const std::string& from,
                                                const std::string& to,
                                                absl::CivilMonth month) const {
  if (from == to) return amount;
  auto rate = Rate(from, to, month);
  if (!rate.ok()) return rate.status();
  return amount.Mul(*rate);
}

}  // namespace attain::compensation::fx

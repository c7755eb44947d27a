#pragma once
// Booking history: what each account bought, when, for how much.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/errors/errors.h"
#include "common/money/decimal.h"

namespace attain::planning::bookings {

struct Booking {
  int64_t id = 0;  // assigned by the store
  std::string account_id;
  std::string product_id;
  absl::CivilDay date;
  money::Decimal amount;  // negative for a credit or cancellation
  std::string currency;
};

// A booking as received (API or CSV), every field still text.
struct BookingInput {
  std::string account_id;
  std::string product_id;
  std::string date;
  std::string amount;
  std::string currency;
};

// Parses and checks every field; violations are named `prefix` + "." + the proto field.
std::optional<Booking> ParseBooking(const BookingInput& input, const std::string& prefix,
                                    std::vector<errors::FieldViolation>* violations);

// PostgreSQL NUMERIC text ("1250.500000", "-3.000000") in the API's shortest form ("1250.5",
// "-3"); sums may exceed Decimal's range, so this works on the text.
std::string TrimDecimalText(const std::string& text);

}  // namespace attain::planning::bookings

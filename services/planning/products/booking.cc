#include "services/planning/products/booking.h"

#include "services/planning/accounts/field_checks.h"

namespace attain::planning::bookings {

std::optional<Booking> ParseBooking(const BookingInput& input, const std::string& prefix,
                                    std::vector<errors::FieldViolation>* violations) {
  catalog::FieldChecker check(prefix, violations);
  Booking booking;
  booking.account_id = check.Id("account_id", input.account_id);
  booking.product_id = check.Id("product_id", input.product_id);
  auto date = check.Day("booking_date", input.date);
  auto amount = check.Amount("amount", input.amount, true, false);
  booking.currency = check.Currency("currency", input.currency, true);
  if (!check.Clean()) return std::nullopt;
  booking.date = *date;
  booking.amount = *amount;
  return booking;
}

std::string TrimDecimalText(const std::string& text) {
  const size_t dot = text.find('.');
  if (dot == std::string::npos) return text;
  size_t end = text.size();
  while (end > dot + 1 && text[end - 1] == '0') --end;
  if (end == dot + 1) end = dot;
  std::string out = text.substr(0, end);
  return out == "-0" ? "0" : out;
}

}  // namespace attain::planning::bookings

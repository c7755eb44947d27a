#pragma once
// Request fields shared by the statement RPCs: period labels and seller ids.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/errors/errors.h"

namespace attain::compensation::statements {

inline constexpr char kIdRule[] = "must be 1-64 letters, digits, '-', '_' or '.'";

// The canonical label of `label` ("2026-Q4"); INVALID_ARGUMENT naming `field` when it is
// empty or not a period label.
absl::StatusOr<std::string> CanonicalPeriod(const std::string& label, int fiscal_year_start_month,
                                            const std::string& field);
// The same, appending the violation to `violations` instead; "" when invalid.
std::string CanonicalPeriod(const std::string& label, int fiscal_year_start_month,
                            const std::string& field,
                            std::vector<errors::FieldViolation>* violations);

// Characters of UTF-8 text (comments and reasons are limited in characters, not bytes).
// Protobuf has already checked that request strings are UTF-8, so every byte that is not a
// continuation byte (10xxxxxx) starts a character.
inline size_t CharacterCount(const std::string& text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

// INVALID_ARGUMENT naming `field` unless `id` is a seller id (an empty one "is required").
absl::Status CheckSellerId(const std::string& id, const std::string& field);

}  // namespace attain::compensation::statements

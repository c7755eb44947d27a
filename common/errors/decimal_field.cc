#include "common/errors/decimal_field.h"

namespace attain::errors {

std::optional<money::Decimal> ParseDecimalField(const std::string& text, const std::string& field,
                                                std::vector<FieldViolation>* violations,
                                                std::optional<money::Decimal> empty_value) {
  if (text.empty()) {
    if (empty_value) return empty_value;
    violations->push_back({field, "is required"});
    return std::nullopt;
  }
  auto value = money::Decimal::Parse(text);
  if (!value.ok()) {
    violations->push_back({field, "must be a decimal number with at most 6 fractional digits"});
    return std::nullopt;
  }
  return *value;
}

}  // namespace attain::errors

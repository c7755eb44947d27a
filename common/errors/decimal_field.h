#pragma once
// Reading a decimal request field while collecting every violation of a request at once
// (the validation style of every Attain API): an empty text is "is required" unless the
// field has a default; unparsable text is named with the field path.

#include <optional>
#include <string>
#include <vector>

#include "common/errors/errors.h"
#include "common/money/decimal.h"

namespace attain::errors {

// `empty_value` is returned for an empty text when given; otherwise an empty text is a
// violation. Violations are appended to `violations` under `field`.
std::optional<money::Decimal> ParseDecimalField(const std::string& text, const std::string& field,
                                                std::vector<FieldViolation>* violations,
                                                std::optional<money::Decimal> empty_value = std::nullopt);

}  // namespace attain::errors

#pragma once
// "Did you mean ...?" for misspelt variable names.

#include <optional>
#include <string>
#include <string_view>

#include "services/compensation/engine/expr/schema.h"

namespace attain::compensation::expr {

// The schema variable closest to `name` by edit distance, if it is within 2 edits (a typo,
// not a different word); ties go to the first in slot order.
std::optional<std::string> ClosestVariable(std::string_view name, const SlotLayout& layout);

}  // namespace attain::compensation::expr

#pragma once
// Debian's Abseil has its own absl::string_view, distinct from std::string_view; StrCat and
// friends take only the former. This engine's API speaks std::string_view and converts here.

#include <string_view>

#include "absl/strings/string_view.h"

namespace attain::compensation::expr {

inline absl::string_view AbslView(std::string_view text) {
  return absl::string_view(text.data(), text.size());
}

}  // namespace attain::compensation::expr

#pragma once
// PostgreSQL's text COPY format (COPY ... TO STDOUT): one line per row, fields separated by
// tabs, NULL as \N, and backslash escapes for backslash, tab, newline and other control
// characters. Calculation runs read transactions this way: one streamed result instead of
// a result set held in memory.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace attain::compensation::store {

// Splits one row (without its trailing newline) into `fields`. Escaped fields are decoded
// into `scratch`, which the views point into: both stay valid until the next call.
// INVALID_ARGUMENT (an internal fault: PostgreSQL wrote it) on a dangling backslash.
absl::Status SplitCopyTextRow(std::string_view line,
                              std::vector<std::optional<std::string_view>>* fields,
                              std::string* scratch);

}  // namespace attain::compensation::store

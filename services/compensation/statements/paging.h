#pragma once
// Page sizes and filter fingerprints of the statement RPCs' lists (the tokens themselves are
// common/server/page_token.h's).

#include <string>

#include "absl/status/statusor.h"
#include "common/db/idempotency.h"

namespace attain::compensation::statements {

// 0 -> `default_size`, above `max_size` -> `max_size`; negative -> INVALID_ARGUMENT naming
// page_size.
absl::StatusOr<int> PageSize(int requested, int default_size, int max_size);

// What a page token is bound to: the request without its page_token and page_size.
template <typename Request>
std::string FilterFingerprint(Request request) {
  request.clear_page_token();
  request.clear_page_size();
  return db::RequestFingerprint(request.SerializeAsString());
}

}  // namespace attain::compensation::statements

#include "services/compensation/statements/paging.h"

#include <algorithm>

#include "common/errors/errors.h"

namespace attain::compensation::statements {

absl::StatusOr<int> PageSize(int requested, int default_size, int max_size) {
  if (requested < 0) return errors::InvalidField("page_size", "must not be negative");
  if (requested == 0) return default_size;
  return std::min(requested, max_size);
}

}  // namespace attain::compensation::statements

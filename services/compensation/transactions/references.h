#pragma once
// Account, product and seller ids live in the planning service's schema, which compensation
// cannot read. An import asks for the missing ones in batch, through this interface (the
// planning client in the service, an in-memory fake in the benchmark).

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace attain::compensation::transactions {

struct ReferenceIds {
  std::vector<std::string> account_ids;
  std::vector<std::string> product_ids;
  std::vector<std::string> seller_ids;
};

class ReferenceChecker {
 public:
  virtual ~ReferenceChecker() = default;
  // The ids among `ids` that do not exist. UNAVAILABLE (or another error) when the answer
  // cannot be had; the import then writes nothing.
  virtual absl::StatusOr<ReferenceIds> FindMissing(const ReferenceIds& ids) = 0;
};

}  // namespace attain::compensation::transactions

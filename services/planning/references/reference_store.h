#pragma once
// SQL for ReferenceService: which of a batch of ids are absent from the planning schema.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/db/pg.h"

namespace attain::planning::references::store {

// The ids of `ids` with no row in `table` (accounts, products or sellers), sorted. One
// statement whatever the number of ids.
enum class Table { kAccounts, kProducts, kSellers };
absl::StatusOr<std::vector<std::string>> MissingIds(db::PgConn& conn, Table table,
                                                    const std::vector<std::string>& ids);

}  // namespace attain::planning::references::store

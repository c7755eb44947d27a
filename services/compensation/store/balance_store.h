#pragma once
// SQL reading sellers' balances carried into a period: each seller's closing balance in their
// latest earlier published period of the same kind (months after months, quarters after
// quarters, years after years). Read inside a run's snapshot, so the opening balances are
// part of what the run read.

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "common/db/pg.h"
#include "common/money/decimal.h"

namespace attain::compensation::store {

// (seller_id, closing balance) for every seller whose latest earlier statement closed with a
// balance other than 0, by seller id. `period` is a canonical label.
absl::StatusOr<std::vector<std::pair<std::string, money::Decimal>>> LoadOpeningBalances(
    db::PgConn& tx, const std::string& period);

}  // namespace attain::compensation::store

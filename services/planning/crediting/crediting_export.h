#pragma once
// Reads everything ExportCreditingData sends for a date range in one REPEATABLE READ,
// read-only transaction, so sellers, lines, account territories, coverage, products and the
// event sequence all show the same instant of planning.

#include "absl/status/statusor.h"
#include "common/db/pg.h"
#include "services/planning/crediting/crediting_data.h"

namespace attain::planning::crediting {

// Records come sorted by their ids (byte order) and then their first day, so the same
// planning state always exports the same bytes.
absl::StatusOr<CreditingData> ReadCreditingData(db::PgPool& pool, const DaySpan& range);

// Sorts every record kind as ReadCreditingData returns them.
void SortRecords(CreditingData& data);

}  // namespace attain::planning::crediting

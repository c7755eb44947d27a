#pragma once
// Putting a run's transactions in their canonical order, so that any read order gives the
// same inputs, and crediting walks one account at a time.

#include "services/compensation/calculation/run_inputs.h"

namespace attain::compensation::calculation {

// Sorts the transactions (with their sources, keys and attributes) by account, date, source,
// then transaction id when kept, in place and on up to `threads` threads. The split table
// stays as read: split lists are found by offset (rewriting the table in transaction order
// would hold a second copy of it, for no gain in the one pass that reads it).
void SortTransactions(RunTransactions& data, int threads);

}  // namespace attain::compensation::calculation

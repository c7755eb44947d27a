#pragma once
// Deterministic sales transactions in the CSV format of transaction_csv.h, naming the same
// seed's demo accounts (catalog_generator.h, with their currencies), products (priced from
// the list price) and account executives employed at the cutoff (org_generator.h), dated over
// the `months` months up to 2026-10-31. Per row: 55 % orders, 35 % invoices, 4 %
// cancellations and 4 % refunds (half sent negative, half as positive magnitudes, as source
// systems do), 2 % adjustments of either sign; 70 % owned by one rep, 25 % split between two
// (60/40, 50/50 or 70/30), 5 % with an overlay specialist on top; half with attributes.
// The same options always give byte-identical output.

#include <cstdint>
#include <string>

namespace attain::datagen {

struct TransactionOptions {
  uint64_t seed = 42;
  int64_t count = 100000;
  int accounts = 20000;  // the accounts file's --count
  int reps = 200;        // the org file's --reps
  int months = 12;
  std::string source_system = "crm";
};

// Writes the CSV (header included) to `out`, returning how many rows it has.
int64_t WriteTransactionsCsv(const TransactionOptions& options, std::string* out);

}  // namespace attain::datagen

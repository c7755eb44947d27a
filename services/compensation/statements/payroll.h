#pragma once
// The payroll export of a published run: one line per statement and exact per-currency sums.

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/money/decimal.h"

namespace attain::compensation::statements {

// One published statement's payable total.
struct PayrollRow {
  std::string seller_id;
  std::string currency;
  money::Decimal total;
};

struct PayrollLine {
  std::string seller_id;
  std::string currency;
  std::string amount;  // cents, "1234.50"
};

struct Payroll {
  std::vector<PayrollLine> lines;             // in the order of the rows
  std::map<std::string, std::string> totals;  // currency -> exactly the sum of its lines
};

// Lines as two-decimal text and per-currency totals summed with Decimal, so a total is
// exactly the sum of the printed lines. INTERNAL when a total is not whole cents (a run
// rounds every statement to cents), OUT_OF_RANGE when a sum overflows.
absl::StatusOr<Payroll> BuildPayroll(const std::vector<PayrollRow>& rows);

}  // namespace attain::compensation::statements

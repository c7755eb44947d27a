#include "services/compensation/statements/payroll.h"

#include "absl/strings/str_cat.h"

namespace attain::compensation::statements {

absl::StatusOr<Payroll> BuildPayroll(const std::vector<PayrollRow>& rows) {
  Payroll payroll;
  std::map<std::string, money::Decimal> sums;
  payroll.lines.reserve(rows.size());
  for (const PayrollRow& row : rows) {
    if (row.total.RoundToCents() != row.total) {
      return absl::InternalError(
          absl::StrCat("the statement of sellers/", row.seller_id,
                       " has a total that is not whole cents: ", row.total.ToString()));
    }
    auto sum = sums[row.currency].Add(row.total);
    if (!sum.ok()) return sum.status();
    sums[row.currency] = *sum;
    payroll.lines.push_back({row.seller_id, row.currency, row.total.ToFixed(2)});
  }
  for (const auto& [currency, sum] : sums) payroll.totals[currency] = sum.ToFixed(2);
  return payroll;
}

}  // namespace attain::compensation::statements

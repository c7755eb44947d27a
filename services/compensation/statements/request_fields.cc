#include "services/compensation/statements/request_fields.h"

#include "services/compensation/calculation/period_label.h"
#include "services/compensation/transactions/transaction_validation.h"

namespace attain::compensation::statements {

std::string CanonicalPeriod(const std::string& label, int fiscal_year_start_month,
                            const std::string& field,
                            std::vector<errors::FieldViolation>* violations) {
  if (label.empty()) {
    violations->push_back({field, "is required"});
    return "";
  }
  auto period = calculation::ParsePeriod(label, fiscal_year_start_month, field);
  if (period.ok()) return period->label;
  std::vector<errors::FieldViolation> named = errors::FieldViolationsOf(period.status());
  if (named.empty()) named.push_back({field, std::string(period.status().message())});
  violations->insert(violations->end(), named.begin(), named.end());
  return "";
}

absl::StatusOr<std::string> CanonicalPeriod(const std::string& label, int fiscal_year_start_month,
                                            const std::string& field) {
  std::vector<errors::FieldViolation> violations;
  std::string canonical = CanonicalPeriod(label, fiscal_year_start_month, field, &violations);
  if (!violations.empty()) return errors::InvalidFields(std::move(violations));
  return canonical;
}

absl::Status CheckSellerId(const std::string& id, const std::string& field) {
  if (id.empty()) return errors::InvalidField(field, "is required");
  if (!transactions::IsValidId(id)) return errors::InvalidField(field, kIdRule);
  return absl::OkStatus();
}

}  // namespace attain::compensation::statements

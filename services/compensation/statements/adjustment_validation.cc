#include "services/compensation/statements/adjustment_validation.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/errors/decimal_field.h"
#include "common/errors/errors.h"
#include "services/compensation/statements/request_fields.h"
#include "services/compensation/transactions/transaction_validation.h"

namespace attain::compensation::statements {
absl::StatusOr<Adjustment> ParseAdjustment(const v1::Adjustment& input,
                                           int fiscal_year_start_month) {
  std::vector<errors::FieldViolation> violations;
  Adjustment adjustment;
  adjustment.period =
      CanonicalPeriod(input.period(), fiscal_year_start_month, "adjustment.period", &violations);

  adjustment.seller_id = input.seller_id();
  if (adjustment.seller_id.empty()) {
    violations.push_back({"adjustment.seller_id", "is required"});
  } else if (!transactions::IsValidId(adjustment.seller_id)) {
    violations.push_back({"adjustment.seller_id", kIdRule});
  }

  // Proto3 enums are open: a client can send a number this build does not know.
  switch (input.kind()) {
    case v1::ADJUSTMENT_KIND_PAYOUT:
      adjustment.kind = AdjustmentKind::kPayout;
      break;
    case v1::ADJUSTMENT_KIND_CREDIT:
      adjustment.kind = AdjustmentKind::kCredit;
      break;
    case v1::ADJUSTMENT_KIND_UNSPECIFIED:
      violations.push_back({"adjustment.kind", "is required (PAYOUT or CREDIT)"});
      break;
    default:
      violations.push_back({"adjustment.kind", "must be PAYOUT or CREDIT"});
      break;
  }

  if (auto amount = errors::ParseDecimalField(input.amount(), "adjustment.amount", &violations)) {
    if (amount->IsZero()) {
      violations.push_back({"adjustment.amount", "must not be zero"});
    } else {
      adjustment.amount = *amount;
    }
  }

  adjustment.measure_id = input.measure_id();
  const bool credit = input.kind() == v1::ADJUSTMENT_KIND_CREDIT;
  if (credit && adjustment.measure_id.empty()) {
    violations.push_back({"adjustment.measure_id", "is required for a CREDIT adjustment"});
  } else if (credit && !transactions::IsValidId(adjustment.measure_id)) {
    violations.push_back({"adjustment.measure_id", kIdRule});
  } else if (!credit && input.kind() == v1::ADJUSTMENT_KIND_PAYOUT &&
             !adjustment.measure_id.empty()) {
    violations.push_back({"adjustment.measure_id", "must be empty for a PAYOUT adjustment"});
  }

  adjustment.reason = input.reason();
  if (absl::StripAsciiWhitespace(adjustment.reason).empty()) {
    violations.push_back({"adjustment.reason", "is required"});
  } else if (CharacterCount(adjustment.reason) > kMaxReasonChars) {
    violations.push_back(
        {"adjustment.reason", absl::StrCat("must be at most ", kMaxReasonChars, " characters")});
  }

  if (!violations.empty()) return errors::InvalidFields(std::move(violations));
  return adjustment;
}

}  // namespace attain::compensation::statements

#pragma once
// A manual adjustment as the service and the calculation see it: validated, with exact money.
// Adjustments are inputs of their period's next run (docs/compensation.md, "Statements").

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "attain/compensation/v1/calculation.pb.h"
#include "common/money/decimal.h"

namespace attain::compensation::statements {

enum class AdjustmentKind {
  kPayout,  // its own statement line, outside caps
  kCredit,  // added to a measure before the plan is evaluated
};

// "PAYOUT" / "CREDIT": the adjustments.kind column.
const char* KindName(AdjustmentKind kind);
std::optional<AdjustmentKind> ParseKindName(std::string_view name);

struct Adjustment {
  std::string adjustment_id;
  std::string period;  // canonical label ("2026-Q4")
  std::string seller_id;
  AdjustmentKind kind = AdjustmentKind::kPayout;
  money::Decimal amount;   // never zero
  std::string measure_id;  // CREDIT only, else empty
  std::string reason;
  std::string author;  // the creating principal's subject
  int64_t create_time_micros = 0;
};

// "periods/{period}/adjustments/{adjustment_id}"
std::string AdjustmentName(const Adjustment& adjustment);
v1::Adjustment ToProto(const Adjustment& adjustment);
// The outbox payload of "adjustment.created".
std::string ToEventJson(const Adjustment& adjustment);

}  // namespace attain::compensation::statements

#include "services/compensation/calculation/true_ups.h"

#include "absl/strings/str_cat.h"
#include "services/compensation/calculation/statement_proto.h"

namespace attain::compensation::calculation {
namespace {

Decimal Amount(const v1::StatementLine& line) {
  // Stored statements are the service's own output: their amounts always parse.
  return Decimal::Parse(line.amount()).value_or(Decimal());
}

}  // namespace

std::string TrueUpId(const std::string& period) { return absl::StrCat("true-up:", period); }

Decimal OwnEarned(const v1::Statement& statement) {
  Decimal sum;
  for (const v1::StatementLine& line : statement.lines()) {
    const std::optional<calc::LineKind> kind = LineKindFromProto(line.kind());
    if (kind && calc::IsOwnEarning(*kind)) sum = sum.Add(Amount(line)).value_or(sum);
  }
  return sum;
}

Decimal PostedTrueUps(const v1::Statement& statement, const std::string& period) {
  const std::string id = TrueUpId(period);
  Decimal sum;
  for (const v1::StatementLine& line : statement.lines()) {
    if (line.kind() == v1::STATEMENT_LINE_KIND_TRUE_UP && line.id() == id) {
      sum = sum.Add(Amount(line)).value_or(sum);
    }
  }
  return sum;
}

std::optional<calc::Adjustment> TrueUpLine(const TrueUpInput& input) {
  auto difference = input.recomputed.Sub(input.paid);
  if (!difference.ok()) return std::nullopt;
  auto open = difference->Sub(input.posted);
  if (!open.ok() || open->IsZero()) return std::nullopt;
  std::string reason = absl::StrCat("true-up of ", input.period, " (", input.cause, "): recomputed ",
                                    input.recomputed.ToFixed(2), " - paid ", input.paid.ToFixed(2));
  if (!input.posted.IsZero()) absl::StrAppend(&reason, " - trued up before ", input.posted.ToFixed(2));
  return calc::Adjustment{TrueUpId(input.period), *open, reason, "calculation"};
}

}  // namespace attain::compensation::calculation

#include "services/compensation/engine/expr/error.h"

#include <vector>

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace attain::compensation::expr {
namespace {

// Payload "line<US>column<US>message"; the unit separator never occurs in the numbers,
// and the message is taken whole after the second separator.
constexpr absl::string_view kPayloadUrl = "attain.dev/compensation.expr.ExprError";
constexpr char kUnitSeparator = '\x1f';

}  // namespace

absl::Status ErrorAt(absl::StatusCode code, Position position, std::string message) {
  absl::Status status(
      code, absl::StrCat("line ", position.line, ", column ", position.column, ": ", message));
  status.SetPayload(kPayloadUrl, absl::Cord(absl::StrCat(
                                     position.line, std::string(1, kUnitSeparator), position.column,
                                     std::string(1, kUnitSeparator), message)));
  return status;
}

absl::Status CompileErrorAt(Position position, std::string message) {
  return ErrorAt(absl::StatusCode::kInvalidArgument, position, std::move(message));
}

std::optional<ExprError> ErrorOf(const absl::Status& status) {
  absl::optional<absl::Cord> payload = status.GetPayload(kPayloadUrl);
  if (!payload.has_value()) return std::nullopt;
  const std::string text(*payload);
  std::vector<std::string> parts = absl::StrSplit(text, absl::MaxSplits(kUnitSeparator, 2));
  ExprError error;
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[0], &error.line) ||
      !absl::SimpleAtoi(parts[1], &error.column)) {
    return std::nullopt;
  }
  error.message = std::move(parts[2]);
  return error;
}

}  // namespace attain::compensation::expr

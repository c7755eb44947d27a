#pragma once
// Errors that point into the source. Every compile error and every evaluation error that
// belongs to a place in the expression is a Status whose message starts with
// "line L, column C: " and which carries an ExprError as a payload, so plan validation can
// re-anchor it ("components[2].formula: line 1, column 5: ...") without parsing text.
// Lines and columns count from 1; a column counts characters (UTF-8 code points), a tab
// counts as one.

#include <optional>
#include <string>

#include "absl/status/status.h"

namespace attain::compensation::expr {

struct Position {
  int line = 1;
  int column = 1;
  friend bool operator==(const Position&, const Position&) = default;
};

struct ExprError {
  int line = 0;
  int column = 0;
  std::string message;  // without the "line L, column C: " prefix
  friend bool operator==(const ExprError&, const ExprError&) = default;
};

// A status of `code` reading "line L, column C: <message>" that carries the ExprError.
absl::Status ErrorAt(absl::StatusCode code, Position position, std::string message);
// ErrorAt with INVALID_ARGUMENT: how every compile error is made.
absl::Status CompileErrorAt(Position position, std::string message);

// The ExprError carried by a status from this engine; nullopt for OK or any other status.
std::optional<ExprError> ErrorOf(const absl::Status& status);

}  // namespace attain::compensation::expr

#pragma once
// Runs a Program. No allocation and no recursion: a switch over the instructions on a
// fixed-size stack of raw cells. A Program is only read, so any number of threads may run
// the same one at once.

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "services/compensation/engine/expr/program.h"
#include "services/compensation/engine/expr/value.h"

namespace attain::compensation::expr {

// `slots` in the program's slot order (schema.h). Errors carry the position of the operator
// or variable that failed (error.h): OUT_OF_RANGE when a result leaves the Decimal range,
// INVALID_ARGUMENT for division by zero, bad round digits, reversed clamp bounds, and a
// variable that is unbound or bound to a value of another type. Fewer slots than the program
// reads -> INVALID_ARGUMENT without a position.
absl::StatusOr<Value> Execute(const Program& program, absl::Span<const Value> slots);

}  // namespace attain::compensation::expr

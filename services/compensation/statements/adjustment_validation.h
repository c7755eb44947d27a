#pragma once
// Validation of a CreateAdjustment request's adjustment: every violation reported at once,
// each named "adjustment.<field>".

#include <cstddef>

#include "absl/status/statusor.h"
#include "attain/compensation/v1/calculation.pb.h"
#include "services/compensation/statements/adjustment.h"

namespace attain::compensation::statements {

inline constexpr size_t kMaxReasonChars = 500;

// The adjustment with its period canonical; adjustment_id, author and create_time are left
// for the write (the output-only fields of `input` are ignored). INVALID_ARGUMENT carrying
// every field violation otherwise.
absl::StatusOr<Adjustment> ParseAdjustment(const v1::Adjustment& input,
                                           int fiscal_year_start_month);

}  // namespace attain::compensation::statements

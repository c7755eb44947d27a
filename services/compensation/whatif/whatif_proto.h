#pragma once
// The two sides of a what-if as the comparison's SellerResults (a published statement, a
// sandbox seller), and the comparison as the API's WhatIfResult.

#include <string>

#include "absl/status/statusor.h"
#include "attain/compensation/v1/calculation.pb.h"
#include "attain/compensation/v1/whatif.pb.h"
#include "services/compensation/calculation/run_manager.h"
#include "services/compensation/whatif/whatif_comparison.h"

namespace attain::compensation::whatif {

// A published statement. INTERNAL when a component's earnings are not decimal text.
absl::StatusOr<SellerResult> FromStatement(const v1::Statement& statement);

SellerResult FromSandbox(const calculation::SandboxSeller& seller);

// Amounts as decimal text with 2 decimals; `period`, `plan_version`, `actual_run` and `note`
// are left to the caller.
v1::WhatIfResult ToProto(const Comparison& comparison);

}  // namespace attain::compensation::whatif

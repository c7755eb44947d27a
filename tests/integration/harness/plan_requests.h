#pragma once
// The compensation plan integration tests and benchmarks calculate with, as API requests:
// revenue (orders and cancellations) with a graduated commission by amount (5 % up to
// 10 000, 8 % above) and a SPIF of 250 per Analytics order of at least 1 000 dated in the
// month. Expected values in tests/integration/calculation_test.cc are worked out from it.

#include <string>

#include "attain/compensation/v1/plans.pb.h"

namespace attain::itest {

// CreatePlan of `plan_id` (USD, monthly); `month` is "YYYY-MM" (the SPIF runs from its 1st
// to its 28th).
compensation::v1::CreatePlanRequest CommissionAndSpifPlan(const std::string& plan_id,
                                                          const std::string& month,
                                                          const std::string& request_id);

// Assigns `plan_id` directly to `seller_id` for `month` (1st to 28th), target incentive 5000.
compensation::v1::AssignPlanRequest MonthAssignment(const std::string& plan_id,
                                                    const std::string& seller_id,
                                                    const std::string& month,
                                                    const std::string& request_id);

}  // namespace attain::itest

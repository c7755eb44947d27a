#pragma once
// The period lifecycle's rules, without storage: which moves are allowed, and which
// statuses a run may publish over (periods.proto draws the diagram).

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "attain/compensation/v1/periods.pb.h"

namespace attain::compensation::periods {

enum class PeriodStatus { kOpen, kCalculated, kApproved, kLocked };

// "OPEN", "CALCULATED", "APPROVED", "LOCKED" (the database's names).
std::string_view StatusName(PeriodStatus status);
std::optional<PeriodStatus> ParseStatusName(std::string_view name);

v1::PeriodStatus ToProto(PeriodStatus status);
std::optional<PeriodStatus> FromProto(v1::PeriodStatus status);

// OK when a caller may move a period from `from` to `to` with `reason`:
// CALCULATED -> APPROVED, APPROVED -> LOCKED, and APPROVED -> CALCULATED (a reopen, which
// needs a reason). FAILED_PRECONDITION with reason INVALID_PERIOD_TRANSITION otherwise;
// INVALID_ARGUMENT naming "reason" for a reopen without one.
absl::Status CheckTransition(const std::string& period, PeriodStatus from, PeriodStatus to,
                             std::string_view reason);

// Approving or locking `period` needs the period before it (`previous`, of the same kind)
// final — LOCKED, or OPEN (never published) — and published before `period`'s run started:
// `period`'s opening balances came from it. FAILED_PRECONDITION with reason
// PREVIOUS_PERIOD_NOT_FINAL otherwise.
absl::Status CheckPreviousFinal(const std::string& period, const std::string& previous,
                                PeriodStatus previous_status, bool previous_published_after_run);

// OK when a run may publish over a period in `status` (OPEN or CALCULATED);
// FAILED_PRECONDITION with reason PERIOD_APPROVED or PERIOD_LOCKED otherwise.
absl::Status CheckRunnable(const std::string& period, PeriodStatus status);

// OK when manual adjustments may still be added to the period (it is not APPROVED or
// LOCKED: the next run, which would include them, could not publish).
absl::Status CheckAdjustable(const std::string& period, PeriodStatus status);

}  // namespace attain::compensation::periods

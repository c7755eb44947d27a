#include "services/compensation/periods/period_status.h"

#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"

namespace attain::compensation::periods {
namespace {

constexpr std::string_view kNames[] = {"OPEN", "CALCULATED", "APPROVED", "LOCKED"};

bool Allowed(PeriodStatus from, PeriodStatus to) {
  switch (from) {
    case PeriodStatus::kCalculated:
      return to == PeriodStatus::kApproved;
    case PeriodStatus::kApproved:
      return to == PeriodStatus::kLocked || to == PeriodStatus::kCalculated;
    case PeriodStatus::kOpen:
    case PeriodStatus::kLocked:
      return false;
  }
  return false;
}

// Why a period in `status` takes no new results, as the error a caller sees.
absl::Status Frozen(const std::string& period, PeriodStatus status, std::string_view what) {
  if (status == PeriodStatus::kLocked) {
    return errors::WithReason(
        absl::FailedPreconditionError(absl::StrCat(
            "period ", period, " is LOCKED: its published results never change; ", std::string(what),
            " belongs in an open period (changes to a locked period are paid there as true-ups)")),
        "PERIOD_LOCKED");
  }
  return errors::WithReason(
      absl::FailedPreconditionError(absl::StrCat("period ", period, " is APPROVED: reopen it (",
                                                 "TransitionPeriod to CALCULATED) before ", std::string(what))),
      "PERIOD_APPROVED");
}

}  // namespace

std::string_view StatusName(PeriodStatus status) { return kNames[static_cast<int>(status)]; }

std::optional<PeriodStatus> ParseStatusName(std::string_view name) {
  for (int i = 0; i < 4; ++i) {
    if (kNames[i] == name) return static_cast<PeriodStatus>(i);
  }
  return std::nullopt;
}

v1::PeriodStatus ToProto(PeriodStatus status) {
  return static_cast<v1::PeriodStatus>(static_cast<int>(status) + 1);
}

std::optional<PeriodStatus> FromProto(v1::PeriodStatus status) {
  if (status < v1::PERIOD_STATUS_OPEN || status > v1::PERIOD_STATUS_LOCKED) return std::nullopt;
  return static_cast<PeriodStatus>(static_cast<int>(status) - 1);
}

absl::Status CheckTransition(const std::string& period, PeriodStatus from, PeriodStatus to,
                             std::string_view reason) {
  if (!Allowed(from, to)) {
    return errors::WithReason(
        absl::FailedPreconditionError(absl::StrCat("period ", period, " cannot move from ",
                                                   std::string(StatusName(from)), " to ",
                                                   std::string(StatusName(to)))),
        "INVALID_PERIOD_TRANSITION");
  }
  if (from == PeriodStatus::kApproved && to == PeriodStatus::kCalculated && reason.empty()) {
    return errors::InvalidField("reason", "is required to reopen an approved period");
  }
  return absl::OkStatus();
}

absl::Status CheckPreviousFinal(const std::string& period, const std::string& previous,
                                PeriodStatus previous_status, bool previous_published_after_run) {
  if (previous_status != PeriodStatus::kLocked && previous_status != PeriodStatus::kOpen) {
    return errors::WithReason(
        absl::FailedPreconditionError(absl::StrCat(
            "period ", period, " follows ", previous, ", which is ",
            std::string(StatusName(previous_status)), ": lock ", previous,
            " first (balances carry from it into ", period, ")")),
        "PREVIOUS_PERIOD_NOT_FINAL");
  }
  if (previous_published_after_run) {
    return errors::WithReason(
        absl::FailedPreconditionError(absl::StrCat(
            previous, " was published after ", period, "'s run started: run ", period,
            " again so its opening balances come from ", previous, "'s final results")),
        "PREVIOUS_PERIOD_NOT_FINAL");
  }
  return absl::OkStatus();
}

absl::Status CheckRunnable(const std::string& period, PeriodStatus status) {
  if (status == PeriodStatus::kOpen || status == PeriodStatus::kCalculated) {
    return absl::OkStatus();
  }
  return Frozen(period, status, "a new run");
}

absl::Status CheckAdjustable(const std::string& period, PeriodStatus status) {
  if (status == PeriodStatus::kOpen || status == PeriodStatus::kCalculated) {
    return absl::OkStatus();
  }
  return Frozen(period, status, "an adjustment");
}

}  // namespace attain::compensation::periods

// The period lifecycle's rules: every (from, to) pair, reopen reasons, and which statuses
// take runs and adjustments.
#include <gtest/gtest.h>

#include "services/compensation/periods/period_status.h"

namespace attain::compensation::periods {
namespace {

constexpr PeriodStatus kAll[] = {PeriodStatus::kOpen, PeriodStatus::kCalculated,
                                 PeriodStatus::kApproved, PeriodStatus::kLocked};

TEST(PeriodStatusTest, OnlyApproveLockAndReopenAreMoves) {
  int allowed = 0;
  for (PeriodStatus from : kAll) {
    for (PeriodStatus to : kAll) {
      const absl::Status status = CheckTransition("2026-10", from, to, "a reason");
      const bool expected = (from == PeriodStatus::kCalculated && to == PeriodStatus::kApproved) ||
                            (from == PeriodStatus::kApproved && to == PeriodStatus::kLocked) ||
                            (from == PeriodStatus::kApproved && to == PeriodStatus::kCalculated);
      EXPECT_EQ(status.ok(), expected) << StatusName(from) << " -> " << StatusName(to);
      if (!status.ok()) {
        EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
        EXPECT_EQ(status.message(), "period 2026-10 cannot move from " + std::string(StatusName(from)) +
                                        " to " + std::string(StatusName(to)));
      }
      allowed += status.ok();
    }
  }
  EXPECT_EQ(allowed, 3);
}

TEST(PeriodStatusTest, ReopenNeedsAReasonOtherMovesDoNot) {
  const absl::Status reopen = CheckTransition("2026-10", PeriodStatus::kApproved, PeriodStatus::kCalculated, "");
  EXPECT_EQ(reopen.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(reopen.ToString().find("reason"), std::string::npos) << reopen;
  EXPECT_TRUE(CheckTransition("2026-10", PeriodStatus::kCalculated, PeriodStatus::kApproved, "").ok());
  EXPECT_TRUE(CheckTransition("2026-10", PeriodStatus::kApproved, PeriodStatus::kLocked, "").ok());
}

TEST(PeriodStatusTest, RunsAndAdjustmentsOnlyBeforeApproval) {
  for (PeriodStatus status : kAll) {
    const bool open = status == PeriodStatus::kOpen || status == PeriodStatus::kCalculated;
    EXPECT_EQ(CheckRunnable("2026-10", status).ok(), open) << StatusName(status);
    EXPECT_EQ(CheckAdjustable("2026-10", status).ok(), open) << StatusName(status);
  }
  const absl::Status locked = CheckRunnable("2026-10", PeriodStatus::kLocked);
  EXPECT_EQ(locked.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(locked.message().find("period 2026-10 is LOCKED"), std::string::npos) << locked;
  const absl::Status approved = CheckAdjustable("2026-10", PeriodStatus::kApproved);
  EXPECT_NE(approved.message().find("reopen it"), std::string::npos) << approved;
}

TEST(PeriodStatusTest, ApprovalNeedsTheFinalPreviousPeriodPublishedBeforeTheRun) {
  EXPECT_TRUE(CheckPreviousFinal("2026-10", "2026-09", PeriodStatus::kLocked, false).ok());
  EXPECT_TRUE(CheckPreviousFinal("2026-10", "2026-09", PeriodStatus::kOpen, false).ok());
  for (PeriodStatus unfinished : {PeriodStatus::kCalculated, PeriodStatus::kApproved}) {
    const absl::Status refused = CheckPreviousFinal("2026-10", "2026-09", unfinished, false);
    EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_NE(refused.message().find("lock 2026-09 first"), std::string::npos) << refused;
  }
  const absl::Status stale = CheckPreviousFinal("2026-10", "2026-09", PeriodStatus::kLocked, true);
  EXPECT_EQ(stale.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(stale.message(),
            "2026-09 was published after 2026-10's run started: run 2026-10 again so its opening "
            "balances come from 2026-09's final results");
}

TEST(PeriodStatusTest, NamesAndProtoValuesRoundTrip) {
  for (PeriodStatus status : kAll) {
    EXPECT_EQ(ParseStatusName(StatusName(status)), status);
    EXPECT_EQ(FromProto(ToProto(status)), status);
  }
  EXPECT_EQ(ToProto(PeriodStatus::kLocked), v1::PERIOD_STATUS_LOCKED);
  EXPECT_EQ(FromProto(v1::PERIOD_STATUS_UNSPECIFIED), std::nullopt);
  EXPECT_EQ(ParseStatusName("PAID"), std::nullopt);
}

}  // namespace
}  // namespace attain::compensation::periods

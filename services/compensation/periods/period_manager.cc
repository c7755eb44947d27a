#include "services/compensation/periods/period_manager.h"

#include <google/protobuf/util/time_util.h>

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/db/idempotency.h"
#include "common/errors/errors.h"
#include "common/server/page_token.h"
#include "services/compensation/calculation/period_label.h"
#include "services/compensation/periods/period_status.h"
#include "services/compensation/statements/paging.h"
#include "services/compensation/statements/request_fields.h"
#include "services/compensation/store/period_store.h"

namespace attain::compensation::periods {
namespace {

constexpr char kTransitionMethod[] = "TransitionPeriod";
constexpr size_t kMaxReason = 500;

std::string RunName(const std::string& period, int run_number) {
  return absl::StrCat("periods/", period, "/runs/", run_number);
}

v1::Period ToProto(const std::string& period, const std::optional<store::PeriodRow>& row) {
  v1::Period out;
  out.set_name(absl::StrCat("periods/", period));
  out.set_period(period);
  if (!row) {
    out.set_status(v1::PERIOD_STATUS_OPEN);
    return out;
  }
  out.set_status(periods::ToProto(row->status));
  out.set_published_run(RunName(period, row->published_run_number));
  auto payable = nlohmann::json::parse(row->total_payable_json, nullptr, false);
  if (payable.is_object()) {
    for (const auto& [currency, amount] : payable.items()) {
      if (amount.is_string()) (*out.mutable_total_payable())[currency] = amount.get<std::string>();
    }
  }
  return out;
}

absl::Status AddHistory(db::PgConn& conn, v1::Period* period) {
  auto transitions = store::LoadTransitions(conn, period->period());
  if (!transitions.ok()) return transitions.status();
  for (const store::PeriodTransitionRow& t : *transitions) {
    v1::PeriodTransition* out = period->add_history();
    out->set_from_status(periods::ToProto(t.from_status));
    out->set_to_status(periods::ToProto(t.to_status));
    out->set_actor(t.actor);
    out->set_reason(t.reason);
    out->set_run(RunName(period->period(), t.run_number));
    *out->mutable_time() = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(t.time_micros);
  }
  return absl::OkStatus();
}

// "compensation.period.approved", ".locked" or ".reopened".
std::string EventType(PeriodStatus to) {
  switch (to) {
    case PeriodStatus::kApproved:
      return "compensation.period.approved";
    case PeriodStatus::kLocked:
      return "compensation.period.locked";
    default:
      return "compensation.period.reopened";
  }
}

}  // namespace

absl::Status PeriodManager::CheckPreviousFinal(db::PgConn& tx, const std::string& label) {
  auto period = calculation::ParsePeriod(label, fiscal_year_start_month_);
  if (!period.ok()) return period.status();
  auto previous = calculation::PeriodBefore(*period, fiscal_year_start_month_);
  if (!previous.ok()) return absl::OkStatus();  // the first period there can be
  auto before = store::LoadPreviousPeriod(tx, label, previous->label);
  if (!before.ok()) return before.status();
  return periods::CheckPreviousFinal(label, previous->label, before->status,
                                     before->published_after_run);
}

absl::StatusOr<v1::Period> PeriodManager::Get(const v1::GetPeriodRequest& request) {
  auto period = statements::CanonicalPeriod(request.period(), fiscal_year_start_month_, "period");
  if (!period.ok()) return period.status();
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto row = store::LoadPeriod(**lease, *period, /*for_update=*/false);
  if (!row.ok()) return row.status();
  v1::Period out = ToProto(*period, *row);
  if (*row) {
    if (auto history = AddHistory(**lease, &out); !history.ok()) return history;
  }
  return out;
}

absl::StatusOr<v1::ListPeriodsResponse> PeriodManager::List(const v1::ListPeriodsRequest& request) {
  auto page_size = server::EffectivePageSize(request.page_size());
  if (!page_size.ok()) return page_size.status();
  const std::string filter_key = statements::FilterFingerprint(request);
  auto after = server::DecodePageToken(request.page_token(), filter_key);
  if (!after.ok()) return after.status();
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto rows = store::ListPeriods(**lease, *after, *page_size + 1);
  if (!rows.ok()) return rows.status();
  v1::ListPeriodsResponse response;
  for (size_t i = 0; i < rows->size() && i < static_cast<size_t>(*page_size); ++i) {
    *response.add_periods() = ToProto((*rows)[i].period, (*rows)[i]);
  }
  if (rows->size() > static_cast<size_t>(*page_size)) {
    response.set_next_page_token(
        server::EncodePageToken(filter_key, response.periods().rbegin()->period()));
  }
  return response;
}

absl::StatusOr<v1::Period> PeriodManager::Transition(const auth::Principal& principal,
                                                     const v1::TransitionPeriodRequest& request) {
  auto period = statements::CanonicalPeriod(request.period(), fiscal_year_start_month_, "period");
  if (!period.ok()) return period.status();
  auto target = FromProto(request.target_status());
  if (!target || *target == PeriodStatus::kOpen) {
    return errors::InvalidField("target_status", "must be APPROVED, LOCKED or CALCULATED");
  }
  const std::string reason(absl::StripAsciiWhitespace(request.reason()));
  if (reason.size() > kMaxReason) {
    return errors::InvalidField("reason", "must be at most 500 characters");
  }
  if (request.request_id().size() > 200) {
    return errors::InvalidField("request_id", "must be at most 200 characters");
  }
  auto moved = db::IdempotentWrite<v1::Period>(
      *pool_, request.request_id(), kTransitionMethod, request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::Period> {
        auto row = store::LoadPeriod(tx, *period, /*for_update=*/true);
        if (!row.ok()) return row.status();
        const PeriodStatus from = *row ? (*row)->status : PeriodStatus::kOpen;
        if (auto allowed = CheckTransition(*period, from, *target, reason); !allowed.ok()) {
          return allowed;
        }
        if (*target != PeriodStatus::kCalculated) {
          if (auto ordered = CheckPreviousFinal(tx, *period); !ordered.ok()) return ordered;
        }
        // A run in progress would publish over an approval; a move waits for it instead.
        auto free = store::TryLockPeriodUntilCommit(tx, *period);
        if (!free.ok()) return free.status();
        if (!*free) {
          return errors::WithReason(
              absl::FailedPreconditionError(absl::StrCat(
                  "a run of period ", *period, " is in progress; move the period after it ends")),
              "RUN_IN_PROGRESS");
        }
        if (auto s = store::MovePeriod(tx, **row, *target, principal.subject, reason);
            !s.ok()) {
          return s;
        }
        nlohmann::json event = {{"period", *period},
                                {"from", std::string(StatusName(from))},
                                {"to", std::string(StatusName(*target))},
                                {"run", RunName(*period, (*row)->published_run_number)},
                                {"actor", principal.subject}};
        if (auto s = events::Append(tx, EventType(*target), absl::StrCat("periods/", *period),
                                    event.dump());
            !s.ok()) {
          return s;
        }
        (*row)->status = *target;
        v1::Period out = ToProto(*period, *row);
        if (auto history = AddHistory(tx, &out); !history.ok()) return history;
        return out;
      });
  if (moved.ok()) relay_->Notify();
  return moved;
}

}  // namespace attain::compensation::periods

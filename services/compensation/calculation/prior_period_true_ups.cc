#include "services/compensation/calculation/prior_period_true_ups.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/compensation/calculation/true_ups.h"
#include "services/compensation/store/period_store.h"
#include "services/compensation/store/true_up_store.h"

namespace attain::compensation::calculation {
namespace {

// A locked period with what it published.
struct LockedPeriod {
  Period period;
  store::PublishedRunInputs run;
  absl::flat_hash_map<std::string, v1::Statement> statements;  // by seller id
};

// The LOCKED periods right before `open`, newest first.
absl::StatusOr<std::vector<LockedPeriod>> LockedBefore(db::PgConn& conn, const Period& open,
                                                       int fiscal_year_start_month) {
  std::vector<LockedPeriod> locked;
  Period at = open;
  while (locked.size() < static_cast<size_t>(kMaxTrueUpPeriods)) {
    auto before = PeriodBefore(at, fiscal_year_start_month);
    if (!before.ok()) break;  // before the year 2000
    auto status = store::LoadPeriodStatus(conn, before->label, /*for_update=*/false);
    if (!status.ok()) return status.status();
    if (*status != periods::PeriodStatus::kLocked) break;
    LockedPeriod& period = locked.emplace_back();
    period.period = *before;
    auto run = store::LoadPublishedRunInputs(conn, before->label);
    if (!run.ok()) return run.status();
    period.run = *run;
    auto rows = store::LoadRunStatements(conn, run->run_id);
    if (!rows.ok()) return rows.status();
    for (const auto& [seller, body] : *rows) {
      if (!period.statements[seller].ParseFromString(body)) {
        return absl::InternalError(absl::StrCat("the locked statement of ", seller, " in ",
                                                before->label, " is unreadable"));
      }
    }
    at = *before;
  }
  return locked;
}

// Why a locked period's results moved: what changed among the inputs it read.
std::string Cause(const store::LateTransactions& late, bool inputs_changed) {
  std::vector<std::string> parts;
  if (late.count > 0) {
    parts.push_back(absl::StrCat("late or changed transactions: ", late.count, " (",
                                 absl::StrJoin(late.examples, ", "), late.count > 3 ? ", ..." : "",
                                 ")"));
  }
  if (inputs_changed) parts.push_back("organization, territory, quota or FX rate change");
  if (parts.empty()) parts.push_back("plan, assignment or adjustment change");
  return absl::StrJoin(parts, "; ");
}

}  // namespace

absl::StatusOr<TrueUps> PriorPeriodTrueUps(db::PgPool& pool, const Period& open,
                                           int fiscal_year_start_month, const Recompute& recompute) {
  auto conn = pool.Acquire();
  if (!conn.ok()) return conn.status();
  auto locked = LockedBefore(**conn, open, fiscal_year_start_month);
  if (!locked.ok()) return locked.status();
  TrueUps true_ups;
  for (size_t i = locked->size(); i-- > 0;) {  // oldest first
    const LockedPeriod& l = (*locked)[i];
    auto late = store::FindLateTransactions(**conn, l.period.year_start, l.period.last,
                                            l.run.import_watermark);
    if (!late.ok()) return late.status();
    auto recomputed = recompute(l.period);
    if (!recomputed.ok()) return recomputed.status();
    const std::string cause = Cause(*late, recomputed->inputs_digest != l.run.planning_digest);
    absl::flat_hash_map<std::string, bool> sellers;
    for (const auto& [seller, statement] : l.statements) sellers[seller] = true;
    for (const auto& [seller, earned] : recomputed->own_earned) sellers[seller] = true;
    for (const auto& [seller, unused] : sellers) {
      TrueUpInput input{l.period.label, cause, {}, {}, {}};
      if (auto it = recomputed->own_earned.find(seller); it != recomputed->own_earned.end()) {
        input.recomputed = it->second;
      }
      if (auto it = l.statements.find(seller); it != l.statements.end()) {
        input.paid = OwnEarned(it->second);
      }
      for (size_t later = 0; later < i; ++later) {
        auto it = (*locked)[later].statements.find(seller);
        if (it == (*locked)[later].statements.end()) continue;
        auto sum = input.posted.Add(PostedTrueUps(it->second, l.period.label));
        if (!sum.ok()) return sum.status();
        input.posted = *sum;
      }
      if (auto line = TrueUpLine(input)) true_ups[seller].push_back(*std::move(line));
    }
  }
  return true_ups;
}

}  // namespace attain::compensation::calculation

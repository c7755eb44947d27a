#include "services/compensation/mbo/score_access.h"

#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"
#include "common/time/dates.h"

namespace attain::compensation::mbo {
namespace {

const char* Verb(ScoreAction action) { return action == ScoreAction::kSet ? "set" : "list"; }

absl::Status Denied(std::string message) {
  return errors::WithReason(absl::PermissionDeniedError(std::move(message)), "OUTSIDE_CALLER_SCOPE");
}

}  // namespace

ScoreScope ScopeOf(const auth::Principal& principal, ScoreAction action) {
  using auth::Role;
  if (principal.Has(Role::kAdmin) || principal.Has(Role::kCompAdmin)) return ScoreScope::kEveryone;
  if (action == ScoreAction::kList && principal.Has(Role::kFinance)) return ScoreScope::kEveryone;
  // A subject-less token names no seller, so nobody reports to it.
  if (principal.Has(Role::kManager) && !principal.subject.empty()) return ScoreScope::kReports;
  return ScoreScope::kNone;
}

absl::Status CheckReport(const auth::Principal& principal, ScoreAction action,
                         const std::string& seller_id, const absl::flat_hash_set<std::string>& reports,
                         absl::CivilDay day) {
  if (action == ScoreAction::kList && seller_id == principal.subject) return absl::OkStatus();
  if (seller_id != principal.subject && reports.contains(seller_id)) return absl::OkStatus();
  const std::string why = seller_id == principal.subject
                              ? "nobody sets their own"
                              : absl::StrCat("they do not report to you on ", dates::Format(day));
  return Denied(absl::StrCat("not allowed to ", Verb(action), " the MBO scores of sellers/",
                             seller_id, ": ", why));
}

absl::Status NoScoreAccess(ScoreAction action) {
  return Denied(absl::StrCat("not allowed to ", Verb(action), " MBO scores"));
}

}  // namespace attain::compensation::mbo

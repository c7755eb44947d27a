#pragma once
// Whose MBO scores a caller sets and lists. Pure: the manager passes the principal and, for a
// manager, their reports on the period's last day (planning's organization).
//
//   set:  admin, comp_admin: every seller; manager: the sellers below them (not themselves:
//         nobody scores their own objectives);
//   list: admin, comp_admin, finance: every seller; manager: themselves and those below them.
//
// Any other caller, and a manager naming someone else, gets PERMISSION_DENIED with reason
// OUTSIDE_CALLER_SCOPE (statement_access.h's convention).

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "common/auth/principal.h"

namespace attain::compensation::mbo {

enum class ScoreAction { kSet, kList };

enum class ScoreScope {
  kEveryone,
  kReports,  // a manager: their reports (and, to list, themselves)
  kNone,
};

ScoreScope ScopeOf(const auth::Principal& principal, ScoreAction action);

// OK when a caller of scope kReports may `action` the scores of `seller_id`, given the
// caller's `reports` on `day` (the period's last day); PERMISSION_DENIED otherwise.
absl::Status CheckReport(const auth::Principal& principal, ScoreAction action,
                         const std::string& seller_id, const absl::flat_hash_set<std::string>& reports,
                         absl::CivilDay day);

// PERMISSION_DENIED (OUTSIDE_CALLER_SCOPE) for a caller of scope kNone.
absl::Status NoScoreAccess(ScoreAction action);

}  // namespace attain::compensation::mbo

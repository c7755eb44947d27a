#pragma once
// Who reads which statement (and its explanation). Pure: the handlers pass the principal and
// the statement's `managers` (the seller's managers on the period's last day).
//
//   admin, comp_admin, finance: every statement;
//   manager: their own and every statement whose managers include them (their subtree);
//   rep: their own only.
//
// A refused read is PERMISSION_DENIED (reason OUTSIDE_CALLER_SCOPE). A caller who cannot
// read every statement and asks for another seller whose statement does not exist also gets
// PERMISSION_DENIED, never NOT_FOUND, so the answer does not reveal who has a statement.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/auth/principal.h"

namespace attain::compensation::statements {

enum class StatementScope {
  kEveryone,  // admin, comp_admin, finance
  kSubtree,   // manager: self and reports
  kSelf,      // rep
  kNone,      // any other role
};

// The widest scope among the principal's roles.
StatementScope ScopeOf(const auth::Principal& principal);

// Before anything is loaded: PERMISSION_DENIED when no statement of `seller_id` could be
// readable (a rep asking for someone else; a role without statement access).
absl::Status CheckMayRequest(const auth::Principal& principal, const std::string& seller_id);

// PERMISSION_DENIED unless `principal` may read the statement of `seller_id` whose
// managers are `managers`.
absl::Status CheckRead(const auth::Principal& principal, const std::string& seller_id,
                       const std::vector<std::string>& managers);

// The answer when the published run of `period` has no statement for `seller_id`: NOT_FOUND
// to a caller who may read every statement or asks for their own, PERMISSION_DENIED to
// anyone else (see the file comment).
absl::Status MissingStatement(const auth::Principal& principal, const std::string& seller_id,
                              const std::string& period);

}  // namespace attain::compensation::statements

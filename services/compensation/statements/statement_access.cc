#include "services/compensation/statements/statement_access.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"

namespace attain::compensation::statements {
namespace {

absl::Status Denied(const std::string& seller_id) {
  return errors::WithReason(absl::PermissionDeniedError(absl::StrCat(
                                "not allowed to read statements of sellers/", seller_id)),
                            "OUTSIDE_CALLER_SCOPE");
}

}  // namespace

StatementScope ScopeOf(const auth::Principal& principal) {
  using auth::Role;
  if (principal.Has(Role::kAdmin) || principal.Has(Role::kCompAdmin) ||
      principal.Has(Role::kFinance)) {
    return StatementScope::kEveryone;
  }
  // A subject-less token names no seller, so it can read no seller's statement.
  if (principal.subject.empty()) return StatementScope::kNone;
  if (principal.Has(Role::kManager)) return StatementScope::kSubtree;
  if (principal.Has(Role::kRep)) return StatementScope::kSelf;
  return StatementScope::kNone;
}

absl::Status CheckMayRequest(const auth::Principal& principal, const std::string& seller_id) {
  switch (ScopeOf(principal)) {
    case StatementScope::kEveryone:
    case StatementScope::kSubtree:
      return absl::OkStatus();
    case StatementScope::kSelf:
      return seller_id == principal.subject ? absl::OkStatus() : Denied(seller_id);
    case StatementScope::kNone:
      break;
  }
  return Denied(seller_id);
}

absl::Status CheckRead(const auth::Principal& principal, const std::string& seller_id,
                       const std::vector<std::string>& managers) {
  switch (ScopeOf(principal)) {
    case StatementScope::kEveryone:
      return absl::OkStatus();
    case StatementScope::kSubtree:
      if (seller_id == principal.subject ||
          std::find(managers.begin(), managers.end(), principal.subject) != managers.end()) {
        return absl::OkStatus();
      }
      return Denied(seller_id);
    case StatementScope::kSelf:
      return seller_id == principal.subject ? absl::OkStatus() : Denied(seller_id);
    case StatementScope::kNone:
      break;
  }
  return Denied(seller_id);
}

absl::Status MissingStatement(const auth::Principal& principal, const std::string& seller_id,
                              const std::string& period) {
  const StatementScope scope = ScopeOf(principal);
  if (scope == StatementScope::kEveryone ||
      (scope != StatementScope::kNone && seller_id == principal.subject)) {
    return absl::NotFoundError(
        absl::StrCat("periods/", period, "/statements/", seller_id, " not found"));
  }
  return Denied(seller_id);
}

}  // namespace attain::compensation::statements

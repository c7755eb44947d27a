#pragma once
// Who is calling: the verified subject and roles from a bearer token.

#include <string>
#include <string_view>

#include "absl/container/flat_hash_set.h"

namespace attain::auth {

enum class Role { kAdmin, kCompAdmin, kFinance, kPlanner, kManager, kRep, kAnalyst, kService };

// Every role, for tables and tests that must cover them all.
inline constexpr Role kAllRoles[] = {Role::kAdmin,   Role::kCompAdmin, Role::kFinance,
                                     Role::kPlanner, Role::kManager,   Role::kRep,
                                     Role::kAnalyst, Role::kService};

// "admin", "comp_admin", "finance", "planner", "manager", "rep", "analyst", "service".
const char* RoleName(Role role);
bool ParseRole(std::string_view name, Role* out);

struct Principal {
  std::string subject;  // a seller id for reps and managers; a user or service id otherwise
  absl::flat_hash_set<Role> roles;
  bool Has(Role role) const { return roles.contains(role); }
};

}  // namespace attain::auth

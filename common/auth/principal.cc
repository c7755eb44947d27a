#include "common/auth/principal.h"

namespace attain::auth {
namespace {

struct RoleEntry {
  Role role;
  std::string_view name;
};

// The wire names of roles as they appear in a token's "roles" claim.
constexpr RoleEntry kRoles[] = {
    {Role::kAdmin, "admin"},     {Role::kCompAdmin, "comp_admin"}, {Role::kFinance, "finance"},
    {Role::kPlanner, "planner"}, {Role::kManager, "manager"},      {Role::kRep, "rep"},
    {Role::kAnalyst, "analyst"}, {Role::kService, "service"},
};

}  // namespace

const char* RoleName(Role role) {
  for (const RoleEntry& entry : kRoles) {
    if (entry.role == role) return entry.name.data();  // literals are NUL-terminated
  }
  return "unknown";
}

bool ParseRole(std::string_view name, Role* out) {
  for (const RoleEntry& entry : kRoles) {
    if (entry.name == name) {
      *out = entry.role;
      return true;
    }
  }
  return false;
}

}  // namespace attain::auth

#pragma once
// The per-method authorization policy: which roles may call which RPC. Every RPC of every
// service must have an entry; a method without one is denied (deny by default), and a test
// walks the protobuf descriptors to prove every method is listed.

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "common/auth/principal.h"

namespace attain::auth {

class PolicyTable {
 public:
  // method: full gRPC method path "/attain.planning.v1.OrganizationService/GetSeller".
  PolicyTable& Allow(std::string_view method, std::initializer_list<Role> roles);
  // OK when the principal holds at least one allowed role (admin is always allowed on a
  // listed method); PERMISSION_DENIED naming the method otherwise, and for unknown methods
  // even to admin.
  absl::Status Check(std::string_view method, const Principal& principal) const;
  bool Contains(std::string_view method) const;
  std::vector<std::string> Methods() const;

 private:
  absl::flat_hash_map<std::string, absl::flat_hash_set<Role>> allowed_;
};

// The policy for every Attain RPC across all services (one table, reviewed in one place).
const PolicyTable& AttainPolicy();

}  // namespace attain::auth

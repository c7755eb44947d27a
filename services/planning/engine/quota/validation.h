#pragma once
// Field violations for the quota engine. The engine is pure (no protobuf), so it cannot
// build google.rpc.BadRequest itself: a failing request returns INVALID_ARGUMENT whose
// message lists every violation and which carries them as a payload; the gRPC adapter
// reads them back with ViolationsOf() and passes them to errors::InvalidFields().
// Field paths follow the request structs' member names: "levels[1].weights[3].weight".

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace attain::planning::quota {

struct Violation {
  std::string field;
  std::string description;
  friend bool operator==(const Violation&, const Violation&) = default;
};

class Violations {
 public:
  void Add(std::string field, std::string description);
  bool empty() const { return list_.empty(); }
  const std::vector<Violation>& list() const { return list_; }
  // OK when empty; otherwise INVALID_ARGUMENT carrying every violation.
  absl::Status ToStatus() const;

 private:
  std::vector<Violation> list_;
};

// The violations carried by a status from this engine (empty when it carries none).
std::vector<Violation> ViolationsOf(const absl::Status& status);

// "levels" + 1 -> "levels[1]".
std::string Indexed(const std::string& field, size_t index);

}  // namespace attain::planning::quota

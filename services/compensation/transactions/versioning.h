#pragma once
// What an import does with each valid row, given the version stored for its key. Every
// version is kept: a changed row adds version n + 1 and the old one is marked superseded at
// the same instant, so "the transactions as of T" is, per key, the version imported at or
// before T and not superseded at or before T.

#include <cstdint>
#include <optional>

#include "services/compensation/transactions/content_digest.h"

namespace attain::compensation::transactions {

// The current (not superseded) version stored for a key.
struct StoredHead {
  int64_t version = 0;
  Digest digest{};
};

enum class Outcome {
  kInserted,    // first time this key is seen: version 1
  kNewVersion,  // content changed: stored version + 1
  kUnchanged,   // same content as the stored version: nothing is written
};

struct Decision {
  Outcome outcome = Outcome::kInserted;
  int64_t version = 1;  // the version written, or for kUnchanged the stored one
};

Decision Decide(const Digest& digest, const std::optional<StoredHead>& head);

struct ImportCounts {
  int32_t received = 0;
  int32_t inserted = 0;
  int32_t new_versions = 0;
  int32_t unchanged = 0;
  int32_t rejected = 0;
  void Count(Outcome outcome);
};

}  // namespace attain::compensation::transactions

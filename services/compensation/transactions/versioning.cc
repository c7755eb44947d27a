#include "services/compensation/transactions/versioning.h"

namespace attain::compensation::transactions {

Decision Decide(const Digest& digest, const std::optional<StoredHead>& head) {
  if (!head) return {Outcome::kInserted, 1};
  if (head->digest == digest) return {Outcome::kUnchanged, head->version};
  return {Outcome::kNewVersion, head->version + 1};
}

void ImportCounts::Count(Outcome outcome) {
  switch (outcome) {
    case Outcome::kInserted: ++inserted; break;
    case Outcome::kNewVersion: ++new_versions; break;
    case Outcome::kUnchanged: ++unchanged; break;
  }
}

}  // namespace attain::compensation::transactions

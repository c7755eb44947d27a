#pragma once
// The effective-dated organization indexed for crediting: each seller's reporting lines,
// each account's territories and each territory's coverage, sorted so a lookup scans only
// the few periods of one entity. Built once per calculation run; immutable afterwards and
// safe to share between threads.

#include <span>
#include <vector>

#include "services/compensation/engine/credit/inputs.h"

namespace attain::compensation::credit {

class OrgIndex {
 public:
  OrgIndex(size_t sellers, size_t accounts, size_t territories, std::vector<ReportingLine> lines,
           std::vector<AccountTerritory> account_territories, std::vector<Coverage> coverage);

  // The seller's manager on `day`, or kNone.
  uint32_t ManagerOn(uint32_t seller, Day day) const;
  // Every reporting line of the seller (any day).
  std::span<const ReportingLine> LinesOf(uint32_t seller) const;
  // Every territory period of the account (any day); callers check `when`.
  std::span<const AccountTerritory> TerritoriesOf(uint32_t account) const;
  // Every coverage period of the territory (any day); callers check `when`.
  std::span<const Coverage> CoverageOf(uint32_t territory) const;

  size_t sellers() const { return seller_lines_.size() - 1; }
  size_t accounts() const { return account_offsets_.size() - 1; }

 private:
  // CSR layout: entries of entity i are [offsets[i], offsets[i + 1]).
  std::vector<uint32_t> seller_lines_;
  std::vector<ReportingLine> lines_;
  std::vector<uint32_t> account_offsets_;
  std::vector<AccountTerritory> account_territories_;
  std::vector<uint32_t> territory_offsets_;
  std::vector<Coverage> coverage_;
};

}  // namespace attain::compensation::credit

#pragma once
// What an import changed, for its outbox event: the calculation service recalculates the
// sellers and months named here. A new version changes credit for the sellers and month of
// both the old and the new version, so both are added.

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/time/civil_time.h"
#include "services/compensation/transactions/versioning.h"

namespace attain::compensation::transactions {

class ChangeSummary {
 public:
  // More sellers than this are reported as "all_sellers": true instead of a list.
  static constexpr size_t kMaxListedSellers = 10'000;

  void Add(absl::CivilMonth month, const std::vector<std::string>& seller_ids);
  bool empty() const { return months_.empty(); }

  // {"months": ["2026-01", ...], "first_date"/"last_date" of those months,
  //  "seller_ids": [...] or "all_sellers": true}. Transactions without any seller add their
  // months but no seller.
  nlohmann::json ToJson() const;

 private:
  std::set<absl::CivilMonth> months_;
  std::set<std::string> sellers_;
  bool too_many_sellers_ = false;
};

// The event payload of an import: its id, request, counts and ChangeSummary.
nlohmann::json ImportEventPayload(int64_t import_id, const std::string& request_id,
                                  const std::vector<std::string>& sources,
                                  const ImportCounts& counts, const ChangeSummary& changes);

}  // namespace attain::compensation::transactions

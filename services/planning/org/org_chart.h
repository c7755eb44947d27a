#pragma once
// The whole organization's reporting graph over time, for checks that need every seller:
// managers exist and were hired by the line's start, and the reporting lines never form a
// cycle on any date. The graph only changes where some line starts or ends, so checking
// those change points (within the changed seller's own line periods) covers every date.

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "common/errors/errors.h"
#include "services/planning/org/seller.h"

namespace attain::planning::org {

class OrgChart {
 public:
  OrgChart() = default;
  explicit OrgChart(std::vector<Seller> sellers);

  void Upsert(Seller seller);
  void Remove(const std::string& id);
  const Seller* Find(const std::string& id) const;
  size_t size() const { return sellers_.size(); }

  // Every (seller id, line) whose line names `manager_id` as manager, on any date.
  std::vector<std::pair<std::string, ReportingLine>> LinesManagedBy(
      const std::string& manager_id) const;

  // The managers of `id` on `day`, nearest first (empty at the top). Stops at a cycle.
  std::vector<std::string> Chain(const std::string& id, absl::CivilDay day) const;

  // Checks the reporting lines of the sellers in `changed` against the chart (which must
  // already contain their new versions). `prefix_of` maps a seller id to the field prefix
  // of its request ("seller" or "rows[7]").
  void ValidateReporting(const std::vector<std::string>& changed,
                         const std::function<std::string(const std::string&)>& prefix_of,
                         std::vector<errors::FieldViolation>* violations) const;

 private:
  // A cycle through `id` on `day`, as "a -> b -> a", or "" when none.
  std::string CycleThrough(const std::string& id, absl::CivilDay day) const;
  std::vector<absl::CivilDay> ChangePoints() const;

  absl::flat_hash_map<std::string, Seller> sellers_;
};

}  // namespace attain::planning::org

#include "services/planning/engine/balancing/validate.h"

#include <cstdint>
#include <limits>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"

namespace attain::planning::balancing {
namespace {

std::string AccountField(size_t i, const char* field) {
  return absl::StrCat("accounts[", i, "].", field);
}

// Marks every id seen before as a duplicate of its first occurrence.
template <typename Item>
void CheckIds(const std::vector<Item>& items, const char* collection,
              std::vector<FieldViolation>& out) {
  absl::flat_hash_map<std::string, size_t> first_index;
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string field = absl::StrCat(collection, "[", i, "].id");
    if (items[i].id.empty()) {
      out.push_back({field, "must not be empty"});
      continue;
    }
    auto [it, inserted] = first_index.emplace(items[i].id, i);
    if (!inserted) {
      out.push_back({field, absl::StrCat("duplicates ", collection, "[", it->second, "].id \"",
                                         items[i].id, "\"")});
    }
  }
}

}  // namespace

std::vector<FieldViolation> Validate(const Request& request) {
  std::vector<FieldViolation> out;
  const size_t k = request.territories.size();
  if (k == 0) out.push_back({"territories", "at least one territory is required"});
  if (k > static_cast<size_t>(std::numeric_limits<int>::max())) {
    out.push_back({"territories", "too many territories"});
  }
  CheckIds(request.territories, "territories", out);
  CheckIds(request.accounts, "accounts", out);

  __int128 total_potential = 0;
  __int128 total_workload = 0;
  for (size_t i = 0; i < request.accounts.size(); ++i) {
    const Account& a = request.accounts[i];
    if (a.potential.IsNegative()) out.push_back({AccountField(i, "potential"), "must be >= 0"});
    if (a.workload.IsNegative()) out.push_back({AccountField(i, "workload"), "must be >= 0"});
    total_potential += a.potential.micros();
    total_workload += a.workload.micros();
    if (a.current_territory.has_value() &&
        (*a.current_territory < 0 || static_cast<size_t>(*a.current_territory) >= k)) {
      out.push_back({AccountField(i, "current_territory"),
                     absl::StrCat("unknown territory index ", *a.current_territory, " (", k,
                                  " territories)")});
    }
    if (a.locked && !a.current_territory.has_value()) {
      out.push_back({AccountField(i, "locked"), "a locked account needs a current territory"});
    }
  }
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  if (total_potential > kMax) {
    out.push_back({"accounts", "total potential exceeds the Decimal range"});
  }
  if (total_workload > kMax) {
    out.push_back({"accounts", "total workload exceeds the Decimal range"});
  }

  const Options& o = request.options;
  if (o.tolerance <= Decimal() || o.tolerance >= Decimal::FromUnits(1)) {
    out.push_back({"options.tolerance", "must be a fraction in (0, 1), e.g. 0.05 for 5 %"});
  }
  if (o.workload_weight.IsNegative() || o.workload_weight > Decimal::FromUnits(1)) {
    out.push_back({"options.workload_weight", "must be in [0, 1]"});
  }
  if (o.max_iterations < 0) out.push_back({"options.max_iterations", "must be >= 0"});
  return out;
}

absl::Status ViolationsToStatus(const std::vector<FieldViolation>& violations) {
  if (violations.empty()) return absl::OkStatus();
  std::string message = absl::StrCat(violations[0].field, ": ", violations[0].description);
  if (violations.size() > 1) absl::StrAppend(&message, " (and ", violations.size() - 1, " more)");
  return absl::InvalidArgumentError(message);
}

}  // namespace attain::planning::balancing

#include "services/planning/org/org_chart.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace attain::planning::org {

OrgChart::OrgChart(std::vector<Seller> sellers) {
  sellers_.reserve(sellers.size());
  for (Seller& seller : sellers) {
    std::string id = seller.id;
    sellers_.insert_or_assign(std::move(id), std::move(seller));
  }
}

void OrgChart::Upsert(Seller seller) {
  std::string id = seller.id;
  sellers_.insert_or_assign(std::move(id), std::move(seller));
}

void OrgChart::Remove(const std::string& id) { sellers_.erase(id); }

const Seller* OrgChart::Find(const std::string& id) const {
  auto it = sellers_.find(id);
  return it == sellers_.end() ? nullptr : &it->second;
}

std::vector<std::pair<std::string, ReportingLine>> OrgChart::LinesManagedBy(
    const std::string& manager_id) const {
  std::vector<std::pair<std::string, ReportingLine>> lines;
  for (const auto& [id, seller] : sellers_) {
    for (const ReportingLine& line : seller.lines) {
      if (line.manager_id == manager_id) lines.emplace_back(id, line);
    }
  }
  std::sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return lines;
}

std::vector<std::string> OrgChart::Chain(const std::string& id, absl::CivilDay day) const {
  std::vector<std::string> chain;
  absl::flat_hash_set<std::string> seen = {id};
  const Seller* current = Find(id);
  while (current != nullptr) {
    std::optional<std::string> manager = current->ManagerOn(day);
    if (!manager || !seen.insert(*manager).second) break;
    chain.push_back(*manager);
    current = Find(*manager);
  }
  return chain;
}

std::string OrgChart::CycleThrough(const std::string& id, absl::CivilDay day) const {
  std::vector<std::string> path = {id};
  absl::flat_hash_set<std::string> seen = {id};
  const Seller* current = Find(id);
  while (current != nullptr) {
    std::optional<std::string> manager = current->ManagerOn(day);
    if (!manager) return "";
    path.push_back(*manager);
    if (*manager == id) return absl::StrJoin(path, " -> ");
    // A loop that does not come back to `id` predates this change; it was reported then.
    if (!seen.insert(*manager).second) return "";
    current = Find(*manager);
  }
  return "";
}

std::vector<absl::CivilDay> OrgChart::ChangePoints() const {
  std::vector<absl::CivilDay> points;
  for (const auto& [id, seller] : sellers_) {
    points.push_back(seller.hire_date);
    if (seller.termination_date) points.push_back(*seller.termination_date + 1);
    for (const ReportingLine& line : seller.lines) {
      points.push_back(line.period.start);
      if (line.period.end) points.push_back(*line.period.end + 1);
    }
  }
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  return points;
}

void OrgChart::ValidateReporting(const std::vector<std::string>& changed,
                                 const std::function<std::string(const std::string&)>& prefix_of,
                                 std::vector<errors::FieldViolation>* violations) const {
  std::vector<absl::CivilDay> points;  // computed lazily: only needed when lines exist
  for (const std::string& id : changed) {
    const Seller* seller = Find(id);
    if (seller == nullptr) continue;
    const std::string prefix = prefix_of(id);
    for (size_t i = 0; i < seller->lines.size(); ++i) {
      const ReportingLine& line = seller->lines[i];
      const std::string field = absl::StrCat(prefix, ".reporting_lines[", i, "]");
      const Seller* manager = Find(line.manager_id);
      if (manager == nullptr) {
        violations->push_back({field + ".manager_id",
                               absl::StrCat("unknown manager '", line.manager_id, "'")});
        continue;
      }
      if (line.period.start < manager->hire_date) {
        violations->push_back(
            {field + ".start_date",
             absl::StrCat("manager '", line.manager_id, "' is only hired on ",
                          dates::Format(manager->hire_date))});
        continue;
      }
      if (points.empty()) points = ChangePoints();
      // Every date on which the graph inside this line's period can differ.
      std::vector<absl::CivilDay> days = {line.period.start};
      auto first = std::upper_bound(points.begin(), points.end(), line.period.start);
      for (auto it = first; it != points.end(); ++it) {
        if (line.period.end && *it > *line.period.end) break;
        days.push_back(*it);
      }
      for (absl::CivilDay day : days) {
        std::string cycle = CycleThrough(id, day);
        if (!cycle.empty()) {
          violations->push_back({field + ".manager_id",
                                 absl::StrCat("creates a reporting cycle on ", dates::Format(day),
                                              ": ", cycle)});
          break;
        }
      }
    }
  }
}

}  // namespace attain::planning::org

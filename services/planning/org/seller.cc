#include "services/planning/org/seller.h"

namespace attain::planning::org {

std::optional<std::string> Seller::ManagerOn(absl::CivilDay day) const {
  if (!EmployedOn(day)) return std::nullopt;
  for (const ReportingLine& line : lines) {
    if (line.period.Contains(day)) return line.manager_id;
  }
  return std::nullopt;
}

}  // namespace attain::planning::org

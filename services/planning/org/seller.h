#pragma once
// The sales organization's domain types: sellers and their effective-dated reporting lines.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/time/dates.h"

namespace attain::planning::org {

// "Reports to manager_id over `period`" (both ends inclusive; open end = until further notice).
struct ReportingLine {
  std::string manager_id;
  dates::DateRange period;
};

struct Seller {
  std::string id;
  std::string display_name;
  std::string email;
  std::string title;
  absl::CivilDay hire_date;
  std::optional<absl::CivilDay> termination_date;
  std::string home_currency;
  std::vector<ReportingLine> lines;  // sorted by start date
  int64_t revision = 0;
  absl::Time create_time;
  absl::Time update_time;

  bool EmployedOn(absl::CivilDay day) const {
    return hire_date <= day && (!termination_date || day <= *termination_date);
  }
  // The manager on `day`, or nullopt (top of the organization or not employed).
  std::optional<std::string> ManagerOn(absl::CivilDay day) const;
};

// A seller as received (API or CSV): every field still text, so that validation can name
// each bad field instead of failing on the first.
struct SellerInput {
  struct Line {
    std::string manager_id;
    std::string start_date;
    std::string end_date;
  };
  std::string id;
  std::string display_name;
  std::string email;
  std::string title;
  std::string hire_date;
  std::string termination_date;
  std::string home_currency;
  std::vector<Line> lines;
};

}  // namespace attain::planning::org

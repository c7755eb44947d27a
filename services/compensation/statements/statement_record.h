#pragma once
// What the statement reads load: the period's published run and one stored statement.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace attain::compensation::statements {

// calc_periods.published_run_id and that run's number within the period.
struct PublishedRun {
  int64_t run_id = 0;
  int run_number = 0;
  friend bool operator==(const PublishedRun&, const PublishedRun&) = default;
};

// "periods/{period}/runs/{run_number}"
inline std::string RunName(const std::string& period, int run_number) {
  return absl::StrCat("periods/", period, "/runs/", run_number);
}

// A statements row: the managers decide who may read it; body is a serialized v1::Statement.
struct StatementRecord {
  std::vector<std::string> managers;  // nearest first, on the period's last day
  std::string body;
  friend bool operator==(const StatementRecord&, const StatementRecord&) = default;
};

}  // namespace attain::compensation::statements

#pragma once
// Interval logic of the crediting export: clipping to the requested range, and turning the
// stored AssignAccounts runs (one full result per as_of date) into per-account intervals.
//
// The run with the latest as_of on or before a date decides that date; dates before the
// first run use the first run (so a range that starts before any run still has territories).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "services/planning/crediting/crediting_data.h"

namespace attain::planning::crediting {

// The part of [first, last] (last = nullopt: open-ended) inside `range`; nullopt when they do
// not overlap.
std::optional<DaySpan> Clip(const DaySpan& range, absl::CivilDay first,
                            const std::optional<absl::CivilDay>& last);

// The runs deciding the days of `range`, ascending: the latest run on or before range.first
// (or, when there is none, the first run), then every later run up to range.last. `runs` is
// every stored run date, ascending. Empty when there is no run.
std::vector<absl::CivilDay> DecidingRuns(const DaySpan& range,
                                         const std::vector<absl::CivilDay>& runs);

// Builds clipped account-territory intervals from the stored assignments of the deciding
// runs, fed one row at a time so a large table never sits in memory as rows. Consecutive
// runs that keep an account in the same territory of a type make one interval; a run without
// the account (for that type) or with another territory ends it.
class AccountTerritoryIntervals {
 public:
  // `runs` as DecidingRuns returns them (non-empty).
  AccountTerritoryIntervals(DaySpan range, std::vector<absl::CivilDay> runs);

  // One stored assignment of the run of `as_of`. Rows of one (account, type) come together,
  // in as_of order. INTERNAL when as_of is not a deciding run or the order is broken.
  absl::Status Add(std::string_view account_id, std::string_view territory_type,
                   std::string_view territory_id, absl::CivilDay as_of);

  // Every interval, in the order their first rows were added.
  std::vector<AccountTerritoryRecord> Finish() &&;

 private:
  // The days run `index` decides within the range.
  DaySpan RunDays(size_t index) const;
  void Close();

  const DaySpan range_;
  const std::vector<absl::CivilDay> runs_;
  std::optional<AccountTerritoryRecord> open_;
  size_t open_run_ = 0;  // the latest run in open_
  std::vector<AccountTerritoryRecord> done_;
};

}  // namespace attain::planning::crediting

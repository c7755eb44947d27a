#include "services/planning/crediting/intervals.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/time/dates.h"

namespace attain::planning::crediting {

std::optional<DaySpan> Clip(const DaySpan& range, absl::CivilDay first,
                            const std::optional<absl::CivilDay>& last) {
  const absl::CivilDay from = std::max(range.first, first);
  const absl::CivilDay to = last ? std::min(range.last, *last) : range.last;
  if (from > to) return std::nullopt;
  return DaySpan{from, to};
}

std::vector<absl::CivilDay> DecidingRuns(const DaySpan& range,
                                         const std::vector<absl::CivilDay>& runs) {
  if (runs.empty()) return {};
  // The first run after range.first; the one before it (if any) decides range.first.
  auto after = std::upper_bound(runs.begin(), runs.end(), range.first);
  auto from = after == runs.begin() ? runs.begin() : after - 1;
  auto to = std::upper_bound(from, runs.end(), range.last);
  if (to == from) ++to;  // the first run is after the range: it decides the whole range
  return {from, to};
}

AccountTerritoryIntervals::AccountTerritoryIntervals(DaySpan range,
                                                     std::vector<absl::CivilDay> runs)
    : range_(range), runs_(std::move(runs)) {}

DaySpan AccountTerritoryIntervals::RunDays(size_t index) const {
  // The first deciding run also decides the days before it (and range.first may be later).
  const absl::CivilDay first = index == 0 ? range_.first : runs_[index];
  const absl::CivilDay last = index + 1 < runs_.size() ? runs_[index + 1] - 1 : range_.last;
  return {first, last};
}

absl::Status AccountTerritoryIntervals::Add(std::string_view account_id,
                                            std::string_view territory_type,
                                            std::string_view territory_id, absl::CivilDay as_of) {
  auto at = std::lower_bound(runs_.begin(), runs_.end(), as_of);
  if (at == runs_.end() || *at != as_of) {
    return absl::InternalError(absl::StrCat("account assignment of ", dates::Format(as_of),
                                            " is not from a deciding run"));
  }
  const size_t run = static_cast<size_t>(at - runs_.begin());
  const bool same_key = open_ && open_->account_id == account_id &&
                        open_->territory_type == territory_type;
  if (same_key && run <= open_run_) {
    return absl::InternalError(absl::StrCat("account assignments of ", std::string(account_id),
                                            " are not in as_of order"));
  }
  if (same_key && run == open_run_ + 1 && open_->territory_id == territory_id) {
    open_->when.last = RunDays(run).last;
    open_run_ = run;
    return absl::OkStatus();
  }
  Close();
  open_ = AccountTerritoryRecord{std::string(account_id), std::string(territory_type),
                                 std::string(territory_id), RunDays(run)};
  open_run_ = run;
  return absl::OkStatus();
}

void AccountTerritoryIntervals::Close() {
  if (open_) done_.push_back(*std::move(open_));
  open_.reset();
}

std::vector<AccountTerritoryRecord> AccountTerritoryIntervals::Finish() && {
  Close();
  return std::move(done_);
}

}  // namespace attain::planning::crediting

#include "tools/attainctl/seller_edit.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/time/dates.h"
#include "tools/attainctl/cli.h"

namespace attain::ctl {

using planning::v1::ReportingLine;
using planning::v1::Seller;
using planning::v1::UpdateSellerRequest;

namespace {

absl::StatusOr<dates::DateRange> LineRange(const ReportingLine& line) {
  absl::StatusOr<absl::CivilDay> start = dates::Parse(line.start_date(), "start_date");
  if (!start.ok()) return start.status();
  absl::StatusOr<std::optional<absl::CivilDay>> end =
      dates::ParseOptional(line.end_date(), "end_date");
  if (!end.ok()) return end.status();
  return dates::DateRange{*start, *end};
}

}  // namespace

bool IsEmpty(const SellerChanges& changes) {
  return !changes.display_name && !changes.email && !changes.title && !changes.hire_date &&
         !changes.termination_date && !changes.home_currency && !changes.manager_id;
}

bool NeedsCurrentSeller(const SellerChanges& changes) {
  return changes.manager_id.has_value() ||
         (changes.termination_date.has_value() && !changes.termination_date->empty());
}

absl::Status ReassignManager(Seller& seller, const std::string& manager_id, const std::string& from) {
  absl::StatusOr<absl::CivilDay> start = dates::Parse(from, "--from");
  if (!start.ok()) return start.status();
  for (ReportingLine& line : *seller.mutable_reporting_lines()) {
    absl::StatusOr<dates::DateRange> range = LineRange(line);
    if (!range.ok()) return range.status();
    if (!range->Contains(*start)) continue;
    if (range->start == *start) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--from ", from, " must be after the start of the line to ", line.manager_id(),
          " (", line.start_date(), ")"));
    }
    line.set_end_date(dates::Format(*start - 1));
  }
  ReportingLine* line = seller.add_reporting_lines();
  line->set_manager_id(std::string(manager_id));
  line->set_start_date(dates::Format(*start));
  line->set_end_date(seller.termination_date());
  return absl::OkStatus();
}

void CloseOpenLines(Seller& seller, const std::string& termination_date) {
  for (ReportingLine& line : *seller.mutable_reporting_lines()) {
    if (line.end_date().empty()) line.set_end_date(std::string(termination_date));
  }
}

absl::StatusOr<UpdateSellerRequest> BuildUpdate(absl::string_view seller_id,
                                                const SellerChanges& changes,
                                                const Seller* current) {
  UpdateSellerRequest request;
  request.set_request_id(NewRequestId());
  Seller& seller = *request.mutable_seller();
  seller.set_name(SellerName(seller_id));
  auto& paths = *request.mutable_update_mask()->mutable_paths();
  auto set = [&](const std::optional<std::string>& value, absl::string_view path,
                 void (Seller::*setter)(const std::string&)) {
    if (!value.has_value()) return;
    (seller.*setter)(*value);
    paths.Add(std::string(path));
  };
  set(changes.display_name, "display_name", &Seller::set_display_name);
  set(changes.email, "email", &Seller::set_email);
  set(changes.title, "title", &Seller::set_title);
  set(changes.hire_date, "hire_date", &Seller::set_hire_date);
  set(changes.termination_date, "termination_date", &Seller::set_termination_date);
  set(changes.home_currency, "home_currency", &Seller::set_home_currency);

  if (NeedsCurrentSeller(changes)) {
    if (current == nullptr) return absl::InternalError("the current seller was not fetched");
    Seller edited = *current;
    if (changes.termination_date.has_value()) edited.set_termination_date(*changes.termination_date);
    if (changes.manager_id.has_value()) {
      if (absl::Status status = ReassignManager(edited, *changes.manager_id, changes.manager_from);
          !status.ok()) {
        return status;
      }
    }
    if (!edited.termination_date().empty()) CloseOpenLines(edited, edited.termination_date());
    *seller.mutable_reporting_lines() = edited.reporting_lines();
    paths.Add("reporting_lines");
  }
  if (paths.empty()) {
    return absl::InvalidArgumentError("nothing to update: pass at least one field flag");
  }
  return request;
}

}  // namespace attain::ctl

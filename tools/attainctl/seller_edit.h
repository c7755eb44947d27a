#pragma once
// Turning `sellers update` flags into an UpdateSellerRequest. Pure: no I/O, so it is tested
// without a server.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "attain/planning/v1/organization.pb.h"

namespace attain::ctl {

struct SellerChanges {
  std::optional<std::string> display_name;
  std::optional<std::string> email;
  std::optional<std::string> title;
  std::optional<std::string> hire_date;
  std::optional<std::string> termination_date;
  std::optional<std::string> home_currency;
  std::optional<std::string> manager_id;  // with manager_from: a new line from that date
  std::string manager_from;
};

// True when no flag was given.
bool IsEmpty(const SellerChanges& changes);

// Whether BuildUpdate needs the seller as stored (its reporting lines are rewritten when the
// manager changes or the seller is terminated).
bool NeedsCurrentSeller(const SellerChanges& changes);

// The request changing exactly the fields named in `changes`. `current` is required when
// NeedsCurrentSeller; INVALID_ARGUMENT when nothing would change or the dates do not fit.
absl::StatusOr<planning::v1::UpdateSellerRequest> BuildUpdate(
    absl::string_view seller_id, const SellerChanges& changes,
    const planning::v1::Seller* current);

// Ends the reporting line covering `from` on the day before and adds a line to `manager_id`
// starting on `from` (ending on the termination date when there is one).
absl::Status ReassignManager(planning::v1::Seller& seller, const std::string& manager_id,
                             const std::string& from);

// Ends every open-ended reporting line on `termination_date`.
void CloseOpenLines(planning::v1::Seller& seller, const std::string& termination_date);

}  // namespace attain::ctl

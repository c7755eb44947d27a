#pragma once
// Reading territory and territory-seller CSVs into the calls that load them, and naming CSV
// rows in the errors those calls return; separate from the commands so it is tested without
// a server. Formats: tools/attainctl/territory_csv.h.

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "attain/planning/v1/territories.pb.h"

namespace attain::ctl {

// One territory of an import file: its rows merged into one Territory (versions in file
// order) and the CSV line of each version.
struct TerritoryImportItem {
  planning::v1::Territory territory;
  std::vector<int64_t> lines;
};

// Every territory of the CSV, parents before their children (otherwise in file order; a
// parent not in the file must already exist on the server). INVALID_ARGUMENT naming rows
// ("rows[7].level") for bad cells, rows of one territory that disagree on display_name,
// level or type, and parent cycles; nothing is sent for such a file.
absl::StatusOr<std::vector<TerritoryImportItem>> ReadTerritoryImport(std::istream& in,
                                                                     const std::string& source);

// The same order for items already read.
absl::StatusOr<std::vector<TerritoryImportItem>> ParentsFirst(std::vector<TerritoryImportItem> items);

// The rows of one territory in a territory-sellers CSV: one SetSellerAssignments call.
struct AssignmentImportItem {
  std::string territory_id;
  std::vector<planning::v1::SellerAssignment> assignments;
  std::vector<int64_t> lines;
};

// Rows grouped by territory_id, territories in order of first appearance.
absl::StatusOr<std::vector<AssignmentImportItem>> ReadAssignmentImport(std::istream& in,
                                                                       const std::string& source);

// "rep-001:60" or "rep-001:40:overlay" (role PRIMARY by default) for `--seller`.
absl::StatusOr<planning::v1::SellerAssignment> ParseSellerSpec(absl::string_view spec);

// The assignments of `territory_id` that `--seller` specs give, each from `start_date` to
// `end_date` ("" = open-ended); the first bad spec's error.
absl::StatusOr<std::vector<planning::v1::SellerAssignment>> SellerAssignmentsFromSpecs(
    const std::string& territory_id, const std::vector<std::string>& specs,
    const std::string& start_date, const std::string& end_date);

// A failed call's status in terms of the CSV: the message starts with `context` and each
// field violation "<prefix><list>[i].rest" becomes "rows[<lines[i]>].rest" (a violation of
// no list element names the first row). Code and other details are kept.
absl::Status AtRows(const absl::Status& status, const std::string& context,
                    const std::string& prefix, const std::string& list,
                    const std::vector<int64_t>& lines);

}  // namespace attain::ctl

#pragma once
// Reading an import CSV into ImportSellers rows, separate from the streaming so it is tested
// without a server.

#include <istream>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "attain/planning/v1/organization.pb.h"

namespace attain::ctl {

// Every data row of the CSV, row_number being the line the record starts on (the header is
// line 1). A file with any bad record yields INVALID_ARGUMENT with one field violation per
// problem ("rows[7].reporting_lines"), so nothing is sent for a half-valid file.
absl::StatusOr<std::vector<planning::v1::SellerImportRow>> ReadImportRows(std::istream& in,
                                                                          absl::string_view source);

}  // namespace attain::ctl

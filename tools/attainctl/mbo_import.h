#pragma once
// Reading an MBO scores CSV into SetMboScores scores, and naming the server's answer by CSV
// rows, separate from the calls so both are tested without a server. Row numbers are CSV
// lines (the header is line 1), as in every attainctl import.
//
//   period,seller_id,component_id,score,comment      (comment optional; any column order)
//   2037-01,rep-001,objectives,87.5,"Met 4 of 5 goals"

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "attain/compensation/v1/mbo.pb.h"

namespace attain::ctl {

struct MboCsvRow {
  int64_t line = 0;
  compensation::v1::MboScore score;
};

// Every record after the header. INVALID_ARGUMENT naming `source` when the file is not this
// CSV (empty, a missing, unknown or repeated column, broken quoting, no rows), and listing
// "rows[N]" for each record whose number of fields is not the header's: nothing is sent then.
// Values are passed as written; the server checks them.
absl::StatusOr<std::vector<MboCsvRow>> ReadMboScores(std::istream& in, const std::string& source);

// `status` of a request carrying rows[first, first + n) with each "scores[i]..." field (in
// its violations and at the start of its message) renamed to the row's "rows[LINE]...".
absl::Status NameRows(const absl::Status& status, const std::vector<MboCsvRow>& rows, size_t first);

}  // namespace attain::ctl

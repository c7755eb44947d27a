#pragma once
// The seller CSV format written by `attainctl sellers export` and attain-datagen and read by
// `attainctl sellers import`:
//   seller_id,display_name,email,title,hire_date,termination_date,home_currency,manager_id,reporting_lines
// reporting_lines is "MGR@START..END;MGR2@START.." (END empty = open-ended) and, when present,
// wins over manager_id. A bare manager_id means one line from hire_date to termination_date
// (open-ended while employed). On export manager_id is the most recent line's manager, for
// people reading the file.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "attain/planning/v1/organization.pb.h"
#include "common/errors/errors.h"
#include "tools/attainctl/csv.h"

namespace attain::seller_csv {

using ::attain::planning::v1::ReportingLine;
using ::attain::planning::v1::Seller;

// The header row, in file order.
const std::vector<std::string>& Columns();

// "MGR@2024-01-01..2025-06-30;MGR2@2025-07-01.."
std::string FormatReportingLines(const google::protobuf::RepeatedPtrField<ReportingLine>& lines);
// The inverse. INVALID_ARGUMENT naming the offending segment; dates are checked by the server.
absl::StatusOr<std::vector<ReportingLine>> ParseReportingLines(absl::string_view text);

// One line to `manager_id` covering the whole employment: hire_date..termination_date.
ReportingLine WholeEmploymentLine(absl::string_view manager_id, const Seller& seller);

// The seller as one CSV record in Columns() order.
std::vector<std::string> ToFields(const Seller& seller);

// Maps a header record to column positions; rejects unknown or repeated columns and a
// missing seller_id column.
class HeaderMap {
 public:
  static absl::StatusOr<HeaderMap> FromHeader(const std::vector<std::string>& header);
  // Fills `seller` from `fields`; returns what is wrong with the record, each violation's
  // field being the column name ("reporting_lines"), or empty when the record is usable.
  std::vector<errors::FieldViolation> ToSeller(const std::vector<std::string>& fields,
                                               Seller& seller) const;

 private:
  std::vector<int> position_;  // Columns() index -> position in the record, or -1
  size_t width_ = 0;
};

}  // namespace attain::seller_csv

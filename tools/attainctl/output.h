#pragma once
// --output table|json|csv. Commands describe their result twice: as the protobuf message
// (for json) and as a Table (for table and csv), and Print picks one.

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/message.h>

#include "absl/status/statusor.h"

namespace attain::ctl {

enum class Format { kTable, kJson, kCsv };

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// Columns padded to their widest cell (in UTF-8 code points), two spaces apart; the header is
// upper-cased; no trailing spaces.
std::string RenderTable(const Table& table);
// The header and rows as RFC 4180 CSV.
std::string RenderCsv(const Table& table);
// The message as JSON with proto field names and every field (zeros too), then a newline.
absl::StatusOr<std::string> RenderJson(const google::protobuf::Message& message);

// Writes `message` (json) or `table` (table, csv) to `out`.
absl::Status Print(Format format, const google::protobuf::Message& message, const Table& table,
                   std::ostream& out);

}  // namespace attain::ctl

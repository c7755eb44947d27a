#pragma once
// RFC 4180 CSV: fields separated by ',', records by LF or CRLF; a field containing ',', '"',
// CR or LF is quoted and its quotes doubled. Shared by attainctl (import/export/--output csv)
// and attain-datagen so both speak exactly one format.

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace attain::csv {

struct Record {
  int64_t line = 0;  // 1-based physical line on which the record starts
  std::vector<std::string> fields;
};

// Reads records one at a time from a stream. A leading UTF-8 byte-order mark is skipped and
// blank lines are ignored. Quoted fields keep embedded commas, quotes and line breaks verbatim.
class Reader {
 public:
  explicit Reader(std::istream& in) : in_(in) {}
  // True and fills `record` when one was read; false at end of input. INVALID_ARGUMENT
  // ("line N: ...") on malformed quoting.
  absl::StatusOr<bool> Next(Record& record);
  // After Next failed on a malformed record, drops the rest of its physical line so reading
  // can go on at the next line (a reader that tolerates bad rows, such as an import that
  // skips them). An unterminated quote has already consumed the rest of the input.
  void SkipRestOfLine();

 private:
  int Get();
  int Peek();
  std::istream& in_;
  int64_t line_ = 1;
  bool started_ = false;
};

// Parses a whole document (convenience for tests and small inputs).
absl::StatusOr<std::vector<Record>> ParseAll(absl::string_view text);

// One record terminated by "\n", each field quoted only when it must be.
std::string FormatRecord(const std::vector<std::string>& fields);

}  // namespace attain::csv

#include "tools/attainctl/csv.h"

#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace attain::csv {
namespace {

constexpr int kEof = std::char_traits<char>::eof();

bool NeedsQuotes(absl::string_view field) {
  return field.find_first_of(",\"\r\n") != absl::string_view::npos;
}

}  // namespace

int Reader::Get() {
  const int c = in_.get();
  if (c == '\n') ++line_;
  return c;
}

int Reader::Peek() { return in_.peek(); }

absl::StatusOr<bool> Reader::Next(Record& record) {
  if (!started_) {
    started_ = true;
    if (Peek() == 0xEF) {  // UTF-8 BOM: EF BB BF
      char bom[3];
      in_.read(bom, 3);
      if (in_.gcount() != 3 || static_cast<unsigned char>(bom[1]) != 0xBB ||
          static_cast<unsigned char>(bom[2]) != 0xBF) {
        return absl::InvalidArgumentError("line 1: invalid byte-order mark");
      }
    }
  }
  while (true) {
    record.fields.clear();
    record.line = line_;
    if (Peek() == kEof) return false;
    std::string field;
    bool any_content = false;  // distinguishes a blank line from a record of one empty field
    while (true) {
      int c = Get();
      if (c == '"' && field.empty()) {
        any_content = true;
        const int64_t quote_line = line_;
        while (true) {
          c = Get();
          if (c == kEof) {
            return absl::InvalidArgumentError(
                absl::StrCat("line ", quote_line, ": unterminated quoted field"));
          }
          if (c == '"') {
            if (Peek() != '"') break;
            Get();
          }
          field.push_back(static_cast<char>(c));
        }
        c = Get();
        if (c == '\r' && Peek() == '\n') c = Get();
        if (c != ',' && c != '\n' && c != kEof) {
          return absl::InvalidArgumentError(
              absl::StrCat("line ", line_, ": unexpected character after closing quote"));
        }
      } else {
        while (c != ',' && c != '\n' && c != kEof) {
          if (c == '\r' && Peek() == '\n') {
            c = Get();
            break;
          }
          if (c == '"') {
            return absl::InvalidArgumentError(
                absl::StrCat("line ", line_, ": '\"' inside an unquoted field"));
          }
          field.push_back(static_cast<char>(c));
          c = Get();
        }
      }
      if (c == ',') any_content = true;
      if (!field.empty()) any_content = true;
      record.fields.push_back(std::move(field));
      field.clear();
      if (c != ',') break;
    }
    if (any_content) return true;
  }
}

void Reader::SkipRestOfLine() {
  for (int c = Peek(); c != kEof; c = Peek()) {
    Get();
    if (c == '\n') return;
  }
}

absl::StatusOr<std::vector<Record>> ParseAll(absl::string_view text) {
  std::istringstream in{std::string(text)};
  Reader reader(in);
  std::vector<Record> records;
  Record record;
  while (true) {
    absl::StatusOr<bool> more = reader.Next(record);
    if (!more.ok()) return more.status();
    if (!*more) return records;
    records.push_back(record);
  }
}

std::string FormatRecord(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    const std::string& field = fields[i];
    if (!NeedsQuotes(field)) {
      out += field;
      continue;
    }
    out.push_back('"');
    for (char c : field) {
      if (c == '"') out.push_back('"');
      out.push_back(c);
    }
    out.push_back('"');
  }
  out.push_back('\n');
  return out;
}

}  // namespace attain::csv

#include "tools/attainctl/output.h"

#include <algorithm>

#include <google/protobuf/util/json_util.h>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "tools/attainctl/csv.h"

namespace attain::ctl {
namespace {

size_t DisplayWidth(absl::string_view text) {
  // Count UTF-8 lead bytes so accented names do not skew the columns.
  return std::count_if(text.begin(), text.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

void AppendRow(const std::vector<std::string>& cells, const std::vector<size_t>& widths,
               std::string& out) {
  for (size_t i = 0; i < cells.size(); ++i) {
    out += cells[i];
    if (i + 1 == cells.size()) break;
    out.append(widths[i] - DisplayWidth(cells[i]) + 2, ' ');
  }
  // Empty last cells would leave padding behind.
  out.erase(out.find_last_not_of(' ') + 1);
  out.push_back('\n');
}

}  // namespace

std::string RenderTable(const Table& table) {
  std::vector<std::string> header;
  for (const std::string& name : table.header) header.push_back(absl::AsciiStrToUpper(name));
  std::vector<size_t> widths(header.size(), 0);
  for (size_t i = 0; i < header.size(); ++i) widths[i] = DisplayWidth(header[i]);
  for (const auto& row : table.rows) {
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], DisplayWidth(row[i]));
    }
  }
  std::string out;
  AppendRow(header, widths, out);
  for (const auto& row : table.rows) AppendRow(row, widths, out);
  return out;
}

std::string RenderCsv(const Table& table) {
  std::string out = csv::FormatRecord(table.header);
  for (const auto& row : table.rows) out += csv::FormatRecord(row);
  return out;
}

absl::StatusOr<std::string> RenderJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;  // scripts see every field, zeros included
  std::string json;
  if (auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
      !status.ok()) {
    return absl::InternalError(absl::StrCat("cannot render JSON: ", status.ToString()));
  }
  if (json.empty() || json.back() != '\n') json.push_back('\n');
  return json;
}

absl::Status Print(Format format, const google::protobuf::Message& message, const Table& table,
                   std::ostream& out) {
  switch (format) {
    case Format::kJson: {
      absl::StatusOr<std::string> json = RenderJson(message);
      if (!json.ok()) return json.status();
      out << *json;
      break;
    }
    case Format::kCsv:
      out << RenderCsv(table);
      break;
    case Format::kTable:
      out << RenderTable(table);
      break;
  }
  out.flush();
  return out ? absl::OkStatus() : absl::DataLossError("cannot write the output");
}

}  // namespace attain::ctl

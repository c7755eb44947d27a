#include "tools/attainctl/seller_csv.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace attain::seller_csv {
namespace {

enum Column {
  kSellerId,
  kDisplayName,
  kEmail,
  kTitle,
  kHireDate,
  kTerminationDate,
  kHomeCurrency,
  kManagerId,
  kReportingLines,
  kColumnCount
};

}  // namespace

const std::vector<std::string>& Columns() {
  static const auto* const kColumns = new std::vector<std::string>{
      "seller_id",        "display_name",  "email",      "title",          "hire_date",
      "termination_date", "home_currency", "manager_id", "reporting_lines"};
  return *kColumns;
}

std::string FormatReportingLines(const google::protobuf::RepeatedPtrField<ReportingLine>& lines) {
  std::string out;
  for (const ReportingLine& line : lines) {
    if (!out.empty()) out.push_back(';');
    absl::StrAppend(&out, line.manager_id(), "@", line.start_date(), "..", line.end_date());
  }
  return out;
}

absl::StatusOr<std::vector<ReportingLine>> ParseReportingLines(absl::string_view text) {
  std::vector<ReportingLine> lines;
  for (absl::string_view segment : absl::StrSplit(text, ';', absl::SkipWhitespace())) {
    segment = absl::StripAsciiWhitespace(segment);
    const size_t at = segment.find('@');
    const size_t dots = segment.find("..", at == absl::string_view::npos ? 0 : at);
    if (at == absl::string_view::npos || at == 0 || dots == absl::string_view::npos ||
        dots == at + 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("\"", segment, "\" is not MANAGER@START..[END]"));
    }
    ReportingLine& line = lines.emplace_back();
    line.set_manager_id(std::string(absl::StripAsciiWhitespace(segment.substr(0, at))));
    line.set_start_date(
        std::string(absl::StripAsciiWhitespace(segment.substr(at + 1, dots - at - 1))));
    line.set_end_date(std::string(absl::StripAsciiWhitespace(segment.substr(dots + 2))));
  }
  return lines;
}

ReportingLine WholeEmploymentLine(absl::string_view manager_id, const Seller& seller) {
  ReportingLine line;
  line.set_manager_id(std::string(manager_id));
  line.set_start_date(seller.hire_date());
  line.set_end_date(seller.termination_date());
  return line;
}

std::vector<std::string> ToFields(const Seller& seller) {
  std::string current_manager;
  const ReportingLine* latest = nullptr;
  for (const ReportingLine& line : seller.reporting_lines()) {
    if (latest == nullptr || line.start_date() > latest->start_date()) latest = &line;
  }
  if (latest != nullptr) current_manager = latest->manager_id();
  return {seller.seller_id(),        seller.display_name(),  seller.email(),
          seller.title(),            seller.hire_date(),     seller.termination_date(),
          seller.home_currency(),    current_manager,        FormatReportingLines(seller.reporting_lines())};
}

absl::StatusOr<HeaderMap> HeaderMap::FromHeader(const std::vector<std::string>& header) {
  HeaderMap map;
  map.position_.assign(kColumnCount, -1);
  map.width_ = header.size();
  const std::vector<std::string>& columns = Columns();
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string name = absl::AsciiStrToLower(absl::StripAsciiWhitespace(header[i]));
    const auto it = std::find(columns.begin(), columns.end(), name);
    if (it == columns.end()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown column \"", header[i], "\"; expected ", absl::StrJoin(columns, ",")));
    }
    int& slot = map.position_[it - columns.begin()];
    if (slot != -1) return absl::InvalidArgumentError(absl::StrCat("repeated column ", name));
    slot = static_cast<int>(i);
  }
  if (map.position_[kSellerId] == -1) {
    return absl::InvalidArgumentError("the header row has no seller_id column");
  }
  return map;
}

std::vector<errors::FieldViolation> HeaderMap::ToSeller(const std::vector<std::string>& fields,
                                                       Seller& seller) const {
  if (fields.size() != width_) {
    return {{"row", absl::StrCat("has ", fields.size(), " fields but the header has ", width_)}};
  }
  auto get = [&](Column column) -> std::string {
    const int position = position_[column];
    return position < 0 ? std::string()
                        : std::string(absl::StripAsciiWhitespace(fields[position]));
  };
  seller.Clear();
  seller.set_seller_id(get(kSellerId));
  seller.set_display_name(get(kDisplayName));
  seller.set_email(get(kEmail));
  seller.set_title(get(kTitle));
  seller.set_hire_date(get(kHireDate));
  seller.set_termination_date(get(kTerminationDate));
  seller.set_home_currency(get(kHomeCurrency));
  if (const std::string lines = get(kReportingLines); !lines.empty()) {
    absl::StatusOr<std::vector<ReportingLine>> parsed = ParseReportingLines(lines);
    if (!parsed.ok()) return {{"reporting_lines", std::string(parsed.status().message())}};
    for (ReportingLine& line : *parsed) *seller.add_reporting_lines() = std::move(line);
  } else if (const std::string manager = get(kManagerId); !manager.empty()) {
    *seller.add_reporting_lines() = WholeEmploymentLine(manager, seller);
  }
  return {};
}

}  // namespace attain::seller_csv

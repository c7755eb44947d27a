#include "tools/attainctl/mbo_import.h"

#include <array>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "common/errors/errors.h"
#include "tools/attainctl/csv.h"

namespace attain::ctl {
namespace {

using compensation::v1::MboScore;

enum Column { kPeriod, kSellerId, kComponentId, kScore, kComment, kColumns };
constexpr std::array<const char*, kColumns> kNames = {"period", "seller_id", "component_id",
                                                      "score", "comment"};

absl::Status FileError(const std::string& source, const std::string& why) {
  return absl::InvalidArgumentError(absl::StrCat(source, ": ", why));
}

// Each column's position in the header; comment may be missing (-1).
absl::StatusOr<std::array<int, kColumns>> Positions(const csv::Record& header,
                                                    const std::string& source) {
  std::array<int, kColumns> at;
  at.fill(-1);
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name(absl::StripAsciiWhitespace(header.fields[i]));
    auto known = std::find(kNames.begin(), kNames.end(), name);
    if (known == kNames.end()) {
      return FileError(source, absl::StrCat("line ", header.line, ": unknown column \"", name,
                                            "\" (the columns are ", absl::StrJoin(kNames, ","),
                                            "; comment is optional)"));
    }
    int& position = at[known - kNames.begin()];
    if (position >= 0) {
      return FileError(source, absl::StrCat("line ", header.line, ": column ", name, " appears twice"));
    }
    position = static_cast<int>(i);
  }
  for (int column = 0; column < kComment; ++column) {
    if (at[column] < 0) {
      return FileError(source, absl::StrCat("line ", header.line, ": no ", kNames[column],
                                            " column (a header row is required)"));
    }
  }
  return at;
}

// "scores[12].score" -> 12 and ".score"; nullopt for any other field.
std::optional<std::pair<size_t, std::string>> ScoreIndex(absl::string_view field) {
  if (!absl::ConsumePrefix(&field, "scores[")) return std::nullopt;
  const size_t close = field.find(']');
  size_t index = 0;
  if (close == absl::string_view::npos || !absl::SimpleAtoi(field.substr(0, close), &index)) {
    return std::nullopt;
  }
  return std::make_pair(index, std::string(field.substr(close + 1)));
}

}  // namespace

absl::StatusOr<std::vector<MboCsvRow>> ReadMboScores(std::istream& in, const std::string& source) {
  csv::Reader reader(in);
  csv::Record record;
  absl::StatusOr<bool> more = reader.Next(record);
  if (!more.ok()) return FileError(source, std::string(more.status().message()));
  if (!*more) return FileError(source, "empty file, a header row is required");
  auto at = Positions(record, source);
  if (!at.ok()) return at.status();
  const size_t width = record.fields.size();
  std::vector<MboCsvRow> rows;
  std::vector<errors::FieldViolation> problems;
  while (true) {
    more = reader.Next(record);
    if (!more.ok()) return FileError(source, std::string(more.status().message()));
    if (!*more) break;
    if (record.fields.size() != width) {
      problems.push_back({absl::StrCat("rows[", record.line, "]"),
                          absl::StrCat("has ", record.fields.size(), " fields but the header has ", width)});
      continue;
    }
    MboCsvRow& row = rows.emplace_back();
    row.line = record.line;
    auto field = [&](Column column) -> std::string& { return record.fields[(*at)[column]]; };
    row.score.set_period(std::move(field(kPeriod)));
    row.score.set_seller_id(std::move(field(kSellerId)));
    row.score.set_component_id(std::move(field(kComponentId)));
    row.score.set_score(std::move(field(kScore)));
    if ((*at)[kComment] >= 0) row.score.set_comment(std::move(field(kComment)));
  }
  if (!problems.empty()) {
    const size_t count = problems.size();
    absl::Status listed = errors::InvalidFields(std::move(problems));
    absl::Status out = FileError(source, absl::StrCat(count, " rows cannot be read; nothing was sent"));
    listed.ForEachPayload(
        [&out](absl::string_view url, const absl::Cord& payload) { out.SetPayload(url, payload); });
    return out;
  }
  if (rows.empty()) return FileError(source, "no rows after the header");
  return rows;
}

absl::Status NameRows(const absl::Status& status, const std::vector<MboCsvRow>& rows, size_t first) {
  auto rename = [&](const std::string& field) -> std::string {
    auto score = ScoreIndex(field);
    if (!score || first + score->first >= rows.size()) return field;
    return absl::StrCat("rows[", rows[first + score->first].line, "]", score->second);
  };
  std::vector<errors::FieldViolation> violations = errors::FieldViolationsOf(status);
  std::string message(status.message());
  // The message starts with its first violation's field.
  if (!violations.empty() && absl::StartsWith(message, violations[0].field)) {
    message = rename(violations[0].field) + message.substr(violations[0].field.size());
  }
  absl::Status out(status.code(), message);
  status.ForEachPayload(
      [&out](absl::string_view url, const absl::Cord& payload) { out.SetPayload(url, payload); });
  if (violations.empty()) return out;
  for (errors::FieldViolation& v : violations) v.field = rename(v.field);
  errors::InvalidFields(std::move(violations))
      .ForEachPayload([&out](absl::string_view url, const absl::Cord& payload) {
        out.SetPayload(url, payload);
      });
  return out;
}

}  // namespace attain::ctl

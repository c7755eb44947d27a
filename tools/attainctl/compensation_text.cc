#include "tools/attainctl/compensation_text.h"

#include <cstdio>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "tools/attainctl/calls.h"

namespace attain::ctl::comp {
namespace {

constexpr int kMaxMonths = 120;

bool ParseMonth(absl::string_view text, absl::CivilMonth* month) {
  // ParseCivilTime accepts "2026-8"; periods are always two-digit months.
  return text.size() == 7 && text[4] == '-' && absl::ParseCivilTime(text, month);
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ExpandMonths(absl::string_view text) {
  const std::vector<absl::string_view> ends = absl::StrSplit(text, absl::MaxSplits("..", 1));
  absl::CivilMonth first, last;
  if (!ParseMonth(ends[0], &first) || !ParseMonth(ends.size() == 2 ? ends[1] : ends[0], &last)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", text, "\" is not a month YYYY-MM or a range YYYY-MM..YYYY-MM"));
  }
  if (last < first) {
    return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" ends before it starts"));
  }
  if (last - first >= kMaxMonths) {
    return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" spans more than ", kMaxMonths, " months"));
  }
  std::vector<std::string> months;
  for (absl::CivilMonth month = first; month <= last; ++month) {
    months.push_back(absl::FormatCivilTime(month));
  }
  return months;
}

absl::StatusOr<std::map<std::string, std::string>> ParseParams(const std::vector<std::string>& params) {
  std::map<std::string, std::string> parsed;
  for (const std::string& param : params) {
    const size_t equals = param.find('=');
    if (equals == std::string::npos || equals == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("--param \"", param, "\": expected PARAMETER=VALUE, e.g. kicker_rate=0.02"));
    }
    const std::string key = param.substr(0, equals);
    if (!parsed.emplace(key, param.substr(equals + 1)).second) {
      return absl::InvalidArgumentError(absl::StrCat("--param ", key, " is given twice"));
    }
  }
  return parsed;
}

std::string PlanId(absl::string_view id_or_name) {
  absl::ConsumePrefix(&id_or_name, "plans/");
  return std::string(id_or_name.substr(0, id_or_name.find('/')));
}

std::string PlanName(absl::string_view id_or_name) { return absl::StrCat("plans/", PlanId(id_or_name)); }

std::string RunName(absl::string_view text) {
  if (absl::StartsWith(text, "periods/")) return std::string(text);
  const size_t slash = text.rfind('/');
  if (slash == absl::string_view::npos) return std::string(text);  // the server names the problem
  return absl::StrCat("periods/", text.substr(0, slash), "/runs/", text.substr(slash + 1));
}

absl::Time ToTime(const google::protobuf::Timestamp& time) {
  return absl::FromUnixSeconds(time.seconds()) + absl::Nanoseconds(time.nanos());
}

std::string TimeText(const google::protobuf::Timestamp& time) {
  if (time.seconds() == 0 && time.nanos() == 0) return "";
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", ToTime(time), absl::UTCTimeZone());
}

std::string ElapsedText(absl::Duration elapsed) {
  if (elapsed < absl::ZeroDuration()) elapsed = absl::ZeroDuration();
  const double seconds = absl::ToDoubleSeconds(elapsed);
  if (seconds < 10) return absl::StrFormat("%.3fs", seconds);
  if (seconds < 60) return absl::StrFormat("%.1fs", seconds);
  const int64_t whole = absl::ToInt64Seconds(elapsed);
  if (whole < 3600) return absl::StrFormat("%dm%02ds", whole / 60, whole % 60);
  return absl::StrFormat("%dh%02dm", whole / 3600, whole % 3600 / 60);
}

std::string Label(const std::string& enum_name, absl::string_view prefix) {
  std::string label = EnumLabel(enum_name, prefix);
  for (char& c : label) {
    if (c == '_') c = '-';
  }
  return label;
}

std::string Percent(absl::string_view fraction) {
  if (fraction.empty()) return "";
  const std::optional<std::string> percent = ShiftPoint(fraction, 2);
  return percent ? *percent + "%" : std::string(fraction);
}

}  // namespace attain::ctl::comp

#pragma once
// Text the compensation commands read from flags and write for people, pure so it is tested
// without a server.

#include <map>
#include <string>
#include <vector>

#include <google/protobuf/timestamp.pb.h>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace attain::ctl::comp {

// "2026-08" -> {"2026-08"}; an inclusive range "2026-08..2026-10" -> every month of it (at
// most 120). INVALID_ARGUMENT for anything else.
absl::StatusOr<std::vector<std::string>> ExpandMonths(absl::string_view text);

// --param values "key=value" as a map; INVALID_ARGUMENT naming the first without a key or '='
// and a key given twice.
absl::StatusOr<std::map<std::string, std::string>> ParseParams(const std::vector<std::string>& params);

// "plans/<id>" from an id or any name under it ("plans/ae/versions/2" -> "plans/ae"), and the
// id alone ("ae").
std::string PlanName(absl::string_view id_or_name);
std::string PlanId(absl::string_view id_or_name);
// "periods/2026-10/runs/3" from itself or "2026-10/3".
std::string RunName(absl::string_view text);

// RFC 3339 in UTC, seconds only ("2026-11-01T09:30:00Z"); "" for an unset timestamp.
std::string TimeText(const google::protobuf::Timestamp& time);
// A timestamp's instant (unset: the epoch).
absl::Time ToTime(const google::protobuf::Timestamp& time);
// "0.412s", "12.3s", "4m07s", "2h03m".
std::string ElapsedText(absl::Duration elapsed);

// An enum value's name for people: "CALCULATION_STAGE_CLASSIFY" with prefix
// "CALCULATION_STAGE_" -> "classify"; "" for the UNSPECIFIED value.
std::string Label(const std::string& enum_name, absl::string_view prefix);

// A fraction as a percent: "1.2345" -> "123.45%"; "" stays "" and non-decimals are kept.
std::string Percent(absl::string_view fraction);

}  // namespace attain::ctl::comp

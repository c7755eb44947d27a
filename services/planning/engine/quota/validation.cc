#include "services/planning/engine/quota/validation.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace attain::planning::quota {
namespace {

// Records are "field<US>description<RS>"; neither separator occurs in field paths or in the
// descriptions this engine writes. (Debian's Abseil has its own absl::string_view.)
constexpr absl::string_view kPayloadUrl = "attain.dev/planning.quota.Violations";
constexpr char kUnitSeparator = '\x1f';
constexpr char kRecordSeparator = '\x1e';

}  // namespace

void Violations::Add(std::string field, std::string description) {
  list_.push_back(Violation{std::move(field), std::move(description)});
}

absl::Status Violations::ToStatus() const {
  if (list_.empty()) return absl::OkStatus();
  std::string message;
  std::string payload;
  for (const Violation& v : list_) {
    absl::StrAppend(&message, message.empty() ? "" : "; ", v.field, ": ", v.description);
    absl::StrAppend(&payload, v.field, std::string(1, kUnitSeparator), v.description,
                    std::string(1, kRecordSeparator));
  }
  absl::Status status = absl::InvalidArgumentError(message);
  status.SetPayload(kPayloadUrl, absl::Cord(payload));
  return status;
}

std::vector<Violation> ViolationsOf(const absl::Status& status) {
  std::vector<Violation> out;
  absl::optional<absl::Cord> payload = status.GetPayload(kPayloadUrl);
  if (!payload.has_value()) return out;
  const std::string text(*payload);
  for (absl::string_view record : absl::StrSplit(text, kRecordSeparator, absl::SkipEmpty())) {
    std::vector<std::string> parts = absl::StrSplit(record, absl::MaxSplits(kUnitSeparator, 1));
    if (parts.size() == 2) out.push_back(Violation{std::move(parts[0]), std::move(parts[1])});
  }
  return out;
}

std::string Indexed(const std::string& field, size_t index) {
  return absl::StrCat(field, "[", index, "]");
}

}  // namespace attain::planning::quota

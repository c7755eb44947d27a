#include "common/server/page_token.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"

namespace attain::server {
namespace {

constexpr char kVersion[] = "p1";

}  // namespace

std::string EncodePageToken(const std::string& filter_fingerprint, const std::string& last_key) {
  return absl::WebSafeBase64Escape(absl::StrCat(kVersion, "\n", filter_fingerprint, "\n", last_key));
}

absl::StatusOr<std::string> DecodePageToken(const std::string& token,
                                            const std::string& filter_fingerprint) {
  if (token.empty()) return std::string();
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw)) {
    return errors::InvalidField("page_token", "is not a token returned by this method");
  }
  size_t first = raw.find('\n');
  size_t second = first == std::string::npos ? first : raw.find('\n', first + 1);
  if (second == std::string::npos || raw.substr(0, first) != kVersion) {
    return errors::InvalidField("page_token", "is not a token returned by this method");
  }
  if (raw.substr(first + 1, second - first - 1) != filter_fingerprint) {
    return errors::InvalidField("page_token", "was issued for different filters");
  }
  return raw.substr(second + 1);
}

absl::StatusOr<int> EffectivePageSize(int requested) {
  if (requested < 0) return errors::InvalidField("page_size", "must not be negative");
  if (requested == 0) return kDefaultPageSize;
  return std::min(requested, kMaxPageSize);
}

}  // namespace attain::server

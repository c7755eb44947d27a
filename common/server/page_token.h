#pragma once
// Opaque keyset page tokens. A token carries the last key of the previous page and a
// fingerprint of the query's filters, so a token reused with different filters is refused
// instead of silently skipping or repeating rows.

#include <string>

#include "absl/status/statusor.h"

namespace attain::server {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 1000;

std::string EncodePageToken(const std::string& filter_fingerprint, const std::string& last_key);
// "" -> "" (first page). INVALID_ARGUMENT naming page_token when malformed or mismatched.
absl::StatusOr<std::string> DecodePageToken(const std::string& token,
                                            const std::string& filter_fingerprint);
// 0 -> default, above max -> max, negative -> INVALID_ARGUMENT naming page_size.
absl::StatusOr<int> EffectivePageSize(int requested);

}  // namespace attain::server

#pragma once
// Statement parameters in PostgreSQL's text forms, shared by the compensation stores.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/db/pg.h"

namespace attain::compensation::store {

// A text[] literal with every element quoted, for "unnest($1::text[])" and "= ANY($1)".
template <typename Strings>
std::string TextArray(const Strings& values) {
  std::string out = "{";
  for (const auto& value : values) {
    if (out.size() > 1) out.push_back(',');
    out.push_back('"');
    for (char c : std::string_view(value)) {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    out.push_back('"');
  }
  out.push_back('}');
  return out;
}

// Empty text is NULL (the filter is off).
db::Param OptionalText(const std::string& text);

// bytea travels as hex text (encode(x, 'hex') / decode($n, 'hex')): text-format results
// cannot carry raw bytes.
std::string HexOfBytes(std::string_view bytes);
std::string BytesFromHex(std::string_view hex);  // lower-case hex, as encode() writes it

// Microseconds since the Unix epoch <-> timestamptz, exact (extract returns numeric).
// "$<param>" as a timestamptz:
std::string MicrosToTimestampSql(int param);
// `column` as bigint microseconds:
std::string TimestampToMicrosSql(std::string_view column);

}  // namespace attain::compensation::store

#include "services/compensation/store/sql_text.h"

#include "absl/strings/str_cat.h"

namespace attain::compensation::store {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return 0;
}

}  // namespace

std::string HexOfBytes(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    out[2 * i] = kDigits[c >> 4];
    out[2 * i + 1] = kDigits[c & 15];
  }
  return out;
}

std::string BytesFromHex(std::string_view hex) {
  std::string out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(HexValue(hex[i]) * 16 + HexValue(hex[i + 1])));
  }
  return out;
}

db::Param OptionalText(const std::string& text) {
  return text.empty() ? db::Param() : db::Param(text);
}

std::string MicrosToTimestampSql(int param) {
  return absl::StrCat("(TIMESTAMPTZ 'epoch' + $", param, "::bigint * INTERVAL '1 microsecond')");
}

std::string TimestampToMicrosSql(std::string_view column) {
  return absl::StrCat("(extract(epoch FROM ", absl::string_view(column.data(), column.size()),
                      ") * 1000000)::bigint");
}

}  // namespace attain::compensation::store

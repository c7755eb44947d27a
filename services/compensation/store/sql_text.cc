#include "services/compensation/store/sql_text.h"

#include "absl/strings/str_cat.h"

namespace attain::compensation::store {

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

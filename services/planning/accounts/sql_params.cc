#include "services/planning/accounts/sql_params.h"

#include "absl/strings/str_cat.h"

namespace attain::planning::catalog {

std::string LikePattern(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') escaped.push_back('\\');
    escaped.push_back(c);
  }
  return absl::StrCat("%", escaped, "%");
}

db::Param OptionalText(const std::string& text) {
  return text.empty() ? db::Param() : db::Param(text);
}

std::string TextArray(const std::vector<std::string>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.push_back('"');
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    out.push_back('"');
  }
  out.push_back('}');
  return out;
}

}  // namespace attain::planning::catalog

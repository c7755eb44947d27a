#include "services/compensation/store/copy_text.h"

namespace attain::compensation::store {
namespace {

bool IsOctal(char c) { return c >= '0' && c <= '7'; }

}  // namespace

absl::Status SplitCopyTextRow(std::string_view line,
                              std::vector<std::optional<std::string_view>>* fields,
                              std::string* scratch) {
  fields->clear();
  scratch->clear();
  // Decoded text is never longer than the line, so the buffer never moves under the views.
  scratch->reserve(line.size());
  size_t start = 0;
  while (true) {
    size_t end = line.find('\t', start);
    if (end == std::string_view::npos) end = line.size();
    const std::string_view raw = line.substr(start, end - start);
    if (raw == "\\N") {
      fields->push_back(std::nullopt);
    } else if (raw.find('\\') == std::string_view::npos) {
      fields->push_back(raw);
    } else {
      const size_t begin = scratch->size();
      for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '\\') {
          scratch->push_back(raw[i]);
          continue;
        }
        if (++i == raw.size()) return absl::InvalidArgumentError("COPY row ends in a backslash");
        switch (raw[i]) {
          case 'b': scratch->push_back('\b'); break;
          case 'f': scratch->push_back('\f'); break;
          case 'n': scratch->push_back('\n'); break;
          case 'r': scratch->push_back('\r'); break;
          case 't': scratch->push_back('\t'); break;
          case 'v': scratch->push_back('\v'); break;
          default:
            if (IsOctal(raw[i])) {
              int value = 0;
              int digits = 0;
              while (digits < 3 && i < raw.size() && IsOctal(raw[i])) {
                value = value * 8 + (raw[i] - '0');
                ++i;
                ++digits;
              }
              --i;
              scratch->push_back(static_cast<char>(value));
            } else {
              scratch->push_back(raw[i]);  // \\ and any other escaped character
            }
        }
      }
      fields->push_back(std::string_view(scratch->data() + begin, scratch->size() - begin));
    }
    if (end == line.size()) break;
    start = end + 1;
  }
  return absl::OkStatus();
}

}  // namespace attain::compensation::store

#include "services/planning/engine/territory/postal_code.h"

namespace attain::planning::territory {

std::string NormalizePostalCode(std::string_view raw) {
  std::string code;
  code.reserve(raw.size());
  for (char c : raw) {
    if (c >= 'a' && c <= 'z') {
      code.push_back(static_cast<char>(c - 'a' + 'A'));
    } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      code.push_back(c);
    }
  }
  return code;
}

bool PostalCodeInRange(std::string_view code, std::string_view from, std::string_view to) {
  if (code.size() < from.size()) return false;
  const std::string_view head = code.substr(0, from.size());
  return from <= head && head <= to;
}

}  // namespace attain::planning::territory

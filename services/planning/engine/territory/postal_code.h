#pragma once
// Postal codes are compared in a normalized form so "sw1a 1aa", "SW1A1AA" and "SW1A-1AA" are
// one code, and a ZIP+4 "94107-1234" falls in a five-digit range "94000".."94999".

#include <string>
#include <string_view>

namespace attain::planning::territory {

// Upper-cased ASCII letters and digits; every other character (spaces, dashes) is dropped.
std::string NormalizePostalCode(std::string_view raw);

// True when `code` (normalized) has at least L = from.size() characters and its first L lie
// in [from, to] byte-wise. `from` and `to` are normalized and of equal length.
bool PostalCodeInRange(std::string_view code, std::string_view from, std::string_view to);

}  // namespace attain::planning::territory

#pragma once
// String literals as the language writes them: in double quotes, with \" and \\ the only
// escapes. Shared by the printer and Value::DebugString so both print what the lexer reads.

#include <string>
#include <string_view>

namespace attain::compensation::expr {

// "Cloud" -> "\"Cloud\"", a"b -> "\"a\\\"b\"".
std::string Quote(std::string_view text);

}  // namespace attain::compensation::expr

#pragma once
// PostgreSQL's binary COPY format (COPY ... FROM STDIN WITH (FORMAT binary)): a header, then
// per row a field count and each field as a length and the type's binary form, then a
// trailer. The server then converts nothing from text, which is most of what a text COPY
// costs it for numbers and dates. Every value is written exactly as the type's *_recv
// function expects it (network byte order).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/money/decimal.h"

namespace attain::compensation::store::copy_binary {

void AppendHeader(std::string* out);
void AppendTrailer(std::string* out);
void AppendFieldCount(int16_t count, std::string* out);

void AppendNull(std::string* out);
// text, char(n), and JSON kept as text: the bytes themselves (valid UTF-8, no NUL).
void AppendText(std::string_view text, std::string* out);
void AppendBytea(std::string_view bytes, std::string* out);
// text[]: a one-dimensional array without NULLs (array_recv's layout; element type text).
void AppendTextArray(const std::vector<std::string>& values, std::string* out);
void AppendInt32(int32_t value, std::string* out);
void AppendInt64(int64_t value, std::string* out);
void AppendDate(absl::CivilDay day, std::string* out);
// NUMERIC with display scale 6: base-10000 digits of the exact micro-unit value.
void AppendNumeric(money::Decimal value, std::string* out);

}  // namespace attain::compensation::store::copy_binary

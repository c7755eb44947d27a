#include "services/compensation/store/copy_binary.h"

#include <cstdlib>

namespace attain::compensation::store::copy_binary {
namespace {

void Put16(uint16_t value, std::string* out) {
  const char bytes[2] = {static_cast<char>(value >> 8), static_cast<char>(value)};
  out->append(bytes, 2);
}

void Put32(uint32_t value, std::string* out) {
  const char bytes[4] = {static_cast<char>(value >> 24), static_cast<char>(value >> 16),
                         static_cast<char>(value >> 8), static_cast<char>(value)};
  out->append(bytes, 4);
}

void Put64(uint64_t value, std::string* out) {
  Put32(static_cast<uint32_t>(value >> 32), out);
  Put32(static_cast<uint32_t>(value), out);
}

void Length(size_t size, std::string* out) {
  // A field larger than 1 GB is beyond anything PostgreSQL stores; callers validate sizes.
  if (size > (1u << 30)) std::abort();
  Put32(static_cast<uint32_t>(size), out);
}

constexpr uint16_t kNumericPositive = 0x0000;
constexpr uint16_t kNumericNegative = 0x4000;
constexpr int16_t kNumericScale = 6;
const absl::CivilDay kPostgresEpoch(2000, 1, 1);

}  // namespace

void AppendHeader(std::string* out) {
  static constexpr char kSignature[] = "PGCOPY\n\377\r\n";  // 11 bytes with the final NUL
  out->append(kSignature, sizeof(kSignature));
  Put32(0, out);  // flags: no OIDs
  Put32(0, out);  // no header extension
}

void AppendTrailer(std::string* out) { Put16(0xffff, out); }

void AppendFieldCount(int16_t count, std::string* out) { Put16(static_cast<uint16_t>(count), out); }

void AppendNull(std::string* out) { Put32(0xffffffff, out); }

void AppendText(std::string_view text, std::string* out) {
  Length(text.size(), out);
  out->append(text);
}

void AppendBytea(std::string_view bytes, std::string* out) { AppendText(bytes, out); }

void AppendTextArray(const std::vector<std::string>& values, std::string* out) {
  constexpr uint32_t kTextOid = 25;
  std::string body;
  Put32(values.empty() ? 0 : 1, &body);  // dimensions (an empty array has none)
  Put32(0, &body);                        // no NULL elements
  Put32(kTextOid, &body);
  if (!values.empty()) {
    Put32(static_cast<uint32_t>(values.size()), &body);
    Put32(1, &body);  // lower bound
    for (const std::string& value : values) AppendText(value, &body);
  }
  AppendBytea(body, out);
}

void AppendInt32(int32_t value, std::string* out) {
  Length(4, out);
  Put32(static_cast<uint32_t>(value), out);
}

void AppendInt64(int64_t value, std::string* out) {
  Length(8, out);
  Put64(static_cast<uint64_t>(value), out);
}

void AppendDate(absl::CivilDay day, std::string* out) {
  AppendInt32(static_cast<int32_t>(day - kPostgresEpoch), out);
}

void AppendNumeric(money::Decimal value, std::string* out) {
  const int64_t micros = value.micros();
  const uint64_t magnitude =
      micros < 0 ? uint64_t{0} - static_cast<uint64_t>(micros) : static_cast<uint64_t>(micros);
  uint64_t units = magnitude / money::Decimal::kScale;
  const uint64_t fraction = magnitude % money::Decimal::kScale;  // six decimal digits
  // Base-10000 digits, most significant first: up to four for the units (|units| < 1e13),
  // then the fraction's eight decimal places (six and two zeros) as two.
  uint16_t digits[6];
  int count = 0;
  uint16_t unit_digits[4];
  int unit_count = 0;
  for (; units > 0; units /= 10000) unit_digits[unit_count++] = static_cast<uint16_t>(units % 10000);
  for (int i = unit_count - 1; i >= 0; --i) digits[count++] = unit_digits[i];
  digits[count++] = static_cast<uint16_t>(fraction / 100);
  digits[count++] = static_cast<uint16_t>(fraction % 100 * 100);
  int16_t weight = static_cast<int16_t>(unit_count - 1);
  int first = 0;
  while (first < count && digits[first] == 0) {
    ++first;
    --weight;
  }
  while (count > first && digits[count - 1] == 0) --count;
  const int ndigits = count - first;
  Length(8 + 2 * ndigits, out);
  Put16(static_cast<uint16_t>(ndigits), out);
  Put16(static_cast<uint16_t>(ndigits == 0 ? 0 : weight), out);
  Put16(micros < 0 ? kNumericNegative : kNumericPositive, out);
  Put16(kNumericScale, out);
  for (int i = first; i < count; ++i) Put16(digits[i], out);
}

}  // namespace attain::compensation::store::copy_binary

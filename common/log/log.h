#pragma once
// Structured JSON-lines logging to stdout: one object per line with "time" (RFC 3339 UTC,
// microseconds), "level", "service", "msg" and any extra fields. Values whose key looks
// secret (contains token, password, passwd, secret, authorization, credential, api_key,
// apikey or private_key, or ends in dsn; case-insensitive, "-" matching "_") are replaced by "[redacted]",
// so a careless call site cannot leak credentials. A field named like one of the four
// fixed keys is written as "field.<key>" rather than overwriting it.

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "absl/time/time.h"

namespace attain::log {

enum class Level { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

// Set once at start-up (thread-safe to call later too).
void Init(std::string_view service, Level min_level);
// Parses "debug" | "info" | "warn" | "error".
bool ParseLevel(std::string_view text, Level* out);

// A field value is always written as a JSON string unless added through the numeric overloads.
struct Field {
  Field(std::string_view k, std::string_view v) : key(k), value(v), is_number(false) {}
  Field(std::string_view k, const char* v) : key(k), value(v), is_number(false) {}
  Field(std::string_view k, const std::string& v) : key(k), value(v), is_number(false) {}
  Field(std::string_view k, long long v) : key(k), value(std::to_string(v)), is_number(true) {}
  Field(std::string_view k, int v) : key(k), value(std::to_string(v)), is_number(true) {}
  Field(std::string_view k, long v) : key(k), value(std::to_string(v)), is_number(true) {}
  Field(std::string_view k, unsigned long v) : key(k), value(std::to_string(v)), is_number(true) {}
  Field(std::string_view k, double v) : key(k), value(std::to_string(v)), is_number(true) {}
  std::string key;
  std::string value;
  bool is_number;
};

void Write(Level level, std::string_view msg, std::initializer_list<Field> fields = {});
inline void Debug(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::kDebug, m, f); }
inline void Info(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::kInfo, m, f); }
inline void Warn(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::kWarn, m, f); }
inline void Error(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::kError, m, f); }

// The JSON line Write would emit (without trailing newline); exposed for tests.
std::string Format(Level level, std::string_view msg, std::initializer_list<Field> fields);
// As Format, at a given time (deterministic output for tests).
std::string FormatAt(absl::Time time, Level level, std::string_view msg,
                     std::initializer_list<Field> fields);

}  // namespace attain::log

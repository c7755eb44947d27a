#include "common/log/log.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstddef>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "nlohmann/json.hpp"

namespace attain::log {
namespace {

// Leaked on purpose: logging must keep working during static destruction.
struct State {
  std::atomic<int> min_level{static_cast<int>(Level::kInfo)};
  absl::Mutex service_mu;
  std::string service ABSL_GUARDED_BY(service_mu) = "attain";
  // Serializes whole lines so concurrent writers never interleave within one.
  absl::Mutex write_mu;
};

State& GetState() {
  static State* state = new State();
  return *state;
}

const char* LevelName(Level level) {
  switch (level) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "info";
}

bool IsSecretKey(std::string_view key) {
  // Hyphens fold to underscores so gRPC metadata names ("x-api-key") match too.
  std::string lower = absl::AsciiStrToLower(absl::string_view(key.data(), key.size()));
  std::replace(lower.begin(), lower.end(), '-', '_');
  for (const char* marker : {"token", "password", "passwd", "secret", "authorization",
                             "credential", "api_key", "apikey", "private_key"}) {
    if (absl::StrContains(lower, marker)) return true;
  }
  return absl::EndsWith(lower, "dsn");
}

bool IsReservedKey(std::string_view key) {
  return key == "time" || key == "level" || key == "service" || key == "msg";
}

std::string CurrentService() {
  State& state = GetState();
  absl::MutexLock lock(&state.service_mu);
  return state.service;
}

// write(2) until the whole line is out; a short write must not drop the tail of a line.
void WriteAll(const std::string& line) {
  size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = ::write(STDOUT_FILENO, line.data() + written, line.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // stdout is gone; nowhere left to report it
    }
    written += static_cast<size_t>(n);
  }
}

}  // namespace

void Init(std::string_view service, Level min_level) {
  State& state = GetState();
  {
    absl::MutexLock lock(&state.service_mu);
    state.service = std::string(service);
  }
  state.min_level.store(static_cast<int>(min_level), std::memory_order_relaxed);
}

bool ParseLevel(std::string_view text, Level* out) {
  for (Level level : {Level::kDebug, Level::kInfo, Level::kWarn, Level::kError}) {
    if (text == LevelName(level)) {
      *out = level;
      return true;
    }
  }
  return false;
}

std::string FormatAt(absl::Time time, Level level, std::string_view msg,
                     std::initializer_list<Field> fields) {
  // ordered_json keeps the fixed keys first, which makes lines readable by eye too.
  nlohmann::ordered_json line;
  line["time"] = absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", time, absl::UTCTimeZone());
  line["level"] = LevelName(level);
  line["service"] = CurrentService();
  line["msg"] = msg;
  for (const Field& field : fields) {
    const std::string key = IsReservedKey(field.key) ? "field." + field.key : field.key;
    if (IsSecretKey(field.key)) {
      line[key] = "[redacted]";
      continue;
    }
    if (field.is_number) {
      // NaN and infinity have no JSON number form; they stay strings.
      nlohmann::ordered_json number = nlohmann::ordered_json::parse(field.value, nullptr,
                                                                   /*allow_exceptions=*/false);
      if (number.is_number()) {
        line[key] = std::move(number);
        continue;
      }
    }
    line[key] = field.value;
  }
  // Invalid UTF-8 (e.g. bytes from a client) is replaced rather than throwing mid-request.
  return line.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string Format(Level level, std::string_view msg, std::initializer_list<Field> fields) {
  return FormatAt(absl::Now(), level, msg, fields);
}

void Write(Level level, std::string_view msg, std::initializer_list<Field> fields) {
  State& state = GetState();
  if (static_cast<int>(level) < state.min_level.load(std::memory_order_relaxed)) return;
  std::string line = Format(level, msg, fields);
  line += '\n';
  absl::MutexLock lock(&state.write_mu);
  WriteAll(line);
}

}  // namespace attain::log

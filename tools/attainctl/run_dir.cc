#include "tools/attainctl/run_dir.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace attain::ctl {

namespace fs = std::filesystem;

std::optional<fs::path> FindRunDir(const fs::path& start, const char* env_value) {
  if (env_value != nullptr && *env_value != '\0') return fs::path(env_value);
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (ec) return std::nullopt;
  while (true) {
    const fs::path candidate = dir / ".run";
    if (std::error_code missing; fs::is_directory(candidate, missing)) return candidate;
    if (dir == dir.root_path() || !dir.has_relative_path()) return std::nullopt;
    dir = dir.parent_path();
  }
}

std::optional<fs::path> FindRunDir() {
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  return FindRunDir(ec ? fs::path(".") : cwd, std::getenv("ATTAIN_RUN_DIR"));
}

absl::flat_hash_map<std::string, std::string> ParseEnvFile(absl::string_view text) {
  absl::flat_hash_map<std::string, std::string> values;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    absl::ConsumePrefix(&line, "export ");
    const size_t eq = line.find('=');
    if (eq == absl::string_view::npos) continue;
    absl::string_view key = absl::StripAsciiWhitespace(line.substr(0, eq));
    absl::string_view value = absl::StripAsciiWhitespace(line.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    values[key] = std::string(value);
  }
  return values;
}

absl::StatusOr<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno;
    const std::string message = absl::StrCat(path.string(), ": ", std::strerror(error));
    return error == EACCES ? absl::PermissionDeniedError(message) : absl::NotFoundError(message);
  }
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

absl::StatusOr<std::string> ReadTrimmedFile(const fs::path& path) {
  absl::StatusOr<std::string> content = ReadFile(path);
  if (!content.ok()) return content.status();
  absl::StripTrailingAsciiWhitespace(&*content);
  return content;
}

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

}  // namespace attain::ctl

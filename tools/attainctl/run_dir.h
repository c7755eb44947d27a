#pragma once
// The local run directory (`.run/`) that `make up` fills with endpoints.env, admin.token and
// jwt.secret, so attainctl works from anywhere inside a checkout without flags.

#include <filesystem>
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace attain::ctl {

// $ATTAIN_RUN_DIR when set, else the nearest `.run` directory at or above the working directory.
std::optional<std::filesystem::path> FindRunDir();
// The same search from `start`, with `env_value` standing in for $ATTAIN_RUN_DIR (may be null).
std::optional<std::filesystem::path> FindRunDir(const std::filesystem::path& start,
                                                const char* env_value);

// KEY=VALUE lines; blank lines, "# comments" and an "export " prefix are allowed, and values
// may be wrapped in single or double quotes.
absl::flat_hash_map<std::string, std::string> ParseEnvFile(absl::string_view text);

// The whole file; NOT_FOUND / PERMISSION_DENIED naming the path when it cannot be read.
absl::StatusOr<std::string> ReadFile(const std::filesystem::path& path);

// The file's content without trailing whitespace (token and secret files end in a newline).
absl::StatusOr<std::string> ReadTrimmedFile(const std::filesystem::path& path);

// The environment variable, or "" when unset.
std::string Env(const char* name);

}  // namespace attain::ctl

#include "common/config/server_config.h"

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <CLI/CLI.hpp>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "common/log/log.h"

namespace attain::config {
namespace {

// Returns "" when `value` is acceptable, else the reason (CLI11's validator contract).
// A reason must never contain the value of a secret setting.
using Check = std::function<std::string(const std::string& value)>;

constexpr size_t kMinHs256SecretBytes = 32;

// One row per ServerConfig setting. Both CLI registration and ValidateServerConfig walk
// this table, so a setting's range is written once.
struct Setting {
  std::string flag;  // "--grpc-address"; the environment variable is derived from it
  std::string description;
  std::string* text = nullptr;  // exactly one of text / number is bound
  int* number = nullptr;
  Check check;
  std::string check_hint;  // shown in --help after the type, e.g. "INT:1..256"
  bool secret = false;     // never echoed: no default in --help, no value in errors
};

std::string EnvName(std::string_view flag) {
  std::string name = "ATTAIN_";
  for (char c : flag.substr(2)) name += c == '-' ? '_' : absl::ascii_toupper(c);
  return name;
}

std::string SettingName(std::string_view flag) {
  return EnvName(flag) + " (" + std::string(flag) + ")";
}

Check IntInRange(int lo, int hi) {
  return [lo, hi](const std::string& value) -> std::string {
    int parsed = 0;
    const char* end = value.data() + value.size();
    const auto [ptr, ec] = std::from_chars(value.data(), end, parsed);
    if (value.empty() || ec != std::errc() || ptr != end || parsed < lo || parsed > hi) {
      return "must be an integer in " + std::to_string(lo) + ".." + std::to_string(hi) +
             ", got \"" + value + "\"";
    }
    return "";
  };
}

// "none" exists because CLI11 treats an empty environment variable as unset, so a
// deployment configured only through the environment could not otherwise disable Redis.
constexpr char kRedisDisabled[] = "none";

std::string CheckRedisAddress(const std::string& value) {
  return value.empty() || value == kRedisDisabled ? "" : CheckHostPort(value);
}

std::string CheckNotEmpty(const std::string& value) {
  return value.empty() ? "must not be empty" : "";
}

std::string CheckPgDsn(const std::string& value) {
  if (value.empty()) return "must not be empty";
  // The password travels separately so the DSN can be logged and shown in --help.
  if (absl::StrContains(absl::AsciiStrToLower(value), "password")) {
    return "must not contain a password; set ATTAIN_PG_PASSWORD instead";
  }
  return "";
}

std::string CheckLogLevel(const std::string& value) {
  log::Level level;
  return log::ParseLevel(value, &level) ? "" : "must be one of debug, info, warn, error";
}

std::string CheckHs256Secret(const std::string& value) {
  if (value.empty() || value.size() >= kMinHs256SecretBytes) return "";
  return "HS256 secret must be at least " + std::to_string(kMinHs256SecretBytes) +
         " bytes, got " + std::to_string(value.size());
}

// Whole file, or the reason it cannot be read.
absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError("cannot read " + path + ": " + std::strerror(errno));
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) return absl::DataLossError("cannot read " + path);
  return contents.str();
}

std::string CheckReadableFile(const std::string& value) {
  if (value.empty()) return "";
  absl::StatusOr<std::string> contents = ReadFile(value);
  return contents.ok() ? "" : std::string(contents.status().message());
}

std::vector<Setting> Settings(ServerConfig& c) {
  std::vector<Setting> s;
  auto text = [&s](const char* flag, std::string& field, const char* description, Check check,
                   const char* hint, bool secret = false) {
    s.push_back(Setting{flag, description, &field, nullptr, std::move(check), hint, secret});
  };
  auto number = [&s](const char* flag, int& field, const char* description, int lo, int hi) {
    const std::string hint = std::to_string(lo) + ".." + std::to_string(hi);
    s.push_back(Setting{flag, description, nullptr, &field, IntInRange(lo, hi), hint, false});
  };
  text("--grpc-address", c.grpc_address, "gRPC listen address (port 0 picks a free port)",
       CheckHostPort, "host:port");
  text("--metrics-address", c.metrics_address, "Prometheus /metrics listen address",
       CheckHostPort, "host:port");
  text("--pg-dsn", c.pg_dsn, "PostgreSQL libpq conninfo, without the password", CheckPgDsn,
       "conninfo");
  text("--pg-password", c.pg_password, "PostgreSQL password (secret)", nullptr, "", true);
  number("--pg-pool-size", c.pg_pool_size, "PostgreSQL connections in the pool", 1, 256);
  number("--pg-statement-timeout-ms", c.pg_statement_timeout_ms,
         "statement_timeout set on every PostgreSQL session", 1, 3'600'000);
  text("--redis-address", c.redis_address,
       "Redis address; \"none\" or \"\" disables the cache", CheckRedisAddress, "host:port");
  number("--redis-timeout-ms", c.redis_timeout_ms,
         "Redis command timeout; a slower cache is treated as a miss", 1, 5000);
  number("--cache-ttl-seconds", c.cache_ttl_seconds, "Lifetime of cached entries", 1, 86400);
  number("--near-cache-entries", c.near_cache_entries,
         "Hot cache entries (published statements) also kept in process, coherent through "
         "Redis's invalidations; 0 turns the near cache off",
         0, 1000000);
  text("--jwt-secret", c.jwt_secret,
       "HS256 signing secret, at least 32 bytes (secret; prefer the environment variable "
       "or --jwt-secret-file, as flags are visible in ps)",
       CheckHs256Secret, "", true);
  text("--jwt-secret-file", c.jwt_secret_file,
       "File holding the HS256 secret (one trailing newline ignored)", CheckReadableFile,
       "path");
  text("--jwt-public-key-file", c.jwt_public_key_file, "PEM public key for RS256 tokens",
       CheckReadableFile, "path");
  text("--jwt-issuer", c.jwt_issuer, "Required JWT iss claim", CheckNotEmpty, "");
  text("--jwt-audience", c.jwt_audience, "Required JWT aud claim", CheckNotEmpty, "");
  text("--service-token", c.service_token,
       "Bearer token for calls to other services under RS256 (secret)", nullptr, "", true);
  number("--executor-threads", c.executor_threads, "Threads running blocking work", 1, 256);
  number("--executor-queue", c.executor_queue,
         "Blocking tasks that may wait before calls are refused", 1, 100'000);
  number("--default-deadline-ms", c.default_deadline_ms,
         "Deadline for outgoing calls whose caller set none", 1, 600'000);
  number("--shutdown-grace-ms", c.shutdown_grace_ms,
         "Time in-flight calls get to finish on SIGTERM", 0, 600'000);
  number("--max-message-bytes", c.max_message_bytes, "Largest gRPC message accepted", 1024,
         1'073'741'824);
  text("--log-level", c.log_level, "Lowest level logged", CheckLogLevel,
       "debug|info|warn|error");
  return s;
}

std::string ValueOf(const Setting& setting) {
  return setting.text != nullptr ? *setting.text : std::to_string(*setting.number);
}

absl::Status Invalid(std::string_view flag, const std::string& reason) {
  return absl::InvalidArgumentError(SettingName(flag) + ": " + reason);
}

// Loads --jwt-secret-file into jwt_secret, stripping the newline editors and
// `kubectl create secret --from-file` leave behind.
absl::Status LoadJwtSecretFile(ServerConfig& config) {
  absl::StatusOr<std::string> contents = ReadFile(config.jwt_secret_file);
  if (!contents.ok()) {
    return Invalid("--jwt-secret-file", std::string(contents.status().message()));
  }
  std::string secret = *std::move(contents);
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  if (secret.empty()) return Invalid("--jwt-secret-file", "file is empty");
  if (std::string reason = CheckHs256Secret(secret); !reason.empty()) {
    return Invalid("--jwt-secret-file", reason);
  }
  config.jwt_secret = std::move(secret);
  return absl::OkStatus();
}

const CLI::Option* FindOption(const CLI::App& app, std::string_view message) {
  for (const CLI::Option* option : app.get_options()) {
    const std::string name = option->get_name();
    if (!name.empty() && message.starts_with(name + ": ")) return option;
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (const CLI::Option* option = FindOption(*sub, message)) return option;
  }
  return nullptr;
}

// CLI11's ExtrasError lists every leftover argument, and the one after a mistyped flag
// (--jwt-secrt VALUE) is often a secret, so only flag names are repeated.
std::string DescribeExtras(const CLI::App& app) {
  std::vector<std::string> flags;
  for (const std::string& arg : app.remaining(/*recurse=*/true)) {
    if (arg.size() > 1 && arg[0] == '-') flags.push_back(arg.substr(0, arg.find('=')));
  }
  if (flags.empty()) return "unexpected arguments (values not shown)";
  return "unknown option " + absl::StrJoin(flags, ", ") + " (values not shown)";
}

[[noreturn]] void Exit(const ServerConfig& config, std::string_view line) {
  std::cerr << "attain-" << config.service_name << ": " << line << std::endl;
  std::exit(2);
}

}  // namespace

std::string CheckHostPort(const std::string& value) {
  const std::string reason = "must be host:port with port 0..65535, got \"" + value + "\"";
  const size_t colon = value.rfind(':');
  if (colon == std::string::npos || colon == 0) return reason;
  const std::string_view host = std::string_view(value).substr(0, colon);
  const std::string_view port = std::string_view(value).substr(colon + 1);
  // IPv6 literals must be bracketed, otherwise their colons make the port ambiguous.
  const bool bracketed = host.size() > 2 && host.front() == '[' && host.back() == ']';
  for (size_t i = 0; i < host.size(); ++i) {
    const char c = host[i];
    const bool bracket_char = bracketed && (i == 0 || i + 1 == host.size());
    if (absl::ascii_isspace(c) || c == '/' || (c == ':' && !bracketed) ||
        ((c == '[' || c == ']') && !bracket_char)) {
      return reason;
    }
  }
  if (port.empty() || port.size() > 5) return reason;
  int port_number = 0;
  for (char c : port) {
    if (!absl::ascii_isdigit(c)) return reason;
    port_number = port_number * 10 + (c - '0');
  }
  return port_number <= 65535 ? "" : reason;
}

void AddServerSettings(CLI::App& app, ServerConfig& config) {
  if (config.pg_dsn.empty()) {
    config.pg_dsn = "host=127.0.0.1 port=5432 dbname=attain user=attain_" + config.service_name;
  }
  // Subcommands the caller adds later inherit this, so `attain-x migrate --pg-dsn ...`
  // hands the server settings back to this app instead of rejecting them.
  app.fallthrough();
  for (Setting& setting : Settings(config)) {
    CLI::Option* option =
        setting.text != nullptr
            ? app.add_option(setting.flag, *setting.text, setting.description)
            : app.add_option(setting.flag, *setting.number, setting.description);
    option->envname(EnvName(setting.flag));
    if (!setting.secret) option->capture_default_str();
    if (setting.check) {
      option->check(CLI::Validator(
          [check = setting.check](std::string& value) { return check(value); },
          setting.check_hint));
    }
  }
}

absl::Status ValidateServerConfig(ServerConfig& config) {
  for (const Setting& setting : Settings(config)) {
    if (!setting.check) continue;
    if (std::string reason = setting.check(ValueOf(setting)); !reason.empty()) {
      return Invalid(setting.flag, reason);
    }
  }
  if (config.redis_address == kRedisDisabled) config.redis_address.clear();
  const int key_sources = !config.jwt_secret.empty() + !config.jwt_secret_file.empty() +
                          !config.jwt_public_key_file.empty();
  if (key_sources != 1) {
    return Invalid("--jwt-secret",
                   "set exactly one of ATTAIN_JWT_SECRET, ATTAIN_JWT_SECRET_FILE, "
                   "ATTAIN_JWT_PUBLIC_KEY_FILE (" +
                       std::to_string(key_sources) + " set)");
  }
  if (!config.jwt_secret_file.empty()) return LoadJwtSecretFile(config);
  return absl::OkStatus();
}

std::string DescribeParseError(const CLI::App& app, const CLI::Error& error) {
  // By type, not get_name(): CLI11 2.1 names an ExtrasError after the app.
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) return DescribeExtras(app);
  const std::string message = error.what();
  const CLI::Option* option = FindOption(app, message);
  if (option == nullptr) return message;
  const std::string name = option->get_name();
  const std::string reason = message.substr(name.size() + 2);
  const std::string env = option->get_envname();
  return "invalid setting " + (env.empty() ? name : env + " (" + name + ")") + ": " + reason;
}

void ParseOrExit(CLI::App& app, ServerConfig& config, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == 0) std::exit(app.exit(error));  // --help
    Exit(config, DescribeParseError(app, error));
  }
  if (absl::Status status = ValidateServerConfig(config); !status.ok()) {
    Exit(config, "invalid setting " + std::string(status.message()));
  }
}

}  // namespace attain::config

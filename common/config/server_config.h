#pragma once
// Settings shared by every Attain service. Each setting is a flag (--grpc-address) and an
// environment variable (ATTAIN_GRPC_ADDRESS); the flag wins. Values are validated at
// start-up; a bad value stops the process with one line naming the setting.
// `--help` lists every setting with its environment variable and default.

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/statusor.h"

namespace CLI {
class App;
class Error;
}  // namespace CLI

namespace attain::config {

struct ServerConfig {
  std::string service_name;                     // fixed per binary, not a setting
  std::string grpc_address = "0.0.0.0:50051";   // --grpc-address  host:port (port 0 = any)
  std::string metrics_address = "0.0.0.0:9464"; // --metrics-address host:port
  std::string pg_dsn;                           // --pg-dsn libpq conninfo WITHOUT password; default "host=127.0.0.1 port=5432 dbname=attain user=attain_<service>"
  std::string pg_password;                      // --pg-password / ATTAIN_PG_PASSWORD (secret)
  int pg_pool_size = 8;                         // --pg-pool-size 1..256
  int pg_statement_timeout_ms = 30000;          // --pg-statement-timeout-ms 1..3600000
  // "none" is accepted as well and becomes "": CLI11 treats an empty env var as unset.
  std::string redis_address = "127.0.0.1:6379"; // --redis-address host:port; "" disables Redis
  int redis_timeout_ms = 50;                    // --redis-timeout-ms 1..5000
  int cache_ttl_seconds = 300;                  // --cache-ttl-seconds 1..86400
  int near_cache_entries = 20000;               // --near-cache-entries 0..1000000 (0 = off)
  std::string jwt_secret;                       // --jwt-secret / ATTAIN_JWT_SECRET (HS256, >= 32 bytes) (secret)
  std::string jwt_secret_file;                  // --jwt-secret-file (alternative to jwt_secret)
  std::string jwt_public_key_file;              // --jwt-public-key-file PEM (RS256); exactly one of secret/secret-file/public-key-file
  std::string jwt_issuer = "attain";            // --jwt-issuer
  std::string jwt_audience = "attain";          // --jwt-audience
  std::string service_token;                    // --service-token / ATTAIN_SERVICE_TOKEN (secret) for calls to other services under RS256
  int executor_threads = 8;                     // --executor-threads 1..256
  int executor_queue = 256;                     // --executor-queue 1..100000
  int default_deadline_ms = 10000;              // --default-deadline-ms 1..600000, for calls that set none
  int shutdown_grace_ms = 10000;                // --shutdown-grace-ms 0..600000
  int max_message_bytes = 16 * 1024 * 1024;     // --max-message-bytes 1024..1073741824
  std::string log_level = "info";               // --log-level debug|info|warn|error
  std::string version = "0.1.0";                // not a setting
};

// Registers every ServerConfig setting on `app` bound to `config` (defaults taken from
// `config` as passed in). Service-specific settings are added by the caller to the same app.
// Turns on fallthrough so subcommands added afterwards accept the server settings too.
void AddServerSettings(CLI::App& app, ServerConfig& config);

// Cross-field checks after parsing (exactly one JWT key source, secret length, readable
// files, host:port syntax). Returns INVALID_ARGUMENT "ATTAIN_X (--x): reason".
// Reads --jwt-secret-file into jwt_secret and turns redis_address "none" into "", so
// call it once per parse.
absl::Status ValidateServerConfig(ServerConfig& config);

// The text after "attain-<service>: " for a CLI11 parse error: "invalid setting ATTAIN_X
// (--x): reason" when it concerns an option (service-specific ones included), else
// CLI11's own message, except that leftover arguments are named by flag only (the value
// after a mistyped flag may be a secret). Separate from ParseOrExit for tests.
std::string DescribeParseError(const CLI::App& app, const CLI::Error& error);

// Parses argv + environment into `app`; on --help prints help and exits 0; on any error
// prints one line "attain-<service>: invalid setting ATTAIN_X (--x): reason" to stderr and
// exits 2. Calls ValidateServerConfig. Returns normally only when everything is valid.
void ParseOrExit(CLI::App& app, ServerConfig& config, int argc, char** argv);

// Validator for "host:port" (port 0..65535). Usable as a CLI11 check.
std::string CheckHostPort(const std::string& value);

}  // namespace attain::config

#include "common/config/server_config.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace attain::config {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kSecret(32, 's');  // exactly the HS256 minimum

const char* const kEnvNames[] = {
    "ATTAIN_GRPC_ADDRESS",        "ATTAIN_METRICS_ADDRESS",   "ATTAIN_PG_DSN",
    "ATTAIN_PG_PASSWORD",         "ATTAIN_PG_POOL_SIZE",      "ATTAIN_PG_STATEMENT_TIMEOUT_MS",
    "ATTAIN_REDIS_ADDRESS",       "ATTAIN_REDIS_TIMEOUT_MS",  "ATTAIN_CACHE_TTL_SECONDS",
    "ATTAIN_JWT_SECRET",          "ATTAIN_JWT_SECRET_FILE",   "ATTAIN_JWT_PUBLIC_KEY_FILE",
    "ATTAIN_JWT_ISSUER",          "ATTAIN_JWT_AUDIENCE",      "ATTAIN_SERVICE_TOKEN",
    "ATTAIN_EXECUTOR_THREADS",    "ATTAIN_EXECUTOR_QUEUE",    "ATTAIN_DEFAULT_DEADLINE_MS",
    "ATTAIN_SHUTDOWN_GRACE_MS",   "ATTAIN_MAX_MESSAGE_BYTES", "ATTAIN_LOG_LEVEL",
    "ATTAIN_BATCH_SIZE"};

std::string WriteTempFile(const std::string& name, const std::string& contents) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path, std::ios::binary) << contents;
  return path;
}

class ServerConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ClearEnv();
    config_.service_name = "planning";
    AddServerSettings(app_, config_);
  }
  void TearDown() override { ClearEnv(); }

  static void ClearEnv() {
    for (const char* name : kEnvNames) unsetenv(name);
  }

  // argv for `args` with the program name first; the strings live in the fixture.
  std::vector<char*> Argv(std::vector<std::string> args) {
    args_ = std::move(args);
    args_.insert(args_.begin(), "attain-planning");
    std::vector<char*> argv;
    for (std::string& arg : args_) argv.push_back(arg.data());
    return argv;
  }

  // Runs app.parse over `args`; throws CLI11's errors.
  void Parse(std::vector<std::string> args) {
    std::vector<char*> argv = Argv(std::move(args));
    app_.parse(static_cast<int>(argv.size()), argv.data());
  }

  // The ParseOrExit line (minus "attain-planning: ") for a parse that must fail.
  std::string ParseFailure(std::vector<std::string> args) {
    try {
      Parse(std::move(args));
    } catch (const CLI::ParseError& error) {
      return DescribeParseError(app_, error);
    }
    return "parsed without error";
  }

  CLI::App app_{"test"};
  ServerConfig config_;
  std::vector<std::string> args_;
};

TEST_F(ServerConfigTest, ValidConfigPassesWithDocumentedDefaults) {
  Parse({"--jwt-secret", kSecret});
  ASSERT_EQ(ValidateServerConfig(config_), absl::OkStatus());
  EXPECT_EQ(config_.grpc_address, "0.0.0.0:50051");
  EXPECT_EQ(config_.metrics_address, "0.0.0.0:9464");
  EXPECT_EQ(config_.pg_dsn, "host=127.0.0.1 port=5432 dbname=attain user=attain_planning");
  EXPECT_EQ(config_.pg_pool_size, 8);
  EXPECT_EQ(config_.redis_address, "127.0.0.1:6379");
  EXPECT_EQ(config_.max_message_bytes, 16 * 1024 * 1024);
  EXPECT_EQ(config_.log_level, "info");
  EXPECT_EQ(config_.jwt_secret, kSecret);
}

TEST_F(ServerConfigTest, BadPortInEnvironmentFailsNamingAttainGrpcAddress) {
  setenv("ATTAIN_GRPC_ADDRESS", "0.0.0.0:70000", 1);
  EXPECT_EQ(ParseFailure({"--jwt-secret", kSecret}),
            "invalid setting ATTAIN_GRPC_ADDRESS (--grpc-address): must be host:port with "
            "port 0..65535, got \"0.0.0.0:70000\"");
}

TEST_F(ServerConfigTest, ValidateRejectsBadPortSetWithoutTheParser) {
  config_.jwt_secret = kSecret;
  config_.grpc_address = "0.0.0.0:http";
  const absl::Status status = ValidateServerConfig(config_);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "ATTAIN_GRPC_ADDRESS (--grpc-address): must be host:port with port 0..65535, got "
            "\"0.0.0.0:http\"");
}

TEST_F(ServerConfigTest, EnvironmentVariableIsHonoured) {
  setenv("ATTAIN_PG_POOL_SIZE", "16", 1);
  setenv("ATTAIN_JWT_SECRET", kSecret.c_str(), 1);
  Parse({});
  ASSERT_EQ(ValidateServerConfig(config_), absl::OkStatus());
  EXPECT_EQ(config_.pg_pool_size, 16);
  EXPECT_EQ(config_.jwt_secret, kSecret);
}

TEST_F(ServerConfigTest, FlagBeatsEnvironment) {
  setenv("ATTAIN_PG_POOL_SIZE", "16", 1);
  setenv("ATTAIN_LOG_LEVEL", "debug", 1);
  Parse({"--pg-pool-size", "32", "--log-level=warn", "--jwt-secret", kSecret});
  EXPECT_EQ(config_.pg_pool_size, 32);
  EXPECT_EQ(config_.log_level, "warn");
}

TEST_F(ServerConfigTest, MissingJwtKeySourceFails) {
  Parse({});
  const absl::Status status = ValidateServerConfig(config_);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "ATTAIN_JWT_SECRET (--jwt-secret): set exactly one of ATTAIN_JWT_SECRET, "
            "ATTAIN_JWT_SECRET_FILE, ATTAIN_JWT_PUBLIC_KEY_FILE (0 set)");
}

TEST_F(ServerConfigTest, TwoJwtKeySourcesFail) {
  const std::string key = WriteTempFile("two_sources.pem", "-----BEGIN PUBLIC KEY-----\n");
  Parse({"--jwt-secret", kSecret, "--jwt-public-key-file", key});
  EXPECT_EQ(ValidateServerConfig(config_).message(),
            "ATTAIN_JWT_SECRET (--jwt-secret): set exactly one of ATTAIN_JWT_SECRET, "
            "ATTAIN_JWT_SECRET_FILE, ATTAIN_JWT_PUBLIC_KEY_FILE (2 set)");
}

TEST_F(ServerConfigTest, ShortSecretFailsWithoutEchoingIt) {
  const std::string line = ParseFailure({"--jwt-secret", "short-secret"});
  EXPECT_EQ(line,
            "invalid setting ATTAIN_JWT_SECRET (--jwt-secret): HS256 secret must be at least "
            "32 bytes, got 12");
  EXPECT_THAT(line, Not(HasSubstr("short-secret")));
}

TEST_F(ServerConfigTest, ValidateRejectsSecretOneByteShort) {
  config_.jwt_secret = std::string(31, 's');
  EXPECT_EQ(ValidateServerConfig(config_).message(),
            "ATTAIN_JWT_SECRET (--jwt-secret): HS256 secret must be at least 32 bytes, got 31");
}

TEST_F(ServerConfigTest, SecretFileIsReadWithTrailingNewlineStripped) {
  const std::string path = WriteTempFile("jwt_secret", kSecret + "\n");
  Parse({"--jwt-secret-file", path});
  ASSERT_EQ(ValidateServerConfig(config_), absl::OkStatus());
  EXPECT_EQ(config_.jwt_secret, kSecret);
}

TEST_F(ServerConfigTest, ShortSecretFileFails) {
  const std::string path = WriteTempFile("short_jwt_secret", "tooshort\n");
  Parse({"--jwt-secret-file", path});
  EXPECT_EQ(ValidateServerConfig(config_).message(),
            "ATTAIN_JWT_SECRET_FILE (--jwt-secret-file): HS256 secret must be at least 32 "
            "bytes, got 8");
  EXPECT_EQ(config_.jwt_secret, "");
}

TEST_F(ServerConfigTest, UnreadableSecretFileFailsAtParse) {
  EXPECT_EQ(ParseFailure({"--jwt-secret-file", "/nonexistent/attain/secret"}),
            "invalid setting ATTAIN_JWT_SECRET_FILE (--jwt-secret-file): cannot read "
            "/nonexistent/attain/secret: No such file or directory");
}

TEST_F(ServerConfigTest, PublicKeyFileAloneIsAValidKeySource) {
  const std::string key = WriteTempFile("rs256.pem", "-----BEGIN PUBLIC KEY-----\n");
  Parse({"--jwt-public-key-file", key});
  ASSERT_EQ(ValidateServerConfig(config_), absl::OkStatus());
  EXPECT_EQ(config_.jwt_public_key_file, key);
  EXPECT_EQ(config_.jwt_secret, "");
}

TEST_F(ServerConfigTest, IntegerOutOfRangeOrMalformedFailsNamingSetting) {
  EXPECT_EQ(ParseFailure({"--pg-pool-size", "0", "--jwt-secret", kSecret}),
            "invalid setting ATTAIN_PG_POOL_SIZE (--pg-pool-size): must be an integer in "
            "1..256, got \"0\"");
  EXPECT_EQ(ParseFailure({"--max-message-bytes=1k"}),
            "invalid setting ATTAIN_MAX_MESSAGE_BYTES (--max-message-bytes): must be an "
            "integer in 1024..1073741824, got \"1k\"");
}

TEST_F(ServerConfigTest, IntegerRangesIncludeBothEnds) {
  Parse({"--shutdown-grace-ms", "0", "--executor-queue", "100000", "--jwt-secret", kSecret});
  ASSERT_EQ(ValidateServerConfig(config_), absl::OkStatus());
  EXPECT_EQ(config_.shutdown_grace_ms, 0);
  EXPECT_EQ(config_.executor_queue, 100000);
}

TEST_F(ServerConfigTest, UnknownLogLevelFails) {
  setenv("ATTAIN_LOG_LEVEL", "verbose", 1);
  EXPECT_EQ(ParseFailure({}),
            "invalid setting ATTAIN_LOG_LEVEL (--log-level): must be one of debug, info, warn, "
            "error");
}

TEST_F(ServerConfigTest, PasswordInDsnIsRejected) {
  EXPECT_EQ(ParseFailure({"--pg-dsn", "host=db password=hunter2"}),
            "invalid setting ATTAIN_PG_DSN (--pg-dsn): must not contain a password; set "
            "ATTAIN_PG_PASSWORD instead");
}

TEST_F(ServerConfigTest, EmptyRedisAddressFlagDisablesRedis) {
  Parse({"--redis-address", "", "--jwt-secret", kSecret});
  ASSERT_EQ(ValidateServerConfig(config_), absl::OkStatus());
  EXPECT_EQ(config_.redis_address, "");
}

TEST_F(ServerConfigTest, RedisNoneInEnvironmentDisablesRedis) {
  // An empty ATTAIN_REDIS_ADDRESS would count as unset, so "none" is the env spelling.
  setenv("ATTAIN_REDIS_ADDRESS", "none", 1);
  Parse({"--jwt-secret", kSecret});
  ASSERT_EQ(ValidateServerConfig(config_), absl::OkStatus());
  EXPECT_EQ(config_.redis_address, "");
}

TEST_F(ServerConfigTest, HelpListsEnvironmentAndDefaultsButNoSecrets) {
  CLI::App app("help");
  ServerConfig config;
  config.service_name = "compensation";
  config.jwt_secret = "prefilled-jwt-secret-that-must-not-show";
  config.pg_password = "prefilled-pg-password";
  config.service_token = "prefilled-service-token";
  AddServerSettings(app, config);
  const std::string help = app.help();
  EXPECT_THAT(help, HasSubstr("ATTAIN_GRPC_ADDRESS"));
  EXPECT_THAT(help, HasSubstr("0.0.0.0:50051"));
  EXPECT_THAT(help, HasSubstr("host=127.0.0.1 port=5432 dbname=attain user=attain_compensation"));
  EXPECT_THAT(help, Not(HasSubstr("prefilled")));
}

TEST_F(ServerConfigTest, CallerSubcommandsAndOptionsShareTheApp) {
  int batch_size = 100;
  CLI::App* migrate = app_.add_subcommand("migrate", "Apply database migrations");
  migrate->add_option("--batch-size", batch_size)
      ->envname("ATTAIN_BATCH_SIZE")
      ->check(CLI::Validator(
          [](std::string& v) { return v == "0" ? std::string("must be positive") : ""; }, ""));
  Parse({"--jwt-secret", kSecret, "migrate", "--batch-size", "5"});
  ASSERT_EQ(ValidateServerConfig(config_), absl::OkStatus());
  EXPECT_EQ(batch_size, 5);
  EXPECT_TRUE(migrate->parsed());
}

TEST_F(ServerConfigTest, ServerSettingsMayFollowCallerSubcommand) {
  CLI::App* migrate = app_.add_subcommand("migrate");
  Parse({"migrate", "--pg-pool-size", "4", "--jwt-secret", kSecret});
  ASSERT_EQ(ValidateServerConfig(config_), absl::OkStatus());
  EXPECT_EQ(config_.pg_pool_size, 4);
  EXPECT_TRUE(migrate->parsed());
}

TEST_F(ServerConfigTest, CallerOptionErrorsNameTheirSetting) {
  int batch_size = 100;
  app_.add_subcommand("migrate")
      ->add_option("--batch-size", batch_size)
      ->envname("ATTAIN_BATCH_SIZE")
      ->check(CLI::Validator(
          [](std::string& v) { return v == "0" ? std::string("must be positive") : ""; }, ""));
  EXPECT_EQ(ParseFailure({"migrate", "--batch-size", "0"}),
            "invalid setting ATTAIN_BATCH_SIZE (--batch-size): must be positive");
}

TEST_F(ServerConfigTest, UnknownOptionIsNamedButValuesAreNotEchoed) {
  const std::string line =
      ParseFailure({"--jwt-secrt", "leaked-secret", "--pg-passwd=also-leaked"});
  EXPECT_EQ(line, "unknown option --jwt-secrt, --pg-passwd (values not shown)");
  EXPECT_THAT(line, Not(HasSubstr("leaked")));
}

TEST_F(ServerConfigTest, StrayPositionalArgumentIsNotEchoed) {
  EXPECT_EQ(ParseFailure({"stray-value"}), "unexpected arguments (values not shown)");
}

TEST(CheckHostPort, AcceptsHostsIpv6LiteralsAndPortZero) {
  EXPECT_EQ(CheckHostPort("0.0.0.0:50051"), "");
  EXPECT_EQ(CheckHostPort("localhost:0"), "");
  EXPECT_EQ(CheckHostPort("[::]:65535"), "");
  EXPECT_EQ(CheckHostPort("redis.attain.svc.cluster.local:6379"), "");
}

TEST(CheckHostPort, RejectsMissingPartsBadPortsAndUnbracketedIpv6) {
  for (const char* value : {":50051", "host:", "host", "host:65536", "host:-1", "host:+80",
                            "host:123456", "::1:80", "a b:1", "[::1:80", "host: 80", ""}) {
    EXPECT_EQ(CheckHostPort(value),
              std::string("must be host:port with port 0..65535, got \"") + value + "\"")
        << value;
  }
}

using ServerConfigDeathTest = ServerConfigTest;

TEST_F(ServerConfigDeathTest, ParseOrExitPrintsOneLineAndExitsTwo) {
  std::vector<char*> argv = Argv({"--pg-pool-size", "300"});
  EXPECT_EXIT(ParseOrExit(app_, config_, static_cast<int>(argv.size()), argv.data()),
              ::testing::ExitedWithCode(2),
              "^attain-planning: invalid setting ATTAIN_PG_POOL_SIZE \\(--pg-pool-size\\): "
              "must be an integer in 1\\.\\.256, got \"300\"\n$");
}

TEST_F(ServerConfigDeathTest, ParseOrExitReportsValidationFailure) {
  std::vector<char*> argv = Argv({});
  EXPECT_EXIT(ParseOrExit(app_, config_, static_cast<int>(argv.size()), argv.data()),
              ::testing::ExitedWithCode(2),
              "^attain-planning: invalid setting ATTAIN_JWT_SECRET \\(--jwt-secret\\): set "
              "exactly one of ATTAIN_JWT_SECRET, ATTAIN_JWT_SECRET_FILE, "
              "ATTAIN_JWT_PUBLIC_KEY_FILE \\(0 set\\)\n$");
}

TEST_F(ServerConfigDeathTest, ParseOrExitHelpExitsZero) {
  std::vector<char*> argv = Argv({"--help"});
  // Help goes to stdout; only the exit code matters here.
  EXPECT_EXIT(
      {
        std::freopen("/dev/null", "w", stdout);
        ParseOrExit(app_, config_, static_cast<int>(argv.size()), argv.data());
      },
      ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace attain::config

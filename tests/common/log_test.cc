#include "common/log/log.h"

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace attain::log {
namespace {

// 2026-02-03T04:05:06.000007Z
const absl::Time kTime = absl::FromCivil(absl::CivilSecond(2026, 2, 3, 4, 5, 6),
                                         absl::UTCTimeZone()) +
                         absl::Microseconds(7);

class LogTest : public ::testing::Test {
 protected:
  void SetUp() override { Init("planning", Level::kInfo); }
};

TEST_F(LogTest, FormatWritesFixedKeysFirstThenFields) {
  EXPECT_EQ(FormatAt(kTime, Level::kInfo, "started", {{"method", "/attain.v1.X/Get"}}),
            R"({"time":"2026-02-03T04:05:06.000007Z","level":"info","service":"planning",)"
            R"("msg":"started","method":"/attain.v1.X/Get"})");
}

TEST_F(LogTest, FormatNamesEveryLevel) {
  EXPECT_EQ(nlohmann::json::parse(FormatAt(kTime, Level::kDebug, "m", {}))["level"], "debug");
  EXPECT_EQ(nlohmann::json::parse(FormatAt(kTime, Level::kWarn, "m", {}))["level"], "warn");
  EXPECT_EQ(nlohmann::json::parse(FormatAt(kTime, Level::kError, "m", {}))["level"], "error");
}

TEST_F(LogTest, NumericFieldsAreJsonNumbersAndOthersStrings) {
  const std::string line =
      FormatAt(kTime, Level::kInfo, "m",
               {{"rows", 42}, {"bytes", 1234567890123LL}, {"ratio", 1.5}, {"count", "7"},
                {"big", std::numeric_limits<unsigned long>::max()}});
  EXPECT_EQ(line,
            R"({"time":"2026-02-03T04:05:06.000007Z","level":"info","service":"planning",)"
            R"("msg":"m","rows":42,"bytes":1234567890123,"ratio":1.5,"count":"7",)"
            R"("big":18446744073709551615})");
}

TEST_F(LogTest, NonFiniteDoubleBecomesStringSoLineStaysValidJson) {
  const nlohmann::json line = nlohmann::json::parse(
      FormatAt(kTime, Level::kInfo, "m", {{"x", std::numeric_limits<double>::quiet_NaN()}}));
  EXPECT_EQ(line["x"], "nan");
}

TEST_F(LogTest, RedactsSecretLookingKeysCaseInsensitively) {
  const nlohmann::json line = nlohmann::json::parse(FormatAt(
      kTime, Level::kInfo, "m",
      {{"jwt_token", "eyJhbGciOi"}, {"PG_PASSWORD", "hunter2"}, {"client_secret", "s"},
       {"Authorization", "Bearer abc"}, {"aws_credentials", "c"}, {"pg_dsn", "host=db"},
       {"x-api-key", "k"}, {"apiKey", "k"}}));
  for (const char* key : {"jwt_token", "PG_PASSWORD", "client_secret", "Authorization",
                          "aws_credentials", "pg_dsn", "x-api-key", "apiKey"}) {
    EXPECT_EQ(line[key], "[redacted]") << key;
  }
}

TEST_F(LogTest, LeavesOrdinaryKeysUntouched) {
  const nlohmann::json line = nlohmann::json::parse(
      FormatAt(kTime, Level::kInfo, "m",
               {{"method", "/a.B/C"}, {"peer", "ipv4:10.0.0.1:5000"}, {"request_id", "r-1"},
                {"cache_key", "plan:7"}, {"dsn_host", "db"}}));
  EXPECT_EQ(line["method"], "/a.B/C");
  EXPECT_EQ(line["peer"], "ipv4:10.0.0.1:5000");
  EXPECT_EQ(line["request_id"], "r-1");
  EXPECT_EQ(line["cache_key"], "plan:7");
  EXPECT_EQ(line["dsn_host"], "db");
}

TEST_F(LogTest, FieldNamedLikeFixedKeyDoesNotOverwriteIt) {
  const nlohmann::json line =
      nlohmann::json::parse(FormatAt(kTime, Level::kInfo, "real", {{"msg", "fake"}}));
  EXPECT_EQ(line["msg"], "real");
  EXPECT_EQ(line["field.msg"], "fake");
}

TEST_F(LogTest, EscapesQuotesAndNewlinesInMessage) {
  EXPECT_EQ(FormatAt(kTime, Level::kInfo, "a\"b\nc", {}),
            R"({"time":"2026-02-03T04:05:06.000007Z","level":"info","service":"planning",)"
            R"("msg":"a\"b\nc"})");
}

TEST_F(LogTest, InvalidUtf8IsReplacedNotThrown) {
  const std::string line = FormatAt(kTime, Level::kInfo, "m", {{"name", "ab\xff"}});
  EXPECT_EQ(nlohmann::json::parse(line)["name"], "ab\xEF\xBF\xBD");  // U+FFFD
}

TEST_F(LogTest, ParseLevelAcceptsTheFourNamesOnly) {
  Level level = Level::kError;
  EXPECT_TRUE(ParseLevel("debug", &level));
  EXPECT_EQ(level, Level::kDebug);
  EXPECT_TRUE(ParseLevel("warn", &level));
  EXPECT_EQ(level, Level::kWarn);
  EXPECT_FALSE(ParseLevel("INFO", &level));
  EXPECT_FALSE(ParseLevel("warning", &level));
  EXPECT_EQ(level, Level::kWarn);  // untouched on failure
}

TEST_F(LogTest, WriteEmitsOneLineAndDropsBelowMinLevel) {
  Init("workflow", Level::kWarn);
  ::testing::internal::CaptureStdout();
  Info("hidden");
  Warn("shown", {{"password", "p"}});
  const std::string out = ::testing::internal::GetCapturedStdout();
  ASSERT_EQ(out.back(), '\n');
  ASSERT_EQ(out.find('\n'), out.size() - 1);  // exactly one line
  const nlohmann::json line = nlohmann::json::parse(out);
  EXPECT_EQ(line["msg"], "shown");
  EXPECT_EQ(line["level"], "warn");
  EXPECT_EQ(line["service"], "workflow");
  EXPECT_EQ(line["password"], "[redacted]");
}

TEST_F(LogTest, ConcurrentWritersNeverInterleaveLines) {
  constexpr int kThreads = 4;
  constexpr int kLinesPerThread = 200;
  ::testing::internal::CaptureStdout();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t] {
      const std::string padding(500, 'a' + t);
      for (int i = 0; i < kLinesPerThread; ++i) Info("line", {{"thread", t}, {"pad", padding}});
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::istringstream out(::testing::internal::GetCapturedStdout());
  int lines = 0;
  for (std::string text; std::getline(out, text); ++lines) {
    const nlohmann::json line = nlohmann::json::parse(text);  // throws if interleaved
    const int thread = line["thread"].get<int>();
    EXPECT_EQ(line["pad"], std::string(500, 'a' + thread));
  }
  EXPECT_EQ(lines, kThreads * kLinesPerThread);
}

}  // namespace
}  // namespace attain::log

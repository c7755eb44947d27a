#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tools/attainctl/cli.h"
#include "tools/attainctl/connection.h"
#include "tools/attainctl/run_dir.h"

namespace attain::ctl {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "attainctl_test_XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void WriteFile(const fs::path& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

TEST(RunDirTest, FindsTheNearestRunDirectoryAbove) {
  TempDir temp;
  fs::create_directories(temp.path() / ".run");
  fs::create_directories(temp.path() / "a" / "b");
  EXPECT_EQ(FindRunDir(temp.path() / "a" / "b", nullptr), temp.path() / ".run");
}

TEST(RunDirTest, EnvironmentOverridesTheSearch) {
  TempDir temp;
  fs::create_directories(temp.path() / ".run");
  EXPECT_EQ(FindRunDir(temp.path(), "/elsewhere/run"), fs::path("/elsewhere/run"));
  EXPECT_EQ(FindRunDir(temp.path(), ""), temp.path() / ".run");
}

TEST(RunDirTest, ParsesEnvFiles) {
  const auto values = ParseEnvFile(
      "# endpoints\nATTAIN_GATEWAY=127.0.0.1:8443\nexport ATTAIN_X=\"quoted value\"\n\nnot a pair\nY='single'\n");
  EXPECT_EQ(values.at("ATTAIN_GATEWAY"), "127.0.0.1:8443");
  EXPECT_EQ(values.at("ATTAIN_X"), "quoted value");
  EXPECT_EQ(values.at("Y"), "single");
  EXPECT_EQ(values.size(), 3u);
}

TEST(ResolveEndpointTest, FallsBackToTheRunDirectory) {
  TempDir temp;
  WriteFile(temp.path() / "endpoints.env", "ATTAIN_GATEWAY=localhost:7000\n");
  WriteFile(temp.path() / "admin.token", "tok123\n");
  setenv("ATTAIN_RUN_DIR", temp.path().c_str(), 1);
  unsetenv("ATTAIN_SERVER");
  unsetenv("ATTAIN_TOKEN");
  absl::StatusOr<Endpoint> endpoint = ResolveEndpoint(ConnectionFlags{});
  ASSERT_TRUE(endpoint.ok()) << endpoint.status();
  EXPECT_EQ(endpoint->server, "localhost:7000");
  EXPECT_EQ(endpoint->token, "tok123");

  setenv("ATTAIN_SERVER", "env:1", 1);
  ConnectionFlags flags;
  flags.token = "flag-token";
  endpoint = ResolveEndpoint(flags);
  ASSERT_TRUE(endpoint.ok()) << endpoint.status();
  EXPECT_EQ(endpoint->server, "env:1");
  EXPECT_EQ(endpoint->token, "flag-token");
  unsetenv("ATTAIN_SERVER");
  unsetenv("ATTAIN_RUN_DIR");
}

TEST(ResolveEndpointTest, NoServerAnywhereIsAFailedPrecondition) {
  TempDir temp;
  setenv("ATTAIN_RUN_DIR", temp.path().c_str(), 1);
  unsetenv("ATTAIN_SERVER");
  EXPECT_EQ(ResolveEndpoint(ConnectionFlags{}).status().code(), absl::StatusCode::kFailedPrecondition);
  unsetenv("ATTAIN_RUN_DIR");
}

TEST(ParseDurationFlagTest, AcceptsUnitsAndBareSeconds) {
  EXPECT_EQ(ParseDurationFlag("12h").value(), absl::Hours(12));
  EXPECT_EQ(ParseDurationFlag("1h30m").value(), absl::Minutes(90));
  EXPECT_EQ(ParseDurationFlag("45").value(), absl::Seconds(45));
  EXPECT_FALSE(ParseDurationFlag("soon").ok());
  EXPECT_FALSE(ParseDurationFlag("0s").ok());
}

TEST(NewRequestIdTest, IsAVersionFourUuid) {
  const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  const std::string first = NewRequestId();
  EXPECT_TRUE(std::regex_match(first, uuid)) << first;
  EXPECT_NE(first, NewRequestId());
}

TEST(SellerNameTest, AcceptsIdOrResourceName) {
  EXPECT_EQ(SellerName("rep-1"), "sellers/rep-1");
  EXPECT_EQ(SellerName("sellers/rep-1"), "sellers/rep-1");
}

}  // namespace
}  // namespace attain::ctl

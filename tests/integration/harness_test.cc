// Tests of the harness itself. Suites named Harness* need no shared stack, so
//   integration_tests --gtest_filter='Harness*'
// runs without the services.
#include <signal.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "tests/integration/harness/gateway.h"
#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/harness/metrics.h"
#include "tests/integration/harness/ports.h"
#include "tests/integration/harness/process.h"
#include "tests/integration/harness/redis.h"
#include "tests/integration/harness/stack.h"
#include "tests/integration/service_info.h"

namespace attain::itest {
namespace {

class TempDir {
 public:
  TempDir() {
    std::string pattern = std::filesystem::temp_directory_path().string() + "/attain-harness-XXXXXX";
    path_ = mkdtemp(pattern.data()) != nullptr ? pattern : "";
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(HarnessProcess, ReportsExitCodeOutputAndSignal) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  ProcessSpec exits;
  exits.argv = {"sh", "-c", "echo \"value=$HARNESS_VALUE\"; exit 3"};
  exits.env = {{"HARNESS_VALUE", "42"}};
  exits.log_path = dir.path() + "/exit.log";
  absl::StatusOr<Process> process = Process::Spawn(exits);
  ASSERT_TRUE(process.ok()) << process.status();
  std::optional<ExitStatus> status = process->WaitFor(std::chrono::seconds(10));
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(status->exited);
  EXPECT_EQ(status->code, 3);
  EXPECT_EQ(TailOfFile(exits.log_path, 1), "value=42\n");

  ProcessSpec sleeps;
  sleeps.argv = {"sleep", "60"};
  sleeps.log_path = dir.path() + "/sleep.log";
  absl::StatusOr<Process> sleeper = Process::Spawn(sleeps);
  ASSERT_TRUE(sleeper.ok()) << sleeper.status();
  EXPECT_FALSE(sleeper->WaitFor(std::chrono::milliseconds(50)).has_value());
  EXPECT_TRUE(sleeper->Running());
  ExitStatus stopped = sleeper->Stop(SIGTERM, std::chrono::seconds(10));
  EXPECT_FALSE(stopped.exited);
  EXPECT_EQ(stopped.signal, SIGTERM);
  EXPECT_FALSE(sleeper->Running());
}

TEST(HarnessProcess, RunCommandFailsWithTheOutputOfAFailedCommand) {
  TempDir dir;
  ProcessSpec spec;
  spec.argv = {"sh", "-c", "echo boom >&2; exit 7"};
  spec.log_path = dir.path() + "/cmd.log";
  absl::StatusOr<std::string> out = RunCommand(spec, std::chrono::seconds(10));
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("exit 7"), absl::string_view::npos) << out.status();
  EXPECT_NE(out.status().message().find("boom"), absl::string_view::npos) << out.status();

  spec.argv = {"sh", "-c", "printf 'a\\nb\\n'"};
  out = RunCommand(spec, std::chrono::seconds(10));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(*out, "a\nb\n");
}

TEST(HarnessPorts, FreePortsAreDistinctAndBindable) {
  std::set<int> ports;
  for (int i = 0; i < 20; ++i) {
    absl::StatusOr<int> port = FreePort();
    ASSERT_TRUE(port.ok()) << port.status();
    EXPECT_GT(*port, 0);
    EXPECT_FALSE(PortAcceptsConnections(*port));
    ports.insert(*port);
  }
  EXPECT_EQ(ports.size(), 20u);
}

TEST(HarnessMetrics, SumSamplesMatchesOnALabelSubset) {
  const std::string text =
      "# HELP grpc_server_handled_total Completed RPCs.\n"
      "# TYPE grpc_server_handled_total counter\n"
      "grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"GetSeller\","
      "grpc_service=\"attain.planning.v1.OrganizationService\",grpc_type=\"unary\"} 7\n"
      "grpc_server_handled_total{grpc_service=\"attain.planning.v1.OrganizationService\","
      "grpc_method=\"GetSeller\",grpc_code=\"NotFound\"} 2\n"
      "grpc_server_handled_total{grpc_service=\"attain.planning.v1.OrganizationService\","
      "grpc_method=\"ListSellers\",grpc_code=\"OK\"} 5\n"
      "grpc_server_handled_total_created{grpc_method=\"GetSeller\"} 1.7e9\n"
      "process_open_fds 12\n";
  const std::string svc = "attain.planning.v1.OrganizationService";
  EXPECT_EQ(SumSamples(text, "grpc_server_handled_total",
                       {{"grpc_service", svc}, {"grpc_method", "GetSeller"}, {"grpc_code", "OK"}}),
            7);
  EXPECT_EQ(SumSamples(text, "grpc_server_handled_total", {{"grpc_method", "GetSeller"}}), 9);
  EXPECT_EQ(SumSamples(text, "grpc_server_handled_total", {{"grpc_code", "OK"}}), 12);
  EXPECT_EQ(SumSamples(text, "grpc_server_handled_total", {{"grpc_method", "DeleteSeller"}}), 0);
  EXPECT_EQ(SumSamples(text, "process_open_fds", {}), 12);
}

// PostgreSQL and Redis exactly as the shared stack runs them, without services or gateway.
TEST(HarnessInfrastructure, PostgresAcceptsQueriesAndRedisSurvivesKillRestartFlush) {
  StackOptions options = DefaultStackOptions();
  options.bootstrap_database = false;
  options.services = false;
  options.gateway = false;
  Stack stack(options);
  absl::Status started = stack.Start();
  ASSERT_TRUE(started.ok()) << started << "\n" << stack.LogTails(40);

  ProcessSpec psql;
  psql.log_path = stack.root_dir() + "/harness-psql.log";
  psql.argv = {"psql", "-h", "127.0.0.1", "-p", std::to_string(stack.postgres_port()), "-U",
               "postgres", "-d", "postgres", "-tAc", "select 6 * 7, current_setting('fsync')"};
  absl::StatusOr<std::string> answer = RunCommand(psql, std::chrono::seconds(30));
  ASSERT_TRUE(answer.ok()) << answer.status();
  EXPECT_EQ(absl::StripAsciiWhitespace(*answer), "42|off");

  auto redis = [&](std::vector<std::string> args) -> std::string {
    ProcessSpec cli;
    cli.log_path = stack.root_dir() + "/harness-redis-cli.log";
    cli.argv = {"redis-cli", "-h", "127.0.0.1", "-p", std::to_string(stack.redis_port())};
    cli.argv.insert(cli.argv.end(), args.begin(), args.end());
    absl::StatusOr<std::string> out = RunCommand(cli, std::chrono::seconds(10));
    return out.ok() ? std::string(absl::StripAsciiWhitespace(*out)) : out.status().ToString();
  };
  ASSERT_TRUE(stack.RedisRunning());
  EXPECT_EQ(redis({"SET", "k", "v"}), "OK");
  EXPECT_EQ(redis({"DBSIZE"}), "1");
  ASSERT_TRUE(stack.FlushRedis().ok());
  EXPECT_EQ(redis({"DBSIZE"}), "0");

  const int port = stack.redis_port();
  ExitStatus killed = stack.KillRedis();
  EXPECT_EQ(killed.signal, SIGKILL);
  EXPECT_FALSE(stack.RedisRunning());
  EXPECT_FALSE(RedisAnswersPing(port));
  absl::Status restarted = stack.StartRedis();
  ASSERT_TRUE(restarted.ok()) << restarted;
  EXPECT_EQ(stack.redis_port(), port);  // services reconnect to the same address
  EXPECT_TRUE(RedisAnswersPing(port));

  std::vector<std::string> unclean = stack.Stop();
  EXPECT_TRUE(unclean.empty());
  EXPECT_FALSE(stack.RedisRunning());
  std::error_code ec;
  std::filesystem::remove_all(stack.root_dir(), ec);
}

// The gateway as the shared stack runs it, in front of backends that are all down.
TEST(HarnessGateway, AnswersUnavailableForADeadBackendAndUnimplementedForInternalPaths) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  GatewayUpstreams dead;
  for (std::string* upstream : {&dead.planning, &dead.compensation, &dead.workflow, &dead.analytics}) {
    absl::StatusOr<int> port = FreePort();  // nothing listens there
    ASSERT_TRUE(port.ok()) << port.status();
    *upstream = LocalAddress(*port);
  }
  Gateway gateway(dir.path() + "/gateway", DefaultStackOptions().source_dir);
  absl::Status started = gateway.Start(dead, std::chrono::seconds(30));
  ASSERT_TRUE(started.ok()) << started << "\n"
                            << TailOfFile(dir.path() + "/gateway/logs/gateway.log", 20)
                            << TailOfFile(dir.path() + "/gateway/logs/startup-error.log", 20);
  std::shared_ptr<grpc::Channel> channel = MakeChannel(LocalAddress(gateway.port()));
  for (const std::string& name : kServiceNames) {
    common::v1::ServiceInfo info;
    grpc::Status status = GetServiceInfo(channel, name, "", &info);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << name << ": " << Describe(status);
  }
  // Health is not a public service behind the gateway.
  auto health = CheckHealth(channel, "", std::chrono::seconds(5));
  ASSERT_FALSE(health.ok());
  EXPECT_EQ(health.status().code(), absl::StatusCode::kUnimplemented) << health.status();
  gateway.Stop();
  EXPECT_FALSE(PortAcceptsConnections(gateway.port()));
}

}  // namespace
}  // namespace attain::itest

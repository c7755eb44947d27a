// The nginx gateway routes each service's calls to its backend and maps a dead backend to
// UNAVAILABLE.
#include <signal.h>

#include <gtest/gtest.h>

#include "absl/cleanup/cleanup.h"
#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/harness/poll.h"
#include "tests/integration/service_info.h"
#include "tests/integration/stack_test.h"

namespace attain::itest {
namespace {

class GatewayTest : public StackTest {};

TEST_F(GatewayTest, RoutesEachServiceToItsBackendWithTheCallersIdentity) {
  for (const std::string& name : kServiceNames) {
    const std::string subject = "it-gateway-" + name;
    common::v1::ServiceInfo info;
    ASSERT_TRUE(GetServiceInfo(stack().gateway_channel(), name, Token(subject, {"admin"}), &info)
                    .ok())
        << name << ": " << Describe(GetServiceInfo(stack().gateway_channel(), name, AdminToken(), &info));
    EXPECT_EQ(info.name(), name);
    EXPECT_EQ(info.caller_subject(), subject) << name;
    EXPECT_EQ(std::vector<std::string>(info.caller_roles().begin(), info.caller_roles().end()),
              std::vector<std::string>{"admin"})
        << name;
  }
}

TEST_F(GatewayTest, StoppedBackendIsUnavailableAndRecoversAfterRestart) {
  const std::string admin = AdminToken();
  ExitStatus stopped = stack().StopService("workflow", SIGTERM);
  // Whatever happens below, the next test gets a full stack.
  absl::Cleanup restart = [&] {
    if (!stack().service("workflow").Running()) {
      absl::Status s = stack().StartService("workflow");
      EXPECT_TRUE(s.ok()) << "restarting workflow: " << s;
    }
  };
  EXPECT_TRUE(stopped.Success()) << "workflow ended with " << stopped.ToString();

  common::v1::ServiceInfo info;
  grpc::Status down = GetServiceInfo(stack().gateway_channel(), "workflow", admin, &info);
  EXPECT_EQ(down.error_code(), grpc::StatusCode::UNAVAILABLE) << Describe(down);
  // The other backends are unaffected.
  EXPECT_TRUE(GetServiceInfo(stack().gateway_channel(), "planning", admin, &info).ok());

  absl::Status started = stack().StartService("workflow");
  ASSERT_TRUE(started.ok()) << started;
  grpc::Status up;
  EXPECT_TRUE(PollUntil(std::chrono::seconds(30), [&] {
    up = GetServiceInfo(stack().gateway_channel(), "workflow", admin, &info);
    return up.ok();
  })) << "workflow through the gateway after restart: " << Describe(up);
  EXPECT_EQ(info.name(), "workflow");
}

}  // namespace
}  // namespace attain::itest

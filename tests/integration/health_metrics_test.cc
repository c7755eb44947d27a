// grpc.health.v1 on every service and the Prometheus counters of completed RPCs.
#include <gtest/gtest.h>

#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/harness/metrics.h"
#include "tests/integration/harness/poll.h"
#include "tests/integration/org_helpers.h"
#include "tests/integration/stack_test.h"

namespace attain::itest {
namespace {

using grpc::health::v1::HealthCheckResponse;

class HealthMetricsTest : public StackTest {
 protected:
  // grpc_server_handled_total of planning's GetSeller with `code`.
  double HandledGetSeller(const std::string& code) {
    absl::StatusOr<double> value = ScrapeCounter(
        stack().metrics_address("planning"), "grpc_server_handled_total",
        {{"grpc_service", "attain.planning.v1.OrganizationService"},
         {"grpc_method", "GetSeller"},
         {"grpc_code", code}});
    EXPECT_TRUE(value.ok()) << value.status();
    return value.ok() ? *value : -1;
  }
};

TEST_F(HealthMetricsTest, EveryServiceReportsServing) {
  for (const std::string& name : kServiceNames) {
    absl::StatusOr<HealthCheckResponse::ServingStatus> status =
        CheckHealth(stack().service_channel(name), "", std::chrono::seconds(5));
    ASSERT_TRUE(status.ok()) << name << ": " << status.status();
    EXPECT_EQ(*status, HealthCheckResponse::SERVING) << name;
  }
}

TEST_F(HealthMetricsTest, EveryServiceExposesMetrics) {
  for (const std::string& name : kServiceNames) {
    absl::StatusOr<std::string> body = HttpGet(stack().metrics_address(name), "/metrics");
    ASSERT_TRUE(body.ok()) << name << ": " << body.status();
    EXPECT_NE(body->find("# TYPE "), std::string::npos) << name << " served:\n" << *body;
  }
}

TEST_F(HealthMetricsTest, HandledCounterCountsEachGetSellerByCode) {
  auto org = Org();
  const std::string admin = AdminToken();
  const std::string id = UniqueId("metrics");
  ASSERT_TRUE(HasCode(CreateSeller(*org, admin, NewSeller(id)), grpc::StatusCode::OK));

  const double ok_before = HandledGetSeller("OK");
  // Code labels follow go-grpc-prometheus: codes.Code.String(), i.e. "OK", "NotFound".
  const double not_found_before = HandledGetSeller("NotFound");
  ASSERT_GE(ok_before, 0);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(HasCode(GetSeller(*org, admin, id), grpc::StatusCode::OK));
  }
  ASSERT_TRUE(HasCode(GetSeller(*org, admin, UniqueId("metrics-missing")),
                      grpc::StatusCode::NOT_FOUND));

  // A server may count a call just after its response is on the wire: wait for the count,
  // then check it is exact (no test runs concurrently with this one).
  double ok_after = 0;
  EXPECT_TRUE(PollUntil(std::chrono::seconds(10), [&] {
    ok_after = HandledGetSeller("OK");
    return ok_after >= ok_before + 3;
  })) << "OK count stayed at " << ok_after << " (before: " << ok_before << ")";
  EXPECT_EQ(ok_after, ok_before + 3);
  double not_found_after = 0;
  EXPECT_TRUE(PollUntil(std::chrono::seconds(10), [&] {
    not_found_after = HandledGetSeller("NotFound");
    return not_found_after >= not_found_before + 1;
  }));
  EXPECT_EQ(not_found_after, not_found_before + 1);
}

}  // namespace
}  // namespace attain::itest

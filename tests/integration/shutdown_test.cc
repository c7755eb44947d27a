// SIGTERM drains: an import in flight when the signal arrives completes, then the process
// exits 0. Runs against a second planning replica so the shared stack keeps serving.
#include <signal.h>

#include <gtest/gtest.h>

#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/harness/poll.h"
#include "tests/integration/org_helpers.h"
#include "tests/integration/service_info.h"
#include "tests/integration/stack_test.h"

namespace attain::itest {
namespace {

using grpc::health::v1::HealthCheckResponse;

class ShutdownTest : public StackTest {};

TEST_F(ShutdownTest, ImportInFlightAtSigtermCompletesAndTheProcessExitsZero) {
  absl::StatusOr<std::unique_ptr<ServiceInstance>> launched = stack().LaunchReplica("planning");
  ASSERT_TRUE(launched.ok()) << launched.status();
  ServiceInstance& replica = **launched;

  const std::string admin = AdminToken();
  const std::string tag = UniqueId("drain");
  const std::string marker = "[" + tag + "]";
  constexpr int kRows = 60;
  constexpr int kBatch = 10;
  std::vector<Seller> rows;
  for (int i = 0; i < kRows; ++i) {
    Seller seller = NewSeller(tag + "-" + std::to_string(i));
    seller.set_display_name("Drained " + marker + " #" + std::to_string(i));
    rows.push_back(std::move(seller));
  }
  auto write = [&](planning::v1::ImportSellersRequest& request, int from, int to) {
    for (int i = from; i < to; ++i) {
      planning::v1::SellerImportRow* row = request.add_rows();
      row->set_row_number(i);
      *row->mutable_seller() = rows[i];
    }
  };

  // One channel, so the stream and the probe below share one HTTP/2 connection.
  std::shared_ptr<grpc::Channel> channel = replica.channel();
  auto org = OrganizationService::NewStub(channel);
  planning::v1::ImportSellersResponse response;
  auto context = MakeContext(admin, std::chrono::seconds(60));
  auto stream = org->ImportSellers(context.get(), &response);
  for (int from = 0; from < kRows / 2; from += kBatch) {
    planning::v1::ImportSellersRequest request;
    if (from == 0) request.set_request_id(UniqueId("drain-request"));
    write(request, from, from + kBatch);
    ASSERT_TRUE(stream->Write(request)) << "stream broke before SIGTERM";
  }
  // Frames on a connection arrive in order: once a later call on it has been answered, the
  // server has accepted the import call, so it is in flight when the signal lands.
  common::v1::ServiceInfo info;
  ASSERT_TRUE(HasCode(GetServiceInfo(channel, "planning", admin, &info), grpc::StatusCode::OK));

  ASSERT_TRUE(replica.process().Signal(SIGTERM));
  // Wait until the replica is draining: it no longer reports SERVING to a new connection.
  std::shared_ptr<grpc::Channel> probe = MakeChannel(replica.grpc_address());
  EXPECT_TRUE(PollUntil(std::chrono::seconds(10), [&] {
    auto health = CheckHealth(probe, "", std::chrono::milliseconds(500));
    return !health.ok() || *health != HealthCheckResponse::SERVING;
  })) << "replica still SERVING after SIGTERM";

  for (int from = kRows / 2; from < kRows; from += kBatch) {
    planning::v1::ImportSellersRequest request;
    write(request, from, from + kBatch);
    EXPECT_TRUE(stream->Write(request)) << "rows " << from << ".. after SIGTERM";
  }
  EXPECT_TRUE(stream->WritesDone());
  grpc::Status finished = stream->Finish();
  EXPECT_TRUE(HasCode(finished, grpc::StatusCode::OK));
  EXPECT_EQ(response.created_count(), kRows);

  std::optional<ExitStatus> exited = replica.process().WaitFor(std::chrono::seconds(30));
  ASSERT_TRUE(exited.has_value()) << "replica still running 30 s after SIGTERM";
  EXPECT_TRUE(exited->Success()) << "replica ended with " << exited->ToString();

  // Every row is there, read through the shared stack.
  auto shared = Org();
  planning::v1::ListSellersRequest list;
  list.set_display_name_contains(marker);
  list.set_page_size(kRows);
  planning::v1::ListSellersResponse listed;
  ASSERT_TRUE(HasCode(shared->ListSellers(MakeContext(admin).get(), list, &listed),
                      grpc::StatusCode::OK));
  EXPECT_EQ(listed.total_size(), kRows);
  std::set<std::string> expected;
  for (const Seller& s : rows) expected.insert(s.seller_id());
  EXPECT_EQ(SellerIds(listed.sellers()), expected);
}

}  // namespace
}  // namespace attain::itest

// The Redis cache never serves stale data and is never required for correctness.
#include <signal.h>

#include <gtest/gtest.h>

#include "absl/cleanup/cleanup.h"
#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/org_helpers.h"
#include "tests/integration/stack_test.h"

namespace attain::itest {
namespace {

class CacheResilienceTest : public StackTest {};

TEST_F(CacheResilienceTest, UpdatedDisplayNameIsReadBackFromCacheAndStore) {
  auto org = Org();
  const std::string admin = AdminToken();
  const std::string id = UniqueId("cache");
  ASSERT_TRUE(HasCode(CreateSeller(*org, admin, NewSeller(id)), grpc::StatusCode::OK));
  Seller read;
  for (int i = 0; i < 2; ++i) {  // the second read may come from the cache
    ASSERT_TRUE(HasCode(GetSeller(*org, admin, id, &read), grpc::StatusCode::OK));
    EXPECT_EQ(read.display_name(), "Seller " + id);
  }
  Seller change = NewSeller(id);
  change.set_display_name("Renamed " + id);
  ASSERT_TRUE(HasCode(UpdateSeller(*org, admin, change, {"display_name"}), grpc::StatusCode::OK));
  for (int i = 0; i < 2; ++i) {  // first read refills the cache, second hits it
    ASSERT_TRUE(HasCode(GetSeller(*org, admin, id, &read), grpc::StatusCode::OK));
    EXPECT_EQ(read.display_name(), "Renamed " + id) << "read " << i << " after the update";
  }
}

TEST_F(CacheResilienceTest, CreateGetListKeepWorkingWhileRedisIsDown) {
  auto org = Org();
  const std::string admin = AdminToken();
  const std::string tag = UniqueId("noredis");
  const std::string before = tag + "-before";
  const std::string during = tag + "-during";
  ASSERT_TRUE(HasCode(CreateSeller(*org, admin, NewSeller(before)), grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(GetSeller(*org, admin, before), grpc::StatusCode::OK));  // now cached

  ExitStatus killed = stack().KillRedis();
  ASSERT_EQ(killed.signal, SIGKILL) << killed.ToString();
  // Later tests need Redis whatever happens here.
  absl::Cleanup restart = [&] {
    if (!stack().RedisRunning()) {
      absl::Status s = stack().StartRedis();
      EXPECT_TRUE(s.ok()) << "restarting Redis: " << s;
    }
  };

  EXPECT_TRUE(HasCode(CreateSeller(*org, admin, NewSeller(during)), grpc::StatusCode::OK));
  Seller read;
  EXPECT_TRUE(HasCode(GetSeller(*org, admin, during, &read), grpc::StatusCode::OK));
  EXPECT_EQ(read.seller_id(), during);
  EXPECT_TRUE(HasCode(GetSeller(*org, admin, before, &read), grpc::StatusCode::OK));
  EXPECT_EQ(read.seller_id(), before);
  planning::v1::ListSellersRequest request;
  request.set_display_name_contains(tag);
  planning::v1::ListSellersResponse response;
  EXPECT_TRUE(HasCode(org->ListSellers(MakeContext(admin).get(), request, &response),
                      grpc::StatusCode::OK));
  EXPECT_EQ(SellerIds(response.sellers()), (std::set<std::string>{before, during}));
  EXPECT_EQ(response.total_size(), 2);

  absl::Status restarted = stack().StartRedis();
  ASSERT_TRUE(restarted.ok()) << restarted;
  // And with Redis back (empty: it had no persistence) reads still work.
  EXPECT_TRUE(HasCode(GetSeller(*org, admin, during, &read), grpc::StatusCode::OK));
  EXPECT_EQ(read.display_name(), "Seller " + during);
}

}  // namespace
}  // namespace attain::itest

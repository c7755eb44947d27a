#include <atomic>

#include <gtest/gtest.h>

#include "absl/synchronization/notification.h"
#include "common/errors/errors.h"
#include "common/server/executor.h"
#include "common/server/page_token.h"

namespace attain::server {
namespace {

TEST(ExecutorTest, RefusesWorkBeyondQueueCapacity) {
  Executor executor(/*threads=*/1, /*queue_capacity=*/2);
  absl::Notification release;
  absl::Notification started;
  ASSERT_TRUE(executor.TrySubmit([&] {
    started.Notify();
    release.WaitForNotification();
  }));
  started.WaitForNotification();  // the only worker is now busy
  std::atomic<int> ran{0};
  EXPECT_TRUE(executor.TrySubmit([&] { ++ran; }));
  EXPECT_TRUE(executor.TrySubmit([&] { ++ran; }));
  EXPECT_EQ(executor.queue_depth(), 2);
  EXPECT_FALSE(executor.TrySubmit([&] { ++ran; }));  // queue full: refused, never run
  release.Notify();
  executor.Drain();
  EXPECT_EQ(ran.load(), 2);
  EXPECT_FALSE(executor.TrySubmit([] {}));  // drained executors accept nothing
}

TEST(ExecutorTest, DrainRunsQueuedWork) {
  std::atomic<int> ran{0};
  {
    Executor executor(2, 100);
    for (int i = 0; i < 50; ++i) ASSERT_TRUE(executor.TrySubmit([&] { ++ran; }));
  }  // destructor drains
  EXPECT_EQ(ran.load(), 50);
}

TEST(PageTokenTest, RoundTripsTheLastKey) {
  std::string token = EncodePageToken("filters-a", "rep-042");
  auto key = DecodePageToken(token, "filters-a");
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(*key, "rep-042");
  EXPECT_EQ(*DecodePageToken("", "filters-a"), "");
}

TEST(PageTokenTest, TokenFromOtherFiltersIsRefusedNamingPageToken) {
  std::string token = EncodePageToken("filters-a", "rep-042");
  auto key = DecodePageToken(token, "filters-b");
  ASSERT_EQ(key.status().code(), absl::StatusCode::kInvalidArgument);
  auto violations = errors::FieldViolationsOf(key.status());
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "page_token");
  EXPECT_EQ(DecodePageToken("not base64 !!", "filters-a").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(PageTokenTest, PageSizeDefaultsAndClamps) {
  EXPECT_EQ(*EffectivePageSize(0), kDefaultPageSize);
  EXPECT_EQ(*EffectivePageSize(37), 37);
  EXPECT_EQ(*EffectivePageSize(5000), kMaxPageSize);
  EXPECT_EQ(EffectivePageSize(-1).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace attain::server

#include <atomic>

#include <gtest/gtest.h>

#include "absl/synchronization/notification.h"
#include "attain/common/v1/service_info.pb.h"
#include "common/errors/errors.h"
#include "common/server/executor.h"
#include "common/server/page_token.h"
#include "common/server/raw_calls.h"

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

TEST(RawCallsTest, OnlyRegisteredMethodsAreRaw) {
  RegisterRawMethod("/attain.test.v1.RawService/Get");
  RegisterRawMethod("/attain.test.v1.RawService/Get");  // idempotent
  EXPECT_TRUE(IsRawMethod("/attain.test.v1.RawService/Get"));
  EXPECT_FALSE(IsRawMethod("/attain.test.v1.RawService/List"));
  EXPECT_FALSE(IsRawMethod(""));
}

TEST(RawCallsTest, RequestSplitOverSlicesParses) {
  common::v1::ServiceInfo sent;
  sent.set_name("compensation");
  sent.set_version(std::string(300, 'v'));
  const std::string bytes = sent.SerializeAsString();
  // gRPC hands a received message over as one or more slices.
  grpc::Slice slices[] = {grpc::Slice(bytes.substr(0, 7)), grpc::Slice(bytes.substr(7))};
  const grpc::ByteBuffer request(slices, 2);
  common::v1::ServiceInfo received;
  ASSERT_TRUE(ParseRawRequest(request, &received).ok());
  EXPECT_EQ(received.SerializeAsString(), bytes);
}

TEST(RawCallsTest, RequestThatIsNoMessageIsInvalidArgument) {
  grpc::Slice slice(std::string("\xff\xff\xff"));
  common::v1::ServiceInfo received;
  EXPECT_EQ(ParseRawRequest(grpc::ByteBuffer(&slice, 1), &received).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(RawCallsTest, ReplyCarriesTheBytesUnchanged) {
  common::v1::ServiceInfo info;
  info.set_name("compensation");
  info.set_last_published_sequence(42);
  const std::string bytes = info.SerializeAsString();
  const grpc::ByteBuffer reply = RawReply(bytes);
  std::vector<grpc::Slice> slices;
  ASSERT_TRUE(reply.Dump(&slices).ok());
  std::string sent;
  for (const grpc::Slice& slice : slices) {
    sent.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  EXPECT_EQ(sent, bytes);
}

}  // namespace
}  // namespace attain::server

#include "common/errors/errors.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace attain::errors {
namespace {

using ::testing::ElementsAre;
using ::testing::FieldsAre;

absl::Status RoundTrip(const absl::Status& status) { return FromGrpcStatus(ToGrpcStatus(status)); }

TEST(ErrorsTest, InvalidFieldCarriesOneViolationAndNamesItInTheMessage) {
  absl::Status status = InvalidField("seller.email", "must contain @");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "seller.email: must contain @");
  EXPECT_THAT(FieldViolationsOf(status), ElementsAre(FieldsAre("seller.email", "must contain @")));
}

TEST(ErrorsTest, InvalidFieldsSummarizesFirstViolationAndCount) {
  absl::Status status = InvalidFields({{"rows[1].email", "required"},
                                       {"rows[4].name", "too long"},
                                       {"rows[9].manager", "unknown seller"}});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "rows[1].email: required (and 2 more)");
  EXPECT_THAT(FieldViolationsOf(status),
              ElementsAre(FieldsAre("rows[1].email", "required"), FieldsAre("rows[4].name", "too long"),
                          FieldsAre("rows[9].manager", "unknown seller")));
}

TEST(ErrorsTest, StatusWithoutPayloadsHasNoViolationsOrReason) {
  absl::Status status = absl::NotFoundError("seller not found");
  EXPECT_TRUE(FieldViolationsOf(status).empty());
  EXPECT_EQ(ReasonOf(status), "");
}

TEST(ErrorsTest, WithReasonKeepsCodeAndMessage) {
  absl::Status status = WithReason(absl::FailedPreconditionError("plan is locked"), "PLAN_LOCKED");
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(), "plan is locked");
  EXPECT_EQ(ReasonOf(status), "PLAN_LOCKED");
}

TEST(ErrorsTest, WithReasonOnOkStaysOk) {
  EXPECT_TRUE(WithReason(absl::OkStatus(), "ANYTHING").ok());
}

TEST(ErrorsTest, ViolationsSurviveGrpcRoundTrip) {
  absl::Status original = InvalidFields({{"seller.email", "required"}, {"seller.name", "empty"}});
  absl::Status back = RoundTrip(original);
  EXPECT_EQ(back.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(back.message(), "seller.email: required (and 1 more)");
  EXPECT_THAT(FieldViolationsOf(back),
              ElementsAre(FieldsAre("seller.email", "required"), FieldsAre("seller.name", "empty")));
}

TEST(ErrorsTest, ViolationsAndReasonTogetherSurviveGrpcRoundTrip) {
  absl::Status original = WithReason(InvalidField("seller.manager", "cycle"), "REPORTING_CYCLE");
  absl::Status back = RoundTrip(original);
  EXPECT_THAT(FieldViolationsOf(back), ElementsAre(FieldsAre("seller.manager", "cycle")));
  EXPECT_EQ(ReasonOf(back), "REPORTING_CYCLE");
}

TEST(ErrorsTest, ErrorInfoSurvivesGrpcRoundTrip) {
  absl::Status back = RoundTrip(WithReason(absl::AbortedError("version changed"), "STALE_ETAG"));
  EXPECT_EQ(back.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(back.message(), "version changed");
  EXPECT_EQ(ReasonOf(back), "STALE_ETAG");
  EXPECT_TRUE(FieldViolationsOf(back).empty());
}

TEST(ErrorsTest, GrpcDetailsAreAGoogleRpcStatusWithTypedAnys) {
  grpc::Status grpc_status = ToGrpcStatus(WithReason(InvalidField("seller.email", "required"), "BAD_EMAIL"));
  EXPECT_EQ(grpc_status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(grpc_status.error_message(), "seller.email: required");

  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(grpc_status.error_details()));
  EXPECT_EQ(details.code(), 3);
  EXPECT_EQ(details.message(), "seller.email: required");
  google::rpc::BadRequest bad_request;
  google::rpc::ErrorInfo info;
  for (const auto& any : details.details()) {
    if (any.Is<google::rpc::BadRequest>()) {
      ASSERT_TRUE(any.UnpackTo(&bad_request));
    } else if (any.Is<google::rpc::ErrorInfo>()) {
      ASSERT_TRUE(any.UnpackTo(&info));
    }
  }
  ASSERT_EQ(bad_request.field_violations_size(), 1);
  EXPECT_EQ(bad_request.field_violations(0).field(), "seller.email");
  EXPECT_EQ(info.reason(), "BAD_EMAIL");
  EXPECT_EQ(info.domain(), "attain.dev");
}

TEST(ErrorsTest, PlainStatusGetsCodeNameAsReason) {
  grpc::Status grpc_status = ToGrpcStatus(absl::NotFoundError("seller not found"));
  EXPECT_EQ(grpc_status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(grpc_status)), "NOT_FOUND");
}

TEST(ErrorsTest, EveryCanonicalCodeIsPreserved) {
  for (int code = 1; code <= 16; ++code) {
    absl::Status original(static_cast<absl::StatusCode>(code), "boom");
    grpc::Status grpc_status = ToGrpcStatus(original);
    EXPECT_EQ(static_cast<int>(grpc_status.error_code()), code);
    absl::Status back = FromGrpcStatus(grpc_status);
    EXPECT_EQ(back.code(), original.code()) << absl::StatusCodeToString(original.code());
    EXPECT_EQ(back.message(), "boom");
  }
}

TEST(ErrorsTest, OkMapsToOkBothWays) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok());
}

TEST(ErrorsTest, UnparseableDetailsKeepCodeAndMessage) {
  absl::Status back = FromGrpcStatus(grpc::Status(grpc::StatusCode::UNAVAILABLE, "down", "\xff\xff\xff"));
  EXPECT_EQ(back.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(back.message(), "down");
  EXPECT_EQ(ReasonOf(back), "");
}

}  // namespace
}  // namespace attain::errors

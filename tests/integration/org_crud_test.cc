// OrganizationService create/read/update/delete through the gateway.
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/org_helpers.h"
#include "tests/integration/stack_test.h"

namespace attain::itest {
namespace {

using google::protobuf::util::MessageDifferencer;

class OrgCrudTest : public StackTest {};

TEST_F(OrgCrudTest, CreateGetUpdateDeleteRoundTrip) {
  auto org = Org();
  const std::string admin = AdminToken();
  const std::string id = UniqueId("crud");

  Seller created;
  ASSERT_TRUE(HasCode(CreateSeller(*org, admin, NewSeller(id), &created), grpc::StatusCode::OK));
  EXPECT_EQ(created.name(), "sellers/" + id);
  EXPECT_EQ(created.seller_id(), id);
  EXPECT_EQ(created.display_name(), "Seller " + id);
  EXPECT_EQ(created.email(), id + "@example.com");
  EXPECT_EQ(created.title(), "Account Executive");
  EXPECT_EQ(created.hire_date(), "2024-01-01");
  EXPECT_EQ(created.termination_date(), "");
  EXPECT_EQ(created.home_currency(), "USD");
  EXPECT_EQ(created.reporting_lines_size(), 0);
  EXPECT_GT(created.create_time().seconds(), 0);
  EXPECT_GE(created.revision(), 1);

  Seller fetched;
  ASSERT_TRUE(HasCode(GetSeller(*org, admin, id, &fetched), grpc::StatusCode::OK));
  EXPECT_TRUE(MessageDifferencer::Equals(fetched, created))
      << "created:\n" << created.DebugString() << "fetched:\n" << fetched.DebugString();

  Seller change = NewSeller(id);
  change.set_title("Sales Manager");
  change.set_display_name("ignored: not in the mask");
  Seller updated;
  ASSERT_TRUE(HasCode(UpdateSeller(*org, admin, change, {"title"}, &updated), grpc::StatusCode::OK));
  EXPECT_EQ(updated.title(), "Sales Manager");
  EXPECT_EQ(updated.display_name(), "Seller " + id);
  EXPECT_EQ(updated.email(), id + "@example.com");
  EXPECT_EQ(updated.revision(), created.revision() + 1);

  ASSERT_TRUE(HasCode(GetSeller(*org, admin, id, &fetched), grpc::StatusCode::OK));
  EXPECT_EQ(fetched.title(), "Sales Manager");
  EXPECT_EQ(fetched.display_name(), "Seller " + id);
  EXPECT_EQ(fetched.revision(), created.revision() + 1);

  planning::v1::DeleteSellerRequest remove;
  remove.set_name(SellerName(id));
  google::protobuf::Empty empty;
  EXPECT_TRUE(HasCode(org->DeleteSeller(MakeContext(admin).get(), remove, &empty),
                      grpc::StatusCode::OK));
  EXPECT_TRUE(HasCode(GetSeller(*org, admin, id), grpc::StatusCode::NOT_FOUND));
  EXPECT_TRUE(HasCode(org->DeleteSeller(MakeContext(admin).get(), remove, &empty),
                      grpc::StatusCode::NOT_FOUND));
}

TEST_F(OrgCrudTest, RetriedCreateWithSameRequestIdReturnsTheFirstResult) {
  auto org = Org();
  const std::string admin = AdminToken();
  const std::string id = UniqueId("retry");
  planning::v1::CreateSellerRequest request;
  *request.mutable_seller() = NewSeller(id);
  request.set_request_id(UniqueId("request"));

  Seller first;
  Seller second;
  ASSERT_TRUE(HasCode(org->CreateSeller(MakeContext(admin).get(), request, &first),
                      grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(org->CreateSeller(MakeContext(admin).get(), request, &second),
                      grpc::StatusCode::OK));
  EXPECT_TRUE(MessageDifferencer::Equals(first, second))
      << "first:\n" << first.DebugString() << "second:\n" << second.DebugString();
}

TEST_F(OrgCrudTest, GetOfAnUnknownSellerIsNotFound) {
  auto org = Org();
  EXPECT_TRUE(HasCode(GetSeller(*org, AdminToken(), UniqueId("missing")),
                      grpc::StatusCode::NOT_FOUND));
}

}  // namespace
}  // namespace attain::itest

// Invalid input is INVALID_ARGUMENT naming the offending field, and nothing is written.
#include <gtest/gtest.h>

#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/org_helpers.h"
#include "tests/integration/stack_test.h"

namespace attain::itest {
namespace {

class OrgValidationTest : public StackTest {
 protected:
  void SetUp() override {
    StackTest::SetUp();
    if (HasFatalFailure()) return;
    org_ = Org();
    admin_ = AdminToken();
  }

  // Creating `seller` fails with `field` named, and the seller does not exist afterwards.
  void ExpectRejected(const Seller& seller, const std::string& field) {
    EXPECT_TRUE(IsInvalidField(CreateSeller(*org_, admin_, seller), field));
    EXPECT_TRUE(HasCode(GetSeller(*org_, admin_, seller.seller_id()), grpc::StatusCode::NOT_FOUND))
        << "the rejected create wrote " << seller.seller_id();
  }

  std::string CreateOrFail(Seller seller) {
    EXPECT_TRUE(HasCode(CreateSeller(*org_, admin_, seller), grpc::StatusCode::OK))
        << seller.seller_id();
    return seller.seller_id();
  }

  std::unique_ptr<OrganizationService::Stub> org_;
  std::string admin_;
};

TEST_F(OrgValidationTest, UnknownManagerIsRejected) {
  Seller seller = NewSeller(UniqueId("v-orphan"));
  ReportsTo(seller, UniqueId("v-ghost"), "2024-01-01");
  ExpectRejected(seller, "seller.reporting_lines[0].manager_id");
}

TEST_F(OrgValidationTest, MalformedEmailIsRejected) {
  Seller seller = NewSeller(UniqueId("v-email"));
  seller.set_email("not-an-email");
  ExpectRejected(seller, "seller.email");
}

TEST_F(OrgValidationTest, TerminationBeforeHireIsRejected) {
  Seller seller = NewSeller(UniqueId("v-term"));
  seller.set_hire_date("2024-03-01");
  seller.set_termination_date("2024-02-29");
  ExpectRejected(seller, "seller.termination_date");
}

TEST_F(OrgValidationTest, ImpossibleDateIsRejected) {
  Seller seller = NewSeller(UniqueId("v-date"));
  seller.set_hire_date("2023-02-29");  // 2023 is not a leap year
  ExpectRejected(seller, "seller.hire_date");
}

TEST_F(OrgValidationTest, OverlappingReportingLinesAreRejected) {
  const std::string m1 = CreateOrFail(NewSeller(UniqueId("v-m1")));
  const std::string m2 = CreateOrFail(NewSeller(UniqueId("v-m2")));
  Seller seller = NewSeller(UniqueId("v-overlap"));
  // Both periods include 2024-06-30 (end dates are inclusive).
  ReportsTo(seller, m1, "2024-01-01", "2024-06-30");
  ReportsTo(seller, m2, "2024-06-30");
  EXPECT_TRUE(IsInvalidFieldUnder(CreateSeller(*org_, admin_, seller), "seller.reporting_lines[1]"));
  EXPECT_TRUE(HasCode(GetSeller(*org_, admin_, seller.seller_id()), grpc::StatusCode::NOT_FOUND));
}

TEST_F(OrgValidationTest, SellerIdWithForbiddenCharactersIsRejected) {
  Seller seller = NewSeller("placeholder");
  const std::string marker = UniqueId("v-badid");
  seller.set_seller_id(marker + " has spaces!");
  seller.set_email(marker + "@example.com");
  seller.set_display_name("Bad id " + marker);
  EXPECT_TRUE(IsInvalidField(CreateSeller(*org_, admin_, seller), "seller.seller_id"));
  // The id cannot be looked up by name, so look for the display name instead.
  planning::v1::ListSellersRequest request;
  request.set_display_name_contains(marker);
  planning::v1::ListSellersResponse response;
  ASSERT_TRUE(HasCode(org_->ListSellers(MakeContext(admin_).get(), request, &response),
                      grpc::StatusCode::OK));
  EXPECT_EQ(response.total_size(), 0);
  EXPECT_EQ(response.sellers_size(), 0);
}

TEST_F(OrgValidationTest, DuplicateSellerIdIsRejectedAndTheOriginalKept) {
  const std::string id = CreateOrFail(NewSeller(UniqueId("v-dup")));
  Seller original;
  ASSERT_TRUE(HasCode(GetSeller(*org_, admin_, id, &original), grpc::StatusCode::OK));
  Seller again = NewSeller(id);
  again.set_display_name("Impostor");
  EXPECT_TRUE(IsInvalidField(CreateSeller(*org_, admin_, again), "seller.seller_id"));
  Seller after;
  ASSERT_TRUE(HasCode(GetSeller(*org_, admin_, id, &after), grpc::StatusCode::OK));
  EXPECT_EQ(after.display_name(), "Seller " + id);
  EXPECT_EQ(after.revision(), original.revision());
}

TEST_F(OrgValidationTest, UpdateThatWouldCloseACycleIsRejectedAndNothingChanges) {
  // a <- b <- c; making a report to c would close a -> c -> b -> a.
  const std::string a = CreateOrFail(NewSeller(UniqueId("v-a")));
  Seller b = NewSeller(UniqueId("v-b"));
  CreateOrFail(ReportsTo(b, a, "2024-01-01"));
  Seller c = NewSeller(UniqueId("v-c"));
  CreateOrFail(ReportsTo(c, b.seller_id(), "2024-01-01"));
  Seller before;
  ASSERT_TRUE(HasCode(GetSeller(*org_, admin_, a, &before), grpc::StatusCode::OK));

  Seller change = NewSeller(a);
  ReportsTo(change, c.seller_id(), "2024-03-01");
  EXPECT_TRUE(IsInvalidField(UpdateSeller(*org_, admin_, change, {"reporting_lines"}),
                             "seller.reporting_lines[0].manager_id"));
  Seller after;
  ASSERT_TRUE(HasCode(GetSeller(*org_, admin_, a, &after), grpc::StatusCode::OK));
  EXPECT_EQ(after.reporting_lines_size(), 0);
  EXPECT_EQ(after.revision(), before.revision());
}

TEST_F(OrgValidationTest, ImportWithOneBadRowWritesNoRow) {
  const std::string tag = UniqueId("v-imp");
  std::vector<Seller> rows;
  for (int i = 0; i < 6; ++i) rows.push_back(NewSeller(tag + "-" + std::to_string(i)));
  rows[4].set_email("broken");
  // Three stream messages of two rows: the bad row is in the last one, after two were sent.
  EXPECT_TRUE(IsInvalidField(ImportSellers(*org_, admin_, rows, 2), "rows[4].email"));
  for (const Seller& row : rows) {
    EXPECT_TRUE(HasCode(GetSeller(*org_, admin_, row.seller_id()), grpc::StatusCode::NOT_FOUND))
        << "the rejected import wrote " << row.seller_id();
  }
}

}  // namespace
}  // namespace attain::itest

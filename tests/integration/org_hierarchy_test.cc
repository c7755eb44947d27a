// Reporting chains and report lists as of dates around a manager change.
//
// Organization (every seller hired 2024-01-01):
//   vp
//   ├── m1   (from 2024-01-01)
//   │    └── rep (2024-01-01 .. 2024-06-30, inclusive)
//   └── m2   (from 2024-01-01)
//        └── rep (from 2024-07-01)
#include <gtest/gtest.h>

#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/org_helpers.h"
#include "tests/integration/stack_test.h"

namespace attain::itest {
namespace {

using planning::v1::ReportScope;

class OrgHierarchyTest : public StackTest {
 protected:
  void SetUp() override {
    StackTest::SetUp();
    if (HasFatalFailure()) return;
    org_ = Org();
    admin_ = AdminToken();
    vp_ = UniqueId("h-vp");
    m1_ = UniqueId("h-m1");
    m2_ = UniqueId("h-m2");
    rep_ = UniqueId("h-rep");
    Seller vp = NewSeller(vp_);
    Seller m1 = NewSeller(m1_);
    Seller m2 = NewSeller(m2_);
    Seller rep = NewSeller(rep_);
    ReportsTo(m1, vp_, "2024-01-01");
    ReportsTo(m2, vp_, "2024-01-01");
    ReportsTo(rep, m1_, "2024-01-01", "2024-06-30");
    ReportsTo(rep, m2_, "2024-07-01");
    for (const Seller& s : {vp, m1, m2, rep}) {
      ASSERT_TRUE(HasCode(CreateSeller(*org_, admin_, s), grpc::StatusCode::OK)) << s.seller_id();
    }
  }

  // Manager ids nearest first; {"<error>"} when the call fails.
  std::vector<std::string> Chain(const std::string& seller_id, const std::string& as_of) {
    planning::v1::GetReportingChainRequest request;
    request.set_seller_id(seller_id);
    request.set_as_of(as_of);
    planning::v1::GetReportingChainResponse response;
    grpc::Status status = org_->GetReportingChain(MakeContext(admin_).get(), request, &response);
    if (!status.ok()) return {"<" + Describe(status) + ">"};
    std::vector<std::string> ids;
    for (const Seller& s : response.managers()) ids.push_back(s.seller_id());
    return ids;
  }

  // Every report (all pages); {"<error>"} when a call fails. Checks total_size on the way.
  std::set<std::string> Reports(const std::string& manager_id, const std::string& as_of,
                                ReportScope scope) {
    planning::v1::ListReportsRequest request;
    request.set_manager_id(manager_id);
    request.set_as_of(as_of);
    request.set_scope(scope);
    request.set_page_size(100);
    std::set<std::string> ids;
    for (int page = 0; page < 10; ++page) {
      planning::v1::ListReportsResponse response;
      grpc::Status status = org_->ListReports(MakeContext(admin_).get(), request, &response);
      if (!status.ok()) return {"<" + Describe(status) + ">"};
      for (const Seller& s : response.sellers()) ids.insert(s.seller_id());
      if (response.next_page_token().empty()) {
        EXPECT_EQ(response.total_size(), static_cast<int>(ids.size()))
            << "total_size of " << manager_id << " as of " << as_of;
        break;
      }
      request.set_page_token(response.next_page_token());
    }
    return ids;
  }

  std::unique_ptr<OrganizationService::Stub> org_;
  std::string admin_, vp_, m1_, m2_, rep_;
};

TEST_F(OrgHierarchyTest, ReportingChainFollowsTheManagerChangeOnItsDate) {
  EXPECT_EQ(Chain(rep_, "2024-06-30"), (std::vector<std::string>{m1_, vp_}));
  EXPECT_EQ(Chain(rep_, "2024-07-01"), (std::vector<std::string>{m2_, vp_}));
  EXPECT_EQ(Chain(m1_, "2024-07-01"), (std::vector<std::string>{vp_}));
  EXPECT_EQ(Chain(vp_, "2024-07-01"), (std::vector<std::string>{}));
}

TEST_F(OrgHierarchyTest, DirectReportsChangeOnTheManagerChangeDate) {
  const auto direct = planning::v1::REPORT_SCOPE_DIRECT;
  EXPECT_EQ(Reports(m1_, "2024-06-30", direct), (std::set<std::string>{rep_}));
  EXPECT_EQ(Reports(m1_, "2024-07-01", direct), (std::set<std::string>{}));
  EXPECT_EQ(Reports(m2_, "2024-06-30", direct), (std::set<std::string>{}));
  EXPECT_EQ(Reports(m2_, "2024-07-01", direct), (std::set<std::string>{rep_}));
  EXPECT_EQ(Reports(vp_, "2024-06-30", direct), (std::set<std::string>{m1_, m2_}));
  // Unspecified scope means direct.
  EXPECT_EQ(Reports(vp_, "2024-06-30", planning::v1::REPORT_SCOPE_UNSPECIFIED),
            (std::set<std::string>{m1_, m2_}));
  // Before any line starts nobody reports to anyone.
  EXPECT_EQ(Reports(vp_, "2023-12-31", direct), (std::set<std::string>{}));
}

TEST_F(OrgHierarchyTest, SubtreeFollowsTheRepAcrossTheChange) {
  const auto subtree = planning::v1::REPORT_SCOPE_SUBTREE;
  EXPECT_EQ(Reports(vp_, "2024-06-30", subtree), (std::set<std::string>{m1_, m2_, rep_}));
  EXPECT_EQ(Reports(vp_, "2024-07-01", subtree), (std::set<std::string>{m1_, m2_, rep_}));
  EXPECT_EQ(Reports(m1_, "2024-06-30", subtree), (std::set<std::string>{rep_}));
  EXPECT_EQ(Reports(m1_, "2024-07-01", subtree), (std::set<std::string>{}));
  EXPECT_EQ(Reports(m2_, "2024-07-01", subtree), (std::set<std::string>{rep_}));
}

TEST_F(OrgHierarchyTest, ListSellersByManagerUsesTheAsOfDate) {
  planning::v1::ListSellersRequest request;
  request.set_manager_id(m1_);
  request.set_active_as_of("2024-06-30");
  planning::v1::ListSellersResponse response;
  ASSERT_TRUE(HasCode(org_->ListSellers(MakeContext(admin_).get(), request, &response),
                      grpc::StatusCode::OK));
  EXPECT_EQ(SellerIds(response.sellers()), (std::set<std::string>{rep_}));
  EXPECT_EQ(response.total_size(), 1);

  request.set_active_as_of("2024-07-01");
  planning::v1::ListSellersResponse after_change;
  ASSERT_TRUE(HasCode(org_->ListSellers(MakeContext(admin_).get(), request, &after_change),
                      grpc::StatusCode::OK));
  EXPECT_EQ(SellerIds(after_change.sellers()), (std::set<std::string>{}));
  EXPECT_EQ(after_change.total_size(), 0);
}

}  // namespace
}  // namespace attain::itest

// Who may see and change what, through the gateway.
//
// Team (lines from 2024-01-01, open-ended, so in force today):
//   boss ── lead ── deep
//     └──── rep1
//     └──── rep2
//   other ── rep3
#include <gtest/gtest.h>

#include "common/auth/jwt.h"
#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/org_helpers.h"
#include "tests/integration/stack_test.h"

namespace attain::itest {
namespace {

class AuthzTest : public StackTest {
 protected:
  void SetUp() override {
    StackTest::SetUp();
    if (HasFatalFailure()) return;
    org_ = Org();
    admin_ = AdminToken();
    boss_ = UniqueId("az-boss");
    lead_ = UniqueId("az-lead");
    deep_ = UniqueId("az-deep");
    rep1_ = UniqueId("az-rep1");
    rep2_ = UniqueId("az-rep2");
    other_ = UniqueId("az-other");
    rep3_ = UniqueId("az-rep3");
    const std::vector<std::pair<std::string, std::string>> people = {
        {boss_, ""}, {other_, ""}, {lead_, boss_}, {deep_, lead_},
        {rep1_, boss_}, {rep2_, boss_}, {rep3_, other_}};
    for (const auto& [id, manager] : people) {
      Seller seller = NewSeller(id);
      if (!manager.empty()) ReportsTo(seller, manager, "2024-01-01");
      ASSERT_TRUE(HasCode(CreateSeller(*org_, admin_, seller), grpc::StatusCode::OK)) << id;
    }
  }

  grpc::Status Get(const std::string& token, const std::string& id) {
    return GetSeller(*org_, token, id);
  }

  std::unique_ptr<OrganizationService::Stub> org_;
  std::string admin_, boss_, lead_, deep_, rep1_, rep2_, other_, rep3_;
};

TEST_F(AuthzTest, CallWithoutTokenIsUnauthenticated) {
  EXPECT_TRUE(HasCode(Get("", rep1_), grpc::StatusCode::UNAUTHENTICATED));
}

TEST_F(AuthzTest, TokenSignedWithAnotherSecretIsUnauthenticated) {
  auth::JwtConfig config;
  config.algorithm = auth::JwtConfig::Algorithm::kHs256;
  config.key = "a-different-secret-that-is-at-least-32-bytes-long";
  absl::StatusOr<std::string> forged = auth::SignToken(config, {"it-admin", {"admin"}});
  ASSERT_TRUE(forged.ok()) << forged.status();
  EXPECT_TRUE(HasCode(Get(*forged, rep1_), grpc::StatusCode::UNAUTHENTICATED));
}

TEST_F(AuthzTest, RepCannotCreateSellers) {
  const std::string id = UniqueId("az-new");
  EXPECT_TRUE(HasCode(CreateSeller(*org_, Token(rep1_, {"rep"}), NewSeller(id)),
                      grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_TRUE(HasCode(Get(admin_, id), grpc::StatusCode::NOT_FOUND));
}

TEST_F(AuthzTest, RepSeesThemselvesButNotAnotherRep) {
  const std::string rep1 = Token(rep1_, {"rep"});
  Seller self;
  ASSERT_TRUE(HasCode(GetSeller(*org_, rep1, rep1_, &self), grpc::StatusCode::OK));
  EXPECT_EQ(self.seller_id(), rep1_);
  EXPECT_TRUE(HasCode(Get(rep1, rep2_), grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_TRUE(HasCode(Get(rep1, boss_), grpc::StatusCode::PERMISSION_DENIED));
}

TEST_F(AuthzTest, ListSellersForARepReturnsOnlyThemselves) {
  planning::v1::ListSellersRequest request;
  request.set_page_size(50);
  planning::v1::ListSellersResponse response;
  ASSERT_TRUE(HasCode(org_->ListSellers(MakeContext(Token(rep2_, {"rep"})).get(), request, &response),
                      grpc::StatusCode::OK));
  EXPECT_EQ(SellerIds(response.sellers()), (std::set<std::string>{rep2_}));
  EXPECT_EQ(response.total_size(), 1);
  EXPECT_EQ(response.next_page_token(), "");
}

TEST_F(AuthzTest, ManagerSeesTheirWholeSubtreeOnly) {
  const std::string boss = Token(boss_, {"manager"});
  for (const std::string& id : {boss_, lead_, deep_, rep1_, rep2_}) {
    EXPECT_TRUE(HasCode(Get(boss, id), grpc::StatusCode::OK)) << id;
  }
  for (const std::string& id : {other_, rep3_}) {
    EXPECT_TRUE(HasCode(Get(boss, id), grpc::StatusCode::PERMISSION_DENIED)) << id;
  }
  // A manager lower down sees less.
  const std::string lead = Token(lead_, {"manager"});
  EXPECT_TRUE(HasCode(Get(lead, deep_), grpc::StatusCode::OK));
  EXPECT_TRUE(HasCode(Get(lead, rep1_), grpc::StatusCode::PERMISSION_DENIED));

  planning::v1::ListReportsRequest request;
  request.set_manager_id(boss_);
  request.set_scope(planning::v1::REPORT_SCOPE_SUBTREE);
  request.set_page_size(50);
  planning::v1::ListReportsResponse response;
  ASSERT_TRUE(HasCode(org_->ListReports(MakeContext(boss).get(), request, &response),
                      grpc::StatusCode::OK));
  EXPECT_EQ(SellerIds(response.sellers()), (std::set<std::string>{lead_, deep_, rep1_, rep2_}));
  EXPECT_EQ(response.total_size(), 4);
}

}  // namespace
}  // namespace attain::itest

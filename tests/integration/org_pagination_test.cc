// ListSellers pages through 1,000 sellers with no duplicate and no gap.
#include <gtest/gtest.h>

#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/org_helpers.h"
#include "tests/integration/stack_test.h"

namespace attain::itest {
namespace {

class OrgPaginationTest : public StackTest {};

TEST_F(OrgPaginationTest, ThousandSellersInPagesOf37HaveNoDuplicatesOrGaps) {
  constexpr int kSellers = 1000;
  constexpr int kPageSize = 37;
  // 1000 = 27 * 37 + 1: 27 full pages and a last page of one.
  constexpr int kPages = 28;
  auto org = Org();
  const std::string admin = AdminToken();
  const std::string tag = UniqueId("page");
  // Brackets keep the filter from matching another run's tag that merely starts the same.
  const std::string marker = "[" + tag + "]";

  std::vector<Seller> rows;
  std::set<std::string> expected;
  for (int i = 0; i < kSellers; ++i) {
    Seller seller = NewSeller(tag + "-" + std::to_string(10000 + i));
    seller.set_display_name("Paged " + marker + " #" + std::to_string(i));
    expected.insert(seller.seller_id());
    rows.push_back(std::move(seller));
  }
  planning::v1::ImportSellersResponse imported;
  ASSERT_TRUE(HasCode(ImportSellers(*org, admin, rows, 100, &imported), grpc::StatusCode::OK));
  EXPECT_EQ(imported.created_count(), kSellers);
  EXPECT_EQ(imported.updated_count(), 0);
  EXPECT_EQ(imported.unchanged_count(), 0);

  planning::v1::ListSellersRequest request;
  request.set_page_size(kPageSize);
  request.set_display_name_contains(marker);
  std::vector<std::string> seen;
  std::vector<int> page_sizes;
  for (int page = 0; page < kPages + 5; ++page) {  // bounded: a token loop must not hang the run
    planning::v1::ListSellersResponse response;
    ASSERT_TRUE(HasCode(org->ListSellers(MakeContext(admin).get(), request, &response),
                        grpc::StatusCode::OK))
        << "page " << page;
    EXPECT_EQ(response.total_size(), kSellers) << "page " << page;
    page_sizes.push_back(response.sellers_size());
    for (const Seller& s : response.sellers()) seen.push_back(s.seller_id());
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }

  std::vector<int> expected_sizes(kPages - 1, kPageSize);
  expected_sizes.push_back(1);
  EXPECT_EQ(page_sizes, expected_sizes);
  const std::set<std::string> unique(seen.begin(), seen.end());
  EXPECT_EQ(seen.size(), unique.size()) << "a seller appeared on two pages";
  EXPECT_EQ(unique, expected);
}

}  // namespace
}  // namespace attain::itest

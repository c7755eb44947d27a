#include "tools/attainctl/seller_edit.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace attain::ctl {
namespace {

using planning::v1::Seller;
using testing::ElementsAre;

Seller RepWithOneLine() {
  Seller seller;
  seller.set_name("sellers/rep-1");
  seller.set_seller_id("rep-1");
  seller.set_hire_date("2025-01-06");
  auto* line = seller.add_reporting_lines();
  line->set_manager_id("mgr-1");
  line->set_start_date("2025-01-06");
  return seller;
}

TEST(BuildUpdateTest, MaskNamesExactlyTheFlagsGiven) {
  SellerChanges changes;
  changes.display_name = "Ana Lima";
  changes.home_currency = "EUR";
  absl::StatusOr<planning::v1::UpdateSellerRequest> request = BuildUpdate("rep-1", changes, nullptr);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_THAT(request->update_mask().paths(), ElementsAre("display_name", "home_currency"));
  EXPECT_EQ(request->seller().name(), "sellers/rep-1");
  EXPECT_EQ(request->seller().display_name(), "Ana Lima");
  EXPECT_EQ(request->seller().home_currency(), "EUR");
  EXPECT_FALSE(request->request_id().empty());
  EXPECT_FALSE(NeedsCurrentSeller(changes));
}

TEST(BuildUpdateTest, NothingToChangeIsRejected) {
  EXPECT_TRUE(IsEmpty(SellerChanges{}));
  EXPECT_EQ(BuildUpdate("rep-1", SellerChanges{}, nullptr).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(BuildUpdateTest, NewManagerEndsTheCurrentLineTheDayBefore) {
  SellerChanges changes;
  changes.manager_id = "mgr-2";
  changes.manager_from = "2025-03-01";
  const Seller current = RepWithOneLine();
  ASSERT_TRUE(NeedsCurrentSeller(changes));
  absl::StatusOr<planning::v1::UpdateSellerRequest> request = BuildUpdate("rep-1", changes, &current);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_THAT(request->update_mask().paths(), ElementsAre("reporting_lines"));
  const auto& lines = request->seller().reporting_lines();
  ASSERT_EQ(lines.size(), 2);
  EXPECT_EQ(lines[0].manager_id(), "mgr-1");
  EXPECT_EQ(lines[0].end_date(), "2025-02-28");  // 2025 is not a leap year
  EXPECT_EQ(lines[1].manager_id(), "mgr-2");
  EXPECT_EQ(lines[1].start_date(), "2025-03-01");
  EXPECT_EQ(lines[1].end_date(), "");
}

TEST(BuildUpdateTest, NewManagerFromTheLineStartIsRejected) {
  SellerChanges changes;
  changes.manager_id = "mgr-2";
  changes.manager_from = "2025-01-06";
  const Seller current = RepWithOneLine();
  EXPECT_EQ(BuildUpdate("rep-1", changes, &current).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(BuildUpdateTest, TerminationClosesOpenLinesOnThatDay) {
  SellerChanges changes;
  changes.termination_date = "2025-09-30";
  const Seller current = RepWithOneLine();
  absl::StatusOr<planning::v1::UpdateSellerRequest> request = BuildUpdate("rep-1", changes, &current);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_THAT(request->update_mask().paths(), ElementsAre("termination_date", "reporting_lines"));
  ASSERT_EQ(request->seller().reporting_lines_size(), 1);
  EXPECT_EQ(request->seller().reporting_lines(0).end_date(), "2025-09-30");
}

TEST(BuildUpdateTest, TerminationAndNewManagerTogether) {
  SellerChanges changes;
  changes.termination_date = "2025-09-30";
  changes.manager_id = "mgr-2";
  changes.manager_from = "2025-06-01";
  const Seller current = RepWithOneLine();
  absl::StatusOr<planning::v1::UpdateSellerRequest> request = BuildUpdate("rep-1", changes, &current);
  ASSERT_TRUE(request.ok()) << request.status();
  const auto& lines = request->seller().reporting_lines();
  ASSERT_EQ(lines.size(), 2);
  EXPECT_EQ(lines[0].end_date(), "2025-05-31");
  EXPECT_EQ(lines[1].start_date(), "2025-06-01");
  EXPECT_EQ(lines[1].end_date(), "2025-09-30");
}

TEST(BuildUpdateTest, ClearingTheTerminationDateNeedsNoFetch) {
  SellerChanges changes;
  changes.termination_date = "";
  EXPECT_FALSE(NeedsCurrentSeller(changes));
  absl::StatusOr<planning::v1::UpdateSellerRequest> request = BuildUpdate("rep-1", changes, nullptr);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_THAT(request->update_mask().paths(), ElementsAre("termination_date"));
}

}  // namespace
}  // namespace attain::ctl

// What-if comparison (services/compensation/whatif/whatif_comparison.h): which sellers count,
// the sums by currency and component, and the gainers and losers with their ties.
#include "services/compensation/whatif/whatif_comparison.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "services/compensation/whatif/whatif_proto.h"

namespace attain::compensation::whatif {
namespace {

Decimal D(const char* text) { return *Decimal::Parse(text); }

SellerResult Seller(const std::string& id, const std::string& plan, const std::string& own,
                    std::vector<std::pair<std::string, std::string>> components = {},
                    const std::string& currency = "USD") {
  SellerResult seller{id, plan, currency, D(own.c_str()), {}};
  for (const auto& [component, earnings] : components) {
    seller.components.emplace_back(component, D(earnings.c_str()));
  }
  return seller;
}

void ExpectAmounts(const Amounts& amounts, const char* actual, const char* sandbox,
                   const char* delta) {
  EXPECT_EQ(amounts.actual, D(actual));
  EXPECT_EQ(amounts.sandbox, D(sandbox));
  EXPECT_EQ(amounts.delta, D(delta));
}

TEST(WhatIfComparisonTest, SumsTotalsComponentsAndSellersOfThePlanOnly) {
  const std::vector<SellerResult> actual = {
      Seller("a", "p", "100", {{"c1", "80"}, {"c2", "20"}}), Seller("b", "p", "50", {{"c1", "50"}}),
      Seller("x", "other", "999", {{"c1", "999"}}),  // never paid by p: not compared
  };
  const std::vector<SellerResult> sandbox = {
      Seller("a", "p", "130", {{"c1", "100"}, {"c3", "30"}}),
      Seller("b", "p", "40", {{"c1", "40"}}),
      Seller("c", "p", "25", {{"c1", "25"}}),  // not in the actual run: actual 0
      Seller("x", "other", "999", {{"c1", "999"}}),
  };
  auto compared = Compare("p", actual, sandbox, 10);
  ASSERT_TRUE(compared.ok()) << compared.status();

  // USD: actual 100 + 50 = 150, sandbox 130 + 40 + 25 = 195, delta 45.
  ASSERT_EQ(compared->totals.size(), 1u);
  EXPECT_EQ(compared->totals[0].currency, "USD");
  ExpectAmounts(compared->totals[0].amounts, "150", "195", "45");

  // c1: 80 + 50 = 130 vs 100 + 40 + 25 = 165; c2 only actual (20 vs 0); c3 only sandbox.
  ASSERT_EQ(compared->components.size(), 3u);
  EXPECT_EQ(compared->components[0].component_id, "c1");
  ExpectAmounts(compared->components[0].amounts, "130", "165", "35");
  EXPECT_EQ(compared->components[1].component_id, "c2");
  ExpectAmounts(compared->components[1].amounts, "20", "0", "-20");
  EXPECT_EQ(compared->components[2].component_id, "c3");
  ExpectAmounts(compared->components[2].amounts, "0", "30", "30");

  EXPECT_EQ(compared->sellers_compared, 3);
  EXPECT_EQ(compared->sellers_affected, 3);
  // a +30, c +25 gain; b -10 loses.
  ASSERT_EQ(compared->gainers.size(), 2u);
  EXPECT_EQ(compared->gainers[0].seller_id, "a");
  ExpectAmounts(compared->gainers[0].amounts, "100", "130", "30");
  EXPECT_EQ(compared->gainers[1].seller_id, "c");
  ExpectAmounts(compared->gainers[1].amounts, "0", "25", "25");
  ASSERT_EQ(compared->losers.size(), 1u);
  EXPECT_EQ(compared->losers[0].seller_id, "b");
  ExpectAmounts(compared->losers[0].amounts, "50", "40", "-10");
}

TEST(WhatIfComparisonTest, TiesGoBySellerIdAndTopCutsBothLists) {
  const std::vector<SellerResult> actual = {
      Seller("d2", "p", "7"),  // assigned p in the run, paid nothing in the sandbox: -7
      Seller("d1", "p", "7"),
      Seller("d3", "p", "1.5"),
      Seller("same", "p", "12.34"),
  };
  const std::vector<SellerResult> sandbox = {
      Seller("s3", "p", "10"), Seller("s1", "p", "10"),      Seller("s2", "p", "10"),
      Seller("s4", "p", "5"),  Seller("same", "p", "12.34"),
  };
  auto compared = Compare("p", actual, sandbox, 2);
  ASSERT_TRUE(compared.ok()) << compared.status();
  EXPECT_EQ(compared->sellers_compared, 8);
  EXPECT_EQ(compared->sellers_affected, 7);  // all but "same"
  ASSERT_EQ(compared->gainers.size(), 2u);
  EXPECT_EQ(compared->gainers[0].seller_id, "s1");
  EXPECT_EQ(compared->gainers[1].seller_id, "s2");
  ASSERT_EQ(compared->losers.size(), 2u);
  EXPECT_EQ(compared->losers[0].seller_id, "d1");
  ExpectAmounts(compared->losers[0].amounts, "7", "0", "-7");
  EXPECT_EQ(compared->losers[1].seller_id, "d2");
  // 7 + 7 + 1.5 + 12.34 = 27.84 against 10 * 3 + 5 + 12.34 = 47.34.
  ExpectAmounts(compared->totals[0].amounts, "27.84", "47.34", "19.5");
}

TEST(WhatIfComparisonTest, ASellerOfThePlanOnOneSideIsComparedWithWhateverPaysThemOnTheOther) {
  // y was on p in the run and is on q in the sandbox (the assignment changed since): both
  // sides count. z is on q in both: not compared.
  const std::vector<SellerResult> actual = {Seller("y", "p", "10", {{"p1", "10"}}),
                                            Seller("z", "q", "3")};
  const std::vector<SellerResult> sandbox = {Seller("y", "q", "12", {{"q1", "12"}}),
                                             Seller("z", "q", "4")};
  auto compared = Compare("p", actual, sandbox, 10);
  ASSERT_TRUE(compared.ok()) << compared.status();
  EXPECT_EQ(compared->sellers_compared, 1);
  ExpectAmounts(compared->totals[0].amounts, "10", "12", "2");
  ASSERT_EQ(compared->components.size(), 2u);
  ExpectAmounts(compared->components[0].amounts, "10", "0", "-10");  // p1
  ExpectAmounts(compared->components[1].amounts, "0", "12", "12");   // q1
}

TEST(WhatIfComparisonTest, CurrenciesAreNeverAddedTogether) {
  const std::vector<SellerResult> actual = {Seller("e", "p", "100", {{"c", "100"}}, "EUR"),
                                            Seller("u", "p", "200", {{"c", "200"}}, "USD")};
  const std::vector<SellerResult> sandbox = {Seller("e", "p", "90", {{"c", "90"}}, "EUR"),
                                             Seller("u", "p", "250", {{"c", "250"}}, "USD")};
  auto compared = Compare("p", actual, sandbox, 10);
  ASSERT_TRUE(compared.ok()) << compared.status();
  ASSERT_EQ(compared->totals.size(), 2u);
  EXPECT_EQ(compared->totals[0].currency, "EUR");
  ExpectAmounts(compared->totals[0].amounts, "100", "90", "-10");
  EXPECT_EQ(compared->totals[1].currency, "USD");
  ExpectAmounts(compared->totals[1].amounts, "200", "250", "50");
  ASSERT_EQ(compared->components.size(), 2u);
  EXPECT_EQ(compared->components[0].currency, "EUR");
  EXPECT_EQ(compared->components[1].currency, "USD");
  ASSERT_EQ(compared->gainers.size(), 1u);
  EXPECT_EQ(compared->gainers[0].currency, "USD");
  ASSERT_EQ(compared->losers.size(), 1u);
  EXPECT_EQ(compared->losers[0].currency, "EUR");
}

TEST(WhatIfComparisonTest, NothingInScopeComparesNothing) {
  auto compared = Compare("p", {Seller("x", "q", "1")}, {Seller("x", "q", "2")}, 10);
  ASSERT_TRUE(compared.ok()) << compared.status();
  EXPECT_EQ(compared->sellers_compared, 0);
  EXPECT_TRUE(compared->totals.empty());
  EXPECT_TRUE(compared->gainers.empty());
}

TEST(WhatIfComparisonTest, OverflowingSumIsOutOfRange) {
  const Decimal half = Decimal::FromMicros(std::numeric_limits<int64_t>::max() / 2 + 1);
  SellerResult a = Seller("a", "p", "0");
  a.own_earned = half;
  SellerResult b = a;
  b.seller_id = "b";
  auto compared = Compare("p", {}, {a, b}, 10);
  EXPECT_EQ(compared.status().code(), absl::StatusCode::kOutOfRange);
}

TEST(WhatIfProtoTest, PublishedStatementCountsOwnEarningsOnly) {
  v1::Statement statement;
  statement.set_seller_id("s");
  statement.set_plan_id("p");
  statement.set_currency("USD");
  auto line = [&](v1::StatementLineKind kind, const char* amount) {
    v1::StatementLine* l = statement.add_lines();
    l->set_kind(kind);
    l->set_amount(amount);
  };
  line(v1::STATEMENT_LINE_KIND_COMPONENT, "660");
  line(v1::STATEMENT_LINE_KIND_PLAN_CAP, "-60");
  line(v1::STATEMENT_LINE_KIND_ADJUSTMENT, "15.5");
  line(v1::STATEMENT_LINE_KIND_DRAW, "400");
  line(v1::STATEMENT_LINE_KIND_TRUE_UP, "33");
  v1::ComponentResult* component = statement.add_components();
  component->set_component_id("commission");
  component->set_earnings("660.00");
  auto seller = FromStatement(statement);
  ASSERT_TRUE(seller.ok()) << seller.status();
  EXPECT_EQ(seller->own_earned, D("615.5"));  // 660 - 60 + 15.50; draw and true-up left out
  ASSERT_EQ(seller->components.size(), 1u);
  EXPECT_EQ(seller->components[0].second, D("660"));

  statement.mutable_components(0)->set_earnings("six");
  EXPECT_EQ(FromStatement(statement).status().code(), absl::StatusCode::kInternal);
}

TEST(WhatIfProtoTest, AmountsHaveTwoDecimals) {
  Comparison comparison;
  comparison.totals.push_back({"USD", {D("150"), D("195.5"), D("45.5")}});
  comparison.losers.push_back({"b", "USD", {D("50"), D("40"), D("-10")}});
  comparison.sellers_compared = 3;
  const v1::WhatIfResult result = ToProto(comparison);
  ASSERT_EQ(result.totals_size(), 1);
  EXPECT_EQ(result.totals(0).actual(), "150.00");
  EXPECT_EQ(result.totals(0).sandbox(), "195.50");
  EXPECT_EQ(result.totals(0).delta(), "45.50");
  ASSERT_EQ(result.top_losers_size(), 1);
  EXPECT_EQ(result.top_losers(0).delta(), "-10.00");
  EXPECT_EQ(result.sellers_compared(), 3);
}

}  // namespace
}  // namespace attain::compensation::whatif

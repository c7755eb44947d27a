// Demo accounts, products and bookings: deterministic, well-formed, and consistent with
// each other.
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "absl/strings/str_split.h"
#include "tools/attainctl/csv.h"
#include "tools/datagen/catalog_generator.h"

namespace attain::datagen {
namespace {

TEST(CatalogDatagenTest, SameSeedGivesByteIdenticalFiles) {
  EXPECT_EQ(AccountsCsv(GenerateAccounts({.seed = 42, .count = 500})),
            AccountsCsv(GenerateAccounts({.seed = 42, .count = 500})));
  std::string a, b;
  WriteBookingsCsv({.seed = 42, .accounts = 200, .years = 2}, &a);
  WriteBookingsCsv({.seed = 42, .accounts = 200, .years = 2}, &b);
  EXPECT_EQ(a, b);
  EXPECT_NE(AccountsCsv(GenerateAccounts({.seed = 42, .count = 500})),
            AccountsCsv(GenerateAccounts({.seed = 43, .count = 500})));
}

TEST(CatalogDatagenTest, ParentsComeFirstAndExist) {
  const auto accounts = GenerateAccounts({.seed = 42, .count = 2000});
  ASSERT_EQ(accounts.size(), 2000u);
  std::set<std::string> seen;
  int children = 0;
  for (const auto& account : accounts) {
    if (!account.parent_account_id().empty()) {
      EXPECT_TRUE(seen.contains(account.parent_account_id())) << account.account_id();
      ++children;
    }
    seen.insert(account.account_id());
  }
  EXPECT_GT(children, 100);
  EXPECT_EQ(seen.size(), accounts.size());
}

TEST(CatalogDatagenTest, AboutAHundredProductsInFiveFamiliesAndFifteenLines) {
  const auto products = GenerateProducts(42);
  std::map<std::string, std::string> family_of_line;
  std::set<std::string> families;
  for (const auto& product : products) {
    families.insert(product.family());
    auto [it, fresh] = family_of_line.emplace(product.line(), product.family());
    EXPECT_EQ(it->second, product.family()) << "line " << product.line() << " in two families";
  }
  EXPECT_GE(products.size(), 75u);
  EXPECT_LE(products.size(), 120u);
  EXPECT_EQ(families.size(), 5u);
  EXPECT_EQ(family_of_line.size(), 15u);
}

TEST(CatalogDatagenTest, BookingsNameGeneratedAccountsAndProductsWithinTheYears) {
  const auto accounts = GenerateAccounts({.seed = 42, .count = 300});
  const auto products = GenerateProducts(42);
  std::set<std::string> account_ids, product_ids;
  for (const auto& a : accounts) account_ids.insert(a.account_id());
  for (const auto& p : products) product_ids.insert(p.product_id());
  std::string csv_text;
  const int64_t rows = WriteBookingsCsv({.seed = 42, .accounts = 300, .years = 3}, &csv_text);
  auto records = csv::ParseAll(csv_text);
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(static_cast<int64_t>(records->size()), rows + 1);
  EXPECT_GT(rows, 1000);
  for (size_t i = 1; i < records->size(); ++i) {
    const auto& f = (*records)[i].fields;
    ASSERT_EQ(f.size(), 5u);
    EXPECT_TRUE(account_ids.contains(f[0]));
    EXPECT_TRUE(product_ids.contains(f[1]));
    EXPECT_GE(f[2], "2023-11-01");
    EXPECT_LE(f[2], "2026-10-31");
    EXPECT_EQ(f[4], "USD");
  }
}

}  // namespace
}  // namespace attain::datagen

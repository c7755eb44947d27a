#pragma once
// Deterministic demo accounts, products and booking history in the import formats of
// `attainctl accounts|products|bookings import` (tools/attainctl/catalog_csv.h).
//   accounts: `count` accounts; about one in ten is a corporate parent with a few
//             subsidiaries after it, spread over North America, EMEA and APAC.
//   products: ~100 products in 5 families of 3 lines each, priced in USD.
//   bookings: `years` years of monthly bookings up to 2026-10-31: each account buys one to
//             four products, with a Q4-heavy season and deal sizes from the list price and the
//             account's size. Generated from the same seed's accounts and products, so a
//             bookings file imports after those two.
// The same options always give byte-identical output.

#include <cstdint>
#include <string>
#include <vector>

#include "attain/planning/v1/accounts.pb.h"
#include "attain/planning/v1/bookings.pb.h"
#include "attain/planning/v1/products.pb.h"

namespace attain::datagen {

struct AccountOptions {
  uint64_t seed = 42;
  int count = 20000;
};

struct BookingOptions {
  uint64_t seed = 42;
  int accounts = 20000;  // must match the accounts file's --count
  int years = 3;
};

std::vector<planning::v1::Account> GenerateAccounts(const AccountOptions& options);
std::vector<planning::v1::Product> GenerateProducts(uint64_t seed);
// Writes the bookings CSV (header included) to `out`, returning how many rows it has.
int64_t WriteBookingsCsv(const BookingOptions& options, std::string* out);

std::string AccountsCsv(const std::vector<planning::v1::Account>& accounts);
std::string ProductsCsv(const std::vector<planning::v1::Product>& products);

}  // namespace attain::datagen

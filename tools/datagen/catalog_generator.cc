#include "tools/datagen/catalog_generator.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "common/time/dates.h"
#include "tools/attainctl/catalog_csv.h"
#include "tools/attainctl/csv.h"
#include "tools/datagen/names.h"
#include "tools/datagen/random.h"

namespace attain::datagen {
namespace {

using planning::v1::Account;
using planning::v1::Product;

struct Place {
  const char* country;
  const char* region;
  const char* state;
  const char* postal_prefix;
  const char* currency;
};
constexpr Place kPlaces[] = {
    {"US", "NA East", "NY", "100", "USD"}, {"US", "NA East", "MA", "021", "USD"},
    {"US", "NA East", "GA", "303", "USD"}, {"US", "NA East", "FL", "331", "USD"},
    {"US", "NA West", "CA", "941", "USD"}, {"US", "NA West", "WA", "981", "USD"},
    {"US", "NA West", "TX", "787", "USD"}, {"US", "NA West", "CO", "802", "USD"},
    {"CA", "NA East", "ON", "M5V", "CAD"}, {"CA", "NA West", "BC", "V6B", "CAD"},
    {"GB", "EMEA", "England", "EC1", "GBP"}, {"DE", "EMEA", "Bayern", "803", "EUR"},
    {"DE", "EMEA", "Berlin", "101", "EUR"}, {"FR", "EMEA", "Ile-de-France", "750", "EUR"},
    {"NL", "EMEA", "Noord-Holland", "101", "EUR"}, {"AU", "APAC", "NSW", "200", "AUD"},
    {"AU", "APAC", "VIC", "300", "AUD"}, {"JP", "APAC", "Tokyo", "100", "JPY"},
    {"SG", "APAC", "Singapore", "018", "SGD"}};
constexpr const char* kIndustries[] = {"Software", "Manufacturing", "Financial Services",
                                       "Healthcare", "Retail", "Energy", "Telecommunications",
                                       "Logistics", "Public Sector", "Media"};
constexpr const char* kSuffixes[] = {"Inc", "Group", "Holdings", "Labs", "Systems", "Partners",
                                     "Industries", "Solutions"};

struct Family {
  const char* name;
  const char* lines[3];
  int64_t base_price;  // whole USD
};
constexpr Family kFamilies[] = {
    {"Analytics", {"Analytics Cloud", "Embedded BI", "Data Science"}, 12000},
    {"Security", {"Identity", "Endpoint", "Network Security"}, 18000},
    {"Collaboration", {"Messaging", "Video", "Workspace"}, 4000},
    {"Infrastructure", {"Compute", "Storage", "Networking"}, 30000},
    {"Services", {"Implementation", "Training", "Premium Support"}, 8000}};
constexpr const char* kEditions[] = {"Starter", "Standard", "Professional", "Enterprise",
                                     "Unlimited", "Add-on", "Bundle"};

// Last day of the history: the day before the org generator's cutoff.
const absl::CivilDay kHistoryEnd(2026, 10, 31);
// Relative monthly weight (percent), January first: a Q4 push and a quieter summer.
constexpr int kSeason[12] = {80, 85, 110, 90, 95, 115, 75, 70, 105, 100, 120, 155};

std::string Money(int64_t cents) {
  return absl::StrFormat("%d.%02d", cents / 100, cents % 100);
}

std::string Segment(int64_t employees) {
  if (employees >= 5000) return "Enterprise";
  if (employees >= 500) return "Mid-Market";
  return "SMB";
}

}  // namespace

std::vector<Account> GenerateAccounts(const AccountOptions& options) {
  Random random(options.seed);
  std::vector<Account> accounts;
  accounts.reserve(options.count);
  const int width = std::max<int>(5, absl::StrCat(options.count).size());
  std::string parent;
  int children_left = 0;
  for (int i = 0; i < options.count; ++i) {
    Account& account = accounts.emplace_back();
    account.set_account_id(absl::StrFormat("acc-%0*d", width, i + 1));
    const Place& place = kPlaces[random.Below(std::size(kPlaces))];
    const std::string_view last = LastNames()[random.Below(LastNames().size())];
    account.set_display_name(absl::StrCat(std::string(last), " ",
                                          kSuffixes[random.Below(std::size(kSuffixes))]));
    account.set_country(place.country);
    account.set_region(place.region);
    account.set_state(place.state);
    account.set_postal_code(absl::StrCat(place.postal_prefix, random.Between(10, 99)));
    account.set_industry(kIndustries[random.Below(std::size(kIndustries))]);
    // Employee counts are roughly log-uniform: many small companies, a few giants.
    const int64_t employees = static_cast<int64_t>(10) << random.Below(13);
    const int64_t headcount = employees + random.Below(employees);
    account.set_employee_count(headcount);
    account.set_segment(Segment(headcount));
    // Revenue of 80k-250k per employee; potential 0.5-3% of revenue; workload in days.
    const int64_t revenue_cents = headcount * random.Between(80'000, 250'000) * 100;
    account.set_annual_revenue(Money(revenue_cents));
    account.set_potential(Money(revenue_cents / 1000 * random.Between(5, 30)));
    account.set_workload(absl::StrCat(random.Between(1, 40), ".", random.Between(0, 9)));
    account.set_currency(place.currency);
    (*account.mutable_attributes())["tier"] =
        headcount >= 5000 ? "strategic" : (headcount >= 500 ? "growth" : "standard");
    account.set_locked(random.Below(50) == 0);
    if (children_left > 0) {
      account.set_parent_account_id(parent);
      --children_left;
    } else if (random.Below(10) == 0) {
      parent = account.account_id();
      children_left = static_cast<int>(random.Between(1, 5));
    }
  }
  return accounts;
}

std::vector<Product> GenerateProducts(uint64_t seed) {
  Random random(seed);
  std::vector<Product> products;
  int number = 0;
  for (const Family& family : kFamilies) {
    for (const char* line : family.lines) {
      const int editions = static_cast<int>(random.Between(5, 8));
      for (int e = 0; e < editions && e < static_cast<int>(std::size(kEditions)); ++e) {
        Product& product = products.emplace_back();
        product.set_product_id(absl::StrFormat("prd-%03d", ++number));
        product.set_display_name(absl::StrCat(line, " ", kEditions[e]));
        product.set_family(family.name);
        product.set_line(line);
        // Editions step up in price; a little noise keeps the list realistic.
        const int64_t cents = family.base_price * 100 * (e + 1) / 2 + random.Between(0, 99) * 100;
        product.set_list_price(Money(cents));
        product.set_currency("USD");
      }
    }
  }
  return products;
}

int64_t WriteBookingsCsv(const BookingOptions& options, std::string* out) {
  const std::vector<Account> accounts =
      GenerateAccounts({.seed = options.seed, .count = options.accounts});
  const std::vector<Product> products = GenerateProducts(options.seed);
  std::vector<int64_t> price_cents;
  for (const Product& product : products) {
    auto dot = product.list_price().find('.');
    price_cents.push_back(std::stoll(product.list_price().substr(0, dot)) * 100 +
                          std::stoll(product.list_price().substr(dot + 1)));
  }
  // A separate stream, so bookings do not change when the account generator draws more.
  Random random(options.seed ^ 0x9e3779b97f4a7c15ULL);
  const absl::CivilMonth last_month(kHistoryEnd);
  const absl::CivilMonth first_month = last_month - (12 * options.years - 1);
  *out = csv::FormatRecord(catalog_csv::Bookings().Header());
  int64_t rows = 0;
  for (const Account& account : accounts) {
    // Bigger accounts buy more often and more.
    const int64_t scale = std::max<int64_t>(1, account.employee_count() / 200);
    const int owned = static_cast<int>(random.Between(1, 4));
    for (size_t index : random.Sample(products.size(), owned)) {
      const int percent_per_month = static_cast<int>(random.Between(15, 45));
      for (absl::CivilMonth month = first_month; month <= last_month; ++month) {
        const int weight = kSeason[month.month() - 1];
        if (static_cast<int>(random.Below(10000)) >= percent_per_month * weight) continue;
        const absl::CivilDay day(month.year(), month.month(), random.Between(1, 28));
        const int64_t quantity = random.Between(1, 2 + scale);
        // 70%-100% of list: discounts are normal.
        const int64_t cents = price_cents[index] * quantity * random.Between(70, 100) / 100;
        // One booking in forty is a credit of a quarter of a deal.
        const bool credit = random.Below(40) == 0;
        const std::string amount = credit ? absl::StrCat("-", Money(cents / 4)) : Money(cents);
        absl::StrAppend(out, account.account_id(), ",", products[index].product_id(), ",",
                        dates::Format(day), ",", amount, ",USD\n");
        ++rows;
      }
    }
  }
  return rows;
}

std::string AccountsCsv(const std::vector<Account>& accounts) {
  const auto& codec = catalog_csv::Accounts();
  std::string out = csv::FormatRecord(codec.Header());
  for (const Account& account : accounts) out += csv::FormatRecord(codec.ToFields(account));
  return out;
}

std::string ProductsCsv(const std::vector<Product>& products) {
  const auto& codec = catalog_csv::Products();
  std::string out = csv::FormatRecord(codec.Header());
  for (const Product& product : products) out += csv::FormatRecord(codec.ToFields(product));
  return out;
}

}  // namespace attain::datagen

// attain-datagen: deterministic demo data in attainctl's import formats.
//   attain-datagen org --seed 42 --out org.csv                  (attainctl sellers import)
//   attain-datagen accounts --seed 42 --count 20000 --out a.csv (attainctl accounts import)
//   attain-datagen products --seed 42 --out p.csv               (attainctl products import)
//   attain-datagen bookings --seed 42 --years 3 --out b.csv     (attainctl bookings import)
//   attain-datagen territories --seed 42 --out t.csv            (attainctl territories import)
//   attain-datagen territory-sellers --seed 42 --out ts.csv     (attainctl territories sellers import)
//   attain-datagen transactions --seed 42 --count 100000 --out tx.csv (compensation ImportTransactions)
//   attain-datagen calculation-org --seed 42 --sellers 10000 --out org.csv
//   attain-datagen calculation-transactions --seed 42 --count 25000000 --out tx.csv
//     (a 3-level organization and its transactions at scale: calculation_dataset.h)
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>

#include "common/time/dates.h"
#include "tools/datagen/calculation_dataset.h"
#include "tools/datagen/catalog_generator.h"
#include "tools/datagen/org_generator.h"
#include "tools/datagen/territory_generator.h"
#include "tools/datagen/transaction_generator.h"

namespace {

int Write(const std::string& out, const std::string& csv) {
  if (out == "-") {
    std::cout << csv << std::flush;
    return std::cout ? 0 : 1;
  }
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  file << csv;
  file.close();
  if (!file) {
    std::cerr << "error: cannot write " << out << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"attain-datagen - deterministic demo data for Attain"};
  app.require_subcommand(1);
  std::string out = "-";
  uint64_t seed = 42;
  auto common = [&](CLI::App* command) {
    command->add_option("--seed", seed, "Random seed; the same seed gives the same file")
        ->capture_default_str();
    command->add_option("--out", out, "Output CSV file (- for stdout)")->capture_default_str();
  };

  attain::datagen::OrgOptions org_options;
  CLI::App* org = app.add_subcommand("org", "A sales organization as seller import CSV");
  common(org);
  org->add_option("--reps", org_options.reps, "Account executives")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();

  attain::datagen::AccountOptions account_options;
  CLI::App* accounts = app.add_subcommand("accounts", "Customer accounts as account import CSV");
  common(accounts);
  accounts->add_option("--count", account_options.count, "Accounts")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();

  CLI::App* products = app.add_subcommand("products", "A product catalog as product import CSV");
  common(products);

  attain::datagen::BookingOptions booking_options;
  CLI::App* bookings = app.add_subcommand(
      "bookings", "Monthly booking history for the same seed's accounts and products");
  common(bookings);
  bookings->add_option("--accounts", booking_options.accounts,
                       "Accounts (the --count the accounts file was generated with)")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  bookings->add_option("--years", booking_options.years, "Years of history")
      ->check(CLI::Range(1, 10))
      ->capture_default_str();

  attain::datagen::TerritoryOptions territory_options;
  CLI::App* territories = app.add_subcommand(
      "territories", "A territory tree for the same seed's accounts as territory import CSV");
  common(territories);
  territories->add_option("--accounts", territory_options.accounts,
                          "Accounts (the --count the accounts file was generated with)")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();

  attain::datagen::TerritorySellerOptions seller_options;
  CLI::App* territory_sellers = app.add_subcommand(
      "territory-sellers",
      "The org's reps assigned to the same seed's territories as territory-sellers import CSV");
  common(territory_sellers);
  territory_sellers->add_option("--accounts", seller_options.accounts,
                                "Accounts (the --count the accounts file was generated with)")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  territory_sellers->add_option("--reps", seller_options.reps,
                                "Account executives (the --reps the org file was generated with)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  attain::datagen::TransactionOptions transaction_options;
  CLI::App* transactions = app.add_subcommand(
      "transactions",
      "Sales transactions for the same seed's accounts, products and reps (compensation import CSV)");
  common(transactions);
  transactions->add_option("--count", transaction_options.count, "Transactions")
      ->check(CLI::Range(int64_t{1}, int64_t{10'000'000}))
      ->capture_default_str();
  transactions->add_option("--accounts", transaction_options.accounts,
                           "Accounts (the --count the accounts file was generated with)")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  transactions->add_option("--reps", transaction_options.reps,
                           "Account executives (the --reps the org file was generated with)")
      ->check(CLI::Range(3, 100000))
      ->capture_default_str();
  transactions->add_option("--months", transaction_options.months,
                           "Months of transactions, up to 2026-10-31")
      ->check(CLI::Range(1, 120))
      ->capture_default_str();
  transactions->add_option("--source", transaction_options.source_system,
                           "source_system of every row")
      ->capture_default_str();

  attain::datagen::CalculationDataOptions calculation_options;
  CLI::App* calculation_org = app.add_subcommand(
      "calculation-org",
      "A 3-level organization (directors, managers, reps) as seller import CSV, for calculation "
      "at scale");
  common(calculation_org);
  CLI::App* calculation_transactions = app.add_subcommand(
      "calculation-transactions",
      "Transactions for the calculation-org of the same seed, streamed (any --count)");
  common(calculation_transactions);
  std::string first_day = attain::dates::Format(calculation_options.first_day);
  std::string last_day = attain::dates::Format(calculation_options.last_day);
  for (CLI::App* command : {calculation_org, calculation_transactions}) {
    command->add_option("--sellers", calculation_options.sellers, "Sellers in all three levels")
        ->check(CLI::Range(3, 1000000))
        ->capture_default_str();
    command->add_option("--from", first_day, "First transaction date")->capture_default_str();
    command->add_option("--to", last_day, "Last transaction date (some reps change manager "
                                          "half-way from --from)")
        ->capture_default_str();
  }
  calculation_transactions->add_option("--count", calculation_options.transactions, "Transactions")
      ->check(CLI::Range(int64_t{1}, int64_t{1'000'000'000}))
      ->capture_default_str();
  calculation_transactions->add_option("--accounts", calculation_options.accounts, "Accounts")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  calculation_transactions->add_option("--source", calculation_options.source_system,
                                       "source_system of every row")
      ->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  if (org->parsed()) {
    org_options.seed = seed;
    return Write(out, attain::datagen::ToCsv(attain::datagen::GenerateOrg(org_options)));
  }
  if (accounts->parsed()) {
    account_options.seed = seed;
    return Write(out, attain::datagen::AccountsCsv(attain::datagen::GenerateAccounts(account_options)));
  }
  if (territories->parsed()) {
    territory_options.seed = seed;
    return Write(out, attain::datagen::TerritoriesCsv(
                          attain::datagen::GenerateTerritories(territory_options)));
  }
  if (territory_sellers->parsed()) {
    seller_options.seed = seed;
    return Write(out, attain::datagen::TerritorySellersCsv(
                          attain::datagen::GenerateTerritorySellers(seller_options)));
  }
  if (transactions->parsed()) {
    transaction_options.seed = seed;
    std::string csv;
    attain::datagen::WriteTransactionsCsv(transaction_options, &csv);
    return Write(out, csv);
  }
  if (calculation_org->parsed() || calculation_transactions->parsed()) {
    calculation_options.seed = seed;
    auto from = attain::dates::Parse(first_day, "--from");
    auto to = attain::dates::Parse(last_day, "--to");
    if (!from.ok() || !to.ok() || *to < *from) {
      std::cerr << "error: --from and --to must be dates (YYYY-MM-DD), --from first\n";
      return 2;
    }
    calculation_options.first_day = *from;
    calculation_options.last_day = *to;
  }
  if (calculation_org->parsed()) {
    return Write(out, attain::datagen::ToCsv(
                          attain::datagen::GenerateCalculationOrg(calculation_options).sellers));
  }
  if (calculation_transactions->parsed()) {
    std::ofstream file;
    if (out != "-") file.open(out, std::ios::binary | std::ios::trunc);
    std::ostream& sink = out == "-" ? std::cout : file;
    const bool written = attain::datagen::WriteCalculationTransactionsCsv(
        calculation_options, [&sink](std::string_view piece) {
          sink.write(piece.data(), static_cast<std::streamsize>(piece.size()));
          return static_cast<bool>(sink);
        });
    sink.flush();
    if (!written || !sink) {
      std::cerr << "error: cannot write " << out << "\n";
      return 1;
    }
    return 0;
  }
  if (products->parsed()) {
    return Write(out, attain::datagen::ProductsCsv(attain::datagen::GenerateProducts(seed)));
  }
  booking_options.seed = seed;
  std::string csv;
  attain::datagen::WriteBookingsCsv(booking_options, &csv);
  return Write(out, csv);
}

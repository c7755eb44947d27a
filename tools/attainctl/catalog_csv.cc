#include "tools/attainctl/catalog_csv.h"

#include <nlohmann/json.hpp>

#include "absl/strings/numbers.h"

namespace attain::catalog_csv {
namespace {

using planning::v1::Account;
using planning::v1::Booking;
using planning::v1::Product;

using csv::Text;

std::optional<std::string> SetEmployeeCount(const std::string& cell, Account& account) {
  int64_t count = 0;
  if (!cell.empty() && !absl::SimpleAtoi(cell, &count)) return "must be a whole number";
  account.set_employee_count(count);
  return std::nullopt;
}

std::optional<std::string> SetLocked(const std::string& cell, Account& account) {
  const std::string lower = absl::AsciiStrToLower(cell);
  if (lower == "true" || lower == "yes" || lower == "1") {
    account.set_locked(true);
  } else if (lower.empty() || lower == "false" || lower == "no" || lower == "0") {
    account.set_locked(false);
  } else {
    return "must be true or false";
  }
  return std::nullopt;
}

std::string AttributesJson(const Account& account) {
  if (account.attributes().empty()) return "";
  nlohmann::json json = nlohmann::json::object();
  for (const auto& [key, value] : account.attributes()) json[key] = value;
  return json.dump();  // keys sorted: the same account always exports the same text
}

std::optional<std::string> SetAttributes(const std::string& cell, Account& account) {
  account.clear_attributes();
  if (cell.empty()) return std::nullopt;
  const nlohmann::json json = nlohmann::json::parse(cell, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return "must be a JSON object such as {\"tier\":\"gold\"}";
  for (const auto& [key, value] : json.items()) {
    if (!value.is_string()) return "attribute values must be strings";
    (*account.mutable_attributes())[key] = value.get<std::string>();
  }
  return std::nullopt;
}

}  // namespace

const csv::RecordCodec<Account>& Accounts() {
  static const auto* const kCodec = new csv::RecordCodec<Account>(
      {Text<Account>("account_id", "Account id (letters, digits, - _ .)", &Account::account_id,
                     &Account::set_account_id),
       Text<Account>("display_name", "Account name", &Account::display_name,
                     &Account::set_display_name),
       Text<Account>("parent_account_id", "Parent account's id", &Account::parent_account_id,
                     &Account::set_parent_account_id),
       Text<Account>("country", "ISO 3166-1 alpha-2 country, e.g. US", &Account::country,
                     &Account::set_country),
       Text<Account>("region", "Region", &Account::region, &Account::set_region),
       Text<Account>("state", "State or province", &Account::state, &Account::set_state),
       Text<Account>("postal_code", "Postal code", &Account::postal_code,
                     &Account::set_postal_code),
       Text<Account>("industry", "Industry", &Account::industry, &Account::set_industry),
       Text<Account>("segment", "Segment, e.g. Enterprise", &Account::segment,
                     &Account::set_segment),
       {"employee_count", "Employees",
        [](const Account& a) { return std::to_string(a.employee_count()); }, SetEmployeeCount},
       Text<Account>("annual_revenue", "Annual revenue (decimal)", &Account::annual_revenue,
                     &Account::set_annual_revenue),
       Text<Account>("potential", "Potential (decimal)", &Account::potential,
                     &Account::set_potential),
       Text<Account>("workload", "Workload estimate (decimal)", &Account::workload,
                     &Account::set_workload),
       Text<Account>("currency", "ISO-4217 currency of revenue and potential", &Account::currency,
                     &Account::set_currency),
       {"locked", "true keeps territory balancing from moving the account",
        [](const Account& a) { return std::string(a.locked() ? "true" : "false"); }, SetLocked},
       {"attributes", "Custom attributes as a JSON object, e.g. {\"tier\":\"gold\"}",
        AttributesJson, SetAttributes}},
      "account_id");
  return *kCodec;
}

const csv::RecordCodec<Product>& Products() {
  static const auto* const kCodec = new csv::RecordCodec<Product>(
      {Text<Product>("product_id", "Product id (letters, digits, - _ .)", &Product::product_id,
                     &Product::set_product_id),
       Text<Product>("display_name", "Product name", &Product::display_name,
                     &Product::set_display_name),
       Text<Product>("family", "Product family", &Product::family, &Product::set_family),
       Text<Product>("line", "Product line (belongs to one family)", &Product::line,
                     &Product::set_line),
       Text<Product>("list_price", "List price (decimal)", &Product::list_price,
                     &Product::set_list_price),
       Text<Product>("currency", "ISO-4217 currency", &Product::currency, &Product::set_currency)},
      "product_id");
  return *kCodec;
}

const csv::RecordCodec<Booking>& Bookings() {
  static const auto* const kCodec = new csv::RecordCodec<Booking>(
      {Text<Booking>("account_id", "Account id", &Booking::account_id, &Booking::set_account_id),
       Text<Booking>("product_id", "Product id", &Booking::product_id, &Booking::set_product_id),
       Text<Booking>("booking_date", "YYYY-MM-DD", &Booking::booking_date,
                     &Booking::set_booking_date),
       Text<Booking>("amount", "Amount (decimal; negative for a credit)", &Booking::amount,
                     &Booking::set_amount),
       Text<Booking>("currency", "ISO-4217 currency", &Booking::currency, &Booking::set_currency)},
      "account_id");
  return *kCodec;
}

}  // namespace attain::catalog_csv

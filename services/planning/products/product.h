#pragma once
// The product catalog: family -> line -> product. A line belongs to exactly one family.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/errors/errors.h"
#include "common/money/decimal.h"

namespace attain::planning::products {

struct Product {
  std::string id;
  std::string display_name;
  std::string family;
  std::string line;
  money::Decimal list_price;
  std::string currency;
  int64_t revision = 0;
  absl::Time create_time;
  absl::Time update_time;
};

// A product as received (API or CSV), every field still text.
struct ProductInput {
  std::string id;
  std::string display_name;
  std::string family;
  std::string line;
  std::string list_price;
  std::string currency;
};

// Parses and checks every field; violations are named `prefix` + "." + the proto field.
std::optional<Product> ParseProduct(const ProductInput& input, const std::string& prefix,
                                    std::vector<errors::FieldViolation>* violations);

ProductInput ToInput(const Product& product);

}  // namespace attain::planning::products

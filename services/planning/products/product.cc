#include "services/planning/products/product.h"

#include "services/planning/accounts/field_checks.h"

namespace attain::planning::products {
namespace {

constexpr size_t kMaxNameLength = 200;
constexpr size_t kMaxHierarchyNameLength = 100;

}  // namespace

std::optional<Product> ParseProduct(const ProductInput& input, const std::string& prefix,
                                    std::vector<errors::FieldViolation>* violations) {
  catalog::FieldChecker check(prefix, violations);
  Product product;
  product.id = check.Id("product_id", input.id);
  product.display_name = check.Text("display_name", input.display_name, true, kMaxNameLength);
  product.family = check.Text("family", input.family, true, kMaxHierarchyNameLength);
  product.line = check.Text("line", input.line, true, kMaxHierarchyNameLength);
  auto price = check.Amount("list_price", input.list_price, true, true);
  product.currency = check.Currency("currency", input.currency, true);
  if (!check.Clean()) return std::nullopt;
  product.list_price = *price;
  return product;
}

ProductInput ToInput(const Product& product) {
  return {product.id,   product.display_name,          product.family,
          product.line, product.list_price.ToString(), product.currency};
}

}  // namespace attain::planning::products

#pragma once
// SQL for the planning schema's products table. Nothing else touches it (bookings reference
// it by foreign key).

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "common/db/pg.h"
#include "services/planning/accounts/copy_in.h"
#include "services/planning/products/product.h"

namespace attain::planning::products::store {

struct ProductFilter {
  std::string display_name_contains;
  std::string family;
  std::string line;
};

struct ProductPage {
  std::vector<Product> products;
  int total = 0;
  bool more = false;
};

// Serializes catalog writes (the line -> family rule spans rows).
absl::Status LockCatalog(db::PgConn& tx);

absl::StatusOr<std::optional<Product>> GetProduct(db::PgConn& conn, const std::string& id);
absl::Status InsertProduct(db::PgConn& tx, const Product& product);
// NOT_FOUND when absent.
absl::Status UpdateProduct(db::PgConn& tx, const Product& product);
absl::Status DeleteProduct(db::PgConn& tx, const std::string& id);
absl::StatusOr<bool> HasBookings(db::PgConn& conn, const std::string& id);

// line -> family of the stored products with one of `lines`, other than `except_ids`.
absl::StatusOr<absl::flat_hash_map<std::string, std::string>> FamiliesOfLines(
    db::PgConn& conn, const std::vector<std::string>& lines,
    const std::vector<std::string>& except_ids);

absl::StatusOr<ProductPage> ListProducts(db::PgConn& conn, const ProductFilter& filter,
                                         const std::string& after_id, int limit);

void AppendImportRow(const Product& product, catalog::CopyBuffer* buffer);
// Stages the rows with COPY and merges them in one statement (insert new, update changed).
absl::StatusOr<catalog::MergeResult> MergeImport(db::PgConn& tx, const catalog::CopyBuffer& rows);

}  // namespace attain::planning::products::store

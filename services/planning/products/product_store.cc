#include "services/planning/products/product_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/planning/accounts/sql_params.h"

namespace attain::planning::products::store {
namespace {

constexpr char kProductColumns[] =
    "p.product_id, p.display_name, p.family, p.line, p.list_price::text, p.currency, "
    "p.revision, (extract(epoch from p.create_time) * 1000000)::bigint, "
    "(extract(epoch from p.update_time) * 1000000)::bigint";
constexpr int kProductColumnCount = 9;
constexpr char kWritableColumns[] = "product_id, display_name, family, line, list_price, currency";

Product RowToProduct(const db::PgResult& rows, int row) {
  Product product;
  product.id = rows.GetString(row, 0);
  product.display_name = rows.GetString(row, 1);
  product.family = rows.GetString(row, 2);
  product.line = rows.GetString(row, 3);
  // The database only holds prices we validated; anything else is a broken invariant.
  auto price = money::Decimal::Parse(rows.Get(row, 4));
  if (!price.ok()) std::abort();
  product.list_price = *price;
  product.currency = rows.GetString(row, 5);
  product.revision = rows.GetInt64(row, 6);
  product.create_time = absl::FromUnixMicros(rows.GetInt64(row, 7));
  product.update_time = absl::FromUnixMicros(rows.GetInt64(row, 8));
  return product;
}

db::Params ProductParams(const Product& product) {
  return {product.id,   product.display_name,          product.family,
          product.line, product.list_price.ToString(), product.currency};
}

}  // namespace

absl::Status LockCatalog(db::PgConn& tx) {
  return tx.Exec("SELECT pg_advisory_xact_lock(hashtext('attain.planning.products'))").status();
}

absl::StatusOr<std::optional<Product>> GetProduct(db::PgConn& conn, const std::string& id) {
  auto rows = conn.Exec(
      absl::StrCat("SELECT ", kProductColumns, " FROM products p WHERE p.product_id = $1"), {id});
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::optional<Product>();
  return std::optional<Product>(RowToProduct(*rows, 0));
}

absl::Status InsertProduct(db::PgConn& tx, const Product& product) {
  return tx
      .Exec(absl::StrCat("INSERT INTO products (", kWritableColumns,
                         ") VALUES ($1, $2, $3, $4, $5, $6)"),
            ProductParams(product))
      .status();
}

absl::Status UpdateProduct(db::PgConn& tx, const Product& product) {
  auto updated = tx.Exec(
      "UPDATE products SET display_name = $2, family = $3, line = $4, list_price = $5, "
      "currency = $6, revision = revision + 1, update_time = now() WHERE product_id = $1",
      ProductParams(product));
  if (!updated.ok()) return updated.status();
  if (updated->affected() == 0) return absl::NotFoundError(absl::StrCat("products/", product.id));
  return absl::OkStatus();
}

absl::Status DeleteProduct(db::PgConn& tx, const std::string& id) {
  auto deleted = tx.Exec("DELETE FROM products WHERE product_id = $1", {id});
  if (!deleted.ok()) return deleted.status();
  if (deleted->affected() == 0) return absl::NotFoundError(absl::StrCat("products/", id));
  return absl::OkStatus();
}

absl::StatusOr<bool> HasBookings(db::PgConn& conn, const std::string& id) {
  auto rows = conn.Exec("SELECT EXISTS (SELECT 1 FROM bookings WHERE product_id = $1)", {id});
  if (!rows.ok()) return rows.status();
  return rows->GetBool(0, 0);
}

absl::StatusOr<absl::flat_hash_map<std::string, std::string>> FamiliesOfLines(
    db::PgConn& conn, const std::vector<std::string>& lines,
    const std::vector<std::string>& except_ids) {
  auto rows = conn.Exec(
      "SELECT DISTINCT line, family FROM products WHERE line = ANY($1::text[]) "
      "AND product_id <> ALL($2::text[])",
      {catalog::TextArray(lines), catalog::TextArray(except_ids)});
  if (!rows.ok()) return rows.status();
  absl::flat_hash_map<std::string, std::string> families;
  for (int i = 0; i < rows->rows(); ++i) families[rows->GetString(i, 0)] = rows->GetString(i, 1);
  return families;
}

absl::StatusOr<ProductPage> ListProducts(db::PgConn& conn, const ProductFilter& filter,
                                         const std::string& after_id, int limit) {
  std::string sql = absl::StrCat(
      "SELECT * FROM (SELECT ", kProductColumns, ", count(*) OVER () FROM products p WHERE "
      "($1::text IS NULL OR p.display_name ILIKE $1) "
      "AND ($2::text IS NULL OR p.family = $2) "
      "AND ($3::text IS NULL OR p.line = $3)"
      ") page WHERE page.product_id > $4 ORDER BY page.product_id LIMIT $5");
  auto rows = conn.Exec(
      sql, {filter.display_name_contains.empty()
                ? db::Param()
                : db::Param(catalog::LikePattern(filter.display_name_contains)),
            catalog::OptionalText(filter.family), catalog::OptionalText(filter.line), after_id, absl::StrCat(limit + 1)});
  if (!rows.ok()) return rows.status();
  ProductPage page;
  for (int i = 0; i < rows->rows() && i < limit; ++i) {
    page.products.push_back(RowToProduct(*rows, i));
    page.total = static_cast<int>(rows->GetInt64(i, kProductColumnCount));
  }
  page.more = rows->rows() > limit;
  return page;
}

void AppendImportRow(const Product& product, catalog::CopyBuffer* buffer) {
  for (const db::Param& field : ProductParams(product)) buffer->Field(*field);
  buffer->EndRow();
}

absl::StatusOr<catalog::MergeResult> MergeImport(db::PgConn& tx, const catalog::CopyBuffer& rows) {
  const catalog::MergeSpec spec{
      "product_import", "products", "product_id", kWritableColumns,
      absl::StrCat("INSERT INTO products AS p (", kWritableColumns, ") SELECT ",
      kWritableColumns,
      " FROM product_import ON CONFLICT (product_id) DO UPDATE SET "
      "display_name = EXCLUDED.display_name, family = EXCLUDED.family, line = EXCLUDED.line, "
      "list_price = EXCLUDED.list_price, currency = EXCLUDED.currency, "
      "revision = p.revision + 1, update_time = now() "
      "WHERE (p.display_name, p.family, p.line, p.list_price, p.currency) IS DISTINCT FROM "
      "(EXCLUDED.display_name, EXCLUDED.family, EXCLUDED.line, EXCLUDED.list_price, "
      "EXCLUDED.currency) "
      "RETURNING p.product_id")};
  return catalog::StageAndMerge(tx, rows, spec);
}

}  // namespace attain::planning::products::store

#include "services/planning/products/product_manager.h"

#include <google/protobuf/empty.pb.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "common/db/idempotency.h"
#include "common/server/page_token.h"
#include "services/planning/accounts/field_checks.h"
#include "services/planning/accounts/update_mask.h"
#include "services/planning/products/product.h"
#include "services/planning/products/product_proto.h"
#include "services/planning/products/product_store.h"

namespace attain::planning::products {
namespace {

constexpr char kCreateMethod[] = "CreateProduct";
constexpr char kUpdateMethod[] = "UpdateProduct";
constexpr char kDeleteMethod[] = "DeleteProduct";
constexpr char kImportMethod[] = "ImportProducts";
constexpr int kExportPage = 1000;

std::string CacheKey(const std::string& id) { return absl::StrCat("product:", id); }
std::string Resource(const std::string& id) { return absl::StrCat("products/", id); }

absl::Status NotFound(const std::string& id) {
  return absl::NotFoundError(absl::StrCat(Resource(id), " not found"));
}

std::string LineTaken(const std::string& family) {
  return absl::StrCat("this line belongs to family \"", family,
                      "\"; a line belongs to exactly one family");
}

// A product's line must not already belong to another family.
absl::Status CheckLine(db::PgConn& tx, const Product& product) {
  auto families = store::FamiliesOfLines(tx, {product.line}, {product.id});
  if (!families.ok()) return families.status();
  if (auto it = families->find(product.line); it != families->end() && it->second != product.family) {
    return errors::InvalidField("product.line", LineTaken(it->second));
  }
  return absl::OkStatus();
}

}  // namespace

void ProductManager::AfterCommit(const std::vector<std::string>& changed_ids) {
  relay_->Notify();
  std::vector<std::string> keys;
  keys.reserve(changed_ids.size());
  for (const std::string& id : changed_ids) keys.push_back(CacheKey(id));
  cache_->Invalidate(keys);
}

absl::StatusOr<v1::Product> ProductManager::Create(const v1::CreateProductRequest& request) {
  std::vector<errors::FieldViolation> violations;
  std::optional<Product> product = ParseProduct(ToInput(request.product()), "product", &violations);
  if (!product) return catalog::RejectFields(std::move(violations));

  auto response = db::IdempotentWrite<v1::Product>(
      *pool_, request.request_id(), kCreateMethod, request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::Product> {
        if (auto locked = store::LockCatalog(tx); !locked.ok()) return locked;
        auto existing = store::GetProduct(tx, product->id);
        if (!existing.ok()) return existing.status();
        if (existing->has_value()) {
          return errors::InvalidField("product.product_id",
                                      absl::StrCat(Resource(product->id), " already exists"));
        }
        if (auto line = CheckLine(tx, *product); !line.ok()) return line;
        if (auto s = store::InsertProduct(tx, *product); !s.ok()) return s;
        auto stored = store::GetProduct(tx, product->id);
        if (!stored.ok()) return stored.status();
        if (auto s = events::Append(tx, "product.created", Resource(product->id),
                                    ToJson(**stored));
            !s.ok()) {
          return s;
        }
        return ToProto(**stored);
      });
  if (response.ok()) AfterCommit({product->id});
  return response;
}

absl::StatusOr<v1::Product> ProductManager::Update(const v1::UpdateProductRequest& request) {
  auto id = catalog::IdFromName(request.product().name(), "products", "product.name");
  if (!id.ok()) return id.status();
  static const std::vector<std::string> kUpdatable = {"display_name", "family", "line",
                                                      "list_price", "currency"};
  auto paths = catalog::UpdatePaths(request.update_mask(), kUpdatable);
  if (!paths.ok()) return paths.status();
  auto has = [&paths](const char* field) {
    return std::find(paths->begin(), paths->end(), field) != paths->end();
  };

  auto response = db::IdempotentWrite<v1::Product>(
      *pool_, request.request_id(), kUpdateMethod, request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::Product> {
        if (auto locked = store::LockCatalog(tx); !locked.ok()) return locked;
        auto existing = store::GetProduct(tx, *id);
        if (!existing.ok()) return existing.status();
        if (!existing->has_value()) return NotFound(*id);
        if (auto fresh = catalog::CheckRevision(Resource(*id), request.product().revision(),
                                                (*existing)->revision);
            !fresh.ok()) {
          return fresh;
        }
        ProductInput input = ToInput(**existing);
        ProductInput changes = ToInput(request.product());
        if (has("display_name")) input.display_name = changes.display_name;
        if (has("family")) input.family = changes.family;
        if (has("line")) input.line = changes.line;
        if (has("list_price")) input.list_price = changes.list_price;
        if (has("currency")) input.currency = changes.currency;
        std::vector<errors::FieldViolation> violations;
        std::optional<Product> product = ParseProduct(input, "product", &violations);
        if (!product) return catalog::RejectFields(std::move(violations));
        if (auto line = CheckLine(tx, *product); !line.ok()) return line;
        if (auto s = store::UpdateProduct(tx, *product); !s.ok()) return s;
        auto stored = store::GetProduct(tx, *id);
        if (!stored.ok()) return stored.status();
        if (auto s = events::Append(tx, "product.updated", Resource(*id), ToJson(**stored));
            !s.ok()) {
          return s;
        }
        return ToProto(**stored);
      });
  if (response.ok()) AfterCommit({*id});
  return response;
}

absl::Status ProductManager::Delete(const v1::DeleteProductRequest& request) {
  auto id = catalog::IdFromName(request.name(), "products", "name");
  if (!id.ok()) return id.status();
  auto deleted = db::IdempotentWrite<google::protobuf::Empty>(
      *pool_, request.request_id(), kDeleteMethod, request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<google::protobuf::Empty> {
        if (auto locked = store::LockCatalog(tx); !locked.ok()) return locked;
        auto bookings = store::HasBookings(tx, *id);
        if (!bookings.ok()) return bookings.status();
        if (*bookings) {
          return errors::WithReason(
              absl::FailedPreconditionError(
                  absl::StrCat(Resource(*id), " has booking history and cannot be deleted")),
              "PRODUCT_HAS_BOOKINGS");
        }
        if (auto s = store::DeleteProduct(tx, *id); !s.ok()) {
          return s.code() == absl::StatusCode::kNotFound ? NotFound(*id) : s;
        }
        if (auto s = events::Append(tx, "product.deleted", Resource(*id), "{}"); !s.ok()) {
          return s;
        }
        return google::protobuf::Empty();
      });
  if (!deleted.ok()) return deleted.status();
  AfterCommit({*id});
  return absl::OkStatus();
}

std::unique_ptr<ProductImport> ProductManager::StartImport() {
  return std::make_unique<ProductImport>(this);
}

absl::StatusOr<v1::Product> ProductManager::Get(const std::string& name) {
  auto id = catalog::IdFromName(name, "products", "name");
  if (!id.ok()) return id.status();
  return cache_->GetOrLoadMessage<v1::Product>(CacheKey(*id), [&]() -> absl::StatusOr<v1::Product> {
    auto lease = pool_->Acquire();
    if (!lease.ok()) return lease.status();
    auto product = store::GetProduct(**lease, *id);
    if (!product.ok()) return product.status();
    if (!product->has_value()) return NotFound(*id);
    return ToProto(**product);
  });
}

absl::StatusOr<v1::ListProductsResponse> ProductManager::List(
    const v1::ListProductsRequest& request) {
  auto page_size = server::EffectivePageSize(request.page_size());
  if (!page_size.ok()) return page_size.status();
  store::ProductFilter filter{request.display_name_contains(), request.family(), request.line()};
  v1::ListProductsRequest fingerprint = request;
  fingerprint.clear_page_token();
  fingerprint.clear_page_size();
  const std::string filter_key = db::RequestFingerprint(fingerprint.SerializeAsString());
  auto after = server::DecodePageToken(request.page_token(), filter_key);
  if (!after.ok()) return after.status();
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto page = store::ListProducts(**lease, filter, *after, *page_size);
  if (!page.ok()) return page.status();
  v1::ListProductsResponse response;
  for (const Product& product : page->products) ToProto(product, response.add_products());
  response.set_total_size(page->total);
  if (page->more) {
    response.set_next_page_token(server::EncodePageToken(filter_key, page->products.back().id));
  }
  return response;
}

absl::StatusOr<std::vector<v1::Product>> ProductManager::ExportPage(std::string* after_id) {
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto page = store::ListProducts(**lease, {}, *after_id, kExportPage);
  if (!page.ok()) return page.status();
  std::vector<v1::Product> products;
  for (const Product& product : page->products) products.push_back(ToProto(product));
  if (!page->products.empty()) *after_id = page->products.back().id;
  return products;
}

absl::Status ProductImport::Add(v1::ImportProductsRequest& message) {
  if (request_id_.empty()) request_id_ = message.request_id();
  fingerprint_ = db::RequestFingerprint(absl::StrCat(fingerprint_, message.SerializeAsString()));
  rows_ += message.rows_size();
  if (rows_ > kMaxRows) {
    return errors::InvalidField("rows", "more than 100000 rows in one import; split the file");
  }
  for (const v1::ProductImportRow& row : message.rows()) {
    const std::string prefix = absl::StrCat("rows[", row.row_number(), "]");
    std::optional<Product> product = ParseProduct(ToInput(row.product()), prefix, &violations_);
    if (!product) continue;
    if (auto [it, fresh] = row_by_id_.emplace(product->id, row.row_number()); !fresh) {
      violations_.push_back({prefix + ".product_id", absl::StrCat("duplicates row ", it->second)});
      continue;
    }
    auto [line, fresh] =
        family_by_line_.emplace(product->line, std::make_pair(product->family, row.row_number()));
    if (!fresh && line->second.first != product->family) {
      violations_.push_back(
          {prefix + ".line", absl::StrCat("row ", line->second.second, " puts this line in family \"",
                                          line->second.first, "\"; a line belongs to one family")});
      continue;
    }
    ids_.push_back(product->id);
    store::AppendImportRow(*product, &staged_);
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::ImportProductsResponse> ProductImport::Commit() {
  if (rows_ == 0) return errors::InvalidField("rows", "the import has no rows");
  if (!violations_.empty()) return catalog::RejectFields(std::move(violations_));

  std::vector<std::string> updated_ids;
  auto result = db::IdempotentWrite<v1::ImportProductsResponse>(
      *manager_->pool_, request_id_, kImportMethod, fingerprint_,
      [&](db::PgConn& tx) -> absl::StatusOr<v1::ImportProductsResponse> {
        if (auto locked = store::LockCatalog(tx); !locked.ok()) return locked;
        std::vector<std::string> lines;
        for (const auto& [line, family] : family_by_line_) lines.push_back(line);
        auto stored = store::FamiliesOfLines(tx, lines, ids_);
        if (!stored.ok()) return stored.status();
        std::vector<errors::FieldViolation> violations;
        for (const auto& [line, family_row] : family_by_line_) {
          if (auto it = stored->find(line); it != stored->end() && it->second != family_row.first) {
            violations.push_back(
                {absl::StrCat("rows[", family_row.second, "].line"), LineTaken(it->second)});
          }
        }
        if (!violations.empty()) return catalog::RejectFields(std::move(violations));
        auto merged = store::MergeImport(tx, staged_);
        if (!merged.ok()) return merged.status();
        updated_ids = std::move(merged->updated_ids);
        v1::ImportProductsResponse response;
        response.set_created_count(merged->created);
        response.set_updated_count(merged->updated);
        response.set_unchanged_count(merged->unchanged);
        nlohmann::json payload = {{"request_id", request_id_},
                                  {"created_count", merged->created},
                                  {"updated_count", merged->updated},
                                  {"unchanged_count", merged->unchanged}};
        if (auto s = events::Append(tx, "products.imported", "products", payload.dump());
            !s.ok()) {
          return s;
        }
        return response;
      });
  if (result.ok()) manager_->AfterCommit(updated_ids);
  return result;
}

}  // namespace attain::planning::products

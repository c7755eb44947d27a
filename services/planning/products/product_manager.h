#pragma once
// The product catalog use cases: each write validates the request, runs in one transaction
// (idempotency claim, catalog lock, the line -> family rule, rows, outbox event), then
// invalidates the cache.

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "attain/planning/v1/products.pb.h"
#include "common/cache/cache.h"
#include "common/db/pg.h"
#include "common/errors/errors.h"
#include "common/events/outbox.h"
#include "services/planning/accounts/copy_in.h"

namespace attain::planning::products {

class ProductImport;

class ProductManager {
 public:
  ProductManager(db::PgPool* pool, cache::Cache* cache, events::OutboxRelay* relay)
      : pool_(pool), cache_(cache), relay_(relay) {}

  absl::StatusOr<v1::Product> Create(const v1::CreateProductRequest& request);
  absl::StatusOr<v1::Product> Update(const v1::UpdateProductRequest& request);
  absl::Status Delete(const v1::DeleteProductRequest& request);
  std::unique_ptr<ProductImport> StartImport();

  absl::StatusOr<v1::Product> Get(const std::string& name);
  absl::StatusOr<v1::ListProductsResponse> List(const v1::ListProductsRequest& request);
  // One page of the export after `after_id` (empty page = done).
  absl::StatusOr<std::vector<v1::Product>> ExportPage(std::string* after_id);

 private:
  friend class ProductImport;
  void AfterCommit(const std::vector<std::string>& changed_ids);

  db::PgPool* pool_;
  cache::Cache* cache_;
  events::OutboxRelay* relay_;
};

// One streamed import, validated and staged as rows arrive; Commit writes all or nothing.
class ProductImport {
 public:
  static constexpr size_t kMaxRows = 100'000;

  explicit ProductImport(ProductManager* manager) : manager_(manager) {}

  absl::Status Add(v1::ImportProductsRequest& message);
  absl::StatusOr<v1::ImportProductsResponse> Commit();

 private:
  ProductManager* manager_;
  std::string request_id_;
  std::string fingerprint_;
  size_t rows_ = 0;
  catalog::CopyBuffer staged_;
  std::vector<std::string> ids_;
  absl::flat_hash_map<std::string, int64_t> row_by_id_;
  // line -> (family, first row naming the line)
  absl::flat_hash_map<std::string, std::pair<std::string, int64_t>> family_by_line_;
  std::vector<errors::FieldViolation> violations_;
};

}  // namespace attain::planning::products

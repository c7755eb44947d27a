// ProductService through the gateway: CRUD, the family -> line rule, all-or-nothing imports,
// pagination and who may call what.
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <set>

#include "attain/planning/v1/products.grpc.pb.h"
#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/org_helpers.h"
#include "tests/integration/stack_test.h"

namespace attain::itest {
namespace {

using google::protobuf::util::MessageDifferencer;
using planning::v1::Product;
using planning::v1::ProductImportRow;
using planning::v1::ProductService;

Product NewProduct(const std::string& id, const std::string& family, const std::string& line) {
  Product product;
  product.set_product_id(id);
  product.set_display_name("Product " + id);
  product.set_family(family);
  product.set_line(line);
  product.set_list_price("1499.99");
  product.set_currency("USD");
  return product;
}

class ProductsTest : public StackTest {
 protected:
  void SetUp() override {
    StackTest::SetUp();
    if (HasFatalFailure()) return;
    products_ = ProductService::NewStub(stack().gateway_channel());
    admin_ = AdminToken();
  }

  grpc::Status Create(const Product& product, Product* created = nullptr,
                      const std::string& token = "") {
    planning::v1::CreateProductRequest request;
    *request.mutable_product() = product;
    Product response;
    grpc::Status status = products_->CreateProduct(
        MakeContext(token.empty() ? admin_ : token).get(), request, &response);
    if (created != nullptr) *created = response;
    return status;
  }

  grpc::Status Get(const std::string& id, Product* product = nullptr) {
    planning::v1::GetProductRequest request;
    request.set_name("products/" + id);
    Product response;
    grpc::Status status = products_->GetProduct(MakeContext(admin_).get(), request, &response);
    if (product != nullptr) *product = response;
    return status;
  }

  grpc::Status Import(const std::vector<Product>& products,
                      planning::v1::ImportProductsResponse* response = nullptr) {
    std::vector<ProductImportRow> rows;
    for (size_t i = 0; i < products.size(); ++i) {
      ProductImportRow& row = rows.emplace_back();
      row.set_row_number(static_cast<int64_t>(i) + 2);
      *row.mutable_product() = products[i];
    }
    return StreamImport<planning::v1::ImportProductsRequest>(
        [&](grpc::ClientContext* context, planning::v1::ImportProductsResponse* result) {
          return products_->ImportProducts(context, result);
        },
        admin_, UniqueId("prod-import"), rows, 2, response);
  }

  std::unique_ptr<ProductService::Stub> products_;
  std::string admin_;
};

TEST_F(ProductsTest, CreateGetUpdateDeleteRoundTrip) {
  const std::string id = UniqueId("prod-crud");
  const std::string family = UniqueId("Family");
  Product created;
  ASSERT_TRUE(HasCode(Create(NewProduct(id, family, family + " Core"), &created),
                      grpc::StatusCode::OK));
  EXPECT_EQ(created.name(), "products/" + id);
  EXPECT_EQ(created.list_price(), "1499.99");
  EXPECT_EQ(created.family(), family);
  Product fetched;
  ASSERT_TRUE(HasCode(Get(id, &fetched), grpc::StatusCode::OK));
  EXPECT_TRUE(MessageDifferencer::Equals(fetched, created)) << fetched.DebugString();

  planning::v1::UpdateProductRequest update;
  *update.mutable_product() = NewProduct(id, "ignored", "ignored");
  update.mutable_product()->set_name("products/" + id);
  update.mutable_product()->set_list_price("1599");
  update.mutable_update_mask()->add_paths("list_price");
  Product updated;
  ASSERT_TRUE(HasCode(products_->UpdateProduct(MakeContext(admin_).get(), update, &updated),
                      grpc::StatusCode::OK));
  EXPECT_EQ(updated.list_price(), "1599");
  EXPECT_EQ(updated.family(), family);
  EXPECT_EQ(updated.revision(), created.revision() + 1);
  ASSERT_TRUE(HasCode(Get(id, &fetched), grpc::StatusCode::OK));
  EXPECT_EQ(fetched.list_price(), "1599");

  planning::v1::DeleteProductRequest remove;
  remove.set_name("products/" + id);
  google::protobuf::Empty empty;
  EXPECT_TRUE(HasCode(products_->DeleteProduct(MakeContext(admin_).get(), remove, &empty),
                      grpc::StatusCode::OK));
  EXPECT_TRUE(HasCode(Get(id), grpc::StatusCode::NOT_FOUND));
}

TEST_F(ProductsTest, ALineBelongsToOneFamily) {
  const std::string line = UniqueId("Line");
  ASSERT_TRUE(HasCode(Create(NewProduct(UniqueId("prod-l1"), "Family A", line)),
                      grpc::StatusCode::OK));
  const Product other = NewProduct(UniqueId("prod-l2"), "Family B", line);
  EXPECT_TRUE(IsInvalidField(Create(other), "product.line"));
  EXPECT_TRUE(HasCode(Get(other.product_id()), grpc::StatusCode::NOT_FOUND));
}

TEST_F(ProductsTest, ImportWithOneBadRowWritesNoRow) {
  const std::string tag = UniqueId("prod-imp");
  std::vector<Product> rows;
  for (int i = 0; i < 5; ++i) rows.push_back(NewProduct(tag + "-" + std::to_string(i), tag, tag));
  rows[3].set_list_price("-5");  // line 5
  EXPECT_TRUE(IsInvalidField(Import(rows), "rows[5].list_price"));
  for (const Product& row : rows) {
    EXPECT_TRUE(HasCode(Get(row.product_id()), grpc::StatusCode::NOT_FOUND)) << row.product_id();
  }
}

TEST_F(ProductsTest, ImportThenListPagesWithoutDuplicatesOrGaps) {
  const std::string family = UniqueId("prod-fam");
  std::vector<Product> rows;
  std::set<std::string> expected;
  for (int i = 0; i < 95; ++i) {
    rows.push_back(NewProduct(family + "-" + std::to_string(100 + i), family,
                              family + "-line-" + std::to_string(i % 3)));
    expected.insert(rows.back().product_id());
  }
  planning::v1::ImportProductsResponse imported;
  ASSERT_TRUE(HasCode(Import(rows, &imported), grpc::StatusCode::OK));
  EXPECT_EQ(imported.created_count(), 95);

  planning::v1::ListProductsRequest request;
  request.set_family(family);
  request.set_page_size(10);
  std::vector<std::string> seen;
  for (int page = 0; page < 20; ++page) {
    planning::v1::ListProductsResponse response;
    ASSERT_TRUE(HasCode(products_->ListProducts(MakeContext(admin_).get(), request, &response),
                        grpc::StatusCode::OK));
    EXPECT_EQ(response.total_size(), 95);
    for (const Product& p : response.products()) seen.push_back(p.product_id());
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  EXPECT_EQ(seen.size(), 95u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), expected);
}

TEST_F(ProductsTest, RepCannotCreateAndNoTokenIsUnauthenticated) {
  const Product product = NewProduct(UniqueId("prod-authz"), "Family A", UniqueId("Line"));
  EXPECT_TRUE(HasCode(Create(product, nullptr, Token(UniqueId("rep"), {"rep"})),
                      grpc::StatusCode::PERMISSION_DENIED));
  planning::v1::ListProductsRequest request;
  planning::v1::ListProductsResponse response;
  EXPECT_TRUE(HasCode(products_->ListProducts(MakeContext("").get(), request, &response),
                      grpc::StatusCode::UNAUTHENTICATED));
  EXPECT_TRUE(HasCode(Get(product.product_id()), grpc::StatusCode::NOT_FOUND));
}

}  // namespace
}  // namespace attain::itest

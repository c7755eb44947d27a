#include "tests/integration/catalog_helpers.h"

#include "tests/integration/harness/grpc_util.h"

namespace attain::itest {

planning::v1::Account NewAccount(const std::string& id, const std::string& country) {
  planning::v1::Account account;
  account.set_account_id(id);
  account.set_display_name("Account " + id);
  account.set_country(country);
  return account;
}

planning::v1::Product NewProduct(const std::string& id, const std::string& family,
                                 const std::string& line) {
  planning::v1::Product product;
  product.set_product_id(id);
  product.set_display_name("Product " + id);
  product.set_family(family);
  product.set_line(line);
  product.set_list_price("100");
  product.set_currency("USD");
  return product;
}

grpc::Status CreateAccount(const std::shared_ptr<grpc::Channel>& channel, const std::string& token,
                           const planning::v1::Account& account) {
  planning::v1::CreateAccountRequest request;
  *request.mutable_account() = account;
  planning::v1::Account created;
  return planning::v1::AccountService::NewStub(channel)->CreateAccount(MakeContext(token).get(),
                                                                       request, &created);
}

grpc::Status CreateProduct(const std::shared_ptr<grpc::Channel>& channel, const std::string& token,
                           const planning::v1::Product& product) {
  planning::v1::CreateProductRequest request;
  *request.mutable_product() = product;
  planning::v1::Product created;
  return planning::v1::ProductService::NewStub(channel)->CreateProduct(MakeContext(token).get(),
                                                                       request, &created);
}

}  // namespace attain::itest

#pragma once
// Building accounts and products and creating them through the gateway in tests.

#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "attain/planning/v1/accounts.grpc.pb.h"
#include "attain/planning/v1/products.grpc.pb.h"

namespace attain::itest {

// A valid account: display name "Account <id>", in `country`.
planning::v1::Account NewAccount(const std::string& id, const std::string& country = "US");
// A valid product of `family` in product line `line` (a line belongs to exactly one family,
// so tests sharing the database give each family its own line): "Product <id>", 100 USD.
planning::v1::Product NewProduct(const std::string& id, const std::string& family,
                                 const std::string& line);

// CreateAccount / CreateProduct through `channel` with `token` and the default deadline.
grpc::Status CreateAccount(const std::shared_ptr<grpc::Channel>& channel, const std::string& token,
                           const planning::v1::Account& account);
grpc::Status CreateProduct(const std::shared_ptr<grpc::Channel>& channel, const std::string& token,
                           const planning::v1::Product& product);

}  // namespace attain::itest

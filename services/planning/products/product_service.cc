#include "services/planning/products/product_service.h"

#include <memory>
#include <string>

#include "common/server/streaming.h"
#include "services/planning/accounts/import_reactor.h"

namespace attain::planning::products {
namespace {

std::string Method(const char* name) {
  return std::string("/attain.planning.v1.ProductService/") + name;
}

}  // namespace

grpc::ServerUnaryReactor* ProductService::CreateProduct(grpc::CallbackServerContext* context,
                                                        const v1::CreateProductRequest* request,
                                                        v1::Product* response) {
  return gate_->Unary(context, Method("CreateProduct"), [=, this](const server::CallContext&) {
    auto product = manager_->Create(*request);
    if (product.ok()) *response = *std::move(product);
    return product.status();
  });
}

grpc::ServerUnaryReactor* ProductService::GetProduct(grpc::CallbackServerContext* context,
                                                     const v1::GetProductRequest* request,
                                                     v1::Product* response) {
  return gate_->Unary(context, Method("GetProduct"), [=, this](const server::CallContext&) {
    auto product = manager_->Get(request->name());
    if (product.ok()) *response = *std::move(product);
    return product.status();
  });
}

grpc::ServerUnaryReactor* ProductService::ListProducts(grpc::CallbackServerContext* context,
                                                       const v1::ListProductsRequest* request,
                                                       v1::ListProductsResponse* response) {
  return gate_->Unary(context, Method("ListProducts"), [=, this](const server::CallContext&) {
    auto page = manager_->List(*request);
    if (page.ok()) *response = *std::move(page);
    return page.status();
  });
}

grpc::ServerUnaryReactor* ProductService::UpdateProduct(grpc::CallbackServerContext* context,
                                                        const v1::UpdateProductRequest* request,
                                                        v1::Product* response) {
  return gate_->Unary(context, Method("UpdateProduct"), [=, this](const server::CallContext&) {
    auto product = manager_->Update(*request);
    if (product.ok()) *response = *std::move(product);
    return product.status();
  });
}

grpc::ServerUnaryReactor* ProductService::DeleteProduct(grpc::CallbackServerContext* context,
                                                        const v1::DeleteProductRequest* request,
                                                        google::protobuf::Empty*) {
  return gate_->Unary(context, Method("DeleteProduct"), [=, this](const server::CallContext&) {
    return manager_->Delete(*request);
  });
}

grpc::ServerReadReactor<v1::ImportProductsRequest>* ProductService::ImportProducts(
    grpc::CallbackServerContext* context, v1::ImportProductsResponse* response) {
  using Reactor =
      catalog::ImportReactor<v1::ImportProductsRequest, v1::ImportProductsResponse, ProductImport>;
  return Reactor::Start(gate_, context, Method("ImportProducts"), manager_->StartImport(),
                        response);
}

grpc::ServerWriteReactor<v1::Product>* ProductService::ExportProducts(
    grpc::CallbackServerContext* context, const v1::ExportProductsRequest*) {
  using Writer = server::PagedWriter<v1::Product>;
  auto call = gate_->Admit(context, Method("ExportProducts"));
  if (!call.ok()) return Writer::Fail(call.status());
  auto after_id = std::make_shared<std::string>();
  return Writer::Start(gate_, [this, after_id] { return manager_->ExportPage(after_id.get()); });
}

}  // namespace attain::planning::products

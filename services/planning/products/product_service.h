#pragma once
// gRPC adapter for attain.planning.v1.ProductService: admits the call through the gate and
// delegates to ProductManager.

#include "attain/planning/v1/products.grpc.pb.h"
#include "common/server/call_gate.h"
#include "services/planning/products/product_manager.h"

namespace attain::planning::products {

class ProductService final : public v1::ProductService::CallbackService {
 public:
  ProductService(server::CallGate* gate, ProductManager* manager)
      : gate_(gate), manager_(manager) {}

  grpc::ServerUnaryReactor* CreateProduct(grpc::CallbackServerContext* context,
                                          const v1::CreateProductRequest* request,
                                          v1::Product* response) override;
  grpc::ServerUnaryReactor* GetProduct(grpc::CallbackServerContext* context,
                                       const v1::GetProductRequest* request,
                                       v1::Product* response) override;
  grpc::ServerUnaryReactor* ListProducts(grpc::CallbackServerContext* context,
                                         const v1::ListProductsRequest* request,
                                         v1::ListProductsResponse* response) override;
  grpc::ServerUnaryReactor* UpdateProduct(grpc::CallbackServerContext* context,
                                          const v1::UpdateProductRequest* request,
                                          v1::Product* response) override;
  grpc::ServerUnaryReactor* DeleteProduct(grpc::CallbackServerContext* context,
                                          const v1::DeleteProductRequest* request,
                                          google::protobuf::Empty* response) override;
  grpc::ServerReadReactor<v1::ImportProductsRequest>* ImportProducts(
      grpc::CallbackServerContext* context, v1::ImportProductsResponse* response) override;
  grpc::ServerWriteReactor<v1::Product>* ExportProducts(
      grpc::CallbackServerContext* context, const v1::ExportProductsRequest* request) override;

 private:
  server::CallGate* gate_;
  ProductManager* manager_;
};

}  // namespace attain::planning::products

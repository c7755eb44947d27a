// products create | get | list | update | delete | import | export
#include "attain/planning/v1/products.grpc.pb.h"
#include "tools/attainctl/catalog_commands.h"
#include "tools/attainctl/catalog_csv.h"
#include "tools/attainctl/commands.h"

namespace attain::ctl {
namespace {

namespace v1 = planning::v1;

struct ProductTraits {
  using Message = v1::Product;
  using Service = v1::ProductService;
  using ImportRequest = v1::ImportProductsRequest;
  using ImportResponse = v1::ImportProductsResponse;
  static constexpr char kSingular[] = "product";
  static constexpr char kArticle[] = "a product";
  static constexpr char kCollection[] = "products";
  static constexpr char kKeyColumn[] = "product_id";

  static const csv::RecordCodec<Message>& Codec() { return catalog_csv::Products(); }
  static Message* MutableRecord(v1::ProductImportRow& row) { return row.mutable_product(); }

  static grpc::Status Create(Service::Stub& stub, grpc::ClientContext* context,
                             const Message& product, const std::string& request_id,
                             Message* out) {
    v1::CreateProductRequest request;
    *request.mutable_product() = product;
    request.set_request_id(request_id);
    return stub.CreateProduct(context, request, out);
  }
  static grpc::Status Get(Service::Stub& stub, grpc::ClientContext* context,
                          const std::string& name, Message* out) {
    v1::GetProductRequest request;
    request.set_name(name);
    return stub.GetProduct(context, request, out);
  }
  static grpc::Status Update(Service::Stub& stub, grpc::ClientContext* context,
                             const std::string& name, const Message& product,
                             const google::protobuf::FieldMask& mask,
                             const std::string& request_id, Message* out) {
    v1::UpdateProductRequest request;
    *request.mutable_product() = product;
    request.mutable_product()->set_name(name);
    *request.mutable_update_mask() = mask;
    request.set_request_id(request_id);
    return stub.UpdateProduct(context, request, out);
  }
  static grpc::Status Delete(Service::Stub& stub, grpc::ClientContext* context,
                             const std::string& name, const std::string& request_id) {
    v1::DeleteProductRequest request;
    request.set_name(name);
    request.set_request_id(request_id);
    google::protobuf::Empty empty;
    return stub.DeleteProduct(context, request, &empty);
  }
  static auto Import(Service::Stub& stub, grpc::ClientContext* context, ImportResponse* response) {
    return stub.ImportProducts(context, response);
  }
  static auto Export(Service::Stub& stub, grpc::ClientContext* context) {
    return stub.ExportProducts(context, v1::ExportProductsRequest());
  }
  static Table ImportTable(const ImportResponse& response) {
    return Table{{"created", "updated", "unchanged"},
                 {{std::to_string(response.created_count()), std::to_string(response.updated_count()),
                   std::to_string(response.unchanged_count())}}};
  }
};

void AddList(CLI::App& products, const GlobalOptions& options, int& exit_code) {
  struct Args {
    v1::ListProductsRequest request;
    bool all = false;
  };
  auto args = std::make_shared<Args>();
  auto& r = args->request;
  CLI::App* command = products.add_subcommand("list", "List products");
  command->add_option_function<std::string>(
      "--name-contains", [&r](const std::string& v) { r.set_display_name_contains(v); },
      "Case-insensitive substring of the name");
  command->add_option_function<std::string>("--family", [&r](const std::string& v) { r.set_family(v); },
                                            "Exact family");
  command->add_option_function<std::string>("--line", [&r](const std::string& v) { r.set_line(v); },
                                            "Exact line");
  catalog::AddPaging(command, r, args->all);
  SetAction(command, exit_code, [&options, args] {
    return catalog::ListPages<ProductTraits, v1::ListProductsRequest, v1::ListProductsResponse>(
        options, args->request, args->all, &v1::ProductService::Stub::ListProducts,
        [](v1::ListProductsResponse& response) { return response.mutable_products(); });
  });
}

}  // namespace

void AddProductCommands(CLI::App& root, const GlobalOptions& options, int& exit_code) {
  CLI::App* products = root.add_subcommand("products", "Manage the product catalog (family, line, product)");
  products->require_subcommand(1);
  catalog::AddCreate<ProductTraits>(*products, options, exit_code);
  catalog::AddGet<ProductTraits>(*products, options, exit_code);
  AddList(*products, options, exit_code);
  catalog::AddUpdate<ProductTraits>(*products, options, exit_code);
  catalog::AddDelete<ProductTraits>(*products, options, exit_code);
  catalog::AddImport<ProductTraits>(
      *products, options, exit_code,
      "Create or update products from a CSV file (all or nothing); - reads stdin");
  catalog::AddExport<ProductTraits>(*products, options, exit_code);
}

}  // namespace attain::ctl

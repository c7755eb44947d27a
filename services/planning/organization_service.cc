#include "services/planning/organization_service.h"

#include <memory>
#include <vector>

#include "common/errors/errors.h"
#include "common/server/streaming.h"

namespace attain::planning {
namespace {

constexpr char kPrefix[] = "/attain.planning.v1.OrganizationService/";
std::string Method(const char* name) { return std::string(kPrefix) + name; }

// Rows beyond this in one import are refused; larger loads are split by the client.
constexpr size_t kMaxImportRows = 200000;

// Collects the streamed rows, then runs the import on the executor once the client has
// sent everything. A call admitted before a shutdown is allowed to finish its stream.
class ImportReactor final : public grpc::ServerReadReactor<v1::ImportSellersRequest> {
 public:
  ImportReactor(server::CallGate* gate, OrganizationManager* manager,
                v1::ImportSellersResponse* response)
      : gate_(gate), manager_(manager), response_(response) {
    StartRead(&request_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      Run();
      return;
    }
    if (request_id_.empty()) request_id_ = request_.request_id();
    for (v1::SellerImportRow& row : *request_.mutable_rows()) rows_.push_back(std::move(row));
    if (rows_.size() > kMaxImportRows) {
      Finish(errors::ToGrpcStatus(errors::InvalidField(
          "rows", "more than 200000 rows in one import; split the file")));
      return;
    }
    request_.Clear();
    StartRead(&request_);
  }
  void OnDone() override { delete this; }

 private:
  void Run() {
    bool accepted = gate_->Offload([this] {
      auto result = manager_->Import(request_id_, rows_);
      if (result.ok()) *response_ = *result;
      Finish(errors::ToGrpcStatus(result.status()));
    });
    if (!accepted) Finish(errors::ToGrpcStatus(server::Overloaded()));
  }

  server::CallGate* gate_;
  OrganizationManager* manager_;
  v1::ImportSellersResponse* response_;
  v1::ImportSellersRequest request_;
  std::string request_id_;
  std::vector<v1::SellerImportRow> rows_;
};

// A reactor that only reports why the call was refused.
class RefusedImport final : public grpc::ServerReadReactor<v1::ImportSellersRequest> {
 public:
  explicit RefusedImport(const absl::Status& status) { Finish(errors::ToGrpcStatus(status)); }
  void OnDone() override { delete this; }
};

}  // namespace

grpc::ServerUnaryReactor* OrganizationService::CreateSeller(grpc::CallbackServerContext* context,
                                                            const v1::CreateSellerRequest* request,
                                                            v1::Seller* response) {
  return gate_->Unary(context, Method("CreateSeller"), [=, this](const server::CallContext&) {
    auto seller = manager_->Create(*request);
    if (seller.ok()) *response = *std::move(seller);
    return seller.status();
  });
}

grpc::ServerUnaryReactor* OrganizationService::GetSeller(grpc::CallbackServerContext* context,
                                                         const v1::GetSellerRequest* request,
                                                         v1::Seller* response) {
  return gate_->Unary(context, Method("GetSeller"), [=, this](const server::CallContext& call) {
    auto visibility = manager_->VisibilityFor(call.principal);
    if (!visibility.ok()) return visibility.status();
    auto seller = manager_->Get(request->name(), *visibility);
    if (seller.ok()) *response = *std::move(seller);
    return seller.status();
  });
}

grpc::ServerUnaryReactor* OrganizationService::ListSellers(grpc::CallbackServerContext* context,
                                                           const v1::ListSellersRequest* request,
                                                           v1::ListSellersResponse* response) {
  return gate_->Unary(context, Method("ListSellers"), [=, this](const server::CallContext& call) {
    auto visibility = manager_->VisibilityFor(call.principal);
    if (!visibility.ok()) return visibility.status();
    auto page = manager_->List(*request, *visibility);
    if (page.ok()) *response = *std::move(page);
    return page.status();
  });
}

grpc::ServerUnaryReactor* OrganizationService::UpdateSeller(grpc::CallbackServerContext* context,
                                                            const v1::UpdateSellerRequest* request,
                                                            v1::Seller* response) {
  return gate_->Unary(context, Method("UpdateSeller"), [=, this](const server::CallContext&) {
    auto seller = manager_->Update(*request);
    if (seller.ok()) *response = *std::move(seller);
    return seller.status();
  });
}

grpc::ServerUnaryReactor* OrganizationService::DeleteSeller(grpc::CallbackServerContext* context,
                                                            const v1::DeleteSellerRequest* request,
                                                            google::protobuf::Empty*) {
  return gate_->Unary(context, Method("DeleteSeller"), [=, this](const server::CallContext&) {
    return manager_->Delete(*request);
  });
}

grpc::ServerReadReactor<v1::ImportSellersRequest>* OrganizationService::ImportSellers(
    grpc::CallbackServerContext* context, v1::ImportSellersResponse* response) {
  auto call = gate_->Admit(context, Method("ImportSellers"));
  if (!call.ok()) return new RefusedImport(call.status());
  return new ImportReactor(gate_, manager_, response);
}

grpc::ServerWriteReactor<v1::Seller>* OrganizationService::ExportSellers(
    grpc::CallbackServerContext* context, const v1::ExportSellersRequest* request) {
  using Writer = server::PagedWriter<v1::Seller>;
  auto call = gate_->Admit(context, Method("ExportSellers"));
  if (!call.ok()) return Writer::Fail(call.status());
  struct State {
    std::string active_as_of;
    std::string after_id;
    std::optional<store::Visibility> visibility;
    auth::Principal principal;
  };
  auto state = std::make_shared<State>();
  state->active_as_of = request->active_as_of();
  state->principal = call->principal;
  return Writer::Start(gate_, [this, state]() -> absl::StatusOr<std::vector<v1::Seller>> {
    if (!state->visibility) {
      auto visibility = manager_->VisibilityFor(state->principal);
      if (!visibility.ok()) return visibility.status();
      state->visibility = *visibility;
    }
    return manager_->ExportPage(state->active_as_of, *state->visibility, &state->after_id);
  });
}

grpc::ServerUnaryReactor* OrganizationService::GetReportingChain(
    grpc::CallbackServerContext* context, const v1::GetReportingChainRequest* request,
    v1::GetReportingChainResponse* response) {
  return gate_->Unary(context, Method("GetReportingChain"),
                      [=, this](const server::CallContext& call) {
                        auto visibility = manager_->VisibilityFor(call.principal);
                        if (!visibility.ok()) return visibility.status();
                        auto chain = manager_->Chain(*request, *visibility);
                        if (chain.ok()) *response = *std::move(chain);
                        return chain.status();
                      });
}

grpc::ServerUnaryReactor* OrganizationService::ListReports(grpc::CallbackServerContext* context,
                                                           const v1::ListReportsRequest* request,
                                                           v1::ListReportsResponse* response) {
  return gate_->Unary(context, Method("ListReports"), [=, this](const server::CallContext& call) {
    auto visibility = manager_->VisibilityFor(call.principal);
    if (!visibility.ok()) return visibility.status();
    auto page = manager_->Reports(*request, *visibility);
    if (page.ok()) *response = *std::move(page);
    return page.status();
  });
}

}  // namespace attain::planning

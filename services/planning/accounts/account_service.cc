#include "services/planning/accounts/account_service.h"

#include <memory>
#include <string>

#include "common/server/streaming.h"
#include "services/planning/accounts/import_reactor.h"

namespace attain::planning::accounts {
namespace {

std::string Method(const char* name) {
  return std::string("/attain.planning.v1.AccountService/") + name;
}

}  // namespace

grpc::ServerUnaryReactor* AccountService::CreateAccount(grpc::CallbackServerContext* context,
                                                        const v1::CreateAccountRequest* request,
                                                        v1::Account* response) {
  return gate_->Unary(context, Method("CreateAccount"), [=, this](const server::CallContext&) {
    auto account = manager_->Create(*request);
    if (account.ok()) *response = *std::move(account);
    return account.status();
  });
}

grpc::ServerUnaryReactor* AccountService::GetAccount(grpc::CallbackServerContext* context,
                                                     const v1::GetAccountRequest* request,
                                                     v1::Account* response) {
  return gate_->Unary(context, Method("GetAccount"), [=, this](const server::CallContext& call) {
    auto visibility = organization_->VisibilityFor(call.principal);
    if (!visibility.ok()) return visibility.status();
    auto account = manager_->Get(request->name(), *visibility);
    if (account.ok()) *response = *std::move(account);
    return account.status();
  });
}

grpc::ServerUnaryReactor* AccountService::ListAccounts(grpc::CallbackServerContext* context,
                                                       const v1::ListAccountsRequest* request,
                                                       v1::ListAccountsResponse* response) {
  return gate_->Unary(context, Method("ListAccounts"), [=, this](const server::CallContext& call) {
    auto visibility = organization_->VisibilityFor(call.principal);
    if (!visibility.ok()) return visibility.status();
    auto page = manager_->List(*request, *visibility);
    if (page.ok()) *response = *std::move(page);
    return page.status();
  });
}

grpc::ServerUnaryReactor* AccountService::UpdateAccount(grpc::CallbackServerContext* context,
                                                        const v1::UpdateAccountRequest* request,
                                                        v1::Account* response) {
  return gate_->Unary(context, Method("UpdateAccount"), [=, this](const server::CallContext&) {
    auto account = manager_->Update(*request);
    if (account.ok()) *response = *std::move(account);
    return account.status();
  });
}

grpc::ServerUnaryReactor* AccountService::DeleteAccount(grpc::CallbackServerContext* context,
                                                        const v1::DeleteAccountRequest* request,
                                                        google::protobuf::Empty*) {
  return gate_->Unary(context, Method("DeleteAccount"), [=, this](const server::CallContext&) {
    return manager_->Delete(*request);
  });
}

grpc::ServerReadReactor<v1::ImportAccountsRequest>* AccountService::ImportAccounts(
    grpc::CallbackServerContext* context, v1::ImportAccountsResponse* response) {
  using Reactor =
      catalog::ImportReactor<v1::ImportAccountsRequest, v1::ImportAccountsResponse, AccountImport>;
  return Reactor::Start(gate_, context, Method("ImportAccounts"), manager_->StartImport(),
                        response);
}

grpc::ServerWriteReactor<v1::Account>* AccountService::ExportAccounts(
    grpc::CallbackServerContext* context, const v1::ExportAccountsRequest*) {
  using Writer = server::PagedWriter<v1::Account>;
  auto call = gate_->Admit(context, Method("ExportAccounts"));
  if (!call.ok()) return Writer::Fail(call.status());
  auto visibility = std::make_shared<std::optional<planning::store::Visibility>>();
  auto after_id = std::make_shared<std::string>();
  return Writer::Start(gate_, [this, after_id, visibility, principal = call->principal]()
                                  -> absl::StatusOr<std::vector<v1::Account>> {
    if (!visibility->has_value()) {
      auto resolved = organization_->VisibilityFor(principal);
      if (!resolved.ok()) return resolved.status();
      *visibility = *std::move(resolved);
    }
    return manager_->ExportPage(after_id.get(), **visibility);
  });
}

}  // namespace attain::planning::accounts

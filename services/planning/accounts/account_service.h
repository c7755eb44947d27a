#pragma once
// gRPC adapter for attain.planning.v1.AccountService: admits the call through the gate and
// delegates to AccountManager.

#include "attain/planning/v1/accounts.grpc.pb.h"
#include "common/server/call_gate.h"
#include "services/planning/accounts/account_manager.h"
#include "services/planning/organization_manager.h"

namespace attain::planning::accounts {

class AccountService final : public v1::AccountService::CallbackService {
 public:
  // `organization` supplies the caller's visibility (a rep: themselves; a manager: their
  // reporting subtree), which narrows reads to the accounts their territories hold.
  AccountService(server::CallGate* gate, AccountManager* manager,
                 OrganizationManager* organization)
      : gate_(gate), manager_(manager), organization_(organization) {}

  grpc::ServerUnaryReactor* CreateAccount(grpc::CallbackServerContext* context,
                                          const v1::CreateAccountRequest* request,
                                          v1::Account* response) override;
  grpc::ServerUnaryReactor* GetAccount(grpc::CallbackServerContext* context,
                                       const v1::GetAccountRequest* request,
                                       v1::Account* response) override;
  grpc::ServerUnaryReactor* ListAccounts(grpc::CallbackServerContext* context,
                                         const v1::ListAccountsRequest* request,
                                         v1::ListAccountsResponse* response) override;
  grpc::ServerUnaryReactor* UpdateAccount(grpc::CallbackServerContext* context,
                                          const v1::UpdateAccountRequest* request,
                                          v1::Account* response) override;
  grpc::ServerUnaryReactor* DeleteAccount(grpc::CallbackServerContext* context,
                                          const v1::DeleteAccountRequest* request,
                                          google::protobuf::Empty* response) override;
  grpc::ServerReadReactor<v1::ImportAccountsRequest>* ImportAccounts(
      grpc::CallbackServerContext* context, v1::ImportAccountsResponse* response) override;
  grpc::ServerWriteReactor<v1::Account>* ExportAccounts(
      grpc::CallbackServerContext* context, const v1::ExportAccountsRequest* request) override;

 private:
  server::CallGate* gate_;
  AccountManager* manager_;
  OrganizationManager* organization_;
};

}  // namespace attain::planning::accounts

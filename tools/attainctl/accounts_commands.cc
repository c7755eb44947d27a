// accounts create | get | list | update | delete | import | export
#include "attain/planning/v1/accounts.grpc.pb.h"
#include "tools/attainctl/catalog_commands.h"
#include "tools/attainctl/catalog_csv.h"
#include "tools/attainctl/commands.h"

namespace attain::ctl {
namespace {

namespace v1 = planning::v1;

struct AccountTraits {
  using Message = v1::Account;
  using Service = v1::AccountService;
  using ImportRequest = v1::ImportAccountsRequest;
  using ImportResponse = v1::ImportAccountsResponse;
  static constexpr char kSingular[] = "account";
  static constexpr char kArticle[] = "an account";
  static constexpr char kCollection[] = "accounts";
  static constexpr char kKeyColumn[] = "account_id";

  static const csv::RecordCodec<Message>& Codec() { return catalog_csv::Accounts(); }
  static Message* MutableRecord(v1::AccountImportRow& row) { return row.mutable_account(); }

  static grpc::Status Create(Service::Stub& stub, grpc::ClientContext* context,
                             const Message& account, const std::string& request_id,
                             Message* out) {
    v1::CreateAccountRequest request;
    *request.mutable_account() = account;
    request.set_request_id(request_id);
    return stub.CreateAccount(context, request, out);
  }
  static grpc::Status Get(Service::Stub& stub, grpc::ClientContext* context,
                          const std::string& name, Message* out) {
    v1::GetAccountRequest request;
    request.set_name(name);
    return stub.GetAccount(context, request, out);
  }
  static grpc::Status Update(Service::Stub& stub, grpc::ClientContext* context,
                             const std::string& name, const Message& account,
                             const google::protobuf::FieldMask& mask,
                             const std::string& request_id, Message* out) {
    v1::UpdateAccountRequest request;
    *request.mutable_account() = account;
    request.mutable_account()->set_name(name);
    *request.mutable_update_mask() = mask;
    request.set_request_id(request_id);
    return stub.UpdateAccount(context, request, out);
  }
  static grpc::Status Delete(Service::Stub& stub, grpc::ClientContext* context,
                             const std::string& name, const std::string& request_id) {
    v1::DeleteAccountRequest request;
    request.set_name(name);
    request.set_request_id(request_id);
    google::protobuf::Empty empty;
    return stub.DeleteAccount(context, request, &empty);
  }
  static auto Import(Service::Stub& stub, grpc::ClientContext* context, ImportResponse* response) {
    return stub.ImportAccounts(context, response);
  }
  static auto Export(Service::Stub& stub, grpc::ClientContext* context) {
    return stub.ExportAccounts(context, v1::ExportAccountsRequest());
  }
  static Table ImportTable(const ImportResponse& response) {
    return Table{{"created", "updated", "unchanged"},
                 {{std::to_string(response.created_count()), std::to_string(response.updated_count()),
                   std::to_string(response.unchanged_count())}}};
  }
};

void AddList(CLI::App& accounts, const GlobalOptions& options, int& exit_code) {
  struct Args {
    v1::ListAccountsRequest request;
    bool all = false;
  };
  auto args = std::make_shared<Args>();
  auto& r = args->request;
  CLI::App* command = accounts.add_subcommand("list", "List accounts");
  command->add_option_function<std::string>(
      "--name-contains", [&r](const std::string& v) { r.set_display_name_contains(v); },
      "Case-insensitive substring of the name");
  command->add_option_function<std::string>("--country", [&r](const std::string& v) { r.set_country(v); },
                                            "Exact country code");
  command->add_option_function<std::string>("--region", [&r](const std::string& v) { r.set_region(v); },
                                            "Exact region");
  command->add_option_function<std::string>("--state", [&r](const std::string& v) { r.set_state(v); },
                                            "Exact state or province");
  command->add_option_function<std::string>("--industry", [&r](const std::string& v) { r.set_industry(v); },
                                            "Exact industry");
  command->add_option_function<std::string>("--segment", [&r](const std::string& v) { r.set_segment(v); },
                                            "Exact segment");
  command->add_option_function<std::string>(
      "--parent", [&r](const std::string& v) { r.set_parent_account_id(v); },
      "Direct children of this account");
  catalog::AddPaging(command, r, args->all);
  SetAction(command, exit_code, [&options, args] {
    return catalog::ListPages<AccountTraits, v1::ListAccountsRequest, v1::ListAccountsResponse>(
        options, args->request, args->all, &v1::AccountService::Stub::ListAccounts,
        [](v1::ListAccountsResponse& response) { return response.mutable_accounts(); });
  });
}

}  // namespace

void AddAccountCommands(CLI::App& root, const GlobalOptions& options, int& exit_code) {
  CLI::App* accounts = root.add_subcommand("accounts", "Manage customer accounts");
  accounts->require_subcommand(1);
  catalog::AddCreate<AccountTraits>(*accounts, options, exit_code);
  catalog::AddGet<AccountTraits>(*accounts, options, exit_code);
  AddList(*accounts, options, exit_code);
  catalog::AddUpdate<AccountTraits>(*accounts, options, exit_code);
  catalog::AddDelete<AccountTraits>(*accounts, options, exit_code);
  catalog::AddImport<AccountTraits>(
      *accounts, options, exit_code,
      "Create or update accounts from a CSV file (all or nothing); - reads stdin");
  catalog::AddExport<AccountTraits>(*accounts, options, exit_code);
}

}  // namespace attain::ctl

// sellers create | get | list | update | delete (import and export live in their own files).
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "attain/planning/v1/organization.grpc.pb.h"
#include "tools/attainctl/commands.h"
#include "tools/attainctl/seller_csv.h"
#include "tools/attainctl/seller_edit.h"
#include "tools/attainctl/sellers_view.h"

namespace attain::ctl {
namespace {

using planning::v1::OrganizationService;
using planning::v1::Seller;

// Prints one seller as a one-row table, CSV or JSON.
absl::Status PrintSeller(const GlobalOptions& options, const Seller& seller) {
  google::protobuf::RepeatedPtrField<Seller> one;
  *one.Add() = seller;
  return Print(options.format, seller, SellersTable(one), std::cout);
}

// An optional string flag: unset stays std::nullopt, so "--title ''" can clear a field.
void AddOptional(CLI::App* command, const std::string& name, std::optional<std::string>& value,
                 const std::string& description) {
  command->add_option_function<std::string>(
      name, [&value](const std::string& text) { value = text; }, description);
}

struct CreateArgs {
  Seller seller;
  std::string manager;
  std::string request_id;
};

absl::Status RunCreate(const GlobalOptions& options, CreateArgs args) {
  absl::StatusOr<Connection> connection = Connect(options);
  if (!connection.ok()) return connection.status();
  planning::v1::CreateSellerRequest request;
  if (!args.manager.empty()) {
    *args.seller.add_reporting_lines() = seller_csv::WholeEmploymentLine(args.manager, args.seller);
  }
  *request.mutable_seller() = args.seller;
  request.set_request_id(args.request_id.empty() ? NewRequestId() : args.request_id);
  Seller created;
  const auto context = connection->NewContext();
  if (grpc::Status status =
          OrganizationService::NewStub(connection->channel())->CreateSeller(context.get(), request, &created);
      !status.ok()) {
    return FromCall(status);
  }
  return PrintSeller(options, created);
}

void AddCreate(CLI::App& sellers, const GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<CreateArgs>();
  args->seller.set_home_currency("USD");
  CLI::App* command = sellers.add_subcommand("create", "Create a seller");
  Seller& s = args->seller;
  command->add_option_function<std::string>("--id", [&s](const std::string& v) { s.set_seller_id(v); },
                                            "Seller id (letters, digits, - _ .)")->required();
  command->add_option_function<std::string>("--name", [&s](const std::string& v) { s.set_display_name(v); },
                                            "Display name")->required();
  command->add_option_function<std::string>("--email", [&s](const std::string& v) { s.set_email(v); },
                                            "Email address")->required();
  command->add_option_function<std::string>("--title", [&s](const std::string& v) { s.set_title(v); },
                                            "Job title, e.g. \"Account Executive\"")->required();
  command->add_option_function<std::string>("--hire-date", [&s](const std::string& v) { s.set_hire_date(v); },
                                            "YYYY-MM-DD")->required();
  command->add_option_function<std::string>(
      "--termination-date", [&s](const std::string& v) { s.set_termination_date(v); }, "YYYY-MM-DD");
  command->add_option_function<std::string>(
      "--currency", [&s](const std::string& v) { s.set_home_currency(v); }, "ISO-4217 home currency (default USD)");
  command->add_option("--manager", args->manager, "Manager's seller id: one reporting line from the hire date");
  command->add_option("--request-id", args->request_id, "Idempotency key (default: a random UUID)");
  SetAction(command, exit_code, [&options, args] { return RunCreate(options, *args); });
}

void AddGet(CLI::App& sellers, const GlobalOptions& options, int& exit_code) {
  auto id = std::make_shared<std::string>();
  CLI::App* command = sellers.add_subcommand("get", "Show one seller");
  command->add_option("id", *id, "Seller id")->required();
  SetAction(command, exit_code, [&options, id]() -> absl::Status {
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    planning::v1::GetSellerRequest request;
    request.set_name(SellerName(*id));
    Seller seller;
    const auto context = connection->NewContext();
    if (grpc::Status status =
            OrganizationService::NewStub(connection->channel())->GetSeller(context.get(), request, &seller);
        !status.ok()) {
      return FromCall(status);
    }
    return PrintSeller(options, seller);
  });
}

struct ListArgs {
  planning::v1::ListSellersRequest request;
  bool all = false;
};

void AddList(CLI::App& sellers, const GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<ListArgs>();
  auto& r = args->request;
  CLI::App* command = sellers.add_subcommand("list", "List sellers");
  command->add_option_function<std::string>(
      "--name-contains", [&r](const std::string& v) { r.set_display_name_contains(v); },
      "Case-insensitive substring of the display name");
  command->add_option_function<std::string>("--title", [&r](const std::string& v) { r.set_title(v); },
                                            "Exact title");
  command->add_option_function<std::string>("--manager", [&r](const std::string& v) { r.set_manager_id(v); },
                                            "Direct reports of this manager");
  command->add_option_function<std::string>("--active-as-of", [&r](const std::string& v) { r.set_active_as_of(v); },
                                            "Only sellers employed on this date (YYYY-MM-DD)");
  AddPagingFlags(command, r, args->all);
  SetAction(command, exit_code, [&options, args] {
    return ListSellerPages(options, args->request, args->all, &OrganizationService::Stub::ListSellers);
  });
}

struct UpdateArgs {
  std::string id;
  SellerChanges changes;
};

absl::Status RunUpdate(const GlobalOptions& options, const UpdateArgs& args) {
  absl::StatusOr<Connection> connection = Connect(options);
  if (!connection.ok()) return connection.status();
  const auto stub = OrganizationService::NewStub(connection->channel());
  std::optional<Seller> current;
  if (NeedsCurrentSeller(args.changes)) {
    planning::v1::GetSellerRequest get;
    get.set_name(SellerName(args.id));
    const auto context = connection->NewContext();
    if (grpc::Status status = stub->GetSeller(context.get(), get, &current.emplace()); !status.ok()) {
      return FromCall(status);
    }
  }
  absl::StatusOr<planning::v1::UpdateSellerRequest> request =
      BuildUpdate(args.id, args.changes, current ? &*current : nullptr);
  if (!request.ok()) return request.status();
  Seller updated;
  const auto context = connection->NewContext();
  if (grpc::Status status = stub->UpdateSeller(context.get(), *request, &updated); !status.ok()) {
    return FromCall(status);
  }
  return PrintSeller(options, updated);
}

void AddUpdate(CLI::App& sellers, const GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<UpdateArgs>();
  SellerChanges& c = args->changes;
  CLI::App* command = sellers.add_subcommand(
      "update", "Change the fields given (the update mask is built from the flags)");
  command->add_option("id", args->id, "Seller id")->required();
  AddOptional(command, "--name", c.display_name, "Display name");
  AddOptional(command, "--email", c.email, "Email address");
  AddOptional(command, "--title", c.title, "Job title");
  AddOptional(command, "--hire-date", c.hire_date, "YYYY-MM-DD");
  AddOptional(command, "--termination-date", c.termination_date,
              "YYYY-MM-DD (open reporting lines end on it); \"\" clears it");
  AddOptional(command, "--currency", c.home_currency, "ISO-4217 home currency");
  CLI::Option* from = command->add_option("--from", c.manager_from,
                                          "First day under the new --manager (YYYY-MM-DD)");
  CLI::Option* manager =
      command->add_option_function<std::string>("--manager", [&c](const std::string& v) { c.manager_id = v; },
                                                 "New manager; the current line ends the day before --from");
  manager->needs(from);
  from->needs(manager);
  SetAction(command, exit_code, [&options, args] {
    if (IsEmpty(args->changes)) {
      throw UsageError("sellers update: nothing to change; pass at least one field flag (see --help)");
    }
    return RunUpdate(options, *args);
  });
}

void AddDelete(CLI::App& sellers, const GlobalOptions& options, int& exit_code) {
  auto id = std::make_shared<std::string>();
  CLI::App* command = sellers.add_subcommand("delete", "Delete a seller");
  command->add_option("id", *id, "Seller id")->required();
  SetAction(command, exit_code, [&options, id]() -> absl::Status {
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    planning::v1::DeleteSellerRequest request;
    request.set_name(SellerName(*id));
    request.set_request_id(NewRequestId());
    google::protobuf::Empty empty;
    const auto context = connection->NewContext();
    if (grpc::Status status =
            OrganizationService::NewStub(connection->channel())->DeleteSeller(context.get(), request, &empty);
        !status.ok()) {
      return FromCall(status);
    }
    std::cout << "deleted " << request.name() << "\n";
    return absl::OkStatus();
  });
}

}  // namespace

void AddSellerCommands(CLI::App& root, const GlobalOptions& options, int& exit_code) {
  CLI::App* sellers = root.add_subcommand("sellers", "Manage sellers and their reporting lines");
  sellers->require_subcommand(1);
  AddCreate(*sellers, options, exit_code);
  AddGet(*sellers, options, exit_code);
  AddList(*sellers, options, exit_code);
  AddUpdate(*sellers, options, exit_code);
  AddDelete(*sellers, options, exit_code);
  AddImportCommand(*sellers, options, exit_code);
  AddExportCommand(*sellers, options, exit_code);
}

}  // namespace attain::ctl

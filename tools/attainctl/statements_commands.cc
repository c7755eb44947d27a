// statements get|list|explain|export, payroll export, adjustments create|list (compensation's
// StatementService). Reads go through the period's published run.
#include <iostream>
#include <map>
#include <memory>

#include "absl/strings/str_cat.h"
#include "attain/compensation/v1/calculation.grpc.pb.h"
#include "tools/attainctl/calls.h"
#include "tools/attainctl/catalog_commands.h"
#include "tools/attainctl/compensation_commands.h"
#include "tools/attainctl/statement_view.h"

namespace attain::ctl {
namespace {

namespace v1 = compensation::v1;
using Stub = v1::StatementService::Stub;

const char kPeriodHelp[] = "2026-10 (month), 2026-Q4 (fiscal quarter) or 2026 (fiscal year)";

absl::StatusOr<Connection> ConnectStatements(const GlobalOptions& options, std::unique_ptr<Stub>& stub) {
  absl::StatusOr<Connection> connection = Connect(options);
  if (connection.ok()) stub = v1::StatementService::NewStub(connection->channel());
  return connection;
}

// The period's statements, every page.
absl::StatusOr<v1::ListStatementsResponse> AllStatements(const Connection& connection, Stub& stub,
                                                         const std::string& period) {
  v1::ListStatementsRequest request;
  request.set_period(period);
  request.set_page_size(500);
  return FetchPages(request, /*all=*/true, [&](const v1::ListStatementsRequest& page) {
    return Call(connection, stub, &Stub::ListStatements, page);
  });
}

void AddGet(CLI::App& statements, const GlobalOptions& options, int& exit_code) {
  auto request = std::make_shared<v1::GetStatementRequest>();
  CLI::App* command = statements.add_subcommand(
      "get", "A seller's statement: components, lines and total (-o csv: one row per line)");
  command->add_option_function<std::string>(
      "seller", [request](const std::string& v) { request->set_seller_id(v); }, "Seller id")->required();
  command->add_option_function<std::string>(
      "--period", [request](const std::string& v) { request->set_period(v); }, kPeriodHelp)->required();
  SetAction(command, exit_code, [&options, request]() -> absl::Status {
    std::unique_ptr<Stub> stub;
    absl::StatusOr<Connection> connection = ConnectStatements(options, stub);
    if (!connection.ok()) return connection.status();
    auto statement = Call(*connection, *stub, &Stub::GetStatement, *request);
    if (!statement.ok()) return statement.status();
    google::protobuf::RepeatedPtrField<v1::Statement> one;
    *one.Add() = *statement;
    return PrintReport(options, *statement, StatementText(*statement), StatementLinesTable(one));
  });
}

void AddList(CLI::App& statements, const GlobalOptions& options, int& exit_code) {
  struct Args {
    v1::ListStatementsRequest request;
    bool all = false;
  };
  auto args = std::make_shared<Args>();
  auto& r = args->request;
  CLI::App* command = statements.add_subcommand("list", "The period's statements, one row per seller");
  command->add_option_function<std::string>("--period", [&r](const std::string& v) { r.set_period(v); }, kPeriodHelp)
      ->required();
  catalog::AddPaging(command, r, args->all);
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    std::unique_ptr<Stub> stub;
    absl::StatusOr<Connection> connection = ConnectStatements(options, stub);
    if (!connection.ok()) return connection.status();
    return PrintPages(
        options, args->request, args->all,
        [&](const v1::ListStatementsRequest& request) {
          return Call(*connection, *stub, &Stub::ListStatements, request);
        },
        [](const v1::ListStatementsResponse& listed) { return StatementsTable(listed.statements()); });
  });
}

// The explanation's first page, and with `all` every later page's transactions added to it
// (each page repeats the component). A newer run published between pages (ABORTED) starts
// it over, as the API asks.
absl::StatusOr<v1::ExplainPayoutResponse> Explain(const Connection& connection, Stub& stub,
                                                  const v1::ExplainPayoutRequest& request, bool all) {
  constexpr int kAttempts = 3;
  absl::Status last;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    auto merged = Call(connection, stub, &Stub::ExplainPayout, request);
    if (!merged.ok() || !all) return merged;
    v1::ExplainPayoutRequest next = request;
    while (!merged->next_page_token().empty()) {
      next.set_page_token(merged->next_page_token());
      auto page = Call(connection, stub, &Stub::ExplainPayout, next);
      if (!page.ok()) {
        last = page.status();
        break;
      }
      merged->mutable_transactions()->MergeFrom(page->transactions());
      merged->set_next_page_token(page->next_page_token());
    }
    if (merged->next_page_token().empty()) return merged;
    if (last.code() != absl::StatusCode::kAborted) return last;
  }
  return last;
}

void AddExplain(CLI::App& statements, const GlobalOptions& options, int& exit_code) {
  struct Args {
    v1::ExplainPayoutRequest request;
    bool all = false;
  };
  auto args = std::make_shared<Args>();
  auto& r = args->request;
  CLI::App* command = statements.add_subcommand(
      "explain", "Why a component paid what it did: its arithmetic and the credited transactions");
  command->add_option_function<std::string>("seller", [&r](const std::string& v) { r.set_seller_id(v); },
                                            "Seller id")->required();
  command->add_option_function<std::string>("--period", [&r](const std::string& v) { r.set_period(v); }, kPeriodHelp)
      ->required();
  command->add_option_function<std::string>("--component", [&r](const std::string& v) { r.set_component_id(v); },
                                            "Component id, as on the statement")->required();
  catalog::AddPaging(command, r, args->all);
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    std::unique_ptr<Stub> stub;
    absl::StatusOr<Connection> connection = ConnectStatements(options, stub);
    if (!connection.ok()) return connection.status();
    auto explained = Explain(*connection, *stub, args->request, args->all);
    if (!explained.ok()) return explained.status();
    if (auto printed = PrintReport(options, *explained,
                                   ExplanationText(*explained, args->request.seller_id(), args->request.period()),
                                   CreditedTable(*explained));
        !printed.ok()) {
      return printed;
    }
    NoteMorePages(options, explained->next_page_token());
    return absl::OkStatus();
  });
}

void AddExport(CLI::App& statements, const GlobalOptions& options, int& exit_code) {
  auto period = std::make_shared<std::string>();
  CLI::App* command = statements.add_subcommand(
      "export", "Every statement of a period, one row per statement line (default -o csv)");
  command->add_option("--period", *period, kPeriodHelp)->required();
  SetAction(command, exit_code, [&options, period]() -> absl::Status {
    std::unique_ptr<Stub> stub;
    absl::StatusOr<Connection> connection = ConnectStatements(options, stub);
    if (!connection.ok()) return connection.status();
    auto listed = AllStatements(*connection, *stub, *period);
    if (!listed.ok()) return listed.status();
    return Print(FormatOr(options, Format::kCsv), *listed, StatementLinesTable(listed->statements()), std::cout);
  });
}

void AddPayrollExport(CLI::App& payroll, const GlobalOptions& options, int& exit_code) {
  auto request = std::make_shared<v1::ExportPayrollRequest>();
  CLI::App* command = payroll.add_subcommand(
      "export", "The published run's payroll lines: seller, period, amount, currency (default -o csv)");
  command->add_option_function<std::string>(
      "--period", [request](const std::string& v) { request->set_period(v); }, kPeriodHelp)->required();
  SetAction(command, exit_code, [&options, request]() -> absl::Status {
    std::unique_ptr<Stub> stub;
    absl::StatusOr<Connection> connection = ConnectStatements(options, stub);
    if (!connection.ok()) return connection.status();
    auto exported = Call(*connection, *stub, &Stub::ExportPayroll, *request);
    if (!exported.ok()) return exported.status();
    GlobalOptions format = options;
    format.format = FormatOr(options, Format::kCsv);
    return PrintReport(format, *exported, PayrollText(*exported), PayrollTable(*exported));
  });
}

void AddAdjustmentCreate(CLI::App& adjustments, const GlobalOptions& options, int& exit_code) {
  struct Args {
    v1::CreateAdjustmentRequest request;
  };
  auto args = std::make_shared<Args>();
  v1::Adjustment& a = *args->request.mutable_adjustment();
  CLI::App* command = adjustments.add_subcommand(
      "create", "Add a manual correction; the period's next run includes it");
  command->add_option_function<std::string>("--seller", [&a](const std::string& v) { a.set_seller_id(v); },
                                            "Seller id")->required();
  command->add_option_function<std::string>("--period", [&a](const std::string& v) { a.set_period(v); }, kPeriodHelp)
      ->required();
  const std::map<std::string, v1::AdjustmentKind> kinds{{"payout", v1::ADJUSTMENT_KIND_PAYOUT},
                                                        {"credit", v1::ADJUSTMENT_KIND_CREDIT}};
  command->add_option_function<v1::AdjustmentKind>(
             "--kind", [&a](v1::AdjustmentKind kind) { a.set_kind(kind); },
             "payout: money on the total as its own line; credit: added to --measure before the plan is evaluated")
      ->transform(CLI::CheckedTransformer(kinds, CLI::ignore_case))
      ->option_text("payout|credit")
      ->required();
  command->add_option_function<std::string>(
      "--amount", [&a](const std::string& v) { a.set_amount(v); },
      "Decimal, not zero: plan currency (payout) or the measure's unit (credit); may be negative")
      ->required();
  command->add_option_function<std::string>("--measure", [&a](const std::string& v) { a.set_measure_id(v); },
                                            "The measure credited (credit only)");
  command->add_option_function<std::string>("--reason", [&a](const std::string& v) { a.set_reason(v); },
                                            "Why, at most 500 characters (shown on the statement)")->required();
  command->add_option_function<std::string>(
      "--request-id", [args](const std::string& v) { args->request.set_request_id(v); },
      "Idempotency key (default: a random UUID)");
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    v1::CreateAdjustmentRequest request = args->request;
    if (request.request_id().empty()) request.set_request_id(NewRequestId());
    std::unique_ptr<Stub> stub;
    absl::StatusOr<Connection> connection = ConnectStatements(options, stub);
    if (!connection.ok()) return connection.status();
    auto created = Call(*connection, *stub, &Stub::CreateAdjustment, request);
    if (!created.ok()) return created.status();
    google::protobuf::RepeatedPtrField<v1::Adjustment> one;
    *one.Add() = *created;
    if (auto printed = Print(options.format, *created, AdjustmentsTable(one), std::cout); !printed.ok()) {
      return printed;
    }
    std::cerr << "the next run of " << created->period() << " includes it: attainctl calc run --period "
              << created->period() << "\n";
    return absl::OkStatus();
  });
}

void AddAdjustmentList(CLI::App& adjustments, const GlobalOptions& options, int& exit_code) {
  struct Args {
    v1::ListAdjustmentsRequest request;
    bool all = false;
  };
  auto args = std::make_shared<Args>();
  auto& r = args->request;
  CLI::App* command = adjustments.add_subcommand("list", "A period's adjustments");
  command->add_option_function<std::string>("--period", [&r](const std::string& v) { r.set_period(v); }, kPeriodHelp)
      ->required();
  command->add_option_function<std::string>("--seller", [&r](const std::string& v) { r.set_seller_id(v); },
                                            "Only this seller's");
  catalog::AddPaging(command, r, args->all);
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    std::unique_ptr<Stub> stub;
    absl::StatusOr<Connection> connection = ConnectStatements(options, stub);
    if (!connection.ok()) return connection.status();
    return PrintPages(
        options, args->request, args->all,
        [&](const v1::ListAdjustmentsRequest& request) {
          return Call(*connection, *stub, &Stub::ListAdjustments, request);
        },
        [](const v1::ListAdjustmentsResponse& listed) { return AdjustmentsTable(listed.adjustments()); });
  });
}

}  // namespace

void AddStatementCommands(CLI::App& root, const GlobalOptions& options, int& exit_code) {
  CLI::App* statements = root.add_subcommand("statements", "Published statements and their explanations");
  statements->require_subcommand(1);
  AddGet(*statements, options, exit_code);
  AddList(*statements, options, exit_code);
  AddExplain(*statements, options, exit_code);
  AddExport(*statements, options, exit_code);
}

void AddPayrollCommand(CLI::App& root, const GlobalOptions& options, int& exit_code) {
  CLI::App* payroll = root.add_subcommand("payroll", "Payroll export of a period's published statements");
  payroll->require_subcommand(1);
  AddPayrollExport(*payroll, options, exit_code);
}

void AddAdjustmentCommands(CLI::App& root, const GlobalOptions& options, int& exit_code) {
  CLI::App* adjustments = root.add_subcommand("adjustments", "Manual corrections to a period's statements");
  adjustments->require_subcommand(1);
  AddAdjustmentCreate(*adjustments, options, exit_code);
  AddAdjustmentList(*adjustments, options, exit_code);
}

}  // namespace attain::ctl

// transactions import FILE.csv | list, fx set | list: compensation's TransactionService and
// FxRateService.
//
// Import reads the whole file once before sending anything, so rows the client cannot read
// (transaction_import.h) are known up front. In all-or-nothing mode (the default) any such row
// refuses the file and nothing is sent; in accept-valid mode they are skipped, and reported
// with the rows the server rejects. The file is then read again and streamed: the options
// message first, then batches of rows.
#include <iostream>
#include <map>
#include <memory>

#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "attain/compensation/v1/transactions.grpc.pb.h"
#include "tools/attainctl/batch_sender.h"
#include "tools/attainctl/calls.h"
#include "tools/attainctl/catalog_commands.h"
#include "tools/attainctl/compensation_commands.h"
#include "tools/attainctl/compensation_text.h"
#include "tools/attainctl/transaction_import.h"
#include "tools/datagen/transaction_csv.h"

namespace attain::ctl {
namespace {

namespace v1 = compensation::v1;

// How many rejected rows the table output lists on stderr (-o json has them all).
constexpr int kRejectedShown = 20;

struct ImportArgs {
  std::string file;
  v1::ImportMode mode = v1::IMPORT_MODE_ALL_OR_NOTHING;
  int batch = 1000;
  std::string request_id;
};

void PrintRejected(const v1::ImportTransactionsResponse& response) {
  if (response.rejected_count() == 0) return;
  std::cerr << "rejected " << response.rejected_count() << " rows (not imported):\n";
  int shown = 0;
  for (const v1::RowError& error : response.rejected_rows()) {
    if (shown++ == kRejectedShown) break;
    std::cerr << "  rows[" << error.row_number() << "]" << (error.field().empty() ? "" : ".")
              << error.field() << ": " << error.reason() << "\n";
  }
  const int more = response.rejected_rows_size() - kRejectedShown;
  if (more > 0) std::cerr << "  ... and " << more << " more problems (-o json lists them)\n";
  if (response.rejected_rows_truncated()) std::cerr << "  (the server listed only the first ones)\n";
}

absl::Status RunImport(const GlobalOptions& options, const ImportArgs& args) {
  RereadableInput input(args.file);
  const std::string source = input.source();
  int64_t valid = 0;
  TransactionRowErrors skipped;
  if (absl::Status checked = input.Read([&](std::istream& in) -> absl::Status {
        auto errors = ReadTransactionRows(in, source, [&valid](v1::TransactionImportRow&) {
          ++valid;
          return absl::OkStatus();
        });
        if (!errors.ok()) return errors.status();
        skipped = *std::move(errors);
        return absl::OkStatus();
      });
      !checked.ok()) {
    return checked;
  }
  const bool accept_valid = args.mode == v1::IMPORT_MODE_ACCEPT_VALID;
  if (!skipped.empty() && !accept_valid) {
    return RowErrorsStatus(absl::StrCat(source, ": ", DistinctRows(skipped),
                                        " rows cannot be read; nothing was sent "
                                        "(--mode accept-valid imports the other rows)"),
                           skipped);
  }
  if (valid == 0) {
    return RowErrorsStatus(absl::StrCat(source, ": no row can be read; nothing was sent"), skipped);
  }

  absl::StatusOr<Connection> connection = Connect(options);
  if (!connection.ok()) return connection.status();
  const auto context = connection->NewContext();
  catalog::ExtendDeadline(*context, catalog::kBulkTimeout);
  v1::ImportTransactionsResponse response;
  const auto stub = v1::TransactionService::NewStub(connection->channel());
  auto writer = stub->ImportTransactions(context.get(), &response);
  v1::ImportTransactionsRequest request;
  request.mutable_options()->set_request_id(args.request_id.empty() ? NewRequestId() : args.request_id);
  request.mutable_options()->set_mode(args.mode);
  // The options go alone first; a broken stream is then seen by the first batch's write.
  (void)writer->Write(request);
  request.Clear();
  v1::TransactionImportBatch& batch = *request.mutable_batch();
  BatchSender<v1::ImportTransactionsRequest> sender(writer.get(), &request, args.batch, valid,
                                                    [&batch](v1::ImportTransactionsRequest&) { batch.clear_rows(); });
  if (absl::Status read = input.Read([&](std::istream& in) {
        (void)ReadTransactionRows(in, source, [&](v1::TransactionImportRow& row) {
          *batch.add_rows() = std::move(row);
          return sender.Added();
        });
        return absl::OkStatus();
      });
      !read.ok()) {
    return read;
  }
  if (absl::Status sent = sender.Finish(); !sent.ok()) return sent;
  AddSkippedRows(skipped, response);
  const Table table{{"import_id", "received", "inserted", "new_versions", "unchanged", "rejected"},
                    {{absl::StrCat(response.import_id()), absl::StrCat(response.received_count()),
                      absl::StrCat(response.inserted_count()), absl::StrCat(response.new_version_count()),
                      absl::StrCat(response.unchanged_count()), absl::StrCat(response.rejected_count())}}};
  if (absl::Status printed = Print(options.format, response, table, std::cout); !printed.ok()) {
    return printed;
  }
  if (options.format != Format::kJson) PrintRejected(response);
  return absl::OkStatus();
}

void AddImport(CLI::App& transactions, const GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* command = transactions.add_subcommand(
      "import", "Import sales transactions from a CSV file (- reads stdin)");
  command->add_option("file", args->file,
                      "CSV with header: " + absl::StrJoin(datagen::TransactionsCsv().Header(), ","))
      ->required();
  const std::map<std::string, v1::ImportMode> modes{
      {"all-or-nothing", v1::IMPORT_MODE_ALL_OR_NOTHING}, {"accept-valid", v1::IMPORT_MODE_ACCEPT_VALID}};
  command->add_option("--mode", args->mode,
                      "all-or-nothing (default): any bad row refuses the whole file, nothing is "
                      "written; accept-valid: bad rows are skipped and listed, the others imported")
      ->transform(CLI::CheckedTransformer(modes, CLI::ignore_case))
      ->option_text("all-or-nothing|accept-valid");
  command->add_option("--batch", args->batch, "Rows per stream message (default 1000)")
      ->check(CLI::Range(1, 100000));
  command->add_option("--request-id", args->request_id,
                      "Idempotency key: a retry with the same one and the same rows imports nothing "
                      "twice (default: a random UUID)");
  SetAction(command, exit_code, [&options, args] { return RunImport(options, *args); });
}

struct TransactionTraits {
  using Message = v1::Transaction;
  using Service = v1::TransactionService;
  static const csv::RecordCodec<Message>& Codec() { return datagen::TransactionsCsv(); }
};

google::protobuf::Timestamp ParseInstant(const std::string& flag, const std::string& text) {
  google::protobuf::Timestamp time;
  if (!google::protobuf::util::TimeUtil::FromString(text, &time)) {
    throw CLI::ValidationError(flag, "\"" + text + "\" is not an RFC 3339 time such as 2026-11-01T00:00:00Z");
  }
  return time;
}

void AddList(CLI::App& transactions, const GlobalOptions& options, int& exit_code) {
  struct Args {
    v1::ListTransactionsRequest request;
    bool all = false;
  };
  auto args = std::make_shared<Args>();
  auto& r = args->request;
  CLI::App* command = transactions.add_subcommand(
      "list", "List transactions (current versions; -o csv writes the import format)");
  command->add_option_function<std::string>("--source", [&r](const std::string& v) { r.set_source_system(v); },
                                            "Only this source system");
  command->add_option_function<std::string>("--seller", [&r](const std::string& v) { r.set_seller_id(v); },
                                            "Only transactions crediting this seller (owner or split)");
  command->add_option_function<std::string>("--from", [&r](const std::string& v) { r.set_start_date(v); },
                                            "First transaction date (YYYY-MM-DD, inclusive)");
  command->add_option_function<std::string>("--to", [&r](const std::string& v) { r.set_end_date(v); },
                                            "Last transaction date (YYYY-MM-DD, inclusive)");
  command->add_option_function<std::string>(
      "--as-of", [&r](const std::string& v) { *r.mutable_as_of() = ParseInstant("--as-of", v); },
      "The versions in force at this instant (RFC 3339; default the current ones)");
  catalog::AddPaging(command, r, args->all);
  SetAction(command, exit_code, [&options, args] {
    return catalog::ListPages<TransactionTraits, v1::ListTransactionsRequest, v1::ListTransactionsResponse>(
        options, args->request, args->all, &v1::TransactionService::Stub::ListTransactions,
        [](v1::ListTransactionsResponse& response) { return response.mutable_transactions(); });
  });
}

void AddFxSet(CLI::App& fx, const GlobalOptions& options, int& exit_code) {
  struct Args {
    std::string from;
    std::string to;
    std::string months;
    std::string rate;
    std::string request_id;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = fx.add_subcommand(
      "set", "Set the rate of FROM to TO for a month or a range of months (1 FROM = RATE TO)");
  command->add_option("from", args->from, "Currency converted from, e.g. EUR")->required();
  command->add_option("to", args->to, "Currency converted to, e.g. USD")->required();
  command->add_option("month", args->months, "YYYY-MM, or an inclusive range YYYY-MM..YYYY-MM")->required();
  command->add_option("rate", args->rate, "Decimal above 0, at most six fractional digits")->required();
  command->add_option("--request-id", args->request_id, "Idempotency key (default: a random UUID)");
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    absl::StatusOr<std::vector<std::string>> months = comp::ExpandMonths(args->months);
    if (!months.ok()) throw UsageError(std::string(months.status().message()));
    v1::SetFxRatesRequest request;
    request.set_request_id(args->request_id.empty() ? NewRequestId() : args->request_id);
    for (const std::string& month : *months) {
      v1::FxRate* rate = request.add_rates();
      rate->set_from_currency(args->from);
      rate->set_to_currency(args->to);
      rate->set_month(month);
      rate->set_rate(args->rate);
    }
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::FxRateService::NewStub(connection->channel());
    auto set = Call(*connection, *stub, &v1::FxRateService::Stub::SetFxRates, request);
    if (!set.ok()) return set.status();
    const Table table{{"created", "updated", "unchanged"},
                      {{absl::StrCat(set->created_count()), absl::StrCat(set->updated_count()),
                        absl::StrCat(set->unchanged_count())}}};
    return Print(options.format, *set, table, std::cout);
  });
}

void AddFxList(CLI::App& fx, const GlobalOptions& options, int& exit_code) {
  struct Args {
    v1::ListFxRatesRequest request;
    bool all = false;
  };
  auto args = std::make_shared<Args>();
  auto& r = args->request;
  CLI::App* command = fx.add_subcommand("list", "List FX rates");
  command->add_option_function<std::string>("--from-currency", [&r](const std::string& v) { r.set_from_currency(v); },
                                            "Only rates from this currency");
  command->add_option_function<std::string>("--to-currency", [&r](const std::string& v) { r.set_to_currency(v); },
                                            "Only rates to this currency");
  command->add_option_function<std::string>("--from", [&r](const std::string& v) { r.set_start_month(v); },
                                            "First month (YYYY-MM, inclusive)");
  command->add_option_function<std::string>("--to", [&r](const std::string& v) { r.set_end_month(v); },
                                            "Last month (YYYY-MM, inclusive)");
  catalog::AddPaging(command, r, args->all);
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::FxRateService::NewStub(connection->channel());
    return PrintPages(
        options, args->request, args->all,
        [&](const v1::ListFxRatesRequest& request) {
          return Call(*connection, *stub, &v1::FxRateService::Stub::ListFxRates, request);
        },
        [](const v1::ListFxRatesResponse& listed) {
          Table table{{"from", "to", "month", "rate", "update_time"}, {}};
          for (const v1::FxRate& rate : listed.rates()) {
            table.rows.push_back({rate.from_currency(), rate.to_currency(), rate.month(), rate.rate(),
                                  comp::TimeText(rate.update_time())});
          }
          return table;
        });
  });
}

}  // namespace

void AddTransactionCommands(CLI::App& root, const GlobalOptions& options, int& exit_code) {
  CLI::App* transactions = root.add_subcommand("transactions", "Import and read sales transactions");
  transactions->require_subcommand(1);
  AddImport(*transactions, options, exit_code);
  AddList(*transactions, options, exit_code);
}

void AddFxCommands(CLI::App& root, const GlobalOptions& options, int& exit_code) {
  CLI::App* fx = root.add_subcommand("fx", "Monthly currency conversion rates used by calculation");
  fx->require_subcommand(1);
  AddFxSet(*fx, options, exit_code);
  AddFxList(*fx, options, exit_code);
}

}  // namespace attain::ctl

// sellers import FILE.csv: reads and checks the whole file, then streams it in batches.
#include "tools/attainctl/sellers_import.h"

#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "attain/planning/v1/organization.grpc.pb.h"
#include "common/errors/errors.h"
#include "tools/attainctl/commands.h"
#include "tools/attainctl/csv.h"
#include "tools/attainctl/batch_sender.h"
#include "tools/attainctl/seller_csv.h"

namespace attain::ctl {

using planning::v1::SellerImportRow;

absl::StatusOr<std::vector<SellerImportRow>> ReadImportRows(std::istream& in,
                                                            absl::string_view source) {
  csv::Reader reader(in);
  csv::Record record;
  auto next = [&]() -> absl::StatusOr<bool> {
    absl::StatusOr<bool> more = reader.Next(record);
    if (!more.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(source, ": ", more.status().message()));
    }
    return more;
  };
  absl::StatusOr<bool> more = next();
  if (!more.ok()) return more.status();
  if (!*more) return absl::InvalidArgumentError(absl::StrCat(source, ": empty file, a header row is required"));
  absl::StatusOr<seller_csv::HeaderMap> header = seller_csv::HeaderMap::FromHeader(record.fields);
  if (!header.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": line ", record.line, ": ", header.status().message()));
  }
  std::vector<SellerImportRow> rows;
  std::vector<errors::FieldViolation> violations;
  while (true) {
    more = next();
    if (!more.ok()) return more.status();
    if (!*more) break;
    SellerImportRow& row = rows.emplace_back();
    row.set_row_number(record.line);
    for (errors::FieldViolation& violation : header->ToSeller(record.fields, *row.mutable_seller())) {
      violation.field = absl::StrCat("rows[", record.line, "].", violation.field);
      violations.push_back(std::move(violation));
    }
  }
  if (!violations.empty()) return errors::InvalidFields(std::move(violations));
  if (rows.empty()) return absl::InvalidArgumentError(absl::StrCat(source, ": no rows after the header"));
  return rows;
}

namespace {

struct ImportArgs {
  std::string file;
  int batch = 500;
  std::string request_id;
};

absl::Status RunImport(const GlobalOptions& options, const ImportArgs& args) {
  absl::StatusOr<std::vector<SellerImportRow>> rows = ReadInputWith(args.file, &ReadImportRows);
  if (!rows.ok()) return rows.status();

  absl::StatusOr<Connection> connection = Connect(options);
  if (!connection.ok()) return connection.status();
  const auto context = connection->NewContext();
  planning::v1::ImportSellersResponse response;
  auto writer = planning::v1::OrganizationService::NewStub(connection->channel())
                    ->ImportSellers(context.get(), &response);
  planning::v1::ImportSellersRequest request;
  request.set_request_id(args.request_id.empty() ? NewRequestId() : args.request_id);
  BatchSender<planning::v1::ImportSellersRequest> sender(
      writer.get(), &request, args.batch, static_cast<int64_t>(rows->size()),
      [](planning::v1::ImportSellersRequest& sent) { sent.Clear(); });  // rows and request_id
  for (SellerImportRow& row : *rows) {
    *request.add_rows() = std::move(row);
    if (!sender.Added().ok()) break;  // the stream is broken; Finish says why
  }
  if (absl::Status sent = sender.Finish(); !sent.ok()) return sent;
  const Table table{{"created", "updated", "unchanged"},
                    {{std::to_string(response.created_count()), std::to_string(response.updated_count()),
                      std::to_string(response.unchanged_count())}}};
  return Print(options.format, response, table, std::cout);
}

}  // namespace

void AddImportCommand(CLI::App& sellers, const GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* command = sellers.add_subcommand(
      "import", "Create or update sellers from a CSV file (all or nothing); - reads stdin");
  command->add_option("file", args->file, "CSV with header: " + absl::StrJoin(seller_csv::Columns(), ","))
      ->required();
  command->add_option("--batch", args->batch, "Rows per stream message (default 500)")
      ->check(CLI::Range(1, 100000));
  command->add_option("--request-id", args->request_id, "Idempotency key (default: a random UUID)");
  SetAction(command, exit_code, [&options, args] { return RunImport(options, *args); });
}

}  // namespace attain::ctl

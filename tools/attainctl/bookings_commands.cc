// bookings import FILE.csv | list | summary
#include <map>

#include "absl/strings/str_split.h"
#include "attain/planning/v1/bookings.grpc.pb.h"
#include "tools/attainctl/catalog_commands.h"
#include "tools/attainctl/catalog_csv.h"
#include "tools/attainctl/commands.h"

namespace attain::ctl {
namespace {

namespace v1 = planning::v1;

struct BookingTraits {
  using Message = v1::Booking;
  using Service = v1::BookingService;
  using ImportRequest = v1::ImportBookingsRequest;
  using ImportResponse = v1::ImportBookingsResponse;
  static constexpr char kCollection[] = "bookings";

  static const csv::RecordCodec<Message>& Codec() { return catalog_csv::Bookings(); }
  static Message* MutableRecord(v1::BookingImportRow& row) { return row.mutable_booking(); }
  static auto Import(Service::Stub& stub, grpc::ClientContext* context, ImportResponse* response) {
    return stub.ImportBookings(context, response);
  }
  static Table ImportTable(const ImportResponse& response) {
    return Table{{"imported"}, {{std::to_string(response.imported_count())}}};
  }
};

void AddList(CLI::App& bookings, const GlobalOptions& options, int& exit_code) {
  struct Args {
    v1::ListBookingsRequest request;
    bool all = false;
  };
  auto args = std::make_shared<Args>();
  auto& r = args->request;
  CLI::App* command = bookings.add_subcommand("list", "List bookings");
  command->add_option_function<std::string>("--account", [&r](const std::string& v) { r.set_account_id(v); },
                                            "Only this account's bookings");
  command->add_option_function<std::string>("--product", [&r](const std::string& v) { r.set_product_id(v); },
                                            "Only this product's bookings");
  command->add_option_function<std::string>("--from", [&r](const std::string& v) { r.set_start_date(v); },
                                            "First day (YYYY-MM-DD, inclusive)");
  command->add_option_function<std::string>("--to", [&r](const std::string& v) { r.set_end_date(v); },
                                            "Last day (YYYY-MM-DD, inclusive)");
  catalog::AddPaging(command, r, args->all);
  SetAction(command, exit_code, [&options, args] {
    return catalog::ListPages<BookingTraits, v1::ListBookingsRequest, v1::ListBookingsResponse>(
        options, args->request, args->all, &v1::BookingService::Stub::ListBookings,
        [](v1::ListBookingsResponse& response) { return response.mutable_bookings(); });
  });
}

void AddSummary(CLI::App& bookings, const GlobalOptions& options, int& exit_code) {
  struct Args {
    v1::SummarizeBookingsRequest request;
    std::string accounts;
    v1::BookingGrouping group_by = v1::BOOKING_GROUPING_UNSPECIFIED;
  };
  auto args = std::make_shared<Args>();
  auto& r = args->request;
  CLI::App* command = bookings.add_subcommand("summary", "Monthly booking totals");
  command->add_option("--accounts", args->accounts, "Comma-separated account ids (default all)");
  command->add_option_function<std::string>("--family", [&r](const std::string& v) { r.set_product_family(v); },
                                            "Only this product family");
  command->add_option_function<std::string>("--line", [&r](const std::string& v) { r.set_product_line(v); },
                                            "Only this product line");
  command->add_option_function<std::string>("--product", [&r](const std::string& v) { r.set_product_id(v); },
                                            "Only this product");
  command->add_option_function<std::string>("--from", [&r](const std::string& v) { r.set_start_date(v); },
                                            "First day (YYYY-MM-DD, inclusive)");
  command->add_option_function<std::string>("--to", [&r](const std::string& v) { r.set_end_date(v); },
                                            "Last day (YYYY-MM-DD, inclusive)");
  const std::map<std::string, v1::BookingGrouping> groupings{
      {"month", v1::BOOKING_GROUPING_UNSPECIFIED},
      {"account", v1::BOOKING_GROUPING_ACCOUNT},
      {"product", v1::BOOKING_GROUPING_PRODUCT},
      {"family", v1::BOOKING_GROUPING_PRODUCT_FAMILY}};
  command->add_option("--group-by", args->group_by, "month (default), account, product or family")
      ->transform(CLI::CheckedTransformer(groupings, CLI::ignore_case));
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    v1::SummarizeBookingsRequest request = args->request;
    for (absl::string_view id : absl::StrSplit(args->accounts, ',', absl::SkipWhitespace())) {
      request.add_account_ids(std::string(absl::StripAsciiWhitespace(id)));
    }
    request.set_group_by(args->group_by);
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    v1::SummarizeBookingsResponse response;
    const auto context = connection->NewContext();
    if (grpc::Status status = v1::BookingService::NewStub(connection->channel())
                                  ->SummarizeBookings(context.get(), request, &response);
        !status.ok()) {
      return FromCall(status);
    }
    Table table{{"month", "account_id", "product_id", "product_family", "currency", "amount",
                 "bookings"},
                {}};
    for (const v1::BookingTotal& total : response.totals()) {
      table.rows.push_back({total.month(), total.account_id(), total.product_id(),
                            total.product_family(), total.currency(), total.amount(),
                            std::to_string(total.booking_count())});
    }
    return Print(options.format, response, table, std::cout);
  });
}

}  // namespace

void AddBookingCommands(CLI::App& root, const GlobalOptions& options, int& exit_code) {
  CLI::App* bookings = root.add_subcommand("bookings", "Import and read booking history");
  bookings->require_subcommand(1);
  catalog::AddImport<BookingTraits>(
      *bookings, options, exit_code,
      "Append bookings from a CSV file (all or nothing; a retry with the same --request-id adds "
      "nothing); - reads stdin");
  AddList(*bookings, options, exit_code);
  AddSummary(*bookings, options, exit_code);
}

}  // namespace attain::ctl

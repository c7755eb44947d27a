#pragma once
// The commands accounts and products share, written once over a Traits type that names the
// resource's messages, codec and stub calls (see accounts_commands.cc):
//   <resource> create ID --flag ...   get ID   update ID --flag ...   delete ID
//   <resource> import FILE.csv        export [--out FILE]
// Create and update take one flag per CSV column (--display-name, --annual-revenue, ...);
// update sends exactly the flags given as its update mask.

#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>
#include <google/protobuf/field_mask.pb.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "tools/attainctl/batch_sender.h"
#include "tools/attainctl/cli.h"
#include "tools/attainctl/csv.h"
#include "tools/attainctl/output.h"
#include "tools/attainctl/record_codec.h"

namespace attain::ctl::catalog {

// Imports and exports get at least this long, whatever --timeout says.
inline constexpr absl::Duration kBulkTimeout = absl::Minutes(30);

// Gives a long call at least `at_least` from now, keeping a later --timeout.
inline void ExtendDeadline(grpc::ClientContext& context, absl::Duration at_least) {
  context.set_deadline(std::max(std::chrono::system_clock::now() + absl::ToChronoSeconds(at_least),
                                context.deadline()));
}

template <typename Message>
Table RecordsTable(const csv::RecordCodec<Message>& codec,
                   const google::protobuf::RepeatedPtrField<Message>& messages) {
  Table table{codec.Header(), {}};
  for (const Message& message : messages) table.rows.push_back(codec.ToFields(message));
  return table;
}

// "--annual-revenue" for column "annual_revenue".
inline std::string FlagName(const std::string& column) {
  return "--" + absl::StrReplaceAll(column, {{"_", "-"}});
}

// Column flags given on the command line, in order: (column, text).
using ColumnValues = std::vector<std::pair<std::string, std::string>>;

template <typename Message>
void AddColumnFlags(CLI::App* command, const csv::RecordCodec<Message>& codec,
                    const std::string& skip, ColumnValues& values) {
  for (const csv::Column<Message>& column : codec.columns()) {
    if (column.name == skip) continue;
    const std::string name = column.name;
    command->add_option_function<std::string>(
        FlagName(name), [&values, name](const std::string& text) { values.emplace_back(name, text); },
        column.help);
  }
}

// Applies the flags to `message`; INVALID_ARGUMENT naming each unusable flag.
template <typename Message>
absl::Status ApplyColumns(const csv::RecordCodec<Message>& codec, const ColumnValues& values,
                          Message& message) {
  std::vector<errors::FieldViolation> violations;
  for (const auto& [name, text] : values) {
    const csv::Column<Message>* column = codec.Find(name);
    if (auto problem = column->set(text, message)) {
      violations.push_back({FlagName(name), *problem});
    }
  }
  if (!violations.empty()) return errors::InvalidFields(std::move(violations));
  return absl::OkStatus();
}

template <typename Traits>
absl::Status PrintOne(const GlobalOptions& options, const typename Traits::Message& message) {
  google::protobuf::RepeatedPtrField<typename Traits::Message> one;
  *one.Add() = message;
  return Print(options.format, message, RecordsTable(Traits::Codec(), one), std::cout);
}

inline std::string ResourceName(const std::string& collection, const std::string& id_or_name) {
  return id_or_name.rfind(collection + "/", 0) == 0 ? id_or_name
                                                    : absl::StrCat(collection, "/", id_or_name);
}

template <typename Traits>
void AddCreate(CLI::App& group, const GlobalOptions& options, int& exit_code) {
  struct Args {
    std::string id;
    ColumnValues values;
    std::string request_id;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = group.add_subcommand("create", absl::StrCat("Create ", Traits::kArticle));
  command->add_option("id", args->id, "Id (letters, digits, - _ .)")->required();
  AddColumnFlags(command, Traits::Codec(), Traits::kKeyColumn, args->values);
  command->add_option("--request-id", args->request_id, "Idempotency key (default: a random UUID)");
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    typename Traits::Message message;
    if (auto applied = ApplyColumns(Traits::Codec(), args->values, message); !applied.ok()) {
      return applied;
    }
    (void)Traits::Codec().Find(Traits::kKeyColumn)->set(args->id, message);
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    typename Traits::Message created;
    const auto context = connection->NewContext();
    if (grpc::Status status = Traits::Create(
            *Traits::Service::NewStub(connection->channel()), context.get(), message,
            args->request_id.empty() ? NewRequestId() : args->request_id, &created);
        !status.ok()) {
      return FromCall(status);
    }
    return PrintOne<Traits>(options, created);
  });
}

template <typename Traits>
void AddGet(CLI::App& group, const GlobalOptions& options, int& exit_code) {
  auto id = std::make_shared<std::string>();
  CLI::App* command = group.add_subcommand("get", absl::StrCat("Show one ", Traits::kSingular));
  command->add_option("id", *id, "Id")->required();
  SetAction(command, exit_code, [&options, id]() -> absl::Status {
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    typename Traits::Message message;
    const auto context = connection->NewContext();
    if (grpc::Status status =
            Traits::Get(*Traits::Service::NewStub(connection->channel()), context.get(),
                        ResourceName(Traits::kCollection, *id), &message);
        !status.ok()) {
      return FromCall(status);
    }
    return PrintOne<Traits>(options, message);
  });
}

template <typename Traits>
void AddUpdate(CLI::App& group, const GlobalOptions& options, int& exit_code) {
  struct Args {
    std::string id;
    ColumnValues values;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = group.add_subcommand(
      "update", "Change the fields given (the update mask is built from the flags)");
  command->add_option("id", args->id, "Id")->required();
  AddColumnFlags(command, Traits::Codec(), Traits::kKeyColumn, args->values);
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    if (args->values.empty()) {
      throw UsageError(absl::StrCat(Traits::kCollection,
                                    " update: nothing to change; pass at least one field flag"));
    }
    typename Traits::Message message;
    if (auto applied = ApplyColumns(Traits::Codec(), args->values, message); !applied.ok()) {
      return applied;
    }
    google::protobuf::FieldMask mask;
    for (const auto& [name, text] : args->values) {
      if (std::find(mask.paths().begin(), mask.paths().end(), name) == mask.paths().end()) {
        mask.add_paths(name);
      }
    }
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    typename Traits::Message updated;
    const auto context = connection->NewContext();
    if (grpc::Status status = Traits::Update(
            *Traits::Service::NewStub(connection->channel()), context.get(),
            ResourceName(Traits::kCollection, args->id), message, mask, NewRequestId(), &updated);
        !status.ok()) {
      return FromCall(status);
    }
    return PrintOne<Traits>(options, updated);
  });
}

template <typename Traits>
void AddDelete(CLI::App& group, const GlobalOptions& options, int& exit_code) {
  auto id = std::make_shared<std::string>();
  CLI::App* command = group.add_subcommand("delete", absl::StrCat("Delete ", Traits::kArticle));
  command->add_option("id", *id, "Id")->required();
  SetAction(command, exit_code, [&options, id]() -> absl::Status {
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const std::string name = ResourceName(Traits::kCollection, *id);
    const auto context = connection->NewContext();
    if (grpc::Status status = Traits::Delete(*Traits::Service::NewStub(connection->channel()),
                                             context.get(), name, NewRequestId());
        !status.ok()) {
      return FromCall(status);
    }
    std::cout << "deleted " << name << "\n";
    return absl::OkStatus();
  });
}

// Reads every record of a CSV in `codec`'s format, calling `row(line, message)` for each
// usable one. A file with any bad record yields INVALID_ARGUMENT with one violation per
// problem ("rows[7].employee_count"), after reading the whole file.
template <typename Message, typename OnRow>
absl::Status ReadRecords(std::istream& in, const std::string& source,
                         const csv::RecordCodec<Message>& codec, OnRow row) {
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
  auto header = codec.ReaderFor(record.fields);
  if (!header.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": line ", record.line, ": ", header.status().message()));
  }
  std::vector<errors::FieldViolation> violations;
  int64_t rows = 0;
  Message message;
  while (true) {
    more = next();
    if (!more.ok()) return more.status();
    if (!*more) break;
    ++rows;
    std::vector<errors::FieldViolation> problems = header->Decode(record.fields, message);
    for (errors::FieldViolation& problem : problems) {
      problem.field = absl::StrCat("rows[", record.line, "].", problem.field);
      violations.push_back(std::move(problem));
    }
    if (problems.empty()) {
      if (absl::Status status = row(record.line, message); !status.ok()) return status;
    }
  }
  if (!violations.empty()) return errors::InvalidFields(std::move(violations));
  if (rows == 0) return absl::InvalidArgumentError(absl::StrCat(source, ": no rows after the header"));
  return absl::OkStatus();
}

// Checks the whole file first (nothing is sent for a half-valid file), then reads it again
// and streams it in batches, with progress on stderr when it is a terminal.
template <typename Traits>
absl::Status ImportCsv(const GlobalOptions& options, const std::string& file, int batch,
                       const std::string& request_id) {
  RereadableInput input(file);
  int64_t total = 0;
  if (absl::Status checked = input.Read([&](std::istream& in) {
        return ReadRecords(in, input.source(), Traits::Codec(),
                           [&total](int64_t, const typename Traits::Message&) {
                             ++total;
                             return absl::OkStatus();
                           });
      });
      !checked.ok()) {
    return checked;
  }

  absl::StatusOr<Connection> connection = Connect(options);
  if (!connection.ok()) return connection.status();
  const auto context = connection->NewContext();
  ExtendDeadline(*context, kBulkTimeout);
  typename Traits::ImportResponse response;
  const auto stub = Traits::Service::NewStub(connection->channel());
  auto writer = Traits::Import(*stub, context.get(), &response);
  typename Traits::ImportRequest request;
  request.set_request_id(request_id.empty() ? NewRequestId() : request_id);
  BatchSender<typename Traits::ImportRequest> sender(writer.get(), &request, batch, total, [](auto& sent) {
    sent.clear_rows();
    sent.clear_request_id();  // the first message carries it
  });
  if (absl::Status read = input.Read([&](std::istream& in) {
        (void)ReadRecords(in, input.source(), Traits::Codec(),
                          [&](int64_t line, const typename Traits::Message& message) {
                            auto* row = request.add_rows();
                            row->set_row_number(line);
                            *Traits::MutableRecord(*row) = message;
                            return sender.Added();
                          });
        return absl::OkStatus();
      });
      !read.ok()) {
    return read;
  }
  if (absl::Status sent = sender.Finish(); !sent.ok()) return sent;
  return Print(options.format, response, Traits::ImportTable(response), std::cout);
}

template <typename Traits>
void AddImport(CLI::App& group, const GlobalOptions& options, int& exit_code,
               const std::string& description) {
  struct Args {
    std::string file;
    int batch = 500;
    std::string request_id;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = group.add_subcommand("import", description);
  command->add_option("file", args->file,
                      "CSV with header: " + absl::StrJoin(Traits::Codec().Header(), ","))
      ->required();
  command->add_option("--batch", args->batch, "Rows per stream message (default 500)")
      ->check(CLI::Range(1, 100000));
  command->add_option("--request-id", args->request_id,
                      "Idempotency key (default: a random UUID)");
  SetAction(command, exit_code, [&options, args] {
    return ImportCsv<Traits>(options, args->file, args->batch, args->request_id);
  });
}

// Streams the server's export to `out` as import-format CSV; returns how many were written.
template <typename Traits>
absl::StatusOr<int64_t> StreamExport(const Connection& connection, std::ostream& out) {
  auto context = connection.NewContext();
  ExtendDeadline(*context, kBulkTimeout);
  const auto stub = Traits::Service::NewStub(connection.channel());
  auto reader = Traits::Export(*stub, context.get());
  out << csv::FormatRecord(Traits::Codec().Header());
  int64_t count = 0;
  for (typename Traits::Message message; reader->Read(&message); ++count) {
    out << csv::FormatRecord(Traits::Codec().ToFields(message));
  }
  if (grpc::Status status = reader->Finish(); !status.ok()) return FromCall(status);
  out.flush();
  if (!out) return absl::DataLossError("cannot write the export");
  return count;
}

// Writes beside the target and renames, so a failed export never leaves a truncated file.
absl::Status WriteExport(const std::string& out, const std::string& what,
                         const std::function<absl::StatusOr<int64_t>(std::ostream&)>& write);

template <typename Traits>
void AddExport(CLI::App& group, const GlobalOptions& options, int& exit_code) {
  auto out = std::make_shared<std::string>();
  CLI::App* command = group.add_subcommand(
      "export", absl::StrCat("Write every ", Traits::kSingular, " as CSV in the import format"));
  command->add_option("--out", *out, "Output file (default stdout)");
  SetAction(command, exit_code, [&options, out]() -> absl::Status {
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    return WriteExport(*out, Traits::kCollection, [&](std::ostream& stream) {
      return StreamExport<Traits>(*connection, stream);
    });
  });
}

// Calls a List method for the first page, and every following page when `all`, then prints
// what was fetched (the printed message keeps the last page's next_page_token).
template <typename Traits, typename Request, typename Response, typename Method, typename Items>
absl::Status ListPages(const GlobalOptions& options, Request request, bool all, Method method,
                       Items items) {
  absl::StatusOr<Connection> connection = Connect(options);
  if (!connection.ok()) return connection.status();
  const auto stub = Traits::Service::NewStub(connection->channel());
  Response merged;
  while (true) {
    Response page;
    const auto context = connection->NewContext();
    if (grpc::Status status = ((*stub).*method)(context.get(), request, &page); !status.ok()) {
      return FromCall(status);
    }
    items(merged)->MergeFrom(*items(page));
    merged.set_next_page_token(page.next_page_token());
    merged.set_total_size(page.total_size());
    if (!all || page.next_page_token().empty()) break;
    request.set_page_token(page.next_page_token());
  }
  if (absl::Status status =
          Print(options.format, merged, RecordsTable(Traits::Codec(), *items(merged)), std::cout);
      !status.ok()) {
    return status;
  }
  if (options.format != Format::kJson && !merged.next_page_token().empty()) {
    std::cerr << "more results: pass --all, or --page-token " << merged.next_page_token() << "\n";
  }
  return absl::OkStatus();
}

// --page-size, --page-token and --all, bound to `request` and `all`.
template <typename Request>
void AddPaging(CLI::App* command, Request& request, bool& all) {
  command->add_option_function<int>("--page-size", [&request](int v) { request.set_page_size(v); },
                                    "Results per page")
      ->check(CLI::PositiveNumber);
  command->add_option_function<std::string>(
      "--page-token", [&request](const std::string& v) { request.set_page_token(v); },
      "Continue from a previous page");
  command->add_flag("--all", all, "Follow next_page_token to the last page");
}

}  // namespace attain::ctl::catalog

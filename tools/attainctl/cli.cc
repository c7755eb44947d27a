#include "tools/attainctl/cli.h"

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>

#include <CLI/CLI.hpp>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/json_util.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/errors/errors.h"

namespace attain::ctl {

void AddGlobalFlags(CLI::App& app, GlobalOptions& options) {
  app.add_option("--server", options.connection.server,
                 "Gateway HOST:PORT (env ATTAIN_SERVER; default ATTAIN_GATEWAY from .run/endpoints.env)");
  app.add_option("--token", options.connection.token,
                 "Bearer token (env ATTAIN_TOKEN; default .run/admin.token)");
  app.add_option_function<std::string>(
         "--timeout",
         [&options](const std::string& text) {
           absl::StatusOr<absl::Duration> timeout = ParseDurationFlag(text);
           if (!timeout.ok()) throw CLI::ValidationError("--timeout", std::string(timeout.status().message()));
           options.connection.timeout = *timeout;
         },
         "Deadline of each call, e.g. 30s, 5m (default 30s)");
  app.add_flag("--tls", options.connection.tls, "Use TLS with the system root certificates");
  const std::map<std::string, Format> formats{
      {"table", Format::kTable}, {"json", Format::kJson}, {"csv", Format::kCsv}};
  app.add_option("-o,--output,--format", options.format, "Output format: table (default), json or csv")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case))
      ->each([&options](const std::string&) { options.format_given = true; })
      ->option_text("table|json|csv");
}

void SetAction(CLI::App* command, int& exit_code, std::function<absl::Status()> run) {
  command->callback([&exit_code, run = std::move(run)] {
    const absl::Status status = run();
    if (status.ok()) return;
    PrintError(status);
    exit_code = kExitFailure;
  });
}

void PrintError(const absl::Status& status) {
  std::cerr << "error: " << absl::StatusCodeToString(status.code()) << ": " << status.message()
            << "\n";
  for (const errors::FieldViolation& violation : errors::FieldViolationsOf(status)) {
    std::cerr << "  " << violation.field << ": " << violation.description << "\n";
  }
}

absl::Status FromCall(const grpc::Status& status) { return errors::FromGrpcStatus(status); }

absl::StatusOr<Connection> Connect(const GlobalOptions& options) {
  absl::StatusOr<Endpoint> endpoint = ResolveEndpoint(options.connection);
  if (!endpoint.ok()) return endpoint.status();
  return Connection(*endpoint, options.connection);
}

absl::StatusOr<absl::Duration> ParseDurationFlag(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  absl::Duration duration;
  if (double seconds; absl::SimpleAtod(text, &seconds)) {
    duration = absl::Seconds(seconds);
  } else if (!absl::ParseDuration(text, &duration)) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", text, "\" is not a duration such as 30s, 5m or 12h"));
  }
  if (duration <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" must be positive"));
  }
  return duration;
}

std::string NewRequestId() {
  std::random_device device;
  std::mt19937_64 engine((static_cast<uint64_t>(device()) << 32) ^ device());
  const uint64_t high = (engine() & ~uint64_t{0xF000}) | 0x4000;  // version 4
  const uint64_t low = (engine() & ~(uint64_t{0xC} << 60)) | (uint64_t{0x8} << 60);  // variant 10
  return absl::StrFormat("%08x-%04x-%04x-%04x-%012x", high >> 32, (high >> 16) & 0xFFFF,
                         high & 0xFFFF, low >> 48, low & 0xFFFFFFFFFFFF);
}

std::string SellerName(absl::string_view id_or_name) {
  if (absl::StartsWith(id_or_name, "sellers/")) return std::string(id_or_name);
  return absl::StrCat("sellers/", id_or_name);
}

bool StderrIsTerminal() { return isatty(STDERR_FILENO) == 1; }

absl::Status ReadInput(const std::string& file,
                       const std::function<absl::Status(std::istream&, const std::string&)>& read) {
  if (file == "-") return read(std::cin, "<stdin>");
  std::ifstream in(file, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", file));
  return read(in, file);
}

absl::Status RereadableInput::Read(const std::function<absl::Status(std::istream&)>& read) {
  if (file_ == "-") {
    if (!stdin_text_.has_value()) {
      std::ostringstream buffer;
      buffer << std::cin.rdbuf();
      stdin_text_ = buffer.str();
    }
    std::istringstream in(*stdin_text_);
    return read(in);
  }
  std::ifstream in(file_, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", file_));
  return read(in);
}

absl::Status ReadJsonInto(const std::string& file, google::protobuf::Message& message) {
  return ReadInput(file, [&message](std::istream& in, const std::string& source) {
    std::ostringstream text;
    text << in.rdbuf();
    message.Clear();
    if (auto status = google::protobuf::util::JsonStringToMessage(text.str(), &message);
        !status.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(source, ": not an ",
                                                     message.GetDescriptor()->full_name(),
                                                     " in JSON: ", status.ToString()));
    }
    return absl::OkStatus();
  });
}

}  // namespace attain::ctl

#pragma once
// What every attainctl command shares: the global flags, turning a result into an exit code
// (0 ok, 1 failed call, 2 usage) and the one error format:
//   error: INVALID_ARGUMENT: <message>
//     <field>: <description>

#include <functional>
#include <istream>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <string>
#include <utility>

#include <google/protobuf/message.h>
#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "tools/attainctl/connection.h"
#include "tools/attainctl/output.h"

namespace CLI { class App; }

namespace attain::ctl {

inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

struct GlobalOptions {
  ConnectionFlags connection;
  Format format = Format::kTable;
  bool format_given = false;  // -o was on the command line (exports default to csv otherwise)
};

// The format asked for, else `fallback`.
inline Format FormatOr(const GlobalOptions& options, Format fallback) {
  return options.format_given ? options.format : fallback;
}

// Thrown by a command for a bad combination of flags CLI11 cannot express; exits 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Registers --server, --token, --timeout, --tls and -o/--output (alias --format) on the root
// command.
void AddGlobalFlags(CLI::App& app, GlobalOptions& options);

// Makes `run` the action of `command`; its status becomes `exit_code`.
void SetAction(CLI::App* command, int& exit_code, std::function<absl::Status()> run);

// Prints the status in the error format above to stderr.
void PrintError(const absl::Status& status);

// The status of a finished call, with field violations decoded from its details.
absl::Status FromCall(const grpc::Status& status);

absl::StatusOr<Connection> Connect(const GlobalOptions& options);

// "30s", "12h", "1h30m"; a bare number means seconds. Must be positive.
absl::StatusOr<absl::Duration> ParseDurationFlag(absl::string_view text);

// A random RFC 4122 version-4 UUID, used as request_id so retries are safe.
std::string NewRequestId();

// "sellers/<id>"; accepts either form.
std::string SellerName(absl::string_view id_or_name);

// True when stderr is a terminal (progress output is only for people).
bool StderrIsTerminal();

// Opens `file` ("-" is stdin) and hands it to `read` with its name for messages ("<stdin>");
// NOT_FOUND when it cannot be opened.
absl::Status ReadInput(const std::string& file,
                       const std::function<absl::Status(std::istream&, const std::string&)>& read);

// An input read more than once (checked whole, then sent): a file is opened again for each
// read, stdin ("-") is buffered by the first.
class RereadableInput {
 public:
  explicit RereadableInput(std::string file) : file_(std::move(file)) {}
  // The name for messages: the file, or "<stdin>".
  std::string source() const { return file_ == "-" ? "<stdin>" : file_; }
  // Hands `read` the input from its start; NOT_FOUND when the file cannot be opened.
  absl::Status Read(const std::function<absl::Status(std::istream&)>& read);

 private:
  std::string file_;
  std::optional<std::string> stdin_text_;
};

// ReadInput for a reader that returns what it read.
template <typename Read>
std::invoke_result_t<Read, std::istream&, const std::string&> ReadInputWith(const std::string& file,
                                                                            Read read) {
  std::invoke_result_t<Read, std::istream&, const std::string&> result;
  if (absl::Status status = ReadInput(file,
                                      [&](std::istream& in, const std::string& source) {
                                        result = read(in, source);
                                        return result.status();
                                      });
      !status.ok()) {
    return status;
  }
  return result;
}

// The file's (or stdin's) protobuf JSON into `message`, which it replaces; unknown fields are
// errors, and INVALID_ARGUMENT names the file and the message type.
absl::Status ReadJsonInto(const std::string& file, google::protobuf::Message& message);

// ReadJsonInto for a message type: ReadJson<planning::v1::Territory>("territory.json").
template <typename Message>
absl::StatusOr<Message> ReadJson(const std::string& file) {
  Message message;
  if (absl::Status status = ReadJsonInto(file, message); !status.ok()) return status;
  return message;
}

}  // namespace attain::ctl

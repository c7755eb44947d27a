#include "tools/attainctl/connection.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "tools/attainctl/run_dir.h"

namespace attain::ctl {

absl::StatusOr<Endpoint> ResolveEndpoint(const ConnectionFlags& flags) {
  Endpoint endpoint{flags.server.empty() ? Env("ATTAIN_SERVER") : flags.server,
                    flags.token.empty() ? Env("ATTAIN_TOKEN") : flags.token};
  if (!endpoint.server.empty() && !endpoint.token.empty()) return endpoint;

  const std::optional<std::filesystem::path> run_dir = FindRunDir();
  if (endpoint.server.empty() && run_dir.has_value()) {
    if (absl::StatusOr<std::string> env = ReadFile(*run_dir / "endpoints.env"); env.ok()) {
      const auto values = ParseEnvFile(*env);
      if (auto it = values.find("ATTAIN_GATEWAY"); it != values.end()) endpoint.server = it->second;
    }
  }
  if (endpoint.token.empty() && run_dir.has_value()) {
    // A missing token file is not an error here: the server answers UNAUTHENTICATED.
    if (absl::StatusOr<std::string> token = ReadTrimmedFile(*run_dir / "admin.token"); token.ok()) {
      endpoint.token = *std::move(token);
    }
  }
  if (endpoint.server.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "no server: pass --server HOST:PORT, set ATTAIN_SERVER, or run inside a checkout whose ",
        run_dir.has_value() ? (*run_dir / "endpoints.env").string() : std::string(".run/endpoints.env"),
        " defines ATTAIN_GATEWAY (or set ATTAIN_RUN_DIR)"));
  }
  return endpoint;
}

Connection::Connection(const Endpoint& endpoint, const ConnectionFlags& flags)
    : server_(endpoint.server), token_(endpoint.token), timeout_(flags.timeout) {
  channel_ = grpc::CreateChannel(server_, flags.tls ? grpc::SslCredentials(grpc::SslCredentialsOptions())
                                              : grpc::InsecureChannelCredentials());
}

std::unique_ptr<grpc::ClientContext> Connection::NewContext() const {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!token_.empty()) context->AddMetadata("authorization", absl::StrCat("Bearer ", token_));
  context->set_deadline(absl::ToChronoTime(absl::Now() + timeout_));
  return context;
}

}  // namespace attain::ctl

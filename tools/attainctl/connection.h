#pragma once
// Where attainctl connects and as whom. Each setting comes from its flag, else its
// environment variable, else the local run directory:
//   server  --server   ATTAIN_SERVER  .run/endpoints.env ATTAIN_GATEWAY
//   token   --token    ATTAIN_TOKEN   .run/admin.token
// Every call carries "authorization: Bearer <token>" (when a token is known) and a deadline.

#include <memory>
#include <string>

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace attain::ctl {

struct ConnectionFlags {
  std::string server;
  std::string token;
  absl::Duration timeout = absl::Seconds(30);
  bool tls = false;  // TLS with the system roots instead of plaintext
};

struct Endpoint {
  std::string server;
  std::string token;  // "" sends no authorization metadata
};

// FAILED_PRECONDITION explaining the three ways to name a server when none is found.
absl::StatusOr<Endpoint> ResolveEndpoint(const ConnectionFlags& flags);

class Connection {
 public:
  Connection(const Endpoint& endpoint, const ConnectionFlags& flags);

  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  const std::string& server() const { return server_; }

  // A fresh context for one call: bearer token and deadline now + timeout.
  std::unique_ptr<grpc::ClientContext> NewContext() const;

 private:
  std::string server_;
  std::string token_;
  absl::Duration timeout_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace attain::ctl

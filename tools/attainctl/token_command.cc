// token: signs a development (HS256) bearer token with the local secret.
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/auth/jwt.h"
#include "tools/attainctl/commands.h"
#include "tools/attainctl/run_dir.h"

namespace attain::ctl {
namespace {

struct TokenArgs {
  auth::TokenRequest request;
  std::string secret_file;
  std::string issuer = "attain";
  std::string audience = "attain";
};

// --jwt-secret-file, else $ATTAIN_JWT_SECRET, else $ATTAIN_JWT_SECRET_FILE, else
// <run dir>/jwt.secret. Files lose their trailing whitespace (newline).
absl::StatusOr<std::string> ResolveSecret(const std::string& flag_file) {
  if (!flag_file.empty()) return ReadTrimmedFile(flag_file);
  if (std::string secret = Env("ATTAIN_JWT_SECRET"); !secret.empty()) return secret;
  if (std::string file = Env("ATTAIN_JWT_SECRET_FILE"); !file.empty()) return ReadTrimmedFile(file);
  if (std::optional<std::filesystem::path> run_dir = FindRunDir(); run_dir.has_value()) {
    return ReadTrimmedFile(*run_dir / "jwt.secret");
  }
  return absl::FailedPreconditionError(
      "no signing secret: pass --jwt-secret-file, set ATTAIN_JWT_SECRET or ATTAIN_JWT_SECRET_FILE, "
      "or run inside a checkout with .run/jwt.secret");
}

std::string RoleNames() {
  std::vector<std::string> names;
  for (int role = static_cast<int>(auth::Role::kAdmin); role <= static_cast<int>(auth::Role::kService);
       ++role) {
    names.push_back(auth::RoleName(static_cast<auth::Role>(role)));
  }
  return absl::StrJoin(names, ", ");
}

absl::Status RunToken(const TokenArgs& args) {
  absl::StatusOr<std::string> secret = ResolveSecret(args.secret_file);
  if (!secret.ok()) return secret.status();
  auth::JwtConfig config;
  config.algorithm = auth::JwtConfig::Algorithm::kHs256;
  config.key = *std::move(secret);
  config.issuer = args.issuer;
  config.audience = args.audience;
  absl::StatusOr<std::string> token = auth::SignToken(config, args.request);
  if (!token.ok()) return token.status();
  std::cout << *token << "\n";
  return absl::OkStatus();
}

}  // namespace

void AddTokenCommand(CLI::App& root, const GlobalOptions& /*options*/, int& exit_code) {
  auto args = std::make_shared<TokenArgs>();
  CLI::App* command = root.add_subcommand("token", "Print a signed HS256 bearer token (development)");
  command->add_option("--subject", args->request.subject, "The token's sub: a seller or user id")
      ->required();
  command->add_option("--role", args->request.roles, "Role (repeatable): " + RoleNames())
      ->required()
      ->check([](const std::string& name) {
        auth::Role role;
        return auth::ParseRole(name, &role) ? std::string() : "unknown role; one of " + RoleNames();
      });
  command->add_option_function<std::string>(
      "--ttl",
      [args](const std::string& text) {
        absl::StatusOr<absl::Duration> ttl = ParseDurationFlag(text);
        if (!ttl.ok()) throw CLI::ValidationError("--ttl", std::string(ttl.status().message()));
        args->request.ttl = *ttl;
      },
      "Lifetime, e.g. 12h (default), 30m");
  command->add_option("--jwt-secret-file", args->secret_file,
                      "HS256 secret (default $ATTAIN_JWT_SECRET, $ATTAIN_JWT_SECRET_FILE or .run/jwt.secret)");
  command->add_option("--issuer", args->issuer, "iss claim (default attain)");
  command->add_option("--audience", args->audience, "aud claim (default attain)");
  SetAction(command, exit_code, [args] { return RunToken(*args); });
}

}  // namespace attain::ctl

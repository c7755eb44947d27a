#pragma once
// JWT bearer-token verification (libjwt underneath). The algorithm is pinned by
// configuration: HS256 with a shared secret (development) or RS256 with a public key
// (production). The token header's "alg" must equal the pinned one before any signature
// check, so "none" and HS256-signed-with-the-public-key tokens are refused. exp, iss and aud
// are required and checked; nbf/iat honoured when present.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/principal.h"

namespace attain::auth {

struct JwtConfig {
  enum class Algorithm { kHs256, kRs256 };
  Algorithm algorithm = Algorithm::kHs256;
  // HS256: the secret bytes, at least 32 (an empty or shorter key fails closed);
  // RS256: the PEM public key (verify) or private key (sign).
  std::string key;
  std::string issuer = "attain";
  std::string audience = "attain";
  absl::Duration leeway = absl::Seconds(30);  // clock skew tolerated on exp/nbf
};

class JwtVerifier {
 public:
  explicit JwtVerifier(JwtConfig config);
  // UNAUTHENTICATED with a reason ("token expired", "wrong audience", ...) on any failure.
  // Claims: "sub" (string, required), "roles" (array of role names, at least one known role).
  absl::StatusOr<Principal> Verify(std::string_view token, absl::Time now = absl::Now()) const;

 private:
  JwtConfig config_;
};

struct TokenRequest {
  std::string subject;
  std::vector<std::string> roles;  // role names
  absl::Duration ttl = absl::Hours(12);
};

// Signs a token with config.algorithm/key/issuer/audience (HS256 secret or RS256 private
// key PEM). Used by attainctl's `token` command, by services minting their service token
// under HS256, and by tests. INVALID_ARGUMENT for an empty subject, no roles, an unknown
// role name, a non-positive ttl or an unusable key; FAILED_PRECONDITION for a missing or
// short HS256 secret. Claims: sub, iss, aud, iat, exp, roles.
absl::StatusOr<std::string> SignToken(const JwtConfig& config, const TokenRequest& request,
                                      absl::Time now = absl::Now());

// Extracts the token from an "authorization" metadata value "Bearer <token>".
absl::StatusOr<std::string_view> BearerToken(std::string_view authorization_header);

}  // namespace attain::auth

#include "common/auth/jwt.h"

#include <jwt.h>

#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"

namespace attain::auth {
namespace {

using Json = nlohmann::json;

// RFC 7518 3.2: an HS256 key must be at least as long as the hash output. libjwt 1.10 does
// not check, so we do (ServerConfig validates the same bound at start-up).
constexpr size_t kMinHmacSecretBytes = 32;
// Far above any token we mint; refuses absurd input before any decoding work.
constexpr size_t kMaxTokenBytes = 16 * 1024;

struct JwtDeleter {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtDeleter>;

// Strings returned by libjwt (jwt_encode_str, jwt_get_grants_json) are malloc'd.
struct FreeDeleter {
  void operator()(char* p) const { std::free(p); }
};
using CStringPtr = std::unique_ptr<char, FreeDeleter>;

absl::Status Reject(const char* reason) { return absl::UnauthenticatedError(reason); }

const char* AlgName(JwtConfig::Algorithm algorithm) {
  return algorithm == JwtConfig::Algorithm::kRs256 ? "RS256" : "HS256";
}

jwt_alg_t LibjwtAlg(JwtConfig::Algorithm algorithm) {
  return algorithm == JwtConfig::Algorithm::kRs256 ? JWT_ALG_RS256 : JWT_ALG_HS256;
}

absl::Status CheckKey(const JwtConfig& config) {
  if (config.key.empty()) return absl::FailedPreconditionError("jwt key not configured");
  if (config.algorithm == JwtConfig::Algorithm::kHs256 && config.key.size() < kMinHmacSecretBytes) {
    return absl::FailedPreconditionError("jwt HS256 secret shorter than 32 bytes");
  }
  return absl::OkStatus();
}

// Only base64url characters and the two separating dots. This also keeps NULs out, so the
// C string libjwt sees is exactly the token we inspected.
bool IsCompactJws(std::string_view token) {
  for (char c : token) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      return false;
    }
  }
  return true;
}

std::optional<Json> DecodeJsonSegment(std::string_view segment) {
  std::string text;
  if (!absl::WebSafeBase64Unescape(absl::string_view(segment.data(), segment.size()), &text)) {
    return std::nullopt;
  }
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return std::nullopt;
  return json;
}

// RFC 7519 NumericDate: seconds since the epoch, integer or not.
std::optional<absl::Time> NumericDate(const Json& value) {
  if (value.is_number_unsigned()) {
    const uint64_t seconds = value.get<uint64_t>();
    if (seconds > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return absl::InfiniteFuture();
    }
    return absl::FromUnixSeconds(static_cast<int64_t>(seconds));
  }
  if (value.is_number_integer()) return absl::FromUnixSeconds(value.get<int64_t>());
  if (value.is_number_float()) return absl::UnixEpoch() + absl::Seconds(value.get<double>());
  return std::nullopt;
}

bool AudienceMatches(const Json& aud, const std::string& audience) {
  if (aud.is_string()) return aud.get_ref<const std::string&>() == audience;
  if (!aud.is_array()) return false;
  for (const Json& entry : aud) {
    if (entry.is_string() && entry.get_ref<const std::string&>() == audience) return true;
  }
  return false;
}

// Checks the claims of a token whose header and signature have already been verified.
absl::StatusOr<Principal> PrincipalFromClaims(const Json& claims, const JwtConfig& config,
                                              absl::Time now) {
  auto exp_it = claims.find("exp");
  if (exp_it == claims.end()) return Reject("missing exp");
  std::optional<absl::Time> exp = NumericDate(*exp_it);
  if (!exp.has_value()) return Reject("malformed exp");
  if (now >= *exp + config.leeway) return Reject("token expired");

  if (auto nbf_it = claims.find("nbf"); nbf_it != claims.end()) {
    std::optional<absl::Time> nbf = NumericDate(*nbf_it);
    if (!nbf.has_value()) return Reject("malformed nbf");
    if (now + config.leeway < *nbf) return Reject("token not yet valid");
  }
  if (auto iat_it = claims.find("iat"); iat_it != claims.end()) {
    std::optional<absl::Time> iat = NumericDate(*iat_it);
    if (!iat.has_value()) return Reject("malformed iat");
    if (*iat > now + config.leeway) return Reject("token issued in the future");
  }

  auto iss_it = claims.find("iss");
  if (iss_it == claims.end() || !iss_it->is_string() ||
      iss_it->get_ref<const std::string&>() != config.issuer) {
    return Reject("wrong issuer");
  }
  auto aud_it = claims.find("aud");
  if (aud_it == claims.end() || !AudienceMatches(*aud_it, config.audience)) {
    return Reject("wrong audience");
  }

  Principal principal;
  auto sub_it = claims.find("sub");
  if (sub_it == claims.end() || !sub_it->is_string() ||
      sub_it->get_ref<const std::string&>().empty()) {
    return Reject("missing subject");
  }
  principal.subject = sub_it->get<std::string>();

  auto roles_it = claims.find("roles");
  if (roles_it == claims.end() || !roles_it->is_array()) return Reject("missing roles");
  for (const Json& name : *roles_it) {
    Role role;
    // Unknown names are ignored so a newer issuer can add roles without locking older services out.
    if (name.is_string() && ParseRole(name.get_ref<const std::string&>(), &role)) {
      principal.roles.insert(role);
    }
  }
  if (principal.roles.empty()) return Reject("no known role");
  return principal;
}

}  // namespace

JwtVerifier::JwtVerifier(JwtConfig config) : config_(std::move(config)) {}

absl::StatusOr<Principal> JwtVerifier::Verify(std::string_view token, absl::Time now) const {
  if (token.empty()) return Reject("missing token");
  if (token.size() > kMaxTokenBytes) return Reject("token too large");
  if (!IsCompactJws(token)) return Reject("malformed token");
  const size_t first_dot = token.find('.');
  const size_t second_dot = first_dot == std::string_view::npos ? first_dot : token.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos || token.find('.', second_dot + 1) != std::string_view::npos) {
    return Reject("malformed token");
  }
  const std::string_view header_segment = token.substr(0, first_dot);
  const std::string_view payload_segment = token.substr(first_dot + 1, second_dot - first_dot - 1);
  if (header_segment.empty() || payload_segment.empty()) return Reject("malformed token");
  if (second_dot + 1 == token.size()) return Reject("missing signature");

  // Pin the algorithm before libjwt sees the token: libjwt 1.10 takes the algorithm from the
  // header, so an RS256 verifier would otherwise accept an HS256 token MAC'd with the public key.
  std::optional<Json> header = DecodeJsonSegment(header_segment);
  if (!header.has_value()) return Reject("malformed token header");
  auto alg_it = header->find("alg");
  if (alg_it == header->end() || !alg_it->is_string()) return Reject("missing algorithm");
  const std::string& alg = alg_it->get_ref<const std::string&>();
  if (alg == "none") return Reject("unsigned token refused");
  if (alg != AlgName(config_.algorithm)) return Reject("unexpected algorithm");

  if (absl::Status key = CheckKey(config_); !key.ok()) {
    // A misconfigured verifier must fail closed; libjwt 1.10 skips verification when key_len is 0.
    return Reject("verifier key not usable");
  }

  const std::string token_copy(token);  // libjwt wants a NUL-terminated string
  jwt_t* raw = nullptr;
  const int rc = jwt_decode(&raw, token_copy.c_str(),
                            reinterpret_cast<const unsigned char*>(config_.key.data()),
                            static_cast<int>(config_.key.size()));
  JwtPtr jwt(raw);
  if (rc != 0 || jwt == nullptr) return Reject("invalid signature");
  // Defence in depth: libjwt parsed the header with its own decoder; it must agree with ours.
  if (jwt_get_alg(jwt.get()) != LibjwtAlg(config_.algorithm)) return Reject("unexpected algorithm");

  // All claims at once: jwt_get_grant only returns string claims and jwt_get_grant_int
  // signals absence through errno, so the JSON view is the reliable one.
  CStringPtr grants(jwt_get_grants_json(jwt.get(), nullptr));
  if (grants == nullptr) return Reject("malformed claims");
  Json claims = Json::parse(grants.get(), nullptr, /*allow_exceptions=*/false);
  if (claims.is_discarded() || !claims.is_object()) return Reject("malformed claims");
  return PrincipalFromClaims(claims, config_, now);
}

absl::StatusOr<std::string> SignToken(const JwtConfig& config, const TokenRequest& request,
                                      absl::Time now) {
  if (absl::Status key = CheckKey(config); !key.ok()) return key;
  if (request.subject.empty()) return absl::InvalidArgumentError("token subject is empty");
  if (request.roles.empty()) return absl::InvalidArgumentError("token needs at least one role");
  for (const std::string& name : request.roles) {
    Role role;
    if (!ParseRole(name, &role)) return absl::InvalidArgumentError("unknown role: " + name);
  }
  if (request.ttl <= absl::ZeroDuration()) return absl::InvalidArgumentError("token ttl must be positive");

  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) return absl::ResourceExhaustedError("jwt_new failed");
  JwtPtr jwt(raw);
  const int64_t iat = absl::ToUnixSeconds(now);
  const int64_t exp = absl::ToUnixSeconds(now + request.ttl);
  const std::string roles = Json{{"roles", request.roles}}.dump();
  if (jwt_add_grant(jwt.get(), "sub", request.subject.c_str()) != 0 ||
      jwt_add_grant(jwt.get(), "iss", config.issuer.c_str()) != 0 ||
      jwt_add_grant(jwt.get(), "aud", config.audience.c_str()) != 0 ||
      jwt_add_grant_int(jwt.get(), "iat", static_cast<long>(iat)) != 0 ||
      jwt_add_grant_int(jwt.get(), "exp", static_cast<long>(exp)) != 0 ||
      jwt_add_grants_json(jwt.get(), roles.c_str()) != 0) {
    return absl::InternalError("cannot add token claims");
  }
  if (jwt_set_alg(jwt.get(), LibjwtAlg(config.algorithm),
                  reinterpret_cast<const unsigned char*>(config.key.data()),
                  static_cast<int>(config.key.size())) != 0) {
    return absl::InvalidArgumentError("signing key rejected");
  }
  CStringPtr encoded(jwt_encode_str(jwt.get()));
  if (encoded == nullptr) {
    // RS256 with something that is not a PEM private key ends up here.
    return absl::InvalidArgumentError("cannot sign token (bad key?)");
  }
  return std::string(encoded.get());
}

absl::StatusOr<std::string_view> BearerToken(std::string_view authorization_header) {
  constexpr std::string_view kScheme = "bearer ";
  if (authorization_header.size() <= kScheme.size() ||
      !absl::EqualsIgnoreCase(absl::string_view(authorization_header.data(), kScheme.size()),
                              absl::string_view(kScheme.data(), kScheme.size()))) {
    return absl::UnauthenticatedError("missing bearer token");
  }
  std::string_view token = authorization_header.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  if (token.empty() || token.find(' ') != std::string_view::npos) {
    return absl::UnauthenticatedError("malformed bearer token");
  }
  return token;
}

}  // namespace attain::auth

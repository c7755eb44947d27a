// Tests for common/auth: JWT verification and signing, bearer parsing, and the RPC policy.

#include <jwt.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <google/protobuf/descriptor.h>
#include <nlohmann/json.hpp>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"
#include "attain/analytics/v1/analytics_service.pb.h"
#include "attain/common/v1/service_info.pb.h"
#include "attain/compensation/v1/compensation_service.pb.h"
#include "attain/compensation/v1/calculation.pb.h"
#include "attain/compensation/v1/mbo.pb.h"
#include "attain/compensation/v1/periods.pb.h"
#include "attain/compensation/v1/estimate.pb.h"
#include "attain/compensation/v1/whatif.pb.h"
#include "attain/planning/v1/crediting.pb.h"
#include "attain/compensation/v1/plans.pb.h"
#include "attain/compensation/v1/transactions.pb.h"
#include "attain/events/v1/events.pb.h"
#include "attain/planning/v1/accounts.pb.h"
#include "attain/planning/v1/bookings.pb.h"
#include "attain/planning/v1/capacity.pb.h"
#include "attain/planning/v1/forecast.pb.h"
#include "attain/planning/v1/organization.pb.h"
#include "attain/planning/v1/products.pb.h"
#include "attain/planning/v1/references.pb.h"
#include "attain/planning/v1/territories.pb.h"
#include "attain/planning/v1/quotas.pb.h"
#include "attain/planning/v1/scenarios.pb.h"
#include "attain/planning/v1/planning_service.pb.h"
#include "attain/workflow/v1/workflow_service.pb.h"
#include "common/auth/jwt.h"
#include "common/auth/policy.h"
#include "common/auth/principal.h"

namespace attain::auth {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::UnorderedElementsAre;
using Json = nlohmann::json;

const absl::Time kNow = absl::FromUnixSeconds(1'700'000'000);
constexpr char kSecret[] = "0123456789abcdef0123456789abcdef-test";  // 37 bytes

JwtConfig HsConfig() {
  JwtConfig config;
  config.algorithm = JwtConfig::Algorithm::kHs256;
  config.key = kSecret;
  return config;
}

std::string B64(std::string_view text) {
  std::string out;
  absl::WebSafeBase64Escape(absl::string_view(text.data(), text.size()), &out);
  return out;
}

std::string Unb64(std::string_view text) {
  std::string out;
  EXPECT_TRUE(absl::WebSafeBase64Unescape(absl::string_view(text.data(), text.size()), &out));
  return out;
}

// Claims a valid token for HsConfig() would carry at kNow.
Json GoodClaims() {
  return Json{{"sub", "seller-42"},
              {"iss", "attain"},
              {"aud", "attain"},
              {"iat", absl::ToUnixSeconds(kNow)},
              {"exp", absl::ToUnixSeconds(kNow + absl::Hours(1))},
              {"roles", {"rep"}}};
}

// Signs arbitrary claims with libjwt directly, bypassing SignToken's input checks, so tests
// can mint the malformed tokens an attacker (or a buggy issuer) would.
std::string SignRaw(const Json& claims, jwt_alg_t alg, const std::string& key) {
  jwt_t* jwt = nullptr;
  EXPECT_EQ(jwt_new(&jwt), 0);
  EXPECT_EQ(jwt_add_grants_json(jwt, claims.dump().c_str()), 0);
  EXPECT_EQ(jwt_set_alg(jwt, alg, reinterpret_cast<const unsigned char*>(key.data()),
                        static_cast<int>(key.size())),
            0);
  char* encoded = jwt_encode_str(jwt);
  jwt_free(jwt);
  EXPECT_NE(encoded, nullptr);
  std::string token = encoded == nullptr ? "" : encoded;
  std::free(encoded);
  return token;
}

struct RsaKeyPair {
  std::string private_pem;
  std::string public_pem;
};

std::string BioText(BIO* bio) {
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(len));
}

RsaKeyPair GenerateRsaKeyPair() {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), &EVP_PKEY_free);
  if (key == nullptr) return {};
  std::unique_ptr<BIO, decltype(&BIO_free)> priv(BIO_new(BIO_s_mem()), &BIO_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> pub(BIO_new(BIO_s_mem()), &BIO_free);
  if (PEM_write_bio_PrivateKey(priv.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1 ||
      PEM_write_bio_PUBKEY(pub.get(), key.get()) != 1) {
    return {};
  }
  return RsaKeyPair{BioText(priv.get()), BioText(pub.get())};
}

// Key generation is the slow part; one pair serves every RS256 test.
const RsaKeyPair& TestKeys() {
  static const RsaKeyPair* const kKeys = new RsaKeyPair(GenerateRsaKeyPair());
  return *kKeys;
}

JwtConfig RsVerifyConfig() {
  JwtConfig config;
  config.algorithm = JwtConfig::Algorithm::kRs256;
  config.key = TestKeys().public_pem;
  return config;
}

JwtConfig RsSignConfig() {
  JwtConfig config = RsVerifyConfig();
  config.key = TestKeys().private_pem;
  return config;
}

std::string SignOrDie(const JwtConfig& config, TokenRequest request, absl::Time now = kNow) {
  absl::StatusOr<std::string> token = SignToken(config, request, now);
  EXPECT_TRUE(token.ok()) << token.status();
  return token.ok() ? *token : "";
}

TokenRequest RepRequest() { return TokenRequest{"seller-42", {"rep"}, absl::Hours(1)}; }

// Every rejection is UNAUTHENTICATED with the given reason and never echoes the token.
void ExpectRejected(const JwtVerifier& verifier, const std::string& token, std::string_view reason,
                    absl::Time now = kNow) {
  absl::StatusOr<Principal> result = verifier.Verify(token, now);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(std::string(result.status().message()), reason);
  if (!token.empty()) {
    EXPECT_THAT(std::string(result.status().message()), Not(HasSubstr(token)));
  }
}

// ---------------------------------------------------------------------------------------
// HS256

TEST(JwtTest, AcceptsGoodHs256Token) {
  std::string token = SignOrDie(HsConfig(), TokenRequest{"seller-42", {"rep", "manager"}, absl::Hours(1)});
  absl::StatusOr<Principal> principal = JwtVerifier(HsConfig()).Verify(token, kNow);
  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_EQ(principal->subject, "seller-42");
  EXPECT_THAT(principal->roles, UnorderedElementsAre(Role::kRep, Role::kManager));
}

TEST(JwtTest, SignedTokenCarriesPinnedHeaderAndStandardClaims) {
  std::string token = SignOrDie(HsConfig(), RepRequest());
  std::vector<std::string> parts = absl::StrSplit(token, '.');
  ASSERT_EQ(parts.size(), 3u);
  Json header = Json::parse(Unb64(parts[0]));
  EXPECT_EQ(header["alg"], "HS256");
  Json claims = Json::parse(Unb64(parts[1]));
  EXPECT_EQ(claims["sub"], "seller-42");
  EXPECT_EQ(claims["iss"], "attain");
  EXPECT_EQ(claims["aud"], "attain");
  EXPECT_EQ(claims["iat"], 1'700'000'000);
  EXPECT_EQ(claims["exp"], 1'700'003'600);  // iat + 1h
  EXPECT_EQ(claims["roles"], Json::array({"rep"}));
}

TEST(JwtTest, AcceptsExpiredTokenWithinLeeway) {
  std::string token = SignOrDie(HsConfig(), RepRequest());
  // exp = kNow + 1h; 29s past it is inside the 30s leeway.
  EXPECT_TRUE(JwtVerifier(HsConfig()).Verify(token, kNow + absl::Hours(1) + absl::Seconds(29)).ok());
}

TEST(JwtTest, RejectsExpiredTokenBeyondLeeway) {
  std::string token = SignOrDie(HsConfig(), RepRequest());
  ExpectRejected(JwtVerifier(HsConfig()), token, "token expired",
                 kNow + absl::Hours(1) + absl::Seconds(31));
}

TEST(JwtTest, RejectsWrongIssuer) {
  JwtConfig other = HsConfig();
  other.issuer = "evil-corp";
  ExpectRejected(JwtVerifier(HsConfig()), SignOrDie(other, RepRequest()), "wrong issuer");
}

TEST(JwtTest, RejectsWrongAudience) {
  JwtConfig other = HsConfig();
  other.audience = "billing";
  ExpectRejected(JwtVerifier(HsConfig()), SignOrDie(other, RepRequest()), "wrong audience");
}

TEST(JwtTest, AcceptsAudienceArrayContainingOurs) {
  Json claims = GoodClaims();
  claims["aud"] = {"billing", "attain"};
  EXPECT_TRUE(JwtVerifier(HsConfig()).Verify(SignRaw(claims, JWT_ALG_HS256, kSecret), kNow).ok());
}

TEST(JwtTest, RejectsAudienceArrayWithoutOurs) {
  Json claims = GoodClaims();
  claims["aud"] = {"billing", "crm"};
  ExpectRejected(JwtVerifier(HsConfig()), SignRaw(claims, JWT_ALG_HS256, kSecret), "wrong audience");
}

TEST(JwtTest, RejectsTokenSignedWithAnotherSecret) {
  std::string token = SignRaw(GoodClaims(), JWT_ALG_HS256, "another-secret-that-is-32-bytes-long!");
  ExpectRejected(JwtVerifier(HsConfig()), token, "invalid signature");
}

TEST(JwtTest, RejectsTamperedPayloadWithOriginalSignature) {
  std::string token = SignOrDie(HsConfig(), RepRequest());
  std::vector<std::string> parts = absl::StrSplit(token, '.');
  ASSERT_EQ(parts.size(), 3u);
  Json claims = Json::parse(Unb64(parts[1]));
  claims["roles"] = {"admin"};  // privilege escalation attempt
  std::string forged = parts[0] + "." + B64(claims.dump()) + "." + parts[2];
  ExpectRejected(JwtVerifier(HsConfig()), forged, "invalid signature");
}

TEST(JwtTest, RejectsAlgNone) {
  std::string header = B64(R"({"alg":"none","typ":"JWT"})");
  std::string payload = B64(GoodClaims().dump());
  ExpectRejected(JwtVerifier(HsConfig()), header + "." + payload + ".", "missing signature");
  // Even with something in the signature slot, the header alone condemns it.
  ExpectRejected(JwtVerifier(HsConfig()), header + "." + payload + ".c2ln", "unsigned token refused");
}

TEST(JwtTest, RejectsAlgorithmOtherThanPinned) {
  std::string header = B64(R"({"alg":"HS512","typ":"JWT"})");
  std::string token = header + "." + B64(GoodClaims().dump()) + ".c2ln";
  ExpectRejected(JwtVerifier(HsConfig()), token, "unexpected algorithm");
}

TEST(JwtTest, RejectsMissingSubject) {
  Json claims = GoodClaims();
  claims.erase("sub");
  ExpectRejected(JwtVerifier(HsConfig()), SignRaw(claims, JWT_ALG_HS256, kSecret), "missing subject");
  claims["sub"] = "";
  ExpectRejected(JwtVerifier(HsConfig()), SignRaw(claims, JWT_ALG_HS256, kSecret), "missing subject");
}

TEST(JwtTest, RejectsTokenWithoutKnownRole) {
  Json claims = GoodClaims();
  claims["roles"] = {"janitor", "superuser"};
  ExpectRejected(JwtVerifier(HsConfig()), SignRaw(claims, JWT_ALG_HS256, kSecret), "no known role");
  claims["roles"] = Json::array();
  ExpectRejected(JwtVerifier(HsConfig()), SignRaw(claims, JWT_ALG_HS256, kSecret), "no known role");
  claims["roles"] = "rep";  // a string is not an array
  ExpectRejected(JwtVerifier(HsConfig()), SignRaw(claims, JWT_ALG_HS256, kSecret), "missing roles");
}

TEST(JwtTest, IgnoresUnknownRolesNextToKnownOnes) {
  Json claims = GoodClaims();
  claims["roles"] = {"janitor", "analyst", 7};
  absl::StatusOr<Principal> principal =
      JwtVerifier(HsConfig()).Verify(SignRaw(claims, JWT_ALG_HS256, kSecret), kNow);
  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_THAT(principal->roles, UnorderedElementsAre(Role::kAnalyst));
}

TEST(JwtTest, RejectsMissingExp) {
  Json claims = GoodClaims();
  claims.erase("exp");
  ExpectRejected(JwtVerifier(HsConfig()), SignRaw(claims, JWT_ALG_HS256, kSecret), "missing exp");
}

TEST(JwtTest, HonoursNotBeforeWithLeeway) {
  Json claims = GoodClaims();
  claims["nbf"] = absl::ToUnixSeconds(kNow + absl::Seconds(60));
  std::string token = SignRaw(claims, JWT_ALG_HS256, kSecret);
  ExpectRejected(JwtVerifier(HsConfig()), token, "token not yet valid");
  EXPECT_TRUE(JwtVerifier(HsConfig()).Verify(token, kNow + absl::Seconds(31)).ok());
}

TEST(JwtTest, RejectsTokenIssuedInTheFuture) {
  Json claims = GoodClaims();
  claims["iat"] = absl::ToUnixSeconds(kNow + absl::Minutes(5));
  ExpectRejected(JwtVerifier(HsConfig()), SignRaw(claims, JWT_ALG_HS256, kSecret),
                 "token issued in the future");
}

TEST(JwtTest, RejectsMalformedTokens) {
  JwtVerifier verifier(HsConfig());
  ExpectRejected(verifier, "", "missing token");
  ExpectRejected(verifier, "abc", "malformed token");
  ExpectRejected(verifier, "a.b", "malformed token");
  ExpectRejected(verifier, "a.b.c.d", "malformed token");
  ExpectRejected(verifier, "a b.c.d", "malformed token");
  ExpectRejected(verifier, "!!!.e30.c2ln", "malformed token");
  ExpectRejected(verifier, "e30.e30.c2ln", "missing algorithm");  // header {}
  ExpectRejected(verifier, std::string(20000, 'a'), "token too large");
}

TEST(JwtTest, ShortHs256SecretRefusedForSigningAndVerifying) {
  JwtConfig weak = HsConfig();
  weak.key = "short";
  EXPECT_EQ(SignToken(weak, RepRequest(), kNow).status().code(), absl::StatusCode::kFailedPrecondition);
  std::string token = SignRaw(GoodClaims(), JWT_ALG_HS256, "short");
  ExpectRejected(JwtVerifier(weak), token, "verifier key not usable");
}

TEST(JwtTest, EmptyKeyFailsClosed) {
  // libjwt 1.10 skips signature verification when given no key; the verifier must not.
  JwtConfig keyless = HsConfig();
  keyless.key.clear();
  ExpectRejected(JwtVerifier(keyless), SignOrDie(HsConfig(), RepRequest()), "verifier key not usable");
}

TEST(JwtTest, SignTokenValidatesRequest) {
  EXPECT_EQ(SignToken(HsConfig(), TokenRequest{"", {"rep"}}, kNow).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SignToken(HsConfig(), TokenRequest{"s", {}}, kNow).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SignToken(HsConfig(), TokenRequest{"s", {"janitor"}}, kNow).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SignToken(HsConfig(), TokenRequest{"s", {"rep"}, absl::ZeroDuration()}, kNow).status().code(),
            absl::StatusCode::kInvalidArgument);
}

// ---------------------------------------------------------------------------------------
// RS256

TEST(JwtTest, Rs256SignAndVerify) {
  ASSERT_FALSE(TestKeys().private_pem.empty());
  std::string token = SignOrDie(RsSignConfig(), TokenRequest{"planner-1", {"planner"}, absl::Hours(1)});
  absl::StatusOr<Principal> principal = JwtVerifier(RsVerifyConfig()).Verify(token, kNow);
  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_EQ(principal->subject, "planner-1");
  EXPECT_THAT(principal->roles, UnorderedElementsAre(Role::kPlanner));
}

TEST(JwtTest, Rs256RejectsTokenFromAnotherKeyPair) {
  RsaKeyPair other = GenerateRsaKeyPair();
  ASSERT_FALSE(other.private_pem.empty());
  JwtConfig sign = RsSignConfig();
  sign.key = other.private_pem;
  ExpectRejected(JwtVerifier(RsVerifyConfig()), SignOrDie(sign, RepRequest()), "invalid signature");
}

TEST(JwtTest, Rs256RejectsHs256TokenMacedWithThePublicKey) {
  // The classic confusion attack: the public key is public, so an attacker MACs a token with
  // it and labels it HS256, hoping the verifier feeds its RS256 key to HMAC.
  ASSERT_FALSE(TestKeys().public_pem.empty());
  Json claims = GoodClaims();
  claims["roles"] = {"admin"};
  std::string forged = SignRaw(claims, JWT_ALG_HS256, TestKeys().public_pem);
  ExpectRejected(JwtVerifier(RsVerifyConfig()), forged, "unexpected algorithm");
}

TEST(JwtTest, Hs256VerifierRejectsRs256Token) {
  ExpectRejected(JwtVerifier(HsConfig()), SignOrDie(RsSignConfig(), RepRequest()), "unexpected algorithm");
}

TEST(JwtTest, Rs256SigningWithPublicKeyFails) {
  EXPECT_FALSE(SignToken(RsVerifyConfig(), RepRequest(), kNow).ok());
}

// ---------------------------------------------------------------------------------------
// Bearer header

TEST(BearerTokenTest, ExtractsTokenWithCaseInsensitiveScheme) {
  for (std::string_view header : {"Bearer abc.def.ghi", "bearer abc.def.ghi", "BEARER abc.def.ghi"}) {
    absl::StatusOr<std::string_view> token = BearerToken(header);
    ASSERT_TRUE(token.ok()) << header;
    EXPECT_EQ(*token, "abc.def.ghi");
  }
}

TEST(BearerTokenTest, RejectsOtherSchemesAndEmptyTokens) {
  for (std::string_view header : {"", "Bearer", "Bearer ", "Bearer    ", "Basic dXNlcjpwYXNz",
                                  "abc.def.ghi", "Bearerabc", "Bearer a b"}) {
    EXPECT_EQ(BearerToken(header).status().code(), absl::StatusCode::kUnauthenticated) << header;
  }
}

// ---------------------------------------------------------------------------------------
// Roles and policy

TEST(RoleTest, NamesRoundTrip) {
  for (Role role : kAllRoles) {
    Role parsed;
    ASSERT_TRUE(ParseRole(RoleName(role), &parsed)) << RoleName(role);
    EXPECT_EQ(parsed, role);
  }
  Role unused;
  EXPECT_FALSE(ParseRole("Admin", &unused));
  EXPECT_FALSE(ParseRole("", &unused));
  EXPECT_STREQ(RoleName(Role::kCompAdmin), "comp_admin");
}

Principal As(Role role) { return Principal{"someone", {role}}; }

constexpr char kCreateSeller[] = "/attain.planning.v1.OrganizationService/CreateSeller";
constexpr char kGetSeller[] = "/attain.planning.v1.OrganizationService/GetSeller";
constexpr char kStreamEvents[] = "/attain.events.v1.EventStreamService/StreamEvents";

TEST(PolicyTest, RepDeniedCreateSeller) {
  absl::Status status = AttainPolicy().Check(kCreateSeller, As(Role::kRep));
  EXPECT_EQ(status.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(std::string(status.message()), HasSubstr(kCreateSeller));
}

TEST(PolicyTest, PlannerAllowedCreateSeller) {
  EXPECT_TRUE(AttainPolicy().Check(kCreateSeller, As(Role::kPlanner)).ok());
}

TEST(PolicyTest, ReadersMayGetSellerButPrincipalWithoutRolesMayNot) {
  for (Role role : {Role::kRep, Role::kManager, Role::kAnalyst, Role::kFinance, Role::kService}) {
    EXPECT_TRUE(AttainPolicy().Check(kGetSeller, As(role)).ok()) << RoleName(role);
  }
  EXPECT_EQ(AttainPolicy().Check(kGetSeller, Principal{"nobody", {}}).code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(PolicyTest, OnlyServicesStreamEvents) {
  EXPECT_TRUE(AttainPolicy().Check(kStreamEvents, As(Role::kService)).ok());
  EXPECT_FALSE(AttainPolicy().Check(kStreamEvents, As(Role::kRep)).ok());
  EXPECT_FALSE(AttainPolicy().Check(kStreamEvents, As(Role::kPlanner)).ok());
}

TEST(PolicyTest, EveryRoleMayGetServiceInfo) {
  for (Role role : kAllRoles) {
    EXPECT_TRUE(AttainPolicy().Check("/attain.workflow.v1.WorkflowService/GetServiceInfo", As(role)).ok())
        << RoleName(role);
  }
}

TEST(PolicyTest, StatementsReadBySellersButAdjustedAndRunOnlyByCompAdmins) {
  constexpr char kGet[] = "/attain.compensation.v1.StatementService/GetStatement";
  constexpr char kAdjust[] = "/attain.compensation.v1.StatementService/CreateAdjustment";
  constexpr char kRun[] = "/attain.compensation.v1.CalculationService/StartCalculationRun";
  constexpr char kPayroll[] = "/attain.compensation.v1.StatementService/ExportPayroll";
  for (Role role : {Role::kRep, Role::kManager, Role::kCompAdmin, Role::kFinance}) {
    EXPECT_TRUE(AttainPolicy().Check(kGet, As(role)).ok()) << RoleName(role);
  }
  for (Role role : {Role::kPlanner, Role::kAnalyst, Role::kService}) {
    EXPECT_FALSE(AttainPolicy().Check(kGet, As(role)).ok()) << RoleName(role);
  }
  for (Role role : {Role::kRep, Role::kManager, Role::kFinance, Role::kPlanner}) {
    EXPECT_FALSE(AttainPolicy().Check(kAdjust, As(role)).ok()) << RoleName(role);
    EXPECT_FALSE(AttainPolicy().Check(kRun, As(role)).ok()) << RoleName(role);
  }
  EXPECT_TRUE(AttainPolicy().Check(kAdjust, As(Role::kCompAdmin)).ok());
  EXPECT_TRUE(AttainPolicy().Check(kRun, As(Role::kCompAdmin)).ok());
  EXPECT_TRUE(AttainPolicy().Check(kPayroll, As(Role::kFinance)).ok());
  EXPECT_FALSE(AttainPolicy().Check(kPayroll, As(Role::kManager)).ok());
}

TEST(PolicyTest, AdminAllowedEverywhere) {
  ASSERT_FALSE(AttainPolicy().Methods().empty());
  for (const std::string& method : AttainPolicy().Methods()) {
    EXPECT_TRUE(AttainPolicy().Check(method, As(Role::kAdmin)).ok()) << method;
  }
}

TEST(PolicyTest, UnknownMethodDeniedEvenToAdmin) {
  constexpr char kUnknown[] = "/attain.planning.v1.OrganizationService/DropAllTables";
  EXPECT_FALSE(AttainPolicy().Contains(kUnknown));
  absl::Status status = AttainPolicy().Check(kUnknown, Principal{"root", {Role::kAdmin, Role::kPlanner}});
  EXPECT_EQ(status.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(std::string(status.message()), HasSubstr(kUnknown));
}

TEST(PolicyTest, AllowAccumulatesRoles) {
  PolicyTable table;
  table.Allow("/x.Svc/M", {Role::kRep}).Allow("/x.Svc/M", {Role::kFinance});
  EXPECT_TRUE(table.Check("/x.Svc/M", As(Role::kRep)).ok());
  EXPECT_TRUE(table.Check("/x.Svc/M", As(Role::kFinance)).ok());
  EXPECT_FALSE(table.Check("/x.Svc/M", As(Role::kPlanner)).ok());
}

// Every attain proto file. Add new files here; a descriptor per file both forces the
// generated code to be linked (registering the file) and names it.
struct ProtoFile {
  const char* name;
  const google::protobuf::Descriptor* any_message;
};

std::vector<ProtoFile> AttainProtoFiles() {
  return {
      {"attain/common/v1/service_info.proto", attain::common::v1::ServiceInfo::descriptor()},
      {"attain/planning/v1/organization.proto", attain::planning::v1::Seller::descriptor()},
      {"attain/planning/v1/accounts.proto", attain::planning::v1::Account::descriptor()},
      {"attain/planning/v1/products.proto", attain::planning::v1::Product::descriptor()},
      {"attain/planning/v1/bookings.proto", attain::planning::v1::Booking::descriptor()},
      {"attain/planning/v1/territories.proto", attain::planning::v1::Territory::descriptor()},
      {"attain/planning/v1/scenarios.proto", attain::planning::v1::Scenario::descriptor()},
      {"attain/planning/v1/quotas.proto", attain::planning::v1::QuotaPlan::descriptor()},
      {"attain/planning/v1/capacity.proto", attain::planning::v1::PlanCapacityRequest::descriptor()},
      {"attain/planning/v1/forecast.proto", attain::planning::v1::ForecastBookingsRequest::descriptor()},
      {"attain/planning/v1/planning_service.proto", attain::planning::v1::GetServiceInfoRequest::descriptor()},
      {"attain/planning/v1/crediting.proto",
       attain::planning::v1::ExportCreditingDataRequest::descriptor()},
      {"attain/planning/v1/references.proto",
       attain::planning::v1::CheckReferencesRequest::descriptor()},
      {"attain/compensation/v1/compensation_service.proto",
       attain::compensation::v1::GetServiceInfoRequest::descriptor()},
      {"attain/compensation/v1/transactions.proto", attain::compensation::v1::Transaction::descriptor()},
      {"attain/compensation/v1/plans.proto", attain::compensation::v1::Plan::descriptor()},
      {"attain/compensation/v1/calculation.proto", attain::compensation::v1::Statement::descriptor()},
      {"attain/compensation/v1/periods.proto", attain::compensation::v1::Period::descriptor()},
      {"attain/compensation/v1/mbo.proto", attain::compensation::v1::MboScore::descriptor()},
      {"attain/compensation/v1/whatif.proto", attain::compensation::v1::WhatIfResult::descriptor()},
      {"attain/compensation/v1/estimate.proto",
       attain::compensation::v1::EstimateEarningsResponse::descriptor()},
      {"attain/workflow/v1/workflow_service.proto", attain::workflow::v1::GetServiceInfoRequest::descriptor()},
      {"attain/analytics/v1/analytics_service.proto",
       attain::analytics::v1::GetServiceInfoRequest::descriptor()},
      {"attain/events/v1/events.proto", attain::events::v1::Event::descriptor()},
  };
}

TEST(PolicyTest, EveryRpcOfEveryAttainServiceHasAnEntry) {
  const google::protobuf::DescriptorPool* pool = google::protobuf::DescriptorPool::generated_pool();
  absl::flat_hash_set<std::string> rpcs;
  int services = 0;
  for (const ProtoFile& listed : AttainProtoFiles()) {
    const google::protobuf::FileDescriptor* file = pool->FindFileByName(listed.name);
    ASSERT_NE(file, nullptr) << listed.name;
    EXPECT_EQ(file, listed.any_message->file()) << listed.name;
    for (int s = 0; s < file->service_count(); ++s) {
      const google::protobuf::ServiceDescriptor* service = file->service(s);
      if (service->full_name().rfind("attain.", 0) != 0) continue;
      ++services;
      for (int m = 0; m < service->method_count(); ++m) {
        std::string path = "/" + service->full_name() + "/" + service->method(m)->name();
        EXPECT_TRUE(AttainPolicy().Contains(path)) << "no policy entry for " << path;
        rpcs.insert(path);
      }
    }
  }
  EXPECT_GE(services, 6);  // Organization, Planning, Compensation, Workflow, Analytics, EventStream
  // And the reverse: a policy entry for an RPC that does not exist is a typo or a leftover.
  for (const std::string& method : AttainPolicy().Methods()) {
    EXPECT_TRUE(rpcs.contains(method)) << "policy entry for unknown RPC " << method;
  }
}

}  // namespace
}  // namespace attain::auth

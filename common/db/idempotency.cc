#include "common/db/idempotency.h"

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"

namespace attain::db {

std::string RequestFingerprint(std::string_view serialized_request) {
  uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : serialized_request) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return absl::StrCat(absl::Hex(hash, absl::kZeroPad16));
}

absl::StatusOr<IdempotencyClaim> Claim(PgConn& tx, std::string_view request_id,
                                       std::string_view method, std::string_view fingerprint) {
  IdempotencyClaim claim;
  if (request_id.empty()) return claim;
  if (request_id.size() > 128) {
    return errors::InvalidField("request_id", "must be at most 128 characters");
  }
  auto inserted = tx.Exec(
      "INSERT INTO idempotency_keys(request_id, method, fingerprint) VALUES ($1, $2, $3) "
      "ON CONFLICT (request_id) DO NOTHING",
      {std::string(request_id), std::string(method), std::string(fingerprint)});
  if (!inserted.ok()) return inserted.status();
  if (inserted->affected() == 1) return claim;
  auto existing = tx.Exec(
      "SELECT method, fingerprint, encode(response, 'base64') FROM idempotency_keys "
      "WHERE request_id = $1",
      {std::string(request_id)});
  if (!existing.ok()) return existing.status();
  if (existing->rows() != 1 || existing->IsNull(0, 2)) {
    return absl::AbortedError("request_id is being processed; retry");
  }
  if (existing->Get(0, 0) != method || existing->Get(0, 1) != fingerprint) {
    return errors::InvalidField("request_id",
                                "already used for a different request; use a new request_id");
  }
  std::string response;
  // PostgreSQL's base64 wraps lines every 76 characters; strip the newlines first.
  std::string encoded = existing->GetString(0, 2);
  encoded.erase(std::remove(encoded.begin(), encoded.end(), '\n'), encoded.end());
  if (!absl::Base64Unescape(encoded, &response)) {
    return absl::InternalError("stored idempotent response is corrupt");
  }
  claim.previous_response = std::move(response);
  return claim;
}

absl::Status Complete(PgConn& tx, std::string_view request_id, std::string_view response) {
  if (request_id.empty()) return absl::OkStatus();
  return tx
      .Exec("UPDATE idempotency_keys SET response = decode($2, 'base64') WHERE request_id = $1",
            {std::string(request_id), absl::Base64Escape(absl::string_view(response.data(), response.size()))})
      .status();
}

}  // namespace attain::db

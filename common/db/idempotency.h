#pragma once
// Makes mutating RPCs safe to retry. Inside the write's transaction, Claim() records the
// request_id first; a retry of the same request finds the recorded response and returns it
// without writing again. Concurrent duplicates serialize on the primary key: the second
// waits for the first to commit, then sees its response.
//
// Table (created by the common migration in every service schema):
//   idempotency_keys(request_id PK, method, fingerprint, response BYTEA, create_time)

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/db/pg.h"

namespace attain::db {

struct IdempotencyClaim {
  // Set when this request_id was already completed: the serialized earlier response.
  std::optional<std::string> previous_response;
};

// request_id empty -> no claim (the write is simply not retry-safe; callers validate).
// The same request_id with a different method or request fingerprint -> INVALID_ARGUMENT
// naming "request_id".
absl::StatusOr<IdempotencyClaim> Claim(PgConn& tx, std::string_view request_id,
                                       std::string_view method, std::string_view fingerprint);

// Stores the response for a claimed request_id (same transaction as the write).
absl::Status Complete(PgConn& tx, std::string_view request_id, std::string_view response);

// A stable fingerprint of a serialized request.
std::string RequestFingerprint(std::string_view serialized_request);

}  // namespace attain::db

namespace attain::db {

// The shape of every retry-safe write: in one transaction, claim request_id; if it was
// already completed, return the stored response; otherwise run `write` and store its
// response with the change. Response is a protobuf message.
template <typename Response>
absl::StatusOr<Response> IdempotentWrite(
    PgPool& pool, const std::string& request_id, std::string_view method,
    const std::string& serialized_request,
    const std::function<absl::StatusOr<Response>(PgConn& tx)>& write) {
  Response response;
  absl::Status status = InTransaction(pool, [&](PgConn& tx) -> absl::Status {
    auto claim = Claim(tx, request_id, method, RequestFingerprint(serialized_request));
    if (!claim.ok()) return claim.status();
    if (claim->previous_response) {
      if (!response.ParseFromString(*claim->previous_response)) {
        return absl::InternalError("stored response is corrupt");
      }
      return absl::OkStatus();
    }
    auto written = write(tx);
    if (!written.ok()) return written.status();
    response = *std::move(written);
    return Complete(tx, request_id, response.SerializeAsString());
  });
  if (!status.ok()) return status;
  return response;
}

}  // namespace attain::db

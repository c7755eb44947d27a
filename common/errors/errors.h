#pragma once
// The one place where absl::Status becomes grpc::Status. Domain and store code return
// absl::Status; field violations and ErrorInfo travel as payloads so the adapter can emit
// google.rpc.Status details (BadRequest / ErrorInfo) without knowing where they came from.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace attain::errors {

inline constexpr std::string_view kDomain = "attain.dev";

struct FieldViolation {
  std::string field;        // e.g. "seller.email" or "rows[12].email"
  std::string description;  // human readable reason
};

// INVALID_ARGUMENT carrying one BadRequest field violation; message is "field: description".
absl::Status InvalidField(std::string_view field, std::string_view description);

// INVALID_ARGUMENT carrying every violation (message summarizes the first and the count).
absl::Status InvalidFields(std::vector<FieldViolation> violations);

// A status of any code carrying ErrorInfo{reason, domain=kDomain}. reason is UPPER_SNAKE.
absl::Status WithReason(absl::Status status, std::string_view reason);

// Reads the violations back (empty when the status carries none).
std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status);

// The ErrorInfo reason, or "" when none.
std::string ReasonOf(const absl::Status& status);

// Canonical code preserved; message preserved; details attached as google.rpc.Status
// in the "grpc-status-details-bin" trailer (grpc::Status::error_details). A status without
// violations or reason gets ErrorInfo{reason=<CODE_NAME>, domain=kDomain}.
grpc::Status ToGrpcStatus(const absl::Status& status);

// The inverse, for clients (attainctl, tests, service-to-service calls).
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace attain::errors

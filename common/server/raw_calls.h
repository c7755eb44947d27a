#pragma once
// Unary methods served with gRPC's raw (ByteBuffer) callback handlers, for replies that are
// already serialized (a cached protobuf sent as stored, without parsing it first). Their
// received message is a grpc::ByteBuffer, not a protobuf message, so whatever inspects
// messages generically (the observability interceptor) must ask IsRawMethod first.

#include <google/protobuf/message_lite.h>
#include <grpcpp/support/byte_buffer.h>

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace attain::server {

// Marks "/pkg.Service/Method" as raw. Call before the server starts (a service's
// constructor); idempotent.
void RegisterRawMethod(std::string method);
bool IsRawMethod(std::string_view method);

// Parses a raw request into `message`; INVALID_ARGUMENT when it is not one.
absl::Status ParseRawRequest(const grpc::ByteBuffer& request,
                             google::protobuf::MessageLite* message);

// A reply of `bytes`, which must already be a serialized response message.
grpc::ByteBuffer RawReply(const std::string& bytes);

}  // namespace attain::server

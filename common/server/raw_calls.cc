#include "common/server/raw_calls.h"

#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"

namespace attain::server {
namespace {

struct RawMethods {
  absl::Mutex mu;
  absl::flat_hash_set<std::string> names ABSL_GUARDED_BY(mu);
};

RawMethods& Registry() {
  static RawMethods* registry = new RawMethods;  // never destroyed: read until exit
  return *registry;
}

}  // namespace

void RegisterRawMethod(std::string method) {
  RawMethods& registry = Registry();
  absl::MutexLock lock(&registry.mu);
  registry.names.insert(std::move(method));
}

bool IsRawMethod(std::string_view method) {
  RawMethods& registry = Registry();
  absl::ReaderMutexLock lock(&registry.mu);
  return registry.names.contains(absl::string_view(method.data(), method.size()));
}

absl::Status ParseRawRequest(const grpc::ByteBuffer& request,
                             google::protobuf::MessageLite* message) {
  std::vector<grpc::Slice> slices;
  bool parsed = request.Dump(&slices).ok();
  if (parsed && slices.size() == 1) {
    parsed = message->ParseFromArray(slices[0].begin(), static_cast<int>(slices[0].size()));
  } else if (parsed) {
    std::string bytes;
    for (const grpc::Slice& slice : slices) {
      bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
    }
    parsed = message->ParseFromString(bytes);
  }
  if (!parsed) return absl::InvalidArgumentError("the request is not a valid message");
  return absl::OkStatus();
}

grpc::ByteBuffer RawReply(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

}  // namespace attain::server

#pragma once
// grpc.health.v1.Health for Kubernetes probes and load balancers. NOT_SERVING until the
// service is ready (PostgreSQL reachable, migrations applied) and again while draining.
// Unauthenticated by design: probes carry no token, and the status reveals nothing.
// The gateway does not route it; it is reachable on the service port only.

#include <list>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace attain::server {

class HealthService final : public grpc::health::v1::Health::CallbackService {
 public:
  using Status = grpc::health::v1::HealthCheckResponse::ServingStatus;

  // Applies to the overall server ("") and every named service.
  void SetServing(bool serving);
  bool serving();

  grpc::ServerUnaryReactor* Check(grpc::CallbackServerContext* context,
                                  const grpc::health::v1::HealthCheckRequest* request,
                                  grpc::health::v1::HealthCheckResponse* response) override;
  grpc::ServerWriteReactor<grpc::health::v1::HealthCheckResponse>* Watch(
      grpc::CallbackServerContext* context,
      const grpc::health::v1::HealthCheckRequest* request) override;

 private:
  class Watcher;
  void Unregister(Watcher* watcher);

  absl::Mutex mu_;
  bool serving_ ABSL_GUARDED_BY(mu_) = false;
  std::list<Watcher*> watchers_ ABSL_GUARDED_BY(mu_);
};

}  // namespace attain::server

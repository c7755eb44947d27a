#pragma once
// gRPC adapter for attain.planning.v1.ReferenceService: bulk existence checks that other
// services (compensation's transaction import) make once per batch instead of once per row.

#include "attain/planning/v1/references.grpc.pb.h"
#include "common/db/pg.h"
#include "common/server/call_gate.h"

namespace attain::planning::references {

class ReferenceService final : public v1::ReferenceService::CallbackService {
 public:
  ReferenceService(server::CallGate* gate, db::PgPool* pool) : gate_(gate), pool_(pool) {}

  grpc::ServerUnaryReactor* CheckReferences(grpc::CallbackServerContext* context,
                                            const v1::CheckReferencesRequest* request,
                                            v1::CheckReferencesResponse* response) override;

 private:
  server::CallGate* gate_;
  db::PgPool* pool_;
};

}  // namespace attain::planning::references

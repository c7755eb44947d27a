#pragma once
// gRPC adapter for attain.planning.v1.CreditingDataService: the effective-dated organization
// of a date range in one streamed call, for compensation's calculation.

#include "attain/planning/v1/crediting.grpc.pb.h"
#include "common/db/pg.h"
#include "common/server/call_gate.h"

namespace attain::planning::crediting {

class CreditingDataService final : public v1::CreditingDataService::CallbackService {
 public:
  CreditingDataService(server::CallGate* gate, db::PgPool* pool) : gate_(gate), pool_(pool) {}

  grpc::ServerWriteReactor<v1::CreditingDataChunk>* ExportCreditingData(
      grpc::CallbackServerContext* context,
      const v1::ExportCreditingDataRequest* request) override;

 private:
  server::CallGate* gate_;
  db::PgPool* pool_;
};

}  // namespace attain::planning::crediting

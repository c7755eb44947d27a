#include "services/planning/crediting/crediting_service.h"

#include <memory>
#include <optional>
#include <vector>

#include "common/server/streaming.h"
#include "services/planning/crediting/crediting_export.h"
#include "services/planning/crediting/crediting_proto.h"

namespace attain::planning::crediting {

grpc::ServerWriteReactor<v1::CreditingDataChunk>* CreditingDataService::ExportCreditingData(
    grpc::CallbackServerContext* context, const v1::ExportCreditingDataRequest* request) {
  using Writer = server::PagedWriter<v1::CreditingDataChunk>;
  auto call = gate_->Admit(context, "/attain.planning.v1.CreditingDataService/ExportCreditingData");
  if (!call.ok()) return Writer::Fail(call.status());
  auto range = RangeOf(*request);
  if (!range.ok()) return Writer::Fail(range.status());
  // The whole export is read on the first page (one transaction), then sent chunk by chunk.
  auto cursor = std::make_shared<std::optional<ChunkCursor>>();
  return Writer::Start(gate_, [this, cursor, range = *range]()
                                  -> absl::StatusOr<std::vector<v1::CreditingDataChunk>> {
    if (!cursor->has_value()) {
      auto data = ReadCreditingData(*pool_, range);
      if (!data.ok()) return data.status();
      cursor->emplace(*std::move(data));
    }
    std::vector<v1::CreditingDataChunk> page;
    if (auto chunk = (*cursor)->Next()) page.push_back(*std::move(chunk));
    return page;
  });
}

}  // namespace attain::planning::crediting

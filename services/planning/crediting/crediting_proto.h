#pragma once
// Protobuf <-> domain for ExportCreditingData: the request's range, and the export cut into
// bounded chunks.

#include <cstddef>
#include <optional>

#include "absl/status/statusor.h"
#include "attain/planning/v1/crediting.pb.h"
#include "services/planning/crediting/crediting_data.h"

namespace attain::planning::crediting {

// Records per chunk: keeps each message far below gRPC's default 4 MB limit.
inline constexpr size_t kMaxRecordsPerChunk = 10'000;

// The request's [start_date, end_date]; INVALID_ARGUMENT naming the field when a date is
// missing or malformed, or end_date is before start_date.
absl::StatusOr<DaySpan> RangeOf(const v1::ExportCreditingDataRequest& request);

// Cuts an export into chunks of at most `max_records` records (every kind counts), in the
// order sellers, reporting lines, account territories, coverage, products. The first chunk
// carries the snapshot marker; an export without records is one chunk with only the marker.
class ChunkCursor {
 public:
  explicit ChunkCursor(CreditingData data, size_t max_records = kMaxRecordsPerChunk);

  // The next chunk, converted only now so one chunk at a time exists as protobuf; nullopt
  // after the last.
  std::optional<v1::CreditingDataChunk> Next();

 private:
  CreditingData data_;
  const size_t max_records_;
  size_t position_ = 0;  // records already sent, over all kinds in order
  bool started_ = false;
};

}  // namespace attain::planning::crediting

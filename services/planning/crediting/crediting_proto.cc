#include "services/planning/crediting/crediting_proto.h"

#include <algorithm>
#include <string>

#include "common/errors/errors.h"
#include "common/time/dates.h"

namespace attain::planning::crediting {
namespace {

v1::TerritoryType TypeOf(const std::string& name) {
  if (name == "GEOGRAPHIC") return v1::TERRITORY_TYPE_GEOGRAPHIC;
  if (name == "NAMED_ACCOUNT") return v1::TERRITORY_TYPE_NAMED_ACCOUNT;
  if (name == "OVERLAY") return v1::TERRITORY_TYPE_OVERLAY;
  return v1::TERRITORY_TYPE_UNSPECIFIED;  // the column's writers only store the three above
}

v1::SellerRole RoleOf(const std::string& name) {
  if (name == "PRIMARY") return v1::SELLER_ROLE_PRIMARY;
  if (name == "OVERLAY") return v1::SELLER_ROLE_OVERLAY;
  return v1::SELLER_ROLE_UNSPECIFIED;  // the column's CHECK allows only the two above
}

void ToProto(const SellerRecord& r, v1::CreditingDataChunk& chunk) {
  v1::CreditingSeller* out = chunk.add_sellers();
  out->set_seller_id(r.seller_id);
  out->set_title(r.title);
  out->set_hire_date(dates::Format(r.hire_date));
  out->set_termination_date(dates::FormatOptional(r.termination_date));
}

void ToProto(const LineRecord& r, v1::CreditingDataChunk& chunk) {
  v1::CreditingReportingLine* out = chunk.add_reporting_lines();
  out->set_seller_id(r.seller_id);
  out->set_manager_id(r.manager_id);
  out->set_start_date(dates::Format(r.when.first));
  out->set_end_date(dates::Format(r.when.last));
}

void ToProto(const AccountTerritoryRecord& r, v1::CreditingDataChunk& chunk) {
  v1::CreditingAccountTerritory* out = chunk.add_account_territories();
  out->set_account_id(r.account_id);
  out->set_territory_id(r.territory_id);
  out->set_territory_type(TypeOf(r.territory_type));
  out->set_start_date(dates::Format(r.when.first));
  out->set_end_date(dates::Format(r.when.last));
}

void ToProto(const CoverageRecord& r, v1::CreditingDataChunk& chunk) {
  v1::CreditingCoverage* out = chunk.add_coverage();
  out->set_territory_id(r.territory_id);
  out->set_seller_id(r.seller_id);
  out->set_role(RoleOf(r.role));
  out->set_split_fraction(r.fraction.ToString());
  out->set_start_date(dates::Format(r.when.first));
  out->set_end_date(dates::Format(r.when.last));
}

void ToProto(const ProductRecord& r, v1::CreditingDataChunk& chunk) {
  v1::CreditingProduct* out = chunk.add_products();
  out->set_product_id(r.product_id);
  out->set_family(r.family);
}

// Appends the records of `records` inside the chunk's window [begin, end) of the
// concatenation of all kinds, `records` starting at *offset in it; advances *offset past it.
template <typename Record>
void AppendWindow(const std::vector<Record>& records, size_t* offset, size_t begin, size_t end,
                  v1::CreditingDataChunk& chunk) {
  const size_t from = std::max(begin, *offset);
  const size_t to = std::min(end, *offset + records.size());
  for (size_t i = from; i < to; ++i) ToProto(records[i - *offset], chunk);
  *offset += records.size();
}

}  // namespace

absl::StatusOr<DaySpan> RangeOf(const v1::ExportCreditingDataRequest& request) {
  auto first = dates::Parse(request.start_date(), "start_date");
  if (!first.ok()) return errors::InvalidField("start_date", "must be a calendar date YYYY-MM-DD");
  auto last = dates::Parse(request.end_date(), "end_date");
  if (!last.ok()) return errors::InvalidField("end_date", "must be a calendar date YYYY-MM-DD");
  if (*last < *first) return errors::InvalidField("end_date", "must not be before start_date");
  return DaySpan{*first, *last};
}

ChunkCursor::ChunkCursor(CreditingData data, size_t max_records)
    : data_(std::move(data)), max_records_(std::max<size_t>(max_records, 1)) {}

std::optional<v1::CreditingDataChunk> ChunkCursor::Next() {
  const size_t total = data_.sellers.size() + data_.lines.size() +
                       data_.account_territories.size() + data_.coverage.size() +
                       data_.products.size();
  if (started_ && position_ >= total) return std::nullopt;
  v1::CreditingDataChunk chunk;
  if (!started_) chunk.mutable_snapshot()->set_sequence(data_.sequence);
  started_ = true;
  const size_t end = std::min(total, position_ + max_records_);
  size_t offset = 0;
  AppendWindow(data_.sellers, &offset, position_, end, chunk);
  AppendWindow(data_.lines, &offset, position_, end, chunk);
  AppendWindow(data_.account_territories, &offset, position_, end, chunk);
  AppendWindow(data_.coverage, &offset, position_, end, chunk);
  AppendWindow(data_.products, &offset, position_, end, chunk);
  position_ = end;
  return chunk;
}

}  // namespace attain::planning::crediting

// ExportCreditingData's protobuf side: the request range and the export cut into bounded
// chunks, the first carrying the snapshot marker.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/errors/errors.h"
#include "services/planning/crediting/crediting_export.h"
#include "services/planning/crediting/crediting_proto.h"

namespace attain::planning::crediting {
namespace {

absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }

money::Decimal Dec(const char* text) { return *money::Decimal::Parse(text); }

// 3 sellers, 2 lines, 1 account territory, 2 coverage rows and 3 products: 11 records.
CreditingData Sample() {
  CreditingData data;
  data.sequence = 42;
  data.sellers = {{"mgr", "Sales Manager", D(2024, 1, 1), std::nullopt},
                  {"rep-a", "Account Executive", D(2024, 1, 1), D(2026, 9, 30)},
                  {"rep-b", "Account Executive", D(2026, 3, 15), std::nullopt}};
  data.lines = {{"rep-a", "mgr", {D(2026, 1, 1), D(2026, 6, 30)}},
                {"rep-b", "mgr", {D(2026, 3, 15), D(2026, 12, 31)}}};
  data.account_territories = {{"acc-1", "NAMED_ACCOUNT", "west", {D(2026, 1, 1), D(2026, 5, 31)}}};
  data.coverage = {{"west", "rep-a", "PRIMARY", Dec("0.6"), {D(2026, 1, 1), D(2026, 12, 31)}},
                   {"west", "rep-b", "OVERLAY", Dec("0.333333"), {D(2026, 3, 15), D(2026, 12, 31)}}};
  data.products = {{"p1", "Analytics"}, {"p2", "Analytics"}, {"p3", "Storage"}};
  return data;
}

std::vector<v1::CreditingDataChunk> Drain(ChunkCursor cursor) {
  std::vector<v1::CreditingDataChunk> chunks;
  while (auto chunk = cursor.Next()) chunks.push_back(*std::move(chunk));
  return chunks;
}

int Records(const v1::CreditingDataChunk& c) {
  return c.sellers_size() + c.reporting_lines_size() + c.account_territories_size() +
         c.coverage_size() + c.products_size();
}

TEST(CreditingChunksTest, ChunksHoldAtMostTheLimitInKindOrderAndOnlyTheFirstHasTheSnapshot) {
  const std::vector<v1::CreditingDataChunk> chunks = Drain(ChunkCursor(Sample(), 4));
  ASSERT_EQ(chunks.size(), 3u);  // 4 + 4 + 3 records
  EXPECT_TRUE(chunks[0].has_snapshot());
  EXPECT_EQ(chunks[0].snapshot().sequence(), 42);
  EXPECT_FALSE(chunks[1].has_snapshot());
  EXPECT_FALSE(chunks[2].has_snapshot());
  // [mgr rep-a rep-b | line] [line | acc-1 | cov cov] [p1 p2 p3]
  EXPECT_EQ(chunks[0].sellers_size(), 3);
  EXPECT_EQ(chunks[0].reporting_lines_size(), 1);
  EXPECT_EQ(chunks[0].reporting_lines(0).seller_id(), "rep-a");
  EXPECT_EQ(chunks[1].reporting_lines_size(), 1);
  EXPECT_EQ(chunks[1].reporting_lines(0).seller_id(), "rep-b");
  EXPECT_EQ(chunks[1].account_territories_size(), 1);
  EXPECT_EQ(chunks[1].coverage_size(), 2);
  EXPECT_EQ(chunks[2].products_size(), 3);
  EXPECT_EQ(Records(chunks[0]), 4);
  EXPECT_EQ(Records(chunks[1]), 4);
  EXPECT_EQ(Records(chunks[2]), 3);
}

TEST(CreditingChunksTest, RecordsConvertExactly) {
  const std::vector<v1::CreditingDataChunk> chunks = Drain(ChunkCursor(Sample()));
  ASSERT_EQ(chunks.size(), 1u);
  const v1::CreditingDataChunk& c = chunks[0];
  EXPECT_EQ(c.sellers(0).title(), "Sales Manager");
  EXPECT_EQ(c.sellers(0).termination_date(), "");
  EXPECT_EQ(c.sellers(1).hire_date(), "2024-01-01");
  EXPECT_EQ(c.sellers(1).termination_date(), "2026-09-30");
  EXPECT_EQ(c.reporting_lines(1).manager_id(), "mgr");
  EXPECT_EQ(c.reporting_lines(1).start_date(), "2026-03-15");
  EXPECT_EQ(c.reporting_lines(1).end_date(), "2026-12-31");
  EXPECT_EQ(c.account_territories(0).account_id(), "acc-1");
  EXPECT_EQ(c.account_territories(0).territory_id(), "west");
  EXPECT_EQ(c.account_territories(0).territory_type(), v1::TERRITORY_TYPE_NAMED_ACCOUNT);
  EXPECT_EQ(c.account_territories(0).end_date(), "2026-05-31");
  EXPECT_EQ(c.coverage(0).role(), v1::SELLER_ROLE_PRIMARY);
  EXPECT_EQ(c.coverage(0).split_fraction(), "0.6");
  EXPECT_EQ(c.coverage(1).role(), v1::SELLER_ROLE_OVERLAY);
  EXPECT_EQ(c.coverage(1).split_fraction(), "0.333333");
  EXPECT_EQ(c.coverage(1).start_date(), "2026-03-15");
  EXPECT_EQ(c.products(2).product_id(), "p3");
  EXPECT_EQ(c.products(2).family(), "Storage");
}

TEST(CreditingChunksTest, AnEmptyExportIsOneChunkWithTheSnapshot) {
  CreditingData empty;
  empty.sequence = 7;
  const std::vector<v1::CreditingDataChunk> chunks = Drain(ChunkCursor(std::move(empty)));
  ASSERT_EQ(chunks.size(), 1u);
  EXPECT_EQ(chunks[0].snapshot().sequence(), 7);
  EXPECT_EQ(Records(chunks[0]), 0);
}

TEST(CreditingChunksTest, TheDefaultLimitIsTenThousandRecords) {
  CreditingData data;
  for (int i = 0; i < 25'000; ++i) data.products.push_back({"p" + std::to_string(i), "F"});
  const std::vector<v1::CreditingDataChunk> chunks = Drain(ChunkCursor(std::move(data)));
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[0].products_size(), 10'000);
  EXPECT_EQ(chunks[1].products_size(), 10'000);
  EXPECT_EQ(chunks[2].products_size(), 5'000);
  EXPECT_EQ(chunks[2].products(4'999).product_id(), "p24999");
}

TEST(CreditingChunksTest, RecordsSortByIdsThenFirstDay) {
  CreditingData data;
  data.sellers = {{"b", "", D(2024, 1, 1), std::nullopt}, {"a", "", D(2024, 1, 1), std::nullopt}};
  data.lines = {{"rep", "m2", {D(2026, 4, 1), D(2026, 6, 30)}},
                {"rep", "m1", {D(2026, 1, 1), D(2026, 3, 31)}}};
  data.coverage = {{"t", "s", "PRIMARY", Dec("1"), {D(2026, 5, 1), D(2026, 6, 30)}},
                   {"t", "s", "OVERLAY", Dec("1"), {D(2026, 1, 1), D(2026, 6, 30)}},
                   {"t", "s", "PRIMARY", Dec("1"), {D(2026, 1, 1), D(2026, 4, 30)}}};
  SortRecords(data);
  EXPECT_EQ(data.sellers[0].seller_id, "a");
  EXPECT_EQ(data.lines[0].manager_id, "m1");
  EXPECT_EQ(data.coverage[0].role, "OVERLAY");
  EXPECT_EQ(data.coverage[1].when.first, D(2026, 1, 1));
  EXPECT_EQ(data.coverage[2].when.first, D(2026, 5, 1));
}

TEST(CreditingRangeTest, BothDatesAreRequiredAndOrdered) {
  v1::ExportCreditingDataRequest request;
  request.set_start_date("2026-01-01");
  request.set_end_date("2026-12-31");
  auto range = RangeOf(request);
  ASSERT_TRUE(range.ok());
  EXPECT_EQ(*range, (DaySpan{D(2026, 1, 1), D(2026, 12, 31)}));

  request.set_end_date("2025-12-31");
  EXPECT_EQ(errors::FieldViolationsOf(RangeOf(request).status()).at(0).field, "end_date");
  request.set_end_date("2026-02-30");
  EXPECT_EQ(errors::FieldViolationsOf(RangeOf(request).status()).at(0).field, "end_date");
  request.set_end_date("2026-12-31");
  request.clear_start_date();
  EXPECT_EQ(RangeOf(request).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(errors::FieldViolationsOf(RangeOf(request).status()).at(0).field, "start_date");
}

}  // namespace
}  // namespace attain::planning::crediting

// The Redis entries of the statement reads (keys, and values that survive any bytes), and
// the list page sizes.
#include <gtest/gtest.h>

#include "attain/compensation/v1/calculation.pb.h"
#include "common/errors/errors.h"
#include "services/compensation/statements/paging.h"
#include "services/compensation/statements/statement_cache.h"

namespace attain::compensation::statements {
namespace {

TEST(StatementsCacheTest, KeysNameThePeriodAndTheSellersPublishedStatement) {
  EXPECT_EQ(PublishedKey("2026-Q4"), "published:2026-Q4");
  EXPECT_EQ(StatementKey("2026-Q4", "rep-001"), "published-statement:2026-Q4:rep-001");
  // A fiscal year's label is all digits: the key still cannot be a run-keyed one's
  // ("statement:{run_id}:{seller}", what earlier versions wrote).
  EXPECT_EQ(StatementKey("2026", "rep-001"), "published-statement:2026:rep-001");
}

TEST(StatementsCacheTest, PublishedRunRoundTripsAndGarbageIsAMiss) {
  EXPECT_EQ(EncodePublished({17, 3}), "17:3");
  EXPECT_EQ(DecodePublished("17:3"), (PublishedRun{17, 3}));
  for (const char* bad : {"", "17", "17:", ":3", "x:3", "17:3x", "0:1", "5:0", "-5:1"}) {
    EXPECT_EQ(DecodePublished(bad), std::nullopt) << bad;
  }
}

TEST(StatementsCacheTest, StatementEntryKeepsRunManagersAndAnyBodyBytes) {
  StatementEntry entry;
  entry.run_id = 42;
  entry.record.managers = {"mgr-1", "vp.2", ""};
  entry.record.body = std::string("\n3:ab\0\xff:", 8);  // looks like the header, has a NUL
  const std::string encoded = EncodeStatement(entry);
  EXPECT_EQ(encoded, std::string("42\n3\n5:mgr-14:vp.20:\n3:ab\0\xff:", 28));
  EXPECT_EQ(DecodeStatement(encoded), entry);

  const StatementEntry empty{.run_id = 7};
  EXPECT_EQ(EncodeStatement(empty), "7\n0\n");
  EXPECT_EQ(DecodeStatement("7\n0\n"), empty);

  // Run ids past 32 bits survive.
  const StatementEntry large{.run_id = 123456789012345678};
  EXPECT_EQ(DecodeStatement(EncodeStatement(large)), large);
}

TEST(StatementsCacheTest, MalformedStatementEntriesAreMisses) {
  for (const char* bad : {"", "\n", "5\n", "x\n0\n", "0\n0\n", "-5\n0\n", "5\n\n", "5\nx\n",
                          "5\n1\n", "5\n1\n9:short", "5\n2\n1:a", "5\n1\nx:a", "5\n1\n:a",
                          "5\n12345678901\n", "1234567890123456789\n0\n"}) {
    EXPECT_EQ(DecodeStatement(bad), std::nullopt) << bad;
  }
}

TEST(StatementsCacheTest, OnlyAnEntryOfTheGivenRunIsServed) {
  const StatementEntry entry{.run_id = 42, .record = {.managers = {"mgr-1"}, .body = "body"}};
  EXPECT_EQ(CachedStatementOfRun(EncodeStatement(entry), 42), entry.record);
  // A later run was published (43), or a reader that loaded the pointer before it moved put
  // the old one back (41): either way the caller loads that run's statement instead.
  EXPECT_EQ(CachedStatementOfRun(EncodeStatement(entry), 41), std::nullopt);
  EXPECT_EQ(CachedStatementOfRun(EncodeStatement(entry), 43), std::nullopt);
  EXPECT_EQ(CachedStatementOfRun(std::nullopt, 42), std::nullopt);
  EXPECT_EQ(CachedStatementOfRun("garbage", 42), std::nullopt);
}

TEST(StatementsPagingTest, PageSizeDefaultsAndClamps) {
  EXPECT_EQ(PageSize(0, 50, 500).value(), 50);
  EXPECT_EQ(PageSize(7, 50, 500).value(), 7);
  EXPECT_EQ(PageSize(501, 50, 500).value(), 500);
  const absl::Status negative = PageSize(-1, 50, 500).status();
  EXPECT_EQ(negative.code(), absl::StatusCode::kInvalidArgument);
  ASSERT_EQ(errors::FieldViolationsOf(negative).size(), 1u);
  EXPECT_EQ(errors::FieldViolationsOf(negative)[0].field, "page_size");
}

TEST(StatementsPagingTest, FingerprintIgnoresOnlyPagingFields) {
  v1::ListStatementsRequest first;
  first.set_period("2026-Q4");
  v1::ListStatementsRequest later = first;
  later.set_page_size(10);
  later.set_page_token("abc");
  EXPECT_EQ(FilterFingerprint(first), FilterFingerprint(later));
  v1::ListStatementsRequest other = first;
  other.set_period("2026-Q3");
  EXPECT_NE(FilterFingerprint(first), FilterFingerprint(other));
}

}  // namespace
}  // namespace attain::compensation::statements

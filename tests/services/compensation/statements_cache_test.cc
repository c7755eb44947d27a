// The Redis entries of the statement reads (keys, and values that survive any bytes), and
// the list page sizes.
#include <gtest/gtest.h>

#include "attain/compensation/v1/calculation.pb.h"
#include "common/errors/errors.h"
#include "services/compensation/statements/paging.h"
#include "services/compensation/statements/statement_cache.h"

namespace attain::compensation::statements {
namespace {

TEST(StatementsCacheTest, KeysNameThePeriodAndTheRunsStatement) {
  EXPECT_EQ(PublishedKey("2026-Q4"), "published:2026-Q4");
  EXPECT_EQ(StatementKey(42, "rep-001"), "statement:42:rep-001");
}

TEST(StatementsCacheTest, PublishedRunRoundTripsAndGarbageIsAMiss) {
  EXPECT_EQ(EncodePublished({17, 3}), "17:3");
  EXPECT_EQ(DecodePublished("17:3"), (PublishedRun{17, 3}));
  for (const char* bad : {"", "17", "17:", ":3", "x:3", "17:3x", "0:1", "5:0", "-5:1"}) {
    EXPECT_EQ(DecodePublished(bad), std::nullopt) << bad;
  }
}

TEST(StatementsCacheTest, StatementEntryKeepsManagersAndAnyBodyBytes) {
  StatementRecord record;
  record.managers = {"mgr-1", "vp.2", ""};
  record.body = std::string("\n3:ab\0\xff:", 8);  // looks like the header, has a NUL
  const std::string encoded = EncodeStatement(record);
  EXPECT_EQ(encoded, std::string("3\n5:mgr-14:vp.20:\n3:ab\0\xff:", 25));
  EXPECT_EQ(DecodeStatement(encoded), record);

  const StatementRecord empty;
  EXPECT_EQ(EncodeStatement(empty), "0\n");
  EXPECT_EQ(DecodeStatement("0\n"), empty);
}

TEST(StatementsCacheTest, MalformedStatementEntriesAreMisses) {
  for (const char* bad :
       {"", "\n", "x\n", "1\n", "1\n9:short", "2\n1:a", "1\nx:a", "1\n:a", "12345678901\n"}) {
    EXPECT_EQ(DecodeStatement(bad), std::nullopt) << bad;
  }
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

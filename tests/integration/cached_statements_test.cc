// GetStatement's Redis entries (services/compensation/statements/statement_cache.h), looked
// at and tampered with in Redis itself: the published pointer, and the seller's statement
// entry, keyed by period and tagged with its run. A rerun invalidates only the pointer; an
// entry of another run is never served, whoever wrote it.
#include <gtest/gtest.h>

#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/cache/redis.h"
#include "tests/integration/calculation_fixture.h"

namespace attain::itest {
namespace {

class CachedStatementsTest : public CalculationFixture {
 protected:
  void SetUp() override {
    CalculationFixture::SetUp();
    if (HasFatalFailure()) return;
    cache::RedisOptions options;
    options.port = stack().redis_port();
    options.connections = 1;
    redis_ = std::make_unique<cache::RedisClient>(options);
  }

  // The compensation service's keys (common/cache namespaces them "attain:<service>:").
  static std::string PointerKey(const std::string& period) {
    return absl::StrCat("attain:compensation:published:", period);
  }
  static std::string EntryKey(const std::string& period, const std::string& seller) {
    return absl::StrCat("attain:compensation:published-statement:", period, ":", seller);
  }

  // The value of `key`, nullopt when there is none (or Redis failed: the test then fails).
  std::optional<std::string> RedisGet(const std::string& key) {
    auto reply = redis_->Command({"GET", key});
    EXPECT_TRUE(reply.ok()) << reply.status();
    if (!reply.ok() || reply->type != cache::RedisReply::Type::kString) return std::nullopt;
    return reply->str;
  }

  void RedisSet(const std::string& key, const std::string& value) {
    auto reply = redis_->Command({"SET", key, value});
    ASSERT_TRUE(reply.ok()) << reply.status();
  }

  // Reads the rep's statement of `period`, expecting `run`'s with `total`: then the cached
  // pointer names that run. Returns the rep's cached statement entry.
  std::optional<std::string> ReadAndExpect(const std::string& period, const v1::CalculationRun& run,
                                           const std::string& total) {
    v1::Statement statement;
    EXPECT_TRUE(HasCode(GetStatement(rep_, period, &statement), grpc::StatusCode::OK));
    EXPECT_EQ(statement.total(), total);
    EXPECT_EQ(statement.run(), run.name());
    const std::optional<std::string> pointer = RedisGet(PointerKey(period));
    // "{run_id}:{run_number}"
    EXPECT_TRUE(pointer && absl::EndsWith(*pointer, absl::StrCat(":", run.run_number())))
        << pointer.value_or("(none)");
    return RedisGet(EntryKey(period, rep_));
  }

  std::unique_ptr<cache::RedisClient> redis_;
};

TEST_F(CachedStatementsTest, RerunMovesOnlyThePointerAndAnEntryOfAnotherRunIsNeverServed) {
  const std::string period = "2035-11";
  CreatePlan(period);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_TRUE(HasCode(Import({{"C-1", "2035-11-07", "2000"}}), grpc::StatusCode::OK));
  const v1::CalculationRun first = RunToEnd(period);
  ASSERT_EQ(first.state(), v1::CALCULATION_RUN_STATE_SUCCEEDED) << first.DebugString();
  // 2000 x 5 % = 100, plus one SPIF deal 250. The read fills both entries.
  const std::optional<std::string> first_entry = ReadAndExpect(period, first, "350.00");
  ASSERT_TRUE(first_entry.has_value());

  // A late order joins the rerun: 3000 x 5 % = 150, plus two SPIF deals 500.
  ASSERT_TRUE(HasCode(Import({{"C-2", "2035-11-12", "1000"}}), grpc::StatusCode::OK));
  const v1::CalculationRun second = RunToEnd(period);
  ASSERT_EQ(second.state(), v1::CALCULATION_RUN_STATE_SUCCEEDED) << second.DebugString();
  // Publishing deletes the pointer (right after its transaction commits, so possibly just
  // after the run reads SUCCEEDED) and leaves the first run's statement entry in place.
  EXPECT_TRUE(PollUntil(std::chrono::seconds(10),
                        [&] { return !RedisGet(PointerKey(period)).has_value(); }));
  EXPECT_EQ(RedisGet(EntryKey(period, rep_)), first_entry);

  const std::optional<std::string> second_entry = ReadAndExpect(period, second, "650.00");
  ASSERT_TRUE(second_entry.has_value());
  EXPECT_NE(second_entry, first_entry);

  // A slow reader of the first run writes its entry back after the rerun: the pointer names
  // the second run, so the read loads that run's statement and replaces the entry.
  RedisSet(EntryKey(period, rep_), *first_entry);
  EXPECT_EQ(ReadAndExpect(period, second, "650.00"), second_entry);
}

}  // namespace
}  // namespace attain::itest

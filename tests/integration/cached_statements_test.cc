// GetStatement's Redis entries (services/compensation/statements/statement_cache.h), looked
// at and tampered with in Redis itself: the published pointer, and the seller's statement
// entry, keyed by period and tagged with its run. A rerun invalidates only the pointer; an
// entry of another run is never served, whoever wrote it. GetStatement answers with the
// stored bytes (a raw handler that never parses a cached statement): a hit is the statement
// the miss served, and every check of the typed reads runs on both paths.
#include <gtest/gtest.h>

#include <google/protobuf/util/message_differencer.h>

#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/cache/redis.h"
#include "common/errors/errors.h"
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

  // Empties the cache of `period`'s reads of the rep: the next read is a miss.
  void ForgetCached(const std::string& period) {
    auto reply = redis_->Command({"DEL", PointerKey(period), EntryKey(period, rep_)});
    ASSERT_TRUE(reply.ok()) << reply.status();
  }

  // A published run of `period` with the rep's 350.00 statement (2000 x 5 % = 100, plus one
  // SPIF deal 250) and the manager's.
  void PublishOneOrder(const std::string& period, const std::string& date) {
    CreatePlan(period);
    ASSERT_FALSE(HasFatalFailure());
    ASSERT_TRUE(HasCode(Import({{UniqueId("O"), date, "2000"}}), grpc::StatusCode::OK));
    ASSERT_EQ(RunToEnd(period).state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  }

  static bool IsOutsideScope(const grpc::Status& status) {
    return status.error_code() == grpc::StatusCode::PERMISSION_DENIED &&
           errors::ReasonOf(errors::FromGrpcStatus(status)) == "OUTSIDE_CALLER_SCOPE";
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

  // How many MGETs Redis has run so far (INFO commandstats).
  int64_t MgetCalls() {
    auto reply = redis_->Command({"INFO", "commandstats"});
    EXPECT_TRUE(reply.ok()) << reply.status();
    if (!reply.ok()) return -1;
    const std::string marker = "cmdstat_mget:calls=";
    const size_t at = reply->str.find(marker);
    if (at == std::string::npos) return 0;
    return std::stoll(reply->str.substr(at + marker.size()));
  }

  std::unique_ptr<cache::RedisClient> redis_;
};

// The service keeps the statements it reads in process (common/cache/near_cache.h) and
// serves them without a Redis round trip until Redis announces a change to their entries: a
// statement entry rewritten in Redis by anyone is what the very next read serves.
TEST_F(CachedStatementsTest, AStatementHeldInProcessIsServedUntilRedisAnnouncesAChange) {
  const std::string period = "2041-02";
  PublishOneOrder(period, "2041-02-04");
  ASSERT_FALSE(HasFatalFailure());
  v1::Statement first;
  ASSERT_TRUE(HasCode(GetStatement(rep_, period, &first), grpc::StatusCode::OK));
  EXPECT_EQ(first.total(), "350.00");
  const std::optional<std::string> entry = RedisGet(EntryKey(period, rep_));
  ASSERT_TRUE(entry.has_value());
  // Held once read: a read that costs Redis nothing comes soon (the first reads may still
  // go to Redis while the invalidations of the entries' own writes cross them).
  v1::Statement again;
  int reads = 0;
  ASSERT_TRUE(PollUntil(std::chrono::seconds(10), [&] {
    const int64_t mgets = MgetCalls();
    ++reads;
    return HasCode(GetStatement(rep_, period, &again), grpc::StatusCode::OK) && MgetCalls() == mgets;
  })) << reads << " reads";
  const int64_t before = MgetCalls();
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(HasCode(GetStatement(rep_, period, &again), grpc::StatusCode::OK));
    EXPECT_EQ(again.SerializeAsString(), first.SerializeAsString());
  }
  EXPECT_EQ(MgetCalls(), before);

  // The entry rewritten in Redis (the same run, another body): the next read serves it.
  v1::Statement changed = first;
  changed.set_total("999.99");
  const std::string body = first.SerializeAsString();
  ASSERT_TRUE(absl::EndsWith(*entry, body));
  RedisSet(EntryKey(period, rep_), entry->substr(0, entry->size() - body.size()) +
                                       changed.SerializeAsString());
  ASSERT_TRUE(HasCode(GetStatement(rep_, period, &again), grpc::StatusCode::OK));
  EXPECT_EQ(again.total(), "999.99");
  EXPECT_EQ(MgetCalls(), before + 1);
  // And it is held in turn.
  ASSERT_TRUE(HasCode(GetStatement(rep_, period, &again), grpc::StatusCode::OK));
  EXPECT_EQ(again.total(), "999.99");
  EXPECT_EQ(MgetCalls(), before + 1);

  // Deleted in Redis: the next read loads the published statement from PostgreSQL again.
  ForgetCached(period);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_TRUE(HasCode(GetStatement(rep_, period, &again), grpc::StatusCode::OK));
  EXPECT_EQ(again.total(), "350.00");
}

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

TEST_F(CachedStatementsTest, HitServesTheStatementTheMissServedByteForByte) {
  const std::string period = "2035-09";
  PublishOneOrder(period, "2035-09-04");
  ASSERT_FALSE(HasFatalFailure());
  const std::string rep_token = Token(rep_, {"rep"});
  ForgetCached(period);
  ASSERT_FALSE(HasFatalFailure());
  v1::Statement missed;
  ASSERT_TRUE(HasCode(GetStatement(rep_, period, &missed, rep_token), grpc::StatusCode::OK));
  EXPECT_EQ(missed.total(), "350.00");
  EXPECT_EQ(missed.name(), absl::StrCat("periods/", period, "/statements/", rep_));
  const std::optional<std::string> entry = RedisGet(EntryKey(period, rep_));
  ASSERT_TRUE(entry.has_value());

  v1::Statement hit;
  ASSERT_TRUE(HasCode(GetStatement(rep_, period, &hit, rep_token), grpc::StatusCode::OK));
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(hit, missed))
      << hit.DebugString() << "\nvs\n" << missed.DebugString();
  // The reply is the stored body itself: the entry ends with it (after its run and managers).
  EXPECT_TRUE(absl::EndsWith(*entry, hit.SerializeAsString()));
  EXPECT_EQ(RedisGet(EntryKey(period, rep_)), entry);  // a hit rewrites nothing
}

TEST_F(CachedStatementsTest, CachedAndUncachedReadsAreNarrowedToTheCallersScope) {
  const std::string period = "2035-10";
  PublishOneOrder(period, "2035-10-06");
  ASSERT_FALSE(HasFatalFailure());
  const std::string rep_token = Token(rep_, {"rep"});
  const std::string mgr_token = Token(mgr_, {"manager"});
  const std::string outsider_token = Token(outsider_, {"manager"});
  const std::string finance_token = Token(UniqueId("fin"), {"finance"});
  v1::Statement statement;

  // Refused on a miss (nothing cached yet) and on the hit that follows the miss below.
  ForgetCached(period);
  ASSERT_FALSE(HasFatalFailure());
  EXPECT_TRUE(IsOutsideScope(GetStatement(rep_, period, &statement, outsider_token)));
  EXPECT_TRUE(RedisGet(EntryKey(period, rep_)).has_value());  // the refused read filled it
  for (const char* pass : {"after a miss", "cached"}) {
    SCOPED_TRACE(pass);
    EXPECT_TRUE(IsOutsideScope(GetStatement(rep_, period, &statement, outsider_token)));
    EXPECT_TRUE(IsOutsideScope(GetStatement(mgr_, period, &statement, rep_token)));
    // A rep asking for a seller without a statement learns nothing about who has one.
    EXPECT_TRUE(IsOutsideScope(GetStatement(outsider_, period, &statement, rep_token)));
    statement.Clear();
    EXPECT_TRUE(HasCode(GetStatement(rep_, period, &statement, rep_token), grpc::StatusCode::OK));
    EXPECT_EQ(statement.total(), "350.00");
    statement.Clear();
    EXPECT_TRUE(HasCode(GetStatement(rep_, period, &statement, mgr_token), grpc::StatusCode::OK));
    EXPECT_EQ(statement.total(), "350.00");
    statement.Clear();
    EXPECT_TRUE(
        HasCode(GetStatement(rep_, period, &statement, finance_token), grpc::StatusCode::OK));
    EXPECT_EQ(statement.total(), "350.00");
  }
}

TEST_F(CachedStatementsTest, UnknownStatementsAndBadRequestsGetTheTypedReadsErrors) {
  const std::string period = "2035-12";  // no test publishes a run of it
  PublishOneOrder("2035-01", "2035-01-10");
  ASSERT_FALSE(HasFatalFailure());
  const std::string rep_token = Token(rep_, {"rep"});
  v1::Statement statement;
  // The outsider is paid by no plan: the published run has no statement of theirs.
  EXPECT_TRUE(HasCode(GetStatement(outsider_, "2035-01", &statement), grpc::StatusCode::NOT_FOUND));
  EXPECT_TRUE(
      HasCode(GetStatement(rep_, period, &statement, rep_token), grpc::StatusCode::NOT_FOUND));
  EXPECT_TRUE(HasCode(GetStatement(UniqueId("nobody"), "2035-01", &statement),
                      grpc::StatusCode::NOT_FOUND));
  EXPECT_TRUE(IsInvalidField(GetStatement("", "2035-01", &statement), "seller_id"));
  EXPECT_TRUE(IsInvalidField(GetStatement("no spaces", "2035-01", &statement), "seller_id"));
  EXPECT_TRUE(IsInvalidField(GetStatement(rep_, "2035-13", &statement), "period"));
  EXPECT_TRUE(IsInvalidField(GetStatement(rep_, "", &statement, rep_token), "period"));
}

}  // namespace
}  // namespace attain::itest

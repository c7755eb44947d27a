// Planning's organization as the calculation reads it: the ExportCreditingData stream turned
// into a PlanningSnapshot, its deterministic serialization, and PlanningSource against an
// in-process fake planning server (caching on the event sequence, errors, quota batches).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/errors/errors.h"
#include "services/compensation/calculation/planning_snapshot.h"

namespace attain::compensation::calculation {
namespace {

namespace pv1 = planning::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }
money::Decimal Dec(const char* text) { return *money::Decimal::Parse(text); }

// Two chunks as planning sends them: the marker and the sellers first, the rest after.
std::vector<pv1::CreditingDataChunk> Stream(int64_t sequence = 41) {
  std::vector<pv1::CreditingDataChunk> chunks(2);
  chunks[0].mutable_snapshot()->set_sequence(sequence);
  pv1::CreditingSeller* mgr = chunks[0].add_sellers();
  mgr->set_seller_id("mgr");
  mgr->set_title("Sales Manager");
  mgr->set_hire_date("2024-01-01");
  pv1::CreditingSeller* rep = chunks[0].add_sellers();
  rep->set_seller_id("rep");
  rep->set_title("Account Executive");
  rep->set_hire_date("2024-01-01");
  rep->set_termination_date("2026-09-30");
  pv1::CreditingReportingLine* line = chunks[1].add_reporting_lines();
  line->set_seller_id("rep");
  line->set_manager_id("mgr");
  line->set_start_date("2026-01-01");
  line->set_end_date("2026-06-30");
  pv1::CreditingAccountTerritory* named = chunks[1].add_account_territories();
  named->set_account_id("acc-1");
  named->set_territory_id("west");
  named->set_territory_type(pv1::TERRITORY_TYPE_NAMED_ACCOUNT);
  named->set_start_date("2026-01-01");
  named->set_end_date("2026-12-31");
  pv1::CreditingAccountTerritory* overlay = chunks[1].add_account_territories();
  overlay->set_account_id("acc-1");
  overlay->set_territory_id("software");
  overlay->set_territory_type(pv1::TERRITORY_TYPE_OVERLAY);
  overlay->set_start_date("2026-03-01");
  overlay->set_end_date("2026-12-31");
  pv1::CreditingCoverage* primary = chunks[1].add_coverage();
  primary->set_territory_id("west");
  primary->set_seller_id("rep");
  primary->set_role(pv1::SELLER_ROLE_PRIMARY);
  primary->set_split_fraction("0.6");
  primary->set_start_date("2026-01-01");
  primary->set_end_date("2026-12-31");
  pv1::CreditingCoverage* specialist = chunks[1].add_coverage();
  specialist->set_territory_id("software");
  specialist->set_seller_id("mgr");
  specialist->set_role(pv1::SELLER_ROLE_OVERLAY);
  specialist->set_split_fraction("1");
  specialist->set_start_date("2026-03-01");
  specialist->set_end_date("2026-12-31");
  pv1::CreditingProduct* product = chunks[1].add_products();
  product->set_product_id("p1");
  product->set_family("Analytics");
  return chunks;
}

TEST(PlanningSnapshotTest, TheStreamConvertsExactly) {
  const std::vector<pv1::CreditingDataChunk> chunks = Stream();
  auto snapshot = SnapshotFromChunks(chunks);
  ASSERT_TRUE(snapshot.ok()) << snapshot.status();
  EXPECT_EQ(snapshot->sequence, 41);
  EXPECT_THAT(snapshot->sellers,
              ElementsAre(PlanningSnapshot::Seller{"mgr", "Sales Manager"},
                          PlanningSnapshot::Seller{"rep", "Account Executive"}));
  EXPECT_THAT(snapshot->lines,
              ElementsAre(PlanningSnapshot::Line{"rep", "mgr", D(2026, 1, 1), D(2026, 6, 30)}));
  EXPECT_THAT(snapshot->account_territories,
              ElementsAre(PlanningSnapshot::AccountTerritory{"acc-1", "west", false, D(2026, 1, 1),
                                                             D(2026, 12, 31)},
                          PlanningSnapshot::AccountTerritory{"acc-1", "software", true,
                                                             D(2026, 3, 1), D(2026, 12, 31)}));
  EXPECT_THAT(snapshot->coverage,
              ElementsAre(PlanningSnapshot::Cover{"west", "rep", Dec("0.6"), false, D(2026, 1, 1),
                                                  D(2026, 12, 31)},
                          PlanningSnapshot::Cover{"software", "mgr", Dec("1"), true, D(2026, 3, 1),
                                                  D(2026, 12, 31)}));
  EXPECT_THAT(snapshot->product_families, ElementsAre(Pair("p1", "Analytics")));
}

TEST(PlanningSnapshotTest, AnEmptyEndDateIsOpenEnded) {
  std::vector<pv1::CreditingDataChunk> chunks = Stream();
  chunks[1].mutable_reporting_lines(0)->clear_end_date();
  auto snapshot = SnapshotFromChunks(chunks);
  ASSERT_TRUE(snapshot.ok()) << snapshot.status();
  EXPECT_EQ(snapshot->lines[0].last, std::nullopt);
}

TEST(PlanningSnapshotTest, MalformedStreamsAreInternalErrorsNamingTheRecord) {
  EXPECT_EQ(SnapshotFromChunks({}).status().code(), absl::StatusCode::kInternal);

  std::vector<pv1::CreditingDataChunk> no_marker = Stream();
  no_marker[0].clear_snapshot();
  EXPECT_THAT(SnapshotFromChunks(no_marker).status().message(), HasSubstr("snapshot marker"));

  std::vector<pv1::CreditingDataChunk> bad_fraction = Stream();
  bad_fraction[1].mutable_coverage(1)->set_split_fraction("0.33333333");  // 8 digits
  auto status = SnapshotFromChunks(bad_fraction).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(status.message(), HasSubstr("coverage 1 has a malformed split_fraction"));

  std::vector<pv1::CreditingDataChunk> bad_role = Stream();
  bad_role[1].mutable_coverage(0)->set_role(pv1::SELLER_ROLE_UNSPECIFIED);
  EXPECT_THAT(SnapshotFromChunks(bad_role).status().message(), HasSubstr("coverage 0"));

  std::vector<pv1::CreditingDataChunk> bad_date = Stream();
  bad_date[1].mutable_account_territories(1)->set_start_date("2026-02-30");
  EXPECT_THAT(SnapshotFromChunks(bad_date).status().message(),
              HasSubstr("account territory 1 has a malformed start_date '2026-02-30'"));
}

TEST(PlanningSnapshotTest, AMalformedChunkAppendsNothing) {
  PlanningSnapshot snapshot;
  std::vector<pv1::CreditingDataChunk> chunks = Stream();
  ASSERT_TRUE(AppendChunk(chunks[0], true, &snapshot).ok());
  chunks[1].mutable_coverage(1)->set_start_date("");
  EXPECT_FALSE(AppendChunk(chunks[1], false, &snapshot).ok());
  EXPECT_EQ(snapshot.sellers.size(), 2u);
  EXPECT_TRUE(snapshot.lines.empty());
  EXPECT_TRUE(snapshot.coverage.empty());
}

TEST(PlanningSnapshotTest, SerializationRoundTripsWithIdenticalBytes) {
  auto snapshot = SnapshotFromChunks(Stream());
  ASSERT_TRUE(snapshot.ok());
  snapshot->lines.push_back({"mgr", "vp", D(2026, 7, 1), std::nullopt});
  const std::string bytes = SerializeSnapshot(*snapshot);
  const PlanningSnapshot copy = *snapshot;
  EXPECT_EQ(SerializeSnapshot(copy), bytes);
  auto parsed = ParseSnapshot(bytes);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, *snapshot);
  EXPECT_EQ(SerializeSnapshot(*parsed), bytes);
}

TEST(PlanningSnapshotTest, AnEmptySnapshotRoundTrips) {
  PlanningSnapshot empty;
  auto parsed = ParseSnapshot(SerializeSnapshot(empty));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, empty);
}

TEST(PlanningSnapshotTest, BytesThatAreNotASnapshotAreDataLoss) {
  EXPECT_EQ(ParseSnapshot("\xff\xff\xff").status().code(), absl::StatusCode::kDataLoss);
  // Parses as a message but has no snapshot marker.
  EXPECT_EQ(ParseSnapshot("").status().code(), absl::StatusCode::kDataLoss);
}

// What the fake planning server answers and what it was asked.
struct FakeState {
  absl::Mutex mu;
  int64_t sequence ABSL_GUARDED_BY(mu) = 41;
  int exports ABSL_GUARDED_BY(mu) = 0;
  int plan_calls ABSL_GUARDED_BY(mu) = 0;
  std::vector<int> quota_batch_sizes ABSL_GUARDED_BY(mu);
  std::vector<std::string> quota_as_of ABSL_GUARDED_BY(mu);
  pv1::ExportCreditingDataRequest last_export ABSL_GUARDED_BY(mu);
  std::vector<std::string> authorizations ABSL_GUARDED_BY(mu);
  grpc::Status export_status ABSL_GUARDED_BY(mu);
  std::string bad_fraction ABSL_GUARDED_BY(mu);  // set: the export sends it

  void Saw(grpc::ServerContext* context) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    auto it = context->client_metadata().find("authorization");
    authorizations.push_back(it == context->client_metadata().end()
                                 ? ""
                                 : std::string(it->second.data(), it->second.size()));
  }
};

class FakeInfo final : public pv1::PlanningService::Service {
 public:
  explicit FakeInfo(FakeState* state) : state_(state) {}
  grpc::Status GetServiceInfo(grpc::ServerContext* context, const pv1::GetServiceInfoRequest*,
                              pv1::GetServiceInfoResponse* response) override {
    absl::MutexLock lock(&state_->mu);
    state_->Saw(context);
    response->mutable_info()->set_last_published_sequence(state_->sequence);
    return grpc::Status::OK;
  }

 private:
  FakeState* state_;
};

class FakeCrediting final : public pv1::CreditingDataService::Service {
 public:
  explicit FakeCrediting(FakeState* state) : state_(state) {}
  grpc::Status ExportCreditingData(grpc::ServerContext* context,
                                   const pv1::ExportCreditingDataRequest* request,
                                   grpc::ServerWriter<pv1::CreditingDataChunk>* writer) override {
    absl::MutexLock lock(&state_->mu);
    state_->Saw(context);
    ++state_->exports;
    state_->last_export = *request;
    if (!state_->export_status.ok()) return state_->export_status;
    std::vector<pv1::CreditingDataChunk> chunks = Stream(state_->sequence);
    if (!state_->bad_fraction.empty()) chunks[1].mutable_coverage(0)->set_split_fraction(state_->bad_fraction);
    for (const pv1::CreditingDataChunk& chunk : chunks) writer->Write(chunk);
    return grpc::Status::OK;
  }

 private:
  FakeState* state_;
};

// Plan fy26 (USD, quarterly, version 2 active) covers rep-a and rep-b; plan fy26-eu (EUR)
// also covers rep-b; every other seller is unplanned.
class FakeQuotas final : public pv1::QuotaService::Service {
 public:
  explicit FakeQuotas(FakeState* state) : state_(state) {}

  grpc::Status GetQuotas(grpc::ServerContext* context, const pv1::GetQuotasRequest* request,
                         pv1::GetQuotasResponse* response) override {
    absl::MutexLock lock(&state_->mu);
    state_->Saw(context);
    state_->quota_batch_sizes.push_back(request->seller_ids_size());
    state_->quota_as_of.push_back(request->as_of());
    for (const std::string& id : request->seller_ids()) {
      if (id == "rep-a" || id == "rep-b") {
        Add(response, id, "quotaPlans/fy26/versions/2", "USD", {"1000.50", "2000", "3000", "4000"});
      }
      if (id == "rep-b") Add(response, id, "quotaPlans/fy26-eu/versions/1", "EUR", {"10", "10", "10", "10"});
      if (id.starts_with("bulk-")) {
        Add(response, id, "quotaPlans/fy26/versions/2", "USD", {"1", "1", "1", "1"});
      }
    }
    return grpc::Status::OK;
  }

  grpc::Status GetQuotaPlan(grpc::ServerContext* context, const pv1::GetQuotaPlanRequest* request,
                            pv1::QuotaPlan* plan) override {
    absl::MutexLock lock(&state_->mu);
    state_->Saw(context);
    ++state_->plan_calls;
    plan->set_name(request->name());
    for (int version : {1, 2}) {
      pv1::QuotaPlanVersion* v = plan->add_versions();
      v->set_name(absl::StrCat(request->name(), "/versions/", version));
      for (const auto& [label, start, end] :
           {std::tuple{"FY2026-Q1", "2026-01-01", "2026-03-31"},
            std::tuple{"FY2026-Q2", "2026-04-01", "2026-06-30"},
            std::tuple{"FY2026-Q3", "2026-07-01", "2026-09-30"},
            std::tuple{"FY2026-Q4", "2026-10-01", "2026-12-31"}}) {
        pv1::QuotaPeriod* p = v->add_periods();
        p->set_label(label);
        p->set_start_date(start);
        p->set_end_date(end);
      }
    }
    return grpc::Status::OK;
  }

 private:
  static void Add(pv1::GetQuotasResponse* response, const std::string& seller,
                  const std::string& version, const std::string& currency,
                  const std::vector<std::string>& quarters) {
    pv1::SellerQuota* quota = response->add_quotas();
    quota->set_seller_id(seller);
    quota->set_version(version);
    quota->set_currency(currency);
    for (size_t q = 0; q < quarters.size(); ++q) {
      pv1::SellerPeriodQuota* period = quota->add_periods();
      period->set_period(absl::StrCat("FY2026-Q", q + 1));
      period->set_quota(quarters[q]);
    }
  }

  FakeState* state_;
};

// The fake planning service on a free port of 127.0.0.1.
class PlanningSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&info_);
    builder.RegisterService(&crediting_);
    builder.RegisterService(&quotas_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    ASSERT_GT(port_, 0);
    source_ = std::make_unique<PlanningSource>(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port_), grpc::InsecureChannelCredentials()),
        [] { return std::string("svc-token"); },
        PlanningDeadlines{absl::Seconds(5), absl::Seconds(5), absl::Seconds(5)});
  }
  void TearDown() override {
    if (server_) server_->Shutdown();
  }

  int Exports() {
    absl::MutexLock lock(&state_.mu);
    return state_.exports;
  }

  FakeState state_;
  FakeInfo info_{&state_};
  FakeCrediting crediting_{&state_};
  FakeQuotas quotas_{&state_};
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<PlanningSource> source_;
};

TEST_F(PlanningSourceTest, ExportsOnceWhileTheSequenceIsUnchanged) {
  auto first = source_->Snapshot(D(2026, 1, 1), D(2026, 12, 31));
  ASSERT_TRUE(first.ok()) << first.status();
  auto second = source_->Snapshot(D(2026, 1, 1), D(2026, 12, 31));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(first->get(), second->get());  // the same cached object
  EXPECT_EQ(Exports(), 1);
  EXPECT_EQ((*first)->sequence, 41);
  EXPECT_EQ((*first)->coverage.size(), 2u);
  absl::MutexLock lock(&state_.mu);
  EXPECT_EQ(state_.last_export.start_date(), "2026-01-01");
  EXPECT_EQ(state_.last_export.end_date(), "2026-12-31");
  // info, export, info: every call carries the service token.
  EXPECT_THAT(state_.authorizations,
              ElementsAre("Bearer svc-token", "Bearer svc-token", "Bearer svc-token"));
}

TEST_F(PlanningSourceTest, ANewSequenceOrAnotherRangeExportsAgain) {
  ASSERT_TRUE(source_->Snapshot(D(2026, 1, 1), D(2026, 12, 31)).ok());
  {
    absl::MutexLock lock(&state_.mu);
    state_.sequence = 42;
  }
  auto changed = source_->Snapshot(D(2026, 1, 1), D(2026, 12, 31));
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_EQ((*changed)->sequence, 42);
  EXPECT_EQ(Exports(), 2);
  auto other = source_->Snapshot(D(2026, 1, 1), D(2026, 6, 30));
  ASSERT_TRUE(other.ok()) << other.status();
  EXPECT_EQ(Exports(), 3);
  // Only the last export is kept: going back to the first range exports once more.
  ASSERT_TRUE(source_->Snapshot(D(2026, 1, 1), D(2026, 12, 31)).ok());
  EXPECT_EQ(Exports(), 4);
}

TEST_F(PlanningSourceTest, PlanningDownIsUnavailable) {
  server_->Shutdown();
  server_.reset();
  auto snapshot = source_->Snapshot(D(2026, 1, 1), D(2026, 12, 31));
  EXPECT_EQ(snapshot.status().code(), absl::StatusCode::kUnavailable) << snapshot.status();
  EXPECT_THAT(snapshot.status().message(), HasSubstr("planning service is unavailable"));
  EXPECT_EQ(errors::ReasonOf(snapshot.status()), "PLANNING_CALL_FAILED");
  auto quotas = source_->Quotas({"rep-a"}, D(2026, 1, 1), D(2026, 12, 31));
  EXPECT_EQ(quotas.status().code(), absl::StatusCode::kUnavailable) << quotas.status();
}

TEST_F(PlanningSourceTest, ARefusedTokenIsInternalAndMalformedDataTooAndNothingIsCached) {
  {
    absl::MutexLock lock(&state_.mu);
    state_.export_status = grpc::Status(grpc::StatusCode::PERMISSION_DENIED, "role service required");
  }
  auto refused = source_->Snapshot(D(2026, 1, 1), D(2026, 12, 31));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInternal);
  EXPECT_THAT(refused.status().message(), HasSubstr("role service required"));
  {
    absl::MutexLock lock(&state_.mu);
    state_.export_status = grpc::Status::OK;
    state_.bad_fraction = "sixty";
  }
  auto malformed = source_->Snapshot(D(2026, 1, 1), D(2026, 12, 31));
  EXPECT_EQ(malformed.status().code(), absl::StatusCode::kInternal);
  EXPECT_THAT(malformed.status().message(), HasSubstr("split_fraction 'sixty'"));
  {
    absl::MutexLock lock(&state_.mu);
    state_.bad_fraction.clear();
  }
  ASSERT_TRUE(source_->Snapshot(D(2026, 1, 1), D(2026, 12, 31)).ok());
  EXPECT_EQ(Exports(), 3);
}

TEST_F(PlanningSourceTest, ARangeEndingBeforeItStartsIsInvalid) {
  EXPECT_EQ(source_->Snapshot(D(2026, 2, 1), D(2026, 1, 31)).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(source_->Quotas({"rep-a"}, D(2026, 2, 1), D(2026, 1, 31)).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Exports(), 0);
}

TEST_F(PlanningSourceTest, QuotasSumThePeriodsInsideTheRange) {
  // H1: Q1 1000.50 + Q2 2000 = 3000.50. From 01-15, Q1 is no longer inside: Q2 alone.
  auto half = source_->Quotas({"rep-a", "rep-c", "rep-a"}, D(2026, 1, 1), D(2026, 6, 30));
  ASSERT_TRUE(half.ok()) << half.status();
  EXPECT_THAT(*half, UnorderedElementsAre(Pair("rep-a", Dec("3000.50"))));
  auto late = source_->Quotas({"rep-a"}, D(2026, 1, 15), D(2026, 6, 30));
  ASSERT_TRUE(late.ok()) << late.status();
  EXPECT_THAT(*late, UnorderedElementsAre(Pair("rep-a", Dec("2000"))));
  // No whole quarter inside: no quota.
  auto month = source_->Quotas({"rep-a"}, D(2026, 1, 1), D(2026, 1, 31));
  ASSERT_TRUE(month.ok()) << month.status();
  EXPECT_TRUE(month->empty());
  absl::MutexLock lock(&state_.mu);
  EXPECT_THAT(state_.quota_as_of, ElementsAre("2026-06-30", "2026-06-30", "2026-01-31"));
  EXPECT_THAT(state_.quota_batch_sizes, ElementsAre(2, 1, 1));  // duplicates asked once
}

TEST_F(PlanningSourceTest, QuotasAreAskedInBatchesOfAThousandWithThePlanLoadedOnce) {
  std::vector<std::string> sellers;
  for (int i = 0; i < 2500; ++i) sellers.push_back(absl::StrCat("bulk-", i));
  auto quotas = source_->Quotas(sellers, D(2026, 1, 1), D(2026, 12, 31));
  ASSERT_TRUE(quotas.ok()) << quotas.status();
  ASSERT_EQ(quotas->size(), 2500u);
  EXPECT_EQ(quotas->at("bulk-2499"), Dec("4"));  // four quarters of 1
  absl::MutexLock lock(&state_.mu);
  EXPECT_THAT(state_.quota_batch_sizes, ElementsAre(1000, 1000, 500));
  EXPECT_EQ(state_.plan_calls, 1);
}

TEST_F(PlanningSourceTest, QuotasInTwoCurrenciesAreAFailedPrecondition) {
  auto quotas = source_->Quotas({"rep-b"}, D(2026, 1, 1), D(2026, 12, 31));
  EXPECT_EQ(quotas.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(quotas.status().message(), HasSubstr("USD and EUR"));
}

}  // namespace
}  // namespace attain::compensation::calculation

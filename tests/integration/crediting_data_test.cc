// CreditingDataService.ExportCreditingData through the gateway: sellers, reporting lines,
// account territories from two AssignAccounts runs, coverage with splits as fractions, and
// products, all clipped to the requested range with exact dates; the snapshot marker; chunk
// bounds; who may call it. The range lies in 2091 so no other test's run or line touches it;
// every list is narrowed to this test's ids (the export covers the whole organization).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <tuple>

#include "attain/planning/v1/accounts.grpc.pb.h"
#include "attain/planning/v1/crediting.grpc.pb.h"
#include "attain/planning/v1/products.grpc.pb.h"
#include "attain/planning/v1/territories.grpc.pb.h"
#include "tests/integration/catalog_helpers.h"
#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/harness/poll.h"
#include "tests/integration/org_helpers.h"
#include "tests/integration/service_info.h"
#include "tests/integration/stack_test.h"
#include "tests/integration/territory_helpers.h"

namespace attain::itest {
namespace {

namespace v1 = planning::v1;
using ::testing::ElementsAre;

constexpr char kStart[] = "2091-02-01";
constexpr char kEnd[] = "2091-08-31";
constexpr int kMaxRecordsPerChunk = 10'000;

class CreditingDataTest : public StackTest {
 protected:
  void SetUp() override {
    StackTest::SetUp();
    if (HasFatalFailure()) return;
    admin_ = AdminToken();
    // Tags sort as the expectations list them ("cda-mgr1" < "cda-mgr2" < "cda-ovl" < ...).
    for (const char* tag : {"gone", "late", "later", "mgr1", "mgr2", "ovl", "rep", "acc1", "acc2",
                            "acc3", "n1", "n2", "sw", "prd"}) {
      id_[tag] = UniqueId(std::string("cda-") + tag);
    }
    BuildOrganization();
    if (HasFatalFailure()) return;
    BuildTerritories();
    if (HasFatalFailure()) return;
    for (const char* as_of : {"2091-02-01", "2091-06-01"}) {
      v1::AssignAccountsRequest request;
      request.set_as_of(as_of);
      v1::AssignAccountsResponse response;
      ASSERT_TRUE(HasCode(Territories()->AssignAccounts(
                              MakeContext(admin_, std::chrono::seconds(60)).get(), request, &response),
                          grpc::StatusCode::OK))
          << as_of;
    }
  }

  std::unique_ptr<v1::TerritoryService::Stub> Territories() {
    return v1::TerritoryService::NewStub(stack().gateway_channel());
  }

  const std::string& Id(const std::string& tag) { return id_.at(tag); }

  // mgr1 reports to mgr2 until 2091-01-31 (before the range); rep reports to mgr1 until
  // 2091-03-31, then to mgr2. gone left on 2091-01-31; late joins on the range's last day,
  // later the day after.
  void BuildOrganization() {
    auto org = Org();
    Seller mgr2 = NewSeller(Id("mgr2"));
    mgr2.set_title("Sales Manager");
    Seller mgr1 = NewSeller(Id("mgr1"));
    mgr1.set_title("Sales Manager");
    ReportsTo(mgr1, Id("mgr2"), "2024-01-01", "2091-01-31");
    Seller rep = NewSeller(Id("rep"));
    ReportsTo(rep, Id("mgr1"), "2024-01-01", "2091-03-31");
    ReportsTo(rep, Id("mgr2"), "2091-04-01");
    Seller ovl = NewSeller(Id("ovl"));
    ovl.set_title("Overlay Specialist");
    Seller gone = NewSeller(Id("gone"));
    gone.set_termination_date("2091-01-31");
    Seller late = NewSeller(Id("late"));
    late.set_hire_date(kEnd);
    Seller later = NewSeller(Id("later"));
    later.set_hire_date("2091-09-01");
    for (const Seller& s : {mgr2, mgr1, rep, ovl, gone, late, later}) {
      ASSERT_TRUE(HasCode(CreateSeller(*org, admin_, s), grpc::StatusCode::OK)) << s.seller_id();
    }
    for (const char* tag : {"acc1", "acc2", "acc3"}) {
      ASSERT_TRUE(HasCode(CreateAccount(stack().gateway_channel(), admin_, NewAccount(Id(tag))),
                          grpc::StatusCode::OK));
    }
    ASSERT_TRUE(HasCode(CreateProduct(stack().gateway_channel(), admin_,
                                      NewProduct(Id("prd"), "Crediting Analytics", UniqueId("Line"))),
                        grpc::StatusCode::OK));
  }

  static v1::Territory Node(const std::string& id, v1::TerritoryLevel level,
                            v1::TerritoryType type, const std::string& parent) {
    return TerritoryNode(id, level, type, parent, "2024-01-01");
  }

  static void AddNamedRule(v1::TerritoryVersion* version, int priority,
                           const std::vector<std::string>& accounts) {
    v1::AssignmentRule* rule = version->add_rules();
    rule->set_priority(priority);
    v1::Predicate* named = rule->add_predicates();
    named->set_attribute("id");
    for (const std::string& a : accounts) named->mutable_named_accounts()->add_values(a);
  }

  static v1::SellerAssignment Cover(const std::string& seller, v1::SellerRole role,
                                    const std::string& percent, const std::string& start,
                                    const std::string& end) {
    return SellerCoverage(seller, role, percent, start, end);
  }

  // n1 (named accounts) lists acc1 and acc2 until 2091-04-30, then acc1 only; n2 lists acc2
  // at a losing priority, so acc2 moves to n2 with the 2091-06-01 run. sw (overlay) lists
  // acc1. acc3 is in no territory.
  void BuildTerritories() {
    const std::string world = Id("n1") + "-world", region = Id("n1") + "-region",
                      district = Id("n1") + "-district";
    std::vector<v1::Territory> tree = {
        Node(world, v1::TERRITORY_LEVEL_WORLD, v1::TERRITORY_TYPE_GEOGRAPHIC, ""),
        Node(region, v1::TERRITORY_LEVEL_REGION, v1::TERRITORY_TYPE_GEOGRAPHIC, world),
        Node(district, v1::TERRITORY_LEVEL_DISTRICT, v1::TERRITORY_TYPE_GEOGRAPHIC, region)};
    v1::Territory n1 = Node(Id("n1"), v1::TERRITORY_LEVEL_TERRITORY,
                            v1::TERRITORY_TYPE_NAMED_ACCOUNT, district);
    n1.mutable_versions(0)->set_effective_to("2091-04-30");
    AddNamedRule(n1.mutable_versions(0), 10, {Id("acc1"), Id("acc2")});
    v1::TerritoryVersion* may = n1.add_versions();
    may->set_effective_from("2091-05-01");
    may->set_parent_id(district);
    AddNamedRule(may, 10, {Id("acc1")});
    v1::Territory n2 = Node(Id("n2"), v1::TERRITORY_LEVEL_TERRITORY,
                            v1::TERRITORY_TYPE_NAMED_ACCOUNT, district);
    AddNamedRule(n2.mutable_versions(0), 20, {Id("acc2")});
    v1::Territory sw = Node(Id("sw"), v1::TERRITORY_LEVEL_TERRITORY, v1::TERRITORY_TYPE_OVERLAY,
                            district);
    AddNamedRule(sw.mutable_versions(0), 10, {Id("acc1")});
    tree.insert(tree.end(), {n1, n2, sw});
    auto territories = Territories();
    for (const v1::Territory& t : tree) {
      v1::CreateTerritoryRequest request;
      *request.mutable_territory() = t;
      v1::Territory created;
      ASSERT_TRUE(HasCode(territories->CreateTerritory(MakeContext(admin_).get(), request, &created),
                          grpc::StatusCode::OK))
          << t.territory_id();
    }
    // Primary: rep 66.666667 % and mgr1 33.333333 % until 2091-04-30, then rep alone.
    // Overlay: gone until 2091-01-31 (before the range), ovl from 2091-03-15 to year end.
    v1::SetSellerAssignmentsRequest coverage;
    coverage.set_territory_id(Id("n1"));
    for (const v1::SellerAssignment& a :
         {Cover(Id("rep"), v1::SELLER_ROLE_PRIMARY, "66.666667", "2024-01-01", "2091-04-30"),
          Cover(Id("mgr1"), v1::SELLER_ROLE_PRIMARY, "33.333333", "2024-01-01", "2091-04-30"),
          Cover(Id("rep"), v1::SELLER_ROLE_PRIMARY, "100", "2091-05-01", ""),
          Cover(Id("gone"), v1::SELLER_ROLE_OVERLAY, "100", "2024-01-01", "2091-01-31"),
          Cover(Id("ovl"), v1::SELLER_ROLE_OVERLAY, "100", "2091-03-15", "2091-12-31")}) {
      *coverage.add_assignments() = a;
    }
    v1::SetSellerAssignmentsResponse set;
    ASSERT_TRUE(HasCode(territories->SetSellerAssignments(MakeContext(admin_).get(), coverage, &set),
                        grpc::StatusCode::OK));
  }

  grpc::Status Export(const std::string& token, const std::string& start, const std::string& end,
                      std::vector<v1::CreditingDataChunk>* chunks) {
    auto stub = v1::CreditingDataService::NewStub(stack().gateway_channel());
    v1::ExportCreditingDataRequest request;
    request.set_start_date(start);
    request.set_end_date(end);
    auto context = MakeContext(token, std::chrono::seconds(60));
    auto reader = stub->ExportCreditingData(context.get(), request);
    chunks->clear();
    v1::CreditingDataChunk chunk;
    while (reader->Read(&chunk)) chunks->push_back(chunk);
    return reader->Finish();
  }

  bool Mine(const std::string& id) const {
    for (const auto& [tag, value] : id_) {
      if (value == id) return true;
    }
    return false;
  }

  std::string admin_;
  std::map<std::string, std::string> id_;
};

using SellerRow = std::tuple<std::string, std::string, std::string, std::string>;
using IntervalRow = std::tuple<std::string, std::string, std::string, std::string>;
using TerritoryRow = std::tuple<std::string, std::string, v1::TerritoryType, std::string, std::string>;
using CoverageRow =
    std::tuple<std::string, std::string, v1::SellerRole, std::string, std::string, std::string>;

TEST_F(CreditingDataTest, ExportsEveryIntervalClippedToTheRangeWithExactDates) {
  std::vector<v1::CreditingDataChunk> chunks;
  ASSERT_TRUE(HasCode(Export(admin_, kStart, kEnd, &chunks), grpc::StatusCode::OK));
  ASSERT_FALSE(chunks.empty());
  std::vector<SellerRow> sellers;
  std::vector<IntervalRow> lines;
  std::vector<TerritoryRow> territories;
  std::vector<CoverageRow> coverage;
  std::vector<std::pair<std::string, std::string>> products;
  for (const v1::CreditingDataChunk& chunk : chunks) {
    for (const auto& s : chunk.sellers()) {
      if (Mine(s.seller_id())) {
        sellers.emplace_back(s.seller_id(), s.title(), s.hire_date(), s.termination_date());
      }
    }
    for (const auto& l : chunk.reporting_lines()) {
      if (Mine(l.seller_id())) lines.emplace_back(l.seller_id(), l.manager_id(), l.start_date(), l.end_date());
    }
    for (const auto& a : chunk.account_territories()) {
      if (Mine(a.account_id())) {
        territories.emplace_back(a.account_id(), a.territory_id(), a.territory_type(),
                                 a.start_date(), a.end_date());
      }
    }
    for (const auto& c : chunk.coverage()) {
      if (Mine(c.territory_id())) {
        coverage.emplace_back(c.territory_id(), c.seller_id(), c.role(), c.split_fraction(),
                              c.start_date(), c.end_date());
      }
    }
    for (const auto& p : chunk.products()) {
      if (Mine(p.product_id())) products.emplace_back(p.product_id(), p.family());
    }
  }
  // gone (left before the range, coverage ended before it) and later (joins after it) are
  // absent; late joins on the last day. Hire and termination dates are not clipped.
  EXPECT_THAT(sellers,
              ElementsAre(SellerRow{Id("late"), "Account Executive", kEnd, ""},
                          SellerRow{Id("mgr1"), "Sales Manager", "2024-01-01", ""},
                          SellerRow{Id("mgr2"), "Sales Manager", "2024-01-01", ""},
                          SellerRow{Id("ovl"), "Overlay Specialist", "2024-01-01", ""},
                          SellerRow{Id("rep"), "Account Executive", "2024-01-01", ""}));
  // mgr1 -> mgr2 ended on 2091-01-31: not in the range.
  EXPECT_THAT(lines, ElementsAre(IntervalRow{Id("rep"), Id("mgr1"), kStart, "2091-03-31"},
                                 IntervalRow{Id("rep"), Id("mgr2"), "2091-04-01", kEnd}));
  // Runs on 2091-02-01 and 2091-06-01: the first decides 02-01..05-31, the second 06-01 on.
  // acc2 left n1's rules on 2091-05-01, but only the 06-01 run moved it to n2.
  EXPECT_THAT(territories,
              ElementsAre(TerritoryRow{Id("acc1"), Id("n1"), v1::TERRITORY_TYPE_NAMED_ACCOUNT, kStart, kEnd},
                          TerritoryRow{Id("acc1"), Id("sw"), v1::TERRITORY_TYPE_OVERLAY, kStart, kEnd},
                          TerritoryRow{Id("acc2"), Id("n1"), v1::TERRITORY_TYPE_NAMED_ACCOUNT, kStart,
                                       "2091-05-31"},
                          TerritoryRow{Id("acc2"), Id("n2"), v1::TERRITORY_TYPE_NAMED_ACCOUNT,
                                       "2091-06-01", kEnd}));
  // 66.666667 % -> 0.66666667 -> 0.666667 and 33.333333 % -> 0.333333 (half-even, 6 digits).
  EXPECT_THAT(coverage,
              ElementsAre(CoverageRow{Id("n1"), Id("mgr1"), v1::SELLER_ROLE_PRIMARY, "0.333333",
                                      kStart, "2091-04-30"},
                          CoverageRow{Id("n1"), Id("ovl"), v1::SELLER_ROLE_OVERLAY, "1",
                                      "2091-03-15", kEnd},
                          CoverageRow{Id("n1"), Id("rep"), v1::SELLER_ROLE_PRIMARY, "0.666667",
                                      kStart, "2091-04-30"},
                          CoverageRow{Id("n1"), Id("rep"), v1::SELLER_ROLE_PRIMARY, "1",
                                      "2091-05-01", kEnd}));
  EXPECT_THAT(products, ElementsAre(std::pair{Id("prd"), std::string("Crediting Analytics")}));
}

TEST_F(CreditingDataTest, TheFirstChunkCarriesPlanningsEventSequenceAndChunksStayBounded) {
  // The marker is what GetServiceInfo reports once planning has sequenced this test's events.
  int64_t marker = -1, published = -2;
  std::vector<v1::CreditingDataChunk> chunks;
  ASSERT_TRUE(PollUntil(std::chrono::seconds(10), [&] {
    common::v1::ServiceInfo info;
    if (!Export(admin_, kStart, kEnd, &chunks).ok() || chunks.empty()) return false;
    if (!GetServiceInfo(stack().gateway_channel(), "planning", admin_, &info).ok()) return false;
    marker = chunks[0].snapshot().sequence();
    published = info.last_published_sequence();
    return marker == published;
  })) << "export marker " << marker << " vs published " << published;
  EXPECT_GT(marker, 0);
  EXPECT_TRUE(chunks[0].has_snapshot());
  for (size_t i = 0; i < chunks.size(); ++i) {
    const v1::CreditingDataChunk& c = chunks[i];
    if (i > 0) EXPECT_FALSE(c.has_snapshot()) << "chunk " << i;
    EXPECT_LE(c.sellers_size() + c.reporting_lines_size() + c.account_territories_size() +
                  c.coverage_size() + c.products_size(),
              kMaxRecordsPerChunk)
        << "chunk " << i;
  }
}

TEST_F(CreditingDataTest, ARangeOfOneDayClipsEveryIntervalToThatDay) {
  std::vector<v1::CreditingDataChunk> chunks;
  ASSERT_TRUE(HasCode(Export(admin_, "2091-04-30", "2091-04-30", &chunks), grpc::StatusCode::OK));
  std::vector<CoverageRow> coverage;
  std::vector<IntervalRow> lines;
  for (const v1::CreditingDataChunk& chunk : chunks) {
    for (const auto& c : chunk.coverage()) {
      if (Mine(c.territory_id())) {
        coverage.emplace_back(c.territory_id(), c.seller_id(), c.role(), c.split_fraction(),
                              c.start_date(), c.end_date());
      }
    }
    for (const auto& l : chunk.reporting_lines()) {
      if (Mine(l.seller_id())) lines.emplace_back(l.seller_id(), l.manager_id(), l.start_date(), l.end_date());
    }
  }
  EXPECT_THAT(lines, ElementsAre(IntervalRow{Id("rep"), Id("mgr2"), "2091-04-30", "2091-04-30"}));
  EXPECT_THAT(coverage,
              ElementsAre(CoverageRow{Id("n1"), Id("mgr1"), v1::SELLER_ROLE_PRIMARY, "0.333333",
                                      "2091-04-30", "2091-04-30"},
                          CoverageRow{Id("n1"), Id("ovl"), v1::SELLER_ROLE_OVERLAY, "1",
                                      "2091-04-30", "2091-04-30"},
                          CoverageRow{Id("n1"), Id("rep"), v1::SELLER_ROLE_PRIMARY, "0.666667",
                                      "2091-04-30", "2091-04-30"}));
}

TEST_F(CreditingDataTest, ServicesAndCompAdminsMayExportRepsMayNot) {
  std::vector<v1::CreditingDataChunk> chunks;
  EXPECT_TRUE(HasCode(Export(Token(UniqueId("svc"), {"service"}), kStart, kEnd, &chunks),
                      grpc::StatusCode::OK));
  EXPECT_FALSE(chunks.empty());
  EXPECT_TRUE(HasCode(Export(Token(UniqueId("comp"), {"comp_admin"}), kStart, kEnd, &chunks),
                      grpc::StatusCode::OK));
  EXPECT_TRUE(HasCode(Export(Token(Id("rep"), {"rep"}), kStart, kEnd, &chunks),
                      grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_TRUE(chunks.empty());
  EXPECT_TRUE(HasCode(Export(Token(Id("mgr1"), {"manager"}), kStart, kEnd, &chunks),
                      grpc::StatusCode::PERMISSION_DENIED));
}

TEST_F(CreditingDataTest, MissingOrReversedDatesAreRejectedNamingTheField) {
  std::vector<v1::CreditingDataChunk> chunks;
  EXPECT_TRUE(IsInvalidField(Export(admin_, "", kEnd, &chunks), "start_date"));
  EXPECT_TRUE(IsInvalidField(Export(admin_, kStart, "2091-02-30", &chunks), "end_date"));
  EXPECT_TRUE(IsInvalidField(Export(admin_, kEnd, kStart, &chunks), "end_date"));
}

}  // namespace
}  // namespace attain::itest

// Sales transactions and FX rates through the gateway: streamed imports (versions,
// idempotency, both modes, references checked against planning), lists, versions as of an
// instant, the import's outbox event, and who may call what.
#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

#include <nlohmann/json.hpp>

#include "attain/compensation/v1/transactions.grpc.pb.h"
#include "attain/events/v1/events.grpc.pb.h"
#include "attain/planning/v1/accounts.grpc.pb.h"
#include "attain/planning/v1/products.grpc.pb.h"
#include "tests/integration/catalog_helpers.h"
#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/harness/metrics.h"
#include "tests/integration/harness/poll.h"
#include "tests/integration/org_helpers.h"
#include "tests/integration/stack_test.h"

namespace attain::itest {
namespace {

namespace v1 = compensation::v1;
using google::protobuf::util::TimeUtil;

struct Line {
  std::string id;
  v1::TransactionType type = v1::TRANSACTION_TYPE_ORDER;
  std::string date = "2026-03-10";
  std::string amount = "1000";
  std::vector<std::pair<std::string, std::string>> splits = {};  // (seller, percent)
  std::string account = "";  // "" = the fixture's account
  std::string product = "";  // "" = the fixture's product
  std::string currency = "USD";
};

class TransactionsTest : public StackTest {
 protected:
  void SetUp() override {
    StackTest::SetUp();
    if (HasFatalFailure()) return;
    admin_ = AdminToken();
    transactions_ = v1::TransactionService::NewStub(stack().gateway_channel());
    source_ = UniqueId("src");
    rep_a_ = UniqueId("tx-rep-a");
    rep_b_ = UniqueId("tx-rep-b");
    account_ = UniqueId("tx-acc");
    product_ = UniqueId("tx-prd");
    auto org = Org();
    for (const std::string& id : {rep_a_, rep_b_}) {
      ASSERT_TRUE(HasCode(CreateSeller(*org, admin_, NewSeller(id)), grpc::StatusCode::OK)) << id;
    }
    ASSERT_TRUE(HasCode(CreateAccount(stack().gateway_channel(), admin_, NewAccount(account_)),
                        grpc::StatusCode::OK));
    ASSERT_TRUE(HasCode(CreateProduct(stack().gateway_channel(), admin_,
                                      NewProduct(product_, "Analytics", "Embedded BI")),
                        grpc::StatusCode::OK));
  }

  // Line i becomes CSV row i + 2 (the header is line 1), owned by rep A unless it has splits.
  std::vector<v1::TransactionImportRow> Rows(const std::vector<Line>& lines) {
    std::vector<v1::TransactionImportRow> rows;
    for (size_t i = 0; i < lines.size(); ++i) {
      const Line& line = lines[i];
      v1::TransactionImportRow& row = rows.emplace_back();
      row.set_row_number(static_cast<int64_t>(i) + 2);
      v1::Transaction* t = row.mutable_transaction();
      t->set_source_system(source_);
      t->set_transaction_id(line.id);
      t->set_type(line.type);
      t->set_transaction_date(line.date);
      t->set_account_id(line.account.empty() ? account_ : line.account);
      t->set_product_id(line.product.empty() ? product_ : line.product);
      t->set_amount(line.amount);
      t->set_currency(line.currency);
      t->set_quantity("1");
      if (line.splits.empty()) t->set_owner_seller_id(rep_a_);
      for (const auto& [seller, percent] : line.splits) {
        v1::CreditSplit* split = t->add_splits();
        split->set_seller_id(seller);
        split->set_percent(percent);
      }
      (*t->mutable_attributes())["channel"] = "direct";
    }
    return rows;
  }

  // Streams options, then the rows in messages of `batch`.
  grpc::Status Import(const std::vector<Line>& lines, v1::ImportMode mode,
                      v1::ImportTransactionsResponse* response = nullptr,
                      std::string request_id = "", const std::string& token = "",
                      size_t batch = 2) {
    if (request_id.empty()) request_id = UniqueId("tx-import");
    v1::ImportTransactionsResponse result;
    auto context = MakeContext(token.empty() ? admin_ : token, std::chrono::seconds(60));
    auto writer = transactions_->ImportTransactions(context.get(), &result);
    v1::ImportTransactionsRequest options;
    options.mutable_options()->set_request_id(request_id);
    options.mutable_options()->set_mode(mode);
    bool open = writer->Write(options);
    const std::vector<v1::TransactionImportRow> rows = Rows(lines);
    for (size_t begin = 0; open && begin < rows.size(); begin += batch) {
      v1::ImportTransactionsRequest message;
      for (size_t i = begin; i < rows.size() && i < begin + batch; ++i) {
        *message.mutable_batch()->add_rows() = rows[i];
      }
      open = writer->Write(message);  // false: the server ended the call; Finish says why
    }
    writer->WritesDone();
    grpc::Status status = writer->Finish();
    if (response != nullptr) *response = result;
    return status;
  }

  v1::ListTransactionsResponse List(v1::ListTransactionsRequest request,
                                    const std::string& token = "") {
    if (request.source_system().empty()) request.set_source_system(source_);
    v1::ListTransactionsResponse response;
    grpc::Status status = transactions_->ListTransactions(
        MakeContext(token.empty() ? admin_ : token).get(), request, &response);
    EXPECT_TRUE(HasCode(status, grpc::StatusCode::OK));
    return response;
  }

  grpc::Status Get(const std::string& id, v1::GetTransactionResponse* response) {
    v1::GetTransactionRequest request;
    request.set_name("sources/" + source_ + "/transactions/" + id);
    return transactions_->GetTransaction(MakeContext(admin_).get(), request, response);
  }

  static std::vector<std::string> Ids(const v1::ListTransactionsResponse& page) {
    std::vector<std::string> ids;
    for (const v1::Transaction& t : page.transactions()) ids.push_back(t.transaction_id());
    return ids;
  }

  static void ExpectCounts(const v1::ImportTransactionsResponse& r, int received, int inserted,
                           int new_versions, int unchanged, int rejected) {
    EXPECT_EQ(r.received_count(), received);
    EXPECT_EQ(r.inserted_count(), inserted);
    EXPECT_EQ(r.new_version_count(), new_versions);
    EXPECT_EQ(r.unchanged_count(), unchanged);
    EXPECT_EQ(r.rejected_count(), rejected);
  }

  std::string admin_, source_, rep_a_, rep_b_, account_, product_;
  std::unique_ptr<v1::TransactionService::Stub> transactions_;
};

TEST_F(TransactionsTest, ImportListReimportUnchangedThenChangedRowBecomesANewVersion) {
  const std::vector<Line> lines = {
      {.id = "SO-1", .amount = "1200.50"},
      {.id = "INV-1", .type = v1::TRANSACTION_TYPE_INVOICE, .date = "2026-04-02",
       .amount = "800", .splits = {{rep_a_, "60"}, {rep_b_, "40"}}},
      // A refund sent as a positive magnitude is stored negative.
      {.id = "RF-1", .type = v1::TRANSACTION_TYPE_REFUND, .date = "2026-04-20",
       .amount = "40.25"}};
  v1::ImportTransactionsResponse first;
  ASSERT_TRUE(HasCode(Import(lines, v1::IMPORT_MODE_ALL_OR_NOTHING, &first), grpc::StatusCode::OK));
  ExpectCounts(first, 3, 3, 0, 0, 0);
  EXPECT_GT(first.import_id(), 0);

  v1::ListTransactionsResponse listed = List({});
  EXPECT_EQ(listed.total_size(), 3);
  EXPECT_EQ(Ids(listed), (std::vector<std::string>{"INV-1", "RF-1", "SO-1"}));
  ASSERT_EQ(listed.transactions_size(), 3);
  const v1::Transaction& refund = listed.transactions(1);
  EXPECT_EQ(refund.name(), "sources/" + source_ + "/transactions/RF-1");
  EXPECT_EQ(refund.type(), v1::TRANSACTION_TYPE_REFUND);
  EXPECT_EQ(refund.amount(), "-40.25");
  EXPECT_EQ(refund.quantity(), "-1");
  EXPECT_EQ(refund.version(), 1);
  EXPECT_EQ(refund.import_id(), first.import_id());
  EXPECT_FALSE(refund.has_superseded_time());
  EXPECT_EQ(listed.transactions(0).splits_size(), 2);
  EXPECT_EQ(listed.transactions(0).splits(1).seller_id(), rep_b_);
  EXPECT_EQ(listed.transactions(0).splits(1).percent(), "40");
  EXPECT_EQ(listed.transactions(2).amount(), "1200.5");
  EXPECT_EQ(listed.transactions(2).attributes().at("channel"), "direct");

  // The same rows again (a new request): nothing is written.
  v1::ImportTransactionsResponse again;
  ASSERT_TRUE(HasCode(Import(lines, v1::IMPORT_MODE_ALL_OR_NOTHING, &again), grpc::StatusCode::OK));
  ExpectCounts(again, 3, 0, 0, 3, 0);

  // One row changed: a new version; the old one is kept and superseded.
  std::vector<Line> changed = lines;
  changed[0].amount = "1300";
  v1::ImportTransactionsResponse third;
  ASSERT_TRUE(HasCode(Import(changed, v1::IMPORT_MODE_ALL_OR_NOTHING, &third), grpc::StatusCode::OK));
  ExpectCounts(third, 3, 0, 1, 2, 0);

  v1::GetTransactionResponse so;
  ASSERT_TRUE(HasCode(Get("SO-1", &so), grpc::StatusCode::OK));
  ASSERT_EQ(so.versions_size(), 2);
  EXPECT_EQ(so.versions(0).version(), 1);
  EXPECT_EQ(so.versions(0).amount(), "1200.5");
  EXPECT_EQ(so.versions(0).import_id(), first.import_id());
  EXPECT_EQ(so.versions(1).version(), 2);
  EXPECT_EQ(so.versions(1).amount(), "1300");
  EXPECT_EQ(so.versions(1).import_id(), third.import_id());
  ASSERT_TRUE(so.versions(0).has_superseded_time());
  EXPECT_EQ(so.versions(0).superseded_time(), so.versions(1).import_time());
  EXPECT_FALSE(so.versions(1).has_superseded_time());
  EXPECT_EQ(so.transaction().version(), 2);

  // As of the first version's import the list still shows it; now it shows version 2.
  v1::ListTransactionsRequest as_of;
  *as_of.mutable_as_of() = so.versions(0).import_time();
  listed = List(as_of);
  ASSERT_EQ(listed.transactions_size(), 3);
  EXPECT_EQ(listed.transactions(2).amount(), "1200.5");
  EXPECT_EQ(listed.transactions(2).version(), 1);
  *as_of.mutable_as_of() = TimeUtil::MicrosecondsToTimestamp(
      TimeUtil::TimestampToMicroseconds(so.versions(0).import_time()) - 1);
  EXPECT_EQ(List(as_of).total_size(), 0);
  listed = List({});
  ASSERT_EQ(listed.transactions_size(), 3);
  EXPECT_EQ(listed.transactions(2).amount(), "1300");
  EXPECT_EQ(listed.transactions(2).version(), 2);
}

TEST_F(TransactionsTest, ListFiltersBySellerAndDateAndPages) {
  ASSERT_TRUE(HasCode(
      Import({{.id = "a", .date = "2026-01-31"},
              {.id = "b", .date = "2026-02-01", .splits = {{rep_b_, "100"}}},
              {.id = "c", .date = "2026-02-28"},
              {.id = "d", .date = "2026-03-01", .splits = {{rep_a_, "50"}, {rep_b_, "50"}}}},
             v1::IMPORT_MODE_ALL_OR_NOTHING),
      grpc::StatusCode::OK));
  v1::ListTransactionsRequest by_seller;
  by_seller.set_seller_id(rep_b_);
  EXPECT_EQ(Ids(List(by_seller)), (std::vector<std::string>{"b", "d"}));
  v1::ListTransactionsRequest february;
  february.set_start_date("2026-02-01");
  february.set_end_date("2026-02-28");
  EXPECT_EQ(Ids(List(february)), (std::vector<std::string>{"b", "c"}));

  v1::ListTransactionsRequest paged;
  paged.set_page_size(3);
  v1::ListTransactionsResponse page = List(paged);
  EXPECT_EQ(Ids(page), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(page.total_size(), 4);
  ASSERT_FALSE(page.next_page_token().empty());
  paged.set_page_token(page.next_page_token());
  page = List(paged);
  EXPECT_EQ(Ids(page), (std::vector<std::string>{"d"}));
  EXPECT_TRUE(page.next_page_token().empty());
}

TEST_F(TransactionsTest, RetryWithTheSameRequestIdReturnsTheFirstResponse) {
  const std::vector<Line> lines = {{.id = "r-1"}, {.id = "r-2"}};
  const std::string request_id = UniqueId("tx-retry");
  v1::ImportTransactionsResponse first, retry;
  ASSERT_TRUE(HasCode(Import(lines, v1::IMPORT_MODE_ALL_OR_NOTHING, &first, request_id),
                      grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(Import(lines, v1::IMPORT_MODE_ALL_OR_NOTHING, &retry, request_id),
                      grpc::StatusCode::OK));
  EXPECT_EQ(retry.import_id(), first.import_id());
  ExpectCounts(retry, 2, 2, 0, 0, 0);
  // The same request_id with other rows is a client bug.
  EXPECT_TRUE(IsInvalidField(
      Import({{.id = "r-3"}}, v1::IMPORT_MODE_ALL_OR_NOTHING, nullptr, request_id), "request_id"));
}

TEST_F(TransactionsTest, AllOrNothingRejectsEveryBadRowAndWritesNothing) {
  const grpc::Status status =
      Import({{.id = "ok-1"},
              {.id = "neg-order", .amount = "-5"},
              {.id = "bad-currency", .currency = "usd"},
              {.id = "ok-1"}},
             v1::IMPORT_MODE_ALL_OR_NOTHING);
  ASSERT_TRUE(HasCode(status, grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_EQ(ViolationFields(status), (std::vector<std::string>{
                                         "rows[3].amount", "rows[4].currency",
                                         "rows[5].transaction_id"}));
  EXPECT_EQ(List({}).total_size(), 0);
}

TEST_F(TransactionsTest, AcceptValidWritesTheValidRowsAndListsTheRejectedOnes) {
  v1::ImportTransactionsResponse response;
  ASSERT_TRUE(HasCode(Import({{.id = "v-1"},
                              {.id = "v-2", .date = "2026-02-30"},
                              {.id = "v-3", .splits = {{rep_a_, "70"}, {rep_b_, "20"}}},
                              {.id = "v-1"},
                              {.id = "v-4"}},
                             v1::IMPORT_MODE_ACCEPT_VALID, &response),
                      grpc::StatusCode::OK));
  ExpectCounts(response, 5, 2, 0, 0, 3);
  ASSERT_EQ(response.rejected_rows_size(), 3);
  EXPECT_EQ(response.rejected_rows(0).row_number(), 3);
  EXPECT_EQ(response.rejected_rows(0).field(), "transaction_date");
  EXPECT_EQ(response.rejected_rows(1).row_number(), 4);
  EXPECT_EQ(response.rejected_rows(1).field(), "splits");
  EXPECT_EQ(response.rejected_rows(1).reason(),
            "the splits not marked overlay total 90 %; they must total exactly 100");
  EXPECT_EQ(response.rejected_rows(2).row_number(), 5);
  EXPECT_EQ(response.rejected_rows(2).field(), "transaction_id");
  EXPECT_EQ(response.rejected_rows(2).reason(),
            "repeats row 2 (the same source_system and transaction_id)");
  EXPECT_FALSE(response.rejected_rows_truncated());
  EXPECT_EQ(Ids(List({})), (std::vector<std::string>{"v-1", "v-4"}));
}

TEST_F(TransactionsTest, UnknownAccountProductAndSellerAreRejectedByRowNumber) {
  const std::string ghost = UniqueId("tx-ghost");
  const std::vector<Line> lines = {
      {.id = "u-1", .account = ghost},
      {.id = "u-2", .product = ghost},
      {.id = "u-3", .splits = {{rep_a_, "50"}, {ghost, "50"}}},
      {.id = "u-4"}};
  const grpc::Status status = Import(lines, v1::IMPORT_MODE_ALL_OR_NOTHING);
  ASSERT_TRUE(HasCode(status, grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_EQ(ViolationFields(status),
            (std::vector<std::string>{"rows[2].account_id", "rows[3].product_id",
                                      "rows[4].splits[1].seller_id"}));
  EXPECT_EQ(List({}).total_size(), 0);

  v1::ImportTransactionsResponse response;
  ASSERT_TRUE(HasCode(Import(lines, v1::IMPORT_MODE_ACCEPT_VALID, &response), grpc::StatusCode::OK));
  ExpectCounts(response, 4, 1, 0, 0, 3);
  ASSERT_EQ(response.rejected_rows_size(), 3);
  EXPECT_EQ(response.rejected_rows(0).reason(), "names account " + ghost + ", which does not exist");
  EXPECT_EQ(Ids(List({})), (std::vector<std::string>{"u-4"}));
}

TEST_F(TransactionsTest, ReferencesOfAnImportUnderAChunkCostOneCallToPlanning) {
  auto checks = [&]() -> double {
    absl::StatusOr<double> value = ScrapeCounter(
        stack().metrics_address("planning"), "grpc_server_handled_total",
        {{"grpc_service", "attain.planning.v1.ReferenceService"},
         {"grpc_method", "CheckReferences"},
         {"grpc_code", "OK"}});
    EXPECT_TRUE(value.ok()) << value.status();
    return value.ok() ? *value : -1;
  };
  const double before = checks();
  std::vector<Line> lines;
  for (int i = 0; i < 12; ++i) {
    lines.push_back({.id = "one-" + std::to_string(i),
                     .splits = {{rep_a_, "50"}, {rep_b_, "50"}}});
  }
  v1::ImportTransactionsResponse response;
  ASSERT_TRUE(HasCode(Import(lines, v1::IMPORT_MODE_ALL_OR_NOTHING, &response, "", "", 5),
                      grpc::StatusCode::OK));
  EXPECT_EQ(response.inserted_count(), 12);
  // Counted when planning sends its status, which can trail the import's answer slightly.
  double after = before;
  EXPECT_TRUE(PollUntil(std::chrono::seconds(10), [&] { return (after = checks()) >= before + 1; }));
  EXPECT_EQ(after, before + 1);
}

TEST_F(TransactionsTest, ImportsLongerThanAChunkCountEveryRowOnce) {
  // 40,000 rows are three chunks of the import (16,384 rows each): repeated keys, unknown
  // references and versions are decided across chunk boundaries.
  constexpr int kRows = 40'000;
  const std::string ghost = UniqueId("tx-ghost");
  std::vector<Line> lines;
  for (int i = 0; i < kRows; ++i) lines.push_back({.id = "c-" + std::to_string(i)});
  lines[20'000].account = ghost;         // row 20,002, in the second chunk
  lines[39'999].id = "c-0";              // row 40,001 repeats row 2, two chunks apart
  v1::ImportTransactionsResponse first;
  ASSERT_TRUE(HasCode(Import(lines, v1::IMPORT_MODE_ACCEPT_VALID, &first, "", "", 1000),
                      grpc::StatusCode::OK));
  ExpectCounts(first, kRows, kRows - 2, 0, 0, 2);
  ASSERT_EQ(first.rejected_rows_size(), 2);
  EXPECT_EQ(first.rejected_rows(0).row_number(), 20'002);
  EXPECT_EQ(first.rejected_rows(0).field(), "account_id");
  EXPECT_EQ(first.rejected_rows(1).row_number(), 40'001);
  EXPECT_EQ(first.rejected_rows(1).reason(),
            "repeats row 2 (the same source_system and transaction_id)");

  // Again with one row changed in the first chunk and one in the last.
  lines[20'000].account = "";
  lines[39'999].id = "c-39999";
  lines[5].amount = "1001";
  lines[39'000].amount = "999";
  v1::ImportTransactionsResponse second;
  ASSERT_TRUE(HasCode(Import(lines, v1::IMPORT_MODE_ALL_OR_NOTHING, &second, "", "", 1000),
                      grpc::StatusCode::OK));
  // c-20000 and c-39999 are new now; c-5 and c-39000 changed; the rest as before.
  ExpectCounts(second, kRows, 2, 2, kRows - 4, 0);
  v1::ListTransactionsRequest all;
  all.set_page_size(1);
  EXPECT_EQ(List(all).total_size(), kRows);
  v1::GetTransactionResponse changed;
  ASSERT_TRUE(HasCode(Get("c-39000", &changed), grpc::StatusCode::OK));
  ASSERT_EQ(changed.versions_size(), 2);
  EXPECT_EQ(changed.transaction().amount(), "999");
}

TEST_F(TransactionsTest, ACancelledImportWritesNothingAndReleasesItsSource) {
  std::vector<v1::TransactionImportRow> rows;
  {
    std::vector<Line> lines;
    for (int i = 0; i < 20'000; ++i) lines.push_back({.id = "x-" + std::to_string(i)});
    rows = Rows(lines);
  }
  auto context = MakeContext(admin_, std::chrono::seconds(60));
  v1::ImportTransactionsResponse ignored;
  auto writer = transactions_->ImportTransactions(context.get(), &ignored);
  v1::ImportTransactionsRequest message;
  message.mutable_options()->set_request_id(UniqueId("tx-cancel"));
  ASSERT_TRUE(writer->Write(message));
  // More than a chunk, so the server has begun writing when the call is cancelled.
  for (size_t begin = 0; begin < rows.size(); begin += 1000) {
    message.Clear();
    for (size_t i = begin; i < begin + 1000; ++i) *message.mutable_batch()->add_rows() = rows[i];
    ASSERT_TRUE(writer->Write(message));
  }
  context->TryCancel();
  EXPECT_TRUE(HasCode(writer->Finish(), grpc::StatusCode::CANCELLED));
  // The source's lock is released with the rollback: another import of it goes through.
  v1::ImportTransactionsResponse after;
  ASSERT_TRUE(HasCode(Import({{.id = "after"}}, v1::IMPORT_MODE_ALL_OR_NOTHING, &after),
                      grpc::StatusCode::OK));
  EXPECT_EQ(after.inserted_count(), 1);
  EXPECT_EQ(Ids(List({})), (std::vector<std::string>{"after"}));
}

TEST_F(TransactionsTest, ImportAppendsOneEventNamingTheChangedSellersAndMonths) {
  v1::ImportTransactionsResponse response;
  ASSERT_TRUE(HasCode(Import({{.id = "e-1", .date = "2026-05-03"},
                              {.id = "e-2", .date = "2026-06-30", .splits = {{rep_b_, "100"}}}},
                             v1::IMPORT_MODE_ALL_OR_NOTHING, &response),
                      grpc::StatusCode::OK));
  const std::string resource = "transaction-imports/" + std::to_string(response.import_id());
  auto events = events::v1::EventStreamService::NewStub(stack().service_channel("compensation"));
  const std::string service = Token("it-service", {"service"});
  std::optional<events::v1::Event> found;
  // The relay sequences the outbox row shortly after the commit.
  ASSERT_TRUE(PollUntil(std::chrono::seconds(30), [&] {
    events::v1::StreamEventsRequest request;
    request.set_from_sequence(1);
    auto context = MakeContext(service);
    auto reader = events->StreamEvents(context.get(), request);
    events::v1::Event event;
    while (reader->Read(&event)) {
      if (event.resource() == resource) found = event;
    }
    return reader->Finish().ok() && found.has_value();
  })) << "no event for " << resource;
  EXPECT_EQ(found->producer(), "compensation");
  EXPECT_EQ(found->type(), "transactions.imported");
  const nlohmann::json payload = nlohmann::json::parse(found->payload_json());
  EXPECT_EQ(payload.at("inserted_count"), 2);
  EXPECT_EQ(payload.at("months"), nlohmann::json::array({"2026-05", "2026-06"}));
  EXPECT_EQ(payload.at("first_date"), "2026-05-01");
  EXPECT_EQ(payload.at("last_date"), "2026-06-30");
  std::vector<std::string> sellers = {rep_a_, rep_b_};
  std::sort(sellers.begin(), sellers.end());
  EXPECT_EQ(payload.at("seller_ids"), nlohmann::json(sellers));
  EXPECT_EQ(payload.at("source_systems"), nlohmann::json::array({source_}));
}

TEST_F(TransactionsTest, RepsManagersAndStrangersCannotReachRawTransactions) {
  const std::vector<Line> lines = {{.id = "z-1"}};
  for (const char* role : {"rep", "manager"}) {
    const std::string token = Token(rep_a_, {role});
    EXPECT_TRUE(HasCode(Import(lines, v1::IMPORT_MODE_ALL_OR_NOTHING, nullptr, "", token),
                        grpc::StatusCode::PERMISSION_DENIED))
        << role;
    v1::ListTransactionsResponse page;
    EXPECT_TRUE(HasCode(transactions_->ListTransactions(MakeContext(token).get(), {}, &page),
                        grpc::StatusCode::PERMISSION_DENIED))
        << role;
  }
  v1::ListTransactionsResponse page;
  EXPECT_TRUE(HasCode(transactions_->ListTransactions(MakeContext("").get(), {}, &page),
                      grpc::StatusCode::UNAUTHENTICATED));
  // Finance reads but does not import; a comp admin imports.
  const std::string finance = Token("it-finance", {"finance"});
  EXPECT_TRUE(HasCode(Import(lines, v1::IMPORT_MODE_ALL_OR_NOTHING, nullptr, "", finance),
                      grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_EQ(List({}, finance).total_size(), 0);
  v1::ImportTransactionsResponse imported;
  ASSERT_TRUE(HasCode(Import(lines, v1::IMPORT_MODE_ALL_OR_NOTHING, &imported, "",
                             Token("it-comp", {"comp_admin"})),
                      grpc::StatusCode::OK));
  EXPECT_EQ(imported.inserted_count(), 1);
  EXPECT_EQ(List({}, finance).total_size(), 1);
}

TEST_F(TransactionsTest, FxRatesAreSetPerMonthReplacedAndListed) {
  auto fx = v1::FxRateService::NewStub(stack().gateway_channel());
  // XTS is ISO 4217's code reserved for tests, so no other test touches these rates. The
  // counts are checked on the second set, which changes one of two rates however often the
  // test runs against one database.
  v1::SetFxRatesRequest set;
  for (const auto& [month, rate] : {std::pair{"2026-01", "1.0825"}, std::pair{"2026-02", "1.09"}}) {
    v1::FxRate* added = set.add_rates();
    added->set_from_currency("XTS");
    added->set_to_currency("USD");
    added->set_month(month);
    added->set_rate(rate);
  }
  v1::SetFxRatesResponse response;
  ASSERT_TRUE(HasCode(fx->SetFxRates(MakeContext(admin_).get(), set, &response),
                      grpc::StatusCode::OK));
  set.mutable_rates(1)->set_rate("1.1");
  ASSERT_TRUE(HasCode(fx->SetFxRates(MakeContext(admin_).get(), set, &response),
                      grpc::StatusCode::OK));
  EXPECT_EQ(response.created_count(), 0);
  EXPECT_EQ(response.updated_count(), 1);
  EXPECT_EQ(response.unchanged_count(), 1);

  v1::ListFxRatesRequest list;
  list.set_from_currency("XTS");
  list.set_to_currency("USD");
  list.set_start_month("2026-01");
  list.set_end_month("2026-02");
  v1::ListFxRatesResponse rates;
  ASSERT_TRUE(HasCode(fx->ListFxRates(MakeContext(Token("it-finance", {"finance"})).get(), list,
                                      &rates),
                      grpc::StatusCode::OK));
  ASSERT_EQ(rates.rates_size(), 2);
  EXPECT_EQ(rates.rates(0).month(), "2026-01");
  EXPECT_EQ(rates.rates(0).rate(), "1.0825");
  EXPECT_EQ(rates.rates(1).month(), "2026-02");
  EXPECT_EQ(rates.rates(1).rate(), "1.1");

  set.mutable_rates(0)->set_rate("-1");
  set.mutable_rates(1)->set_month("2026-13");
  EXPECT_EQ(ViolationFields(fx->SetFxRates(MakeContext(admin_).get(), set, &response)),
            (std::vector<std::string>{"rates[0].rate", "rates[1].month"}));
  EXPECT_TRUE(HasCode(fx->SetFxRates(MakeContext(Token(rep_a_, {"rep"})).get(), set, &response),
                      grpc::StatusCode::PERMISSION_DENIED));
}

}  // namespace
}  // namespace attain::itest

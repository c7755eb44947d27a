// StatementService through the gateway, before any calculation run exists: adjustments
// (validation, retry safety, listing, the outbox event, who may write and read them) and
// the reads of a period that has no published run. Statements themselves come with the run.
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "attain/compensation/v1/calculation.grpc.pb.h"
#include "tests/integration/event_helpers.h"
#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/org_helpers.h"
#include "tests/integration/stack_test.h"

namespace attain::itest {
namespace {

namespace v1 = compensation::v1;
using google::protobuf::util::MessageDifferencer;

// No calculation test runs this period (years end at 2100).
constexpr char kUnpublishedPeriod[] = "2100-11";

class StatementsTest : public StackTest {
 protected:
  void SetUp() override {
    StackTest::SetUp();
    if (HasFatalFailure()) return;
    admin_ = AdminToken();
    comp_ = Token("it-comp", {"comp_admin"});
    finance_ = Token("it-finance", {"finance"});
    rep_ = UniqueId("st-rep");
    statements_ = v1::StatementService::NewStub(stack().gateway_channel());
    ASSERT_TRUE(HasCode(CreateSeller(*Org(), admin_, NewSeller(rep_)), grpc::StatusCode::OK));
  }

  v1::Adjustment Payout(const std::string& amount) {
    v1::Adjustment adjustment;
    adjustment.set_seller_id(rep_);
    adjustment.set_period("2026-Q4");
    adjustment.set_kind(v1::ADJUSTMENT_KIND_PAYOUT);
    adjustment.set_amount(amount);
    adjustment.set_reason("Clawback: SO-17 cancelled after payout");
    return adjustment;
  }

  grpc::Status Create(const v1::Adjustment& adjustment, const std::string& request_id,
                      v1::Adjustment* created = nullptr, const std::string& token = "") {
    v1::CreateAdjustmentRequest request;
    *request.mutable_adjustment() = adjustment;
    request.set_request_id(request_id);
    v1::Adjustment response;
    grpc::Status status = statements_->CreateAdjustment(
        MakeContext(token.empty() ? comp_ : token).get(), request, &response);
    if (created != nullptr) *created = response;
    return status;
  }

  grpc::Status ListAdjustments(v1::ListAdjustmentsRequest request, const std::string& token,
                               v1::ListAdjustmentsResponse* response) {
    return statements_->ListAdjustments(MakeContext(token).get(), request, response);
  }

  std::string admin_, comp_, finance_, rep_;
  std::unique_ptr<v1::StatementService::Stub> statements_;
};

TEST_F(StatementsTest, CreateAdjustmentNamesEveryInvalidFieldAndWritesNothing) {
  EXPECT_EQ(
      ViolationFields(Create(v1::Adjustment(), UniqueId("adj-req"))),
      (std::vector<std::string>{"adjustment.period", "adjustment.seller_id", "adjustment.kind",
                                "adjustment.amount", "adjustment.reason"}));

  v1::Adjustment zero = Payout("0.00");
  zero.set_measure_id("bookings");  // a PAYOUT has none
  EXPECT_EQ(ViolationFields(Create(zero, UniqueId("adj-req"))),
            (std::vector<std::string>{"adjustment.amount", "adjustment.measure_id"}));

  v1::Adjustment credit = Payout("100");
  credit.set_kind(v1::ADJUSTMENT_KIND_CREDIT);
  credit.set_period("2026-Q5");
  credit.set_reason(std::string(501, 'x'));
  EXPECT_EQ(ViolationFields(Create(credit, UniqueId("adj-req"))),
            (std::vector<std::string>{"adjustment.period", "adjustment.measure_id",
                                      "adjustment.reason"}));

  v1::ListAdjustmentsRequest list;
  list.set_period("2026-Q4");
  list.set_seller_id(rep_);
  v1::ListAdjustmentsResponse listed;
  ASSERT_TRUE(HasCode(ListAdjustments(list, comp_, &listed), grpc::StatusCode::OK));
  EXPECT_EQ(listed.adjustments_size(), 0);
}

TEST_F(StatementsTest, AdjustmentForASellerPlanningDoesNotKnowIsRefused) {
  v1::Adjustment stranger = Payout("10");
  stranger.set_seller_id(UniqueId("st-nobody"));
  EXPECT_TRUE(IsInvalidField(Create(stranger, UniqueId("adj-req")), "adjustment.seller_id"));
}

TEST_F(StatementsTest, RetriedCreateReturnsTheSameAdjustmentAndTheListShowsItOnce) {
  const std::string request_id = UniqueId("adj-req");
  v1::Adjustment first;
  ASSERT_TRUE(HasCode(Create(Payout("-250.50"), request_id, &first), grpc::StatusCode::OK));
  EXPECT_EQ(first.adjustment_id().rfind("adj-", 0), 0u) << first.adjustment_id();
  EXPECT_EQ(first.name(), "periods/2026-Q4/adjustments/" + first.adjustment_id());
  EXPECT_EQ(first.seller_id(), rep_);
  EXPECT_EQ(first.period(), "2026-Q4");
  EXPECT_EQ(first.kind(), v1::ADJUSTMENT_KIND_PAYOUT);
  EXPECT_EQ(first.amount(), "-250.5");
  EXPECT_EQ(first.author(), "it-comp");
  EXPECT_GT(first.create_time().seconds(), 0);

  v1::Adjustment retried;
  ASSERT_TRUE(HasCode(Create(Payout("-250.50"), request_id, &retried), grpc::StatusCode::OK));
  EXPECT_TRUE(MessageDifferencer::Equals(retried, first)) << retried.DebugString();
  // The same request_id for another request is a client bug, not a retry.
  EXPECT_TRUE(IsInvalidField(Create(Payout("-250.51"), request_id), "request_id"));

  v1::Adjustment credit = Payout("1200");
  credit.set_kind(v1::ADJUSTMENT_KIND_CREDIT);
  credit.set_measure_id("bookings");
  v1::Adjustment second;
  ASSERT_TRUE(HasCode(Create(credit, UniqueId("adj-req"), &second), grpc::StatusCode::OK));

  // One seller's adjustments come in creation order; finance reads them too.
  v1::ListAdjustmentsRequest list;
  list.set_period("2026-Q4");
  list.set_seller_id(rep_);
  list.set_page_size(1);
  v1::ListAdjustmentsResponse page;
  ASSERT_TRUE(HasCode(ListAdjustments(list, finance_, &page), grpc::StatusCode::OK));
  ASSERT_EQ(page.adjustments_size(), 1);
  EXPECT_TRUE(MessageDifferencer::Equals(page.adjustments(0), first))
      << page.adjustments(0).DebugString();
  ASSERT_FALSE(page.next_page_token().empty());
  list.set_page_token(page.next_page_token());
  ASSERT_TRUE(HasCode(ListAdjustments(list, finance_, &page), grpc::StatusCode::OK));
  ASSERT_EQ(page.adjustments_size(), 1);
  EXPECT_TRUE(MessageDifferencer::Equals(page.adjustments(0), second))
      << page.adjustments(0).DebugString();
  EXPECT_EQ(page.adjustments(0).measure_id(), "bookings");
  EXPECT_EQ(page.next_page_token(), "");

  // Another period holds none of them.
  v1::ListAdjustmentsRequest other;
  other.set_period("2026-Q3");
  other.set_seller_id(rep_);
  ASSERT_TRUE(HasCode(ListAdjustments(other, comp_, &page), grpc::StatusCode::OK));
  EXPECT_EQ(page.adjustments_size(), 0);
}

TEST_F(StatementsTest, CreatedAdjustmentAppendsAnEvent) {
  v1::Adjustment created;
  ASSERT_TRUE(HasCode(Create(Payout("75"), UniqueId("adj-req"), &created), grpc::StatusCode::OK));
  const std::optional<events::v1::Event> event =
      AwaitEvent(stack(), "compensation", Token("it-service", {"service"}), created.name(),
                 "adjustment.created");
  ASSERT_TRUE(event.has_value()) << "no adjustment.created event for " << created.name();
  EXPECT_EQ(event->producer(), "compensation");
  const nlohmann::json payload = nlohmann::json::parse(event->payload_json());
  EXPECT_EQ(payload.at("seller_id"), rep_);
  EXPECT_EQ(payload.at("amount"), "75");
  EXPECT_EQ(payload.at("kind"), "PAYOUT");
  EXPECT_EQ(payload.at("author"), "it-comp");
}

TEST_F(StatementsTest, OnlyCompAdminsWriteAdjustmentsAndOnlyCompAdminsAndFinanceListThem) {
  v1::ListAdjustmentsRequest list;
  list.set_period("2026-Q4");
  list.set_seller_id(rep_);
  v1::ListAdjustmentsResponse page;
  for (const char* role : {"rep", "manager"}) {
    const std::string token = Token(rep_, {role});
    EXPECT_TRUE(HasCode(Create(Payout("10"), UniqueId("adj-req"), nullptr, token),
                        grpc::StatusCode::PERMISSION_DENIED))
        << role;
    EXPECT_TRUE(HasCode(ListAdjustments(list, token, &page), grpc::StatusCode::PERMISSION_DENIED))
        << role;
  }
  EXPECT_TRUE(HasCode(Create(Payout("10"), UniqueId("adj-req"), nullptr, finance_),
                      grpc::StatusCode::PERMISSION_DENIED));
  ASSERT_TRUE(HasCode(ListAdjustments(list, comp_, &page), grpc::StatusCode::OK));
  EXPECT_EQ(page.adjustments_size(), 0);
}

TEST_F(StatementsTest, PeriodWithoutPublishedRunHasNoStatementsAndNoPayroll) {
  v1::GetStatementRequest get;
  get.set_seller_id(rep_);
  get.set_period(kUnpublishedPeriod);
  v1::Statement statement;
  EXPECT_TRUE(HasCode(statements_->GetStatement(MakeContext(comp_).get(), get, &statement),
                      grpc::StatusCode::NOT_FOUND));
  EXPECT_TRUE(
      HasCode(statements_->GetStatement(MakeContext(Token(rep_, {"rep"})).get(), get, &statement),
              grpc::StatusCode::NOT_FOUND));
  // A rep asking for someone else is refused before anything is looked up.
  EXPECT_TRUE(HasCode(statements_->GetStatement(
                          MakeContext(Token(UniqueId("st-other"), {"rep"})).get(), get, &statement),
                      grpc::StatusCode::PERMISSION_DENIED));
  get.set_period("2026-13");
  EXPECT_TRUE(IsInvalidField(statements_->GetStatement(MakeContext(comp_).get(), get, &statement),
                             "period"));

  v1::ListStatementsRequest list;
  list.set_period(kUnpublishedPeriod);
  v1::ListStatementsResponse listed;
  ASSERT_TRUE(HasCode(statements_->ListStatements(MakeContext(finance_).get(), list, &listed),
                      grpc::StatusCode::OK));
  EXPECT_EQ(listed.statements_size(), 0);
  EXPECT_EQ(listed.next_page_token(), "");

  v1::ExportPayrollRequest payroll;
  payroll.set_period(kUnpublishedPeriod);
  v1::ExportPayrollResponse exported;
  EXPECT_TRUE(HasCode(statements_->ExportPayroll(MakeContext(finance_).get(), payroll, &exported),
                      grpc::StatusCode::NOT_FOUND));
  EXPECT_TRUE(HasCode(
      statements_->ExportPayroll(MakeContext(Token(rep_, {"rep"})).get(), payroll, &exported),
      grpc::StatusCode::PERMISSION_DENIED));

  v1::ExplainPayoutRequest explain;
  explain.set_seller_id(rep_);
  explain.set_period(kUnpublishedPeriod);
  v1::ExplainPayoutResponse explained;
  EXPECT_TRUE(IsInvalidField(
      statements_->ExplainPayout(MakeContext(comp_).get(), explain, &explained), "component_id"));
}

}  // namespace
}  // namespace attain::itest

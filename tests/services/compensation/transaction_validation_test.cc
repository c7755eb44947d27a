// Transaction row validation: required fields, types, dates, decimals, currency, the sign
// convention for reversals, splits and attributes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/compensation/transactions/transaction_validation.h"

namespace attain::compensation::transactions {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using money::Decimal;

Decimal D(const char* text) { return Decimal::Parse(text).value(); }

TransactionInput ValidOrder() {
  TransactionInput input;
  input.source_system = "crm";
  input.transaction_id = "SO-2026/0001#a";
  input.type = TransactionType::kOrder;
  input.date = "2026-03-15";
  input.account_id = "acc-00001";
  input.product_id = "prd-001";
  input.amount = "12500.50";
  input.currency = "USD";
  input.quantity = "3";
  input.margin = "4200.25";
  input.owner_seller_id = "rep-001";
  input.splits = {{"rep-001", "60", false}, {"rep-002", "40", false}};
  input.attributes = {{"channel", "partner"}};
  return input;
}

std::vector<std::string> Fields(const std::vector<FieldProblem>& problems) {
  std::vector<std::string> fields;
  for (const FieldProblem& problem : problems) fields.push_back(problem.field);
  return fields;
}

TEST(TransactionValidationTest, ValidOrderParsesWithExactMoney) {
  std::vector<FieldProblem> problems;
  auto t = ParseTransaction(ValidOrder(), &problems);
  ASSERT_TRUE(t.has_value());
  EXPECT_THAT(problems, IsEmpty());
  EXPECT_EQ(t->key.transaction_id, "SO-2026/0001#a");
  EXPECT_EQ(t->date, absl::CivilDay(2026, 3, 15));
  EXPECT_EQ(t->amount.micros(), 12'500'500'000);
  EXPECT_EQ(t->quantity, D("3"));
  EXPECT_EQ(t->margin, D("4200.25"));
  ASSERT_EQ(t->splits.size(), 2u);
  EXPECT_EQ(t->splits[1], (CreditSplit{"rep-002", D("40"), false}));
}

TEST(TransactionValidationTest, EveryBadFieldIsNamedAtOnce) {
  TransactionInput input = ValidOrder();
  input.source_system = "";
  input.transaction_id = "has space";
  input.type = std::nullopt;
  input.date = "2026-02-30";
  input.account_id = "";
  input.product_id = "prd 1";
  input.amount = "1.1234567";
  input.currency = "usd";
  input.quantity = "three";
  input.margin = "1e3";
  input.owner_seller_id = "rep/1";
  input.attributes.emplace_back("bad key!", "x");
  std::vector<FieldProblem> problems;
  EXPECT_FALSE(ParseTransaction(input, &problems).has_value());
  EXPECT_THAT(Fields(problems),
              ElementsAre("source_system", "transaction_id", "type", "transaction_date",
                          "account_id", "product_id", "amount", "currency", "quantity", "margin",
                          "owner_seller_id", "attributes[bad key!]"));
}

TEST(TransactionValidationTest, RequiredFieldsAreNamedWhenEmpty) {
  std::vector<FieldProblem> problems;
  EXPECT_FALSE(ParseTransaction(TransactionInput{}, &problems).has_value());
  EXPECT_THAT(Fields(problems), ElementsAre("source_system", "transaction_id", "type",
                                            "transaction_date", "account_id", "product_id",
                                            "amount", "currency"));
}

TEST(TransactionValidationTest, NegativeOrderOrInvoiceIsRejectedWithAHint) {
  for (TransactionType type : {TransactionType::kOrder, TransactionType::kInvoice}) {
    TransactionInput input = ValidOrder();
    input.type = type;
    input.amount = "-10";
    input.quantity = "-1";
    std::vector<FieldProblem> problems;
    EXPECT_FALSE(ParseTransaction(input, &problems).has_value());
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0].field, "amount");
    EXPECT_THAT(problems[0].reason, ::testing::HasSubstr("send a CANCELLATION or REFUND"));
    EXPECT_EQ(problems[1].field, "quantity");
  }
}

TEST(TransactionValidationTest, ReversalSentAsPositiveMagnitudeIsStoredNegatedWholeRow) {
  for (TransactionType type : {TransactionType::kCancellation, TransactionType::kRefund}) {
    TransactionInput input = ValidOrder();
    input.type = type;
    input.amount = "120.50";
    input.quantity = "2";
    input.margin = "-30";  // a loss-making line: its reversal gives the margin back
    std::vector<FieldProblem> problems;
    auto t = ParseTransaction(input, &problems);
    ASSERT_TRUE(t.has_value()) << problems.size();
    EXPECT_EQ(t->amount, D("-120.5"));
    EXPECT_EQ(t->quantity, D("-2"));
    EXPECT_EQ(t->margin, D("30"));
  }
}

TEST(TransactionValidationTest, ReversalSentNegativeIsKeptAsSent) {
  TransactionInput input = ValidOrder();
  input.type = TransactionType::kRefund;
  input.amount = "-120.50";
  input.quantity = "-2";
  input.margin = "-40";
  std::vector<FieldProblem> problems;
  auto t = ParseTransaction(input, &problems);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->amount, D("-120.5"));
  EXPECT_EQ(t->quantity, D("-2"));
  EXPECT_EQ(t->margin, D("-40"));
}

TEST(TransactionValidationTest, ReversalWhoseQuantityHasTheOtherSignIsRejected) {
  TransactionInput input = ValidOrder();
  input.type = TransactionType::kCancellation;
  input.amount = "-100";
  input.quantity = "2";
  std::vector<FieldProblem> problems;
  EXPECT_FALSE(ParseTransaction(input, &problems).has_value());
  EXPECT_THAT(Fields(problems), ElementsAre("quantity"));
}

TEST(TransactionValidationTest, OnlyAReversalNamesTheDealItReverses) {
  TransactionInput input = ValidOrder();
  input.type = TransactionType::kCancellation;
  input.original_transaction_id = "SO-2026/0000";
  std::vector<FieldProblem> problems;
  auto t = ParseTransaction(input, &problems);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->original_transaction_id, "SO-2026/0000");

  for (auto [type, original] : std::vector<std::pair<TransactionType, std::string_view>>{
           {TransactionType::kOrder, "SO-2026/0000"},         // not a reversal
           {TransactionType::kRefund, "SO-2026/0001#a"},      // itself
           {TransactionType::kRefund, "has space"}}) {        // not an id
    input.type = type;
    input.original_transaction_id = original;
    problems.clear();
    EXPECT_FALSE(ParseTransaction(input, &problems).has_value()) << original;
    EXPECT_THAT(Fields(problems), ElementsAre("original_transaction_id")) << original;
  }
}

TEST(TransactionValidationTest, AdjustmentKeepsEitherSign) {
  for (const char* amount : {"-75.25", "75.25"}) {
    TransactionInput input = ValidOrder();
    input.type = TransactionType::kAdjustment;
    input.amount = amount;
    input.quantity = "-1";
    std::vector<FieldProblem> problems;
    auto t = ParseTransaction(input, &problems);
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(t->amount, D(amount));
    EXPECT_EQ(t->quantity, D("-1"));
  }
}

TEST(TransactionValidationTest, PrimarySplitsMustTotalExactlyOneHundred) {
  TransactionInput input = ValidOrder();
  input.splits = {{"rep-001", "60", false}, {"rep-002", "39.999999", false}};
  std::vector<FieldProblem> problems;
  EXPECT_FALSE(ParseTransaction(input, &problems).has_value());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "splits");
  EXPECT_THAT(problems[0].reason, ::testing::HasSubstr("total 99.999999 %"));
}

TEST(TransactionValidationTest, OverlaySplitsDoNotCountTowardTheTotal) {
  TransactionInput input = ValidOrder();
  input.splits = {{"rep-001", "33.333334", false},
                  {"rep-002", "33.333333", false},
                  {"rep-003", "33.333333", false},
                  {"spec-001", "100", true}};
  std::vector<FieldProblem> problems;
  EXPECT_TRUE(ParseTransaction(input, &problems).has_value());
  input.splits = {{"spec-001", "50", true}, {"spec-002", "25", true}};
  EXPECT_TRUE(ParseTransaction(input, &problems).has_value());
  EXPECT_THAT(problems, IsEmpty());
}

TEST(TransactionValidationTest, BadSplitsAreNamedByTheirIndexAsSent) {
  TransactionInput input = ValidOrder();
  input.splits = {{"rep-001", "50", false}, {"rep-001", "50", false}, {"rep-003", "0", true},
                  {"", "101", true}};
  std::vector<FieldProblem> problems;
  EXPECT_FALSE(ParseTransaction(input, &problems).has_value());
  EXPECT_THAT(Fields(problems), ElementsAre("splits[1].seller_id", "splits[2].percent",
                                            "splits[3].seller_id", "splits[3].percent"));
}

TEST(TransactionValidationTest, TransactionIdsArePrintableAsciiWithoutSpaces) {
  EXPECT_TRUE(IsValidTransactionId("SO-2026/00123#A"));
  EXPECT_TRUE(IsValidTransactionId(std::string(128, 'x')));
  EXPECT_FALSE(IsValidTransactionId(std::string(129, 'x')));
  EXPECT_FALSE(IsValidTransactionId(""));
  EXPECT_FALSE(IsValidTransactionId("a b"));
  EXPECT_FALSE(IsValidTransactionId("tab\there"));
  EXPECT_FALSE(IsValidTransactionId("caf\xc3\xa9"));
}

}  // namespace
}  // namespace attain::compensation::transactions

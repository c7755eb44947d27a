// CreateAdjustment's validation (every field named at once, exact money) and the
// adjustment's API shape.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/errors/errors.h"
#include "services/compensation/statements/adjustment.h"
#include "services/compensation/statements/adjustment_validation.h"

namespace attain::compensation::statements {
namespace {

using ::testing::ElementsAre;

constexpr int kJanuary = 1;

v1::Adjustment ValidPayout() {
  v1::Adjustment adjustment;
  adjustment.set_seller_id("rep-001");
  adjustment.set_period("2026-Q4");
  adjustment.set_kind(v1::ADJUSTMENT_KIND_PAYOUT);
  adjustment.set_amount("-250.50");
  adjustment.set_reason("Clawback: order SO-17 cancelled after payout");
  return adjustment;
}

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const errors::FieldViolation& violation : errors::FieldViolationsOf(status)) {
    fields.push_back(violation.field);
  }
  return fields;
}

std::string Description(const absl::Status& status, const std::string& field) {
  for (const errors::FieldViolation& violation : errors::FieldViolationsOf(status)) {
    if (violation.field == field) return violation.description;
  }
  return "<no violation of " + field + ">";
}

TEST(StatementsAdjustmentValidationTest, ValidPayoutParsesWithExactAmount) {
  auto parsed = ParseAdjustment(ValidPayout(), kJanuary);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->period, "2026-Q4");
  EXPECT_EQ(parsed->seller_id, "rep-001");
  EXPECT_EQ(parsed->kind, AdjustmentKind::kPayout);
  EXPECT_EQ(parsed->amount.micros(), -250'500'000);
  EXPECT_EQ(parsed->measure_id, "");
  EXPECT_EQ(parsed->reason, "Clawback: order SO-17 cancelled after payout");
  EXPECT_EQ(parsed->adjustment_id, "");
  EXPECT_EQ(parsed->author, "");
}

TEST(StatementsAdjustmentValidationTest, OutputOnlyFieldsOfTheRequestAreIgnored) {
  v1::Adjustment input = ValidPayout();
  input.set_adjustment_id("adj-mine");
  input.set_author("someone-else");
  input.set_name("periods/2026-Q4/adjustments/adj-mine");
  auto parsed = ParseAdjustment(input, kJanuary);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->adjustment_id, "");
  EXPECT_EQ(parsed->author, "");
}

TEST(StatementsAdjustmentValidationTest, CreditNamesItsMeasure) {
  v1::Adjustment input = ValidPayout();
  input.set_kind(v1::ADJUSTMENT_KIND_CREDIT);
  input.set_measure_id("bookings");
  input.set_amount("12000");
  input.set_period("2026-10");
  auto parsed = ParseAdjustment(input, kJanuary);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->kind, AdjustmentKind::kCredit);
  EXPECT_EQ(parsed->measure_id, "bookings");
  EXPECT_EQ(parsed->amount.micros(), 12'000'000'000);
  EXPECT_EQ(parsed->period, "2026-10");
}

TEST(StatementsAdjustmentValidationTest, EmptyAdjustmentNamesEveryRequiredField) {
  auto parsed = ParseAdjustment(v1::Adjustment(), kJanuary);
  ASSERT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Fields(parsed.status()),
              ElementsAre("adjustment.period", "adjustment.seller_id", "adjustment.kind",
                          "adjustment.amount", "adjustment.reason"));
  EXPECT_EQ(Description(parsed.status(), "adjustment.amount"), "is required");
  EXPECT_EQ(Description(parsed.status(), "adjustment.period"), "is required");
}

TEST(StatementsAdjustmentValidationTest, BadValuesAreNamedAtOnce) {
  v1::Adjustment input = ValidPayout();
  input.set_period("2026-13");
  input.set_seller_id("rep 001");
  input.set_amount("1.2345678");
  input.set_measure_id("bookings");  // a PAYOUT has none
  input.set_reason(" \t ");
  auto parsed = ParseAdjustment(input, kJanuary);
  ASSERT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Fields(parsed.status()),
              ElementsAre("adjustment.period", "adjustment.seller_id", "adjustment.amount",
                          "adjustment.measure_id", "adjustment.reason"));
  EXPECT_EQ(Description(parsed.status(), "adjustment.seller_id"),
            "must be 1-64 letters, digits, '-', '_' or '.'");
  EXPECT_EQ(Description(parsed.status(), "adjustment.amount"),
            "must be a decimal number with at most 6 fractional digits");
  EXPECT_EQ(Description(parsed.status(), "adjustment.measure_id"),
            "must be empty for a PAYOUT adjustment");
  EXPECT_EQ(Description(parsed.status(), "adjustment.reason"), "is required");
}

TEST(StatementsAdjustmentValidationTest, ZeroAmountIsRefusedInAnySpelling) {
  for (const char* zero : {"0", "0.00", "-0.000000"}) {
    v1::Adjustment input = ValidPayout();
    input.set_amount(zero);
    auto parsed = ParseAdjustment(input, kJanuary);
    EXPECT_THAT(Fields(parsed.status()), ElementsAre("adjustment.amount")) << zero;
    EXPECT_EQ(Description(parsed.status(), "adjustment.amount"), "must not be zero") << zero;
  }
}

TEST(StatementsAdjustmentValidationTest, CreditWithoutMeasureIsRefused) {
  v1::Adjustment input = ValidPayout();
  input.set_kind(v1::ADJUSTMENT_KIND_CREDIT);
  auto parsed = ParseAdjustment(input, kJanuary);
  EXPECT_THAT(Fields(parsed.status()), ElementsAre("adjustment.measure_id"));
  EXPECT_EQ(Description(parsed.status(), "adjustment.measure_id"),
            "is required for a CREDIT adjustment");
  input.set_measure_id("book ings");
  EXPECT_THAT(Fields(ParseAdjustment(input, kJanuary).status()),
              ElementsAre("adjustment.measure_id"));
}

TEST(StatementsAdjustmentValidationTest, KindOutsideTheEnumIsRefused) {
  v1::Adjustment input = ValidPayout();
  input.set_kind(static_cast<v1::AdjustmentKind>(7));
  auto parsed = ParseAdjustment(input, kJanuary);
  EXPECT_THAT(Fields(parsed.status()), ElementsAre("adjustment.kind"));
  EXPECT_EQ(Description(parsed.status(), "adjustment.kind"), "must be PAYOUT or CREDIT");
}

TEST(StatementsAdjustmentValidationTest, ReasonIsLimitedTo500CharactersNotBytes) {
  v1::Adjustment input = ValidPayout();
  std::string reason;
  for (int i = 0; i < 500; ++i) reason += "\xC3\xA9";  // "é": 2 bytes, 1 character
  input.set_reason(reason);
  EXPECT_TRUE(ParseAdjustment(input, kJanuary).ok());
  input.set_reason(reason + "x");
  auto parsed = ParseAdjustment(input, kJanuary);
  EXPECT_THAT(Fields(parsed.status()), ElementsAre("adjustment.reason"));
  EXPECT_EQ(Description(parsed.status(), "adjustment.reason"), "must be at most 500 characters");
}

TEST(StatementsAdjustmentTest, ProtoCarriesNameAuthorAndExactTime) {
  Adjustment adjustment;
  adjustment.adjustment_id = "adj-00000000000000ff";
  adjustment.period = "2026-Q4";
  adjustment.seller_id = "rep-001";
  adjustment.kind = AdjustmentKind::kCredit;
  adjustment.amount = money::Decimal::FromMicros(1'500'250'000);  // 1500.25
  adjustment.measure_id = "bookings";
  adjustment.reason = "Late split";
  adjustment.author = "it-comp";
  adjustment.create_time_micros = 1'790'000'000'123'456;
  const v1::Adjustment proto = ToProto(adjustment);
  EXPECT_EQ(proto.name(), "periods/2026-Q4/adjustments/adj-00000000000000ff");
  EXPECT_EQ(proto.adjustment_id(), "adj-00000000000000ff");
  EXPECT_EQ(proto.kind(), v1::ADJUSTMENT_KIND_CREDIT);
  EXPECT_EQ(proto.amount(), "1500.25");
  EXPECT_EQ(proto.measure_id(), "bookings");
  EXPECT_EQ(proto.author(), "it-comp");
  EXPECT_EQ(proto.create_time().seconds(), 1'790'000'000);
  EXPECT_EQ(proto.create_time().nanos(), 123'456'000);

  const nlohmann::json event = nlohmann::json::parse(ToEventJson(adjustment));
  EXPECT_EQ(event.at("name"), "periods/2026-Q4/adjustments/adj-00000000000000ff");
  EXPECT_EQ(event.at("kind"), "CREDIT");
  EXPECT_EQ(event.at("amount"), "1500.25");
  EXPECT_EQ(event.at("author"), "it-comp");
}

TEST(StatementsAdjustmentTest, KindNamesRoundTripAndUnknownNamesAreRefused) {
  EXPECT_STREQ(KindName(AdjustmentKind::kPayout), "PAYOUT");
  EXPECT_STREQ(KindName(AdjustmentKind::kCredit), "CREDIT");
  EXPECT_EQ(ParseKindName("PAYOUT"), AdjustmentKind::kPayout);
  EXPECT_EQ(ParseKindName("CREDIT"), AdjustmentKind::kCredit);
  EXPECT_EQ(ParseKindName("payout"), std::nullopt);
}

}  // namespace
}  // namespace attain::compensation::statements

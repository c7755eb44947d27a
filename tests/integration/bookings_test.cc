// BookingService through the gateway: idempotent all-or-nothing imports, listing and
// monthly summaries.
#include <gtest/gtest.h>

#include "attain/planning/v1/accounts.grpc.pb.h"
#include "attain/planning/v1/bookings.grpc.pb.h"
#include "attain/planning/v1/products.grpc.pb.h"
#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/org_helpers.h"
#include "tests/integration/stack_test.h"

namespace attain::itest {
namespace {

using planning::v1::Booking;
using planning::v1::BookingImportRow;
using planning::v1::BookingService;

Booking NewBooking(const std::string& account, const std::string& product, const std::string& date,
                   const std::string& amount) {
  Booking booking;
  booking.set_account_id(account);
  booking.set_product_id(product);
  booking.set_booking_date(date);
  booking.set_amount(amount);
  booking.set_currency("USD");
  return booking;
}

class BookingsTest : public StackTest {
 protected:
  // Two accounts and two products in families "<tag>-A" and "<tag>-B".
  void SetUp() override {
    StackTest::SetUp();
    if (HasFatalFailure()) return;
    bookings_ = BookingService::NewStub(stack().gateway_channel());
    admin_ = AdminToken();
    tag_ = UniqueId("bk");
    auto accounts = planning::v1::AccountService::NewStub(stack().gateway_channel());
    for (const std::string& id : {tag_ + "-acc1", tag_ + "-acc2"}) {
      planning::v1::CreateAccountRequest request;
      request.mutable_account()->set_account_id(id);
      request.mutable_account()->set_display_name(id);
      request.mutable_account()->set_country("DE");
      planning::v1::Account created;
      ASSERT_TRUE(HasCode(accounts->CreateAccount(MakeContext(admin_).get(), request, &created),
                          grpc::StatusCode::OK));
    }
    auto products = planning::v1::ProductService::NewStub(stack().gateway_channel());
    for (const std::string& family : {std::string("A"), std::string("B")}) {
      planning::v1::CreateProductRequest request;
      planning::v1::Product* product = request.mutable_product();
      product->set_product_id(tag_ + "-prod" + family);
      product->set_display_name(product->product_id());
      product->set_family(tag_ + "-" + family);
      product->set_line(tag_ + "-" + family + "-line");
      product->set_list_price("100");
      product->set_currency("USD");
      planning::v1::Product created;
      ASSERT_TRUE(HasCode(products->CreateProduct(MakeContext(admin_).get(), request, &created),
                          grpc::StatusCode::OK));
    }
  }

  grpc::Status Import(const std::vector<Booking>& bookings, const std::string& request_id,
                      planning::v1::ImportBookingsResponse* response = nullptr,
                      const std::string& token = "") {
    std::vector<BookingImportRow> rows;
    for (size_t i = 0; i < bookings.size(); ++i) {
      BookingImportRow& row = rows.emplace_back();
      row.set_row_number(static_cast<int64_t>(i) + 2);
      *row.mutable_booking() = bookings[i];
    }
    return StreamImport<planning::v1::ImportBookingsRequest>(
        [&](grpc::ClientContext* context, planning::v1::ImportBookingsResponse* result) {
          return bookings_->ImportBookings(context, result);
        },
        token.empty() ? admin_ : token, request_id, rows, 2, response);
  }

  int CountFor(const std::string& account) {
    planning::v1::ListBookingsRequest request;
    request.set_account_id(account);
    planning::v1::ListBookingsResponse response;
    EXPECT_TRUE(HasCode(bookings_->ListBookings(MakeContext(admin_).get(), request, &response),
                        grpc::StatusCode::OK));
    return response.total_size();
  }

  std::vector<Booking> Sample() {
    const std::string a1 = tag_ + "-acc1", a2 = tag_ + "-acc2";
    const std::string pa = tag_ + "-prodA", pb = tag_ + "-prodB";
    return {NewBooking(a1, pa, "2025-01-05", "100.10"), NewBooking(a1, pb, "2025-01-20", "50"),
            NewBooking(a2, pa, "2025-01-31", "-20.05"), NewBooking(a1, pa, "2025-02-01", "1000"),
            NewBooking(a2, pb, "2025-03-15", "7.5")};
  }

  std::unique_ptr<BookingService::Stub> bookings_;
  std::string admin_;
  std::string tag_;
};

TEST_F(BookingsTest, UnknownAccountOrProductRejectsTheWholeImport) {
  std::vector<Booking> rows = Sample();
  rows[1].set_account_id(tag_ + "-nobody");     // line 3
  rows[4].set_product_id(tag_ + "-noproduct");  // line 6
  const grpc::Status status = Import(rows, UniqueId("bk-req"));
  EXPECT_TRUE(IsInvalidField(status, "rows[3].account_id"));
  EXPECT_TRUE(IsInvalidField(status, "rows[6].product_id"));
  EXPECT_EQ(CountFor(tag_ + "-acc1"), 0);
  EXPECT_EQ(CountFor(tag_ + "-acc2"), 0);
}

TEST_F(BookingsTest, MalformedRowsAndAMissingRequestIdAreInvalid) {
  std::vector<Booking> rows = Sample();
  rows[0].set_booking_date("2025-02-30");
  rows[2].set_amount("12,50");
  const grpc::Status status = Import(rows, UniqueId("bk-req"));
  EXPECT_TRUE(IsInvalidField(status, "rows[2].booking_date"));
  EXPECT_TRUE(IsInvalidField(status, "rows[4].amount"));
  EXPECT_TRUE(IsInvalidField(Import(Sample(), ""), "request_id"));
  EXPECT_EQ(CountFor(tag_ + "-acc1"), 0);
}

TEST_F(BookingsTest, RetriedImportAddsNothingTwice) {
  const std::string request_id = UniqueId("bk-req");
  planning::v1::ImportBookingsResponse first, second;
  ASSERT_TRUE(HasCode(Import(Sample(), request_id, &first), grpc::StatusCode::OK));
  EXPECT_EQ(first.imported_count(), 5);
  ASSERT_TRUE(HasCode(Import(Sample(), request_id, &second), grpc::StatusCode::OK));
  EXPECT_EQ(second.imported_count(), 5);
  EXPECT_EQ(CountFor(tag_ + "-acc1"), 3);
  EXPECT_EQ(CountFor(tag_ + "-acc2"), 2);
}

TEST_F(BookingsTest, MonthlyTotalsByFamilyAndForOneAccount) {
  ASSERT_TRUE(HasCode(Import(Sample(), UniqueId("bk-req")), grpc::StatusCode::OK));
  planning::v1::SummarizeBookingsRequest request;
  request.add_account_ids(tag_ + "-acc1");
  request.add_account_ids(tag_ + "-acc2");
  request.set_group_by(planning::v1::BOOKING_GROUPING_PRODUCT_FAMILY);
  planning::v1::SummarizeBookingsResponse response;
  ASSERT_TRUE(HasCode(bookings_->SummarizeBookings(MakeContext(admin_).get(), request, &response),
                      grpc::StatusCode::OK));
  std::vector<std::string> totals;
  for (const auto& t : response.totals()) {
    totals.push_back(t.month() + " " + t.product_family() + " " + t.currency() + " " + t.amount() +
                     " x" + std::to_string(t.booking_count()));
  }
  // January A: 100.10 - 20.05 = 80.05 (two bookings); January B: 50; February A: 1000;
  // March B: 7.5.
  EXPECT_EQ(totals, (std::vector<std::string>{
                        "2025-01 " + tag_ + "-A USD 80.05 x2", "2025-01 " + tag_ + "-B USD 50 x1",
                        "2025-02 " + tag_ + "-A USD 1000 x1", "2025-03 " + tag_ + "-B USD 7.5 x1"}));

  // One account, month only, from February: 1000 in February, nothing else.
  planning::v1::SummarizeBookingsRequest narrow;
  narrow.add_account_ids(tag_ + "-acc1");
  narrow.set_start_date("2025-02-01");
  planning::v1::SummarizeBookingsResponse narrowed;
  ASSERT_TRUE(HasCode(bookings_->SummarizeBookings(MakeContext(admin_).get(), narrow, &narrowed),
                      grpc::StatusCode::OK));
  ASSERT_EQ(narrowed.totals_size(), 1);
  EXPECT_EQ(narrowed.totals(0).month(), "2025-02");
  EXPECT_EQ(narrowed.totals(0).amount(), "1000");
}

TEST_F(BookingsTest, ListPagesWithoutDuplicatesOrGaps) {
  ASSERT_TRUE(HasCode(Import(Sample(), UniqueId("bk-req")), grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(Import(Sample(), UniqueId("bk-req")), grpc::StatusCode::OK));
  planning::v1::ListBookingsRequest request;
  request.set_account_id(tag_ + "-acc1");
  request.set_page_size(4);
  std::set<int64_t> seen;
  int rows = 0;
  for (int page = 0; page < 5; ++page) {
    planning::v1::ListBookingsResponse response;
    ASSERT_TRUE(HasCode(bookings_->ListBookings(MakeContext(admin_).get(), request, &response),
                        grpc::StatusCode::OK));
    EXPECT_EQ(response.total_size(), 6);
    for (const Booking& b : response.bookings()) {
      seen.insert(b.booking_id());
      ++rows;
    }
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  EXPECT_EQ(rows, 6);
  EXPECT_EQ(seen.size(), 6u);
}

TEST_F(BookingsTest, RepMaySummarizeButNotImport) {
  const std::string rep = Token(UniqueId("rep"), {"rep"});
  EXPECT_TRUE(HasCode(Import(Sample(), UniqueId("bk-req"), nullptr, rep),
                      grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_EQ(CountFor(tag_ + "-acc1"), 0);
  planning::v1::SummarizeBookingsRequest request;
  planning::v1::SummarizeBookingsResponse response;
  request.add_account_ids(tag_ + "-acc1");
  EXPECT_TRUE(HasCode(bookings_->SummarizeBookings(MakeContext(rep).get(), request, &response),
                      grpc::StatusCode::OK));
  EXPECT_TRUE(HasCode(bookings_->SummarizeBookings(MakeContext("").get(), request, &response),
                      grpc::StatusCode::UNAUTHENTICATED));
}

}  // namespace
}  // namespace attain::itest

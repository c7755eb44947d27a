#include "tests/integration/quota_helpers.h"

#include <gtest/gtest.h>

#include "attain/planning/v1/accounts.grpc.pb.h"
#include "attain/planning/v1/bookings.grpc.pb.h"
#include "attain/planning/v1/products.grpc.pb.h"
#include "attain/planning/v1/territories.grpc.pb.h"
#include "absl/strings/str_format.h"
#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/org_helpers.h"

namespace attain::itest {
namespace {

namespace v1 = planning::v1;

v1::Territory Node(const QuotaWorld& w, const std::string& id, v1::TerritoryLevel level,
                   const std::string& parent, const std::string& state) {
  v1::Territory t;
  t.set_territory_id(w.Id(id));
  t.set_display_name("Territory " + id);
  t.set_level(level);
  t.set_type(v1::TERRITORY_TYPE_GEOGRAPHIC);
  v1::TerritoryVersion* version = t.add_versions();
  version->set_effective_from("2024-01-01");
  if (!parent.empty()) version->set_parent_id(w.Id(parent));
  if (!state.empty()) {
    v1::AssignmentRule* rule = version->add_rules();
    rule->set_priority(10);
    v1::Predicate* tagged = rule->add_predicates();
    tagged->set_attribute("custom.itest_tag");
    tagged->set_equals(w.tag);
    v1::Predicate* in_state = rule->add_predicates();
    in_state->set_attribute("state");
    in_state->set_equals(state);
  }
  return t;
}

void AddSellers(Stack& stack, const std::string& admin, const QuotaWorld& w) {
  auto org = OrganizationService::NewStub(stack.gateway_channel());
  Seller manager = NewSeller(w.Id("mgr"));
  ASSERT_TRUE(HasCode(CreateSeller(*org, admin, manager), grpc::StatusCode::OK));
  Seller rep1 = NewSeller(w.Id("rep1"));
  ReportsTo(rep1, w.Id("mgr"), "2024-01-01");
  ASSERT_TRUE(HasCode(CreateSeller(*org, admin, rep1), grpc::StatusCode::OK));
  Seller rep2 = NewSeller(w.Id("rep2"));
  rep2.set_hire_date("2026-02-15");
  ASSERT_TRUE(HasCode(CreateSeller(*org, admin, rep2), grpc::StatusCode::OK));
}

void AddTerritories(Stack& stack, const std::string& admin, const QuotaWorld& w) {
  auto territories = v1::TerritoryService::NewStub(stack.gateway_channel());
  for (const v1::Territory& t :
       {Node(w, "world", v1::TERRITORY_LEVEL_WORLD, "", ""),
        Node(w, "w", v1::TERRITORY_LEVEL_REGION, "world", ""),
        Node(w, "east", v1::TERRITORY_LEVEL_DISTRICT, "w", ""),
        Node(w, "west", v1::TERRITORY_LEVEL_DISTRICT, "w", ""),
        Node(w, "e1", v1::TERRITORY_LEVEL_TERRITORY, "east", "NY"),
        Node(w, "e2", v1::TERRITORY_LEVEL_TERRITORY, "east", "MA"),
        Node(w, "w1", v1::TERRITORY_LEVEL_TERRITORY, "west", "CA")}) {
    v1::CreateTerritoryRequest request;
    *request.mutable_territory() = t;
    v1::Territory created;
    ASSERT_TRUE(HasCode(territories->CreateTerritory(MakeContext(admin).get(), request, &created),
                        grpc::StatusCode::OK));
  }
  for (const auto& [territory, seller, start] :
       {std::tuple<std::string, std::string, std::string>{"e1", "rep1", "2025-01-01"},
        {"w1", "rep2", "2026-02-15"}}) {
    v1::SetSellerAssignmentsRequest request;
    request.set_territory_id(w.Id(territory));
    v1::SellerAssignment* a = request.add_assignments();
    a->set_seller_id(w.Id(seller));
    a->set_territory_id(w.Id(territory));
    a->set_role(v1::SELLER_ROLE_PRIMARY);
    a->set_split_percent("100");
    a->set_start_date(start);
    v1::SetSellerAssignmentsResponse response;
    ASSERT_TRUE(HasCode(territories->SetSellerAssignments(MakeContext(admin).get(), request, &response),
                        grpc::StatusCode::OK));
  }
}

void AddAccountsAndBookings(Stack& stack, const std::string& admin, const QuotaWorld& w) {
  auto accounts = v1::AccountService::NewStub(stack.gateway_channel());
  for (const auto& [id, state] : {std::pair<std::string, std::string>{"a1", "NY"},
                                  {"a2", "MA"}, {"a3", "CA"}, {"a4", "NY"}}) {
    v1::CreateAccountRequest request;
    v1::Account* a = request.mutable_account();
    a->set_account_id(w.Id(id));
    a->set_display_name("Account " + id);
    a->set_country("US");
    a->set_state(state);
    a->set_currency("USD");
    (*a->mutable_attributes())["itest_tag"] = w.tag;
    v1::Account created;
    ASSERT_TRUE(HasCode(accounts->CreateAccount(MakeContext(admin).get(), request, &created),
                        grpc::StatusCode::OK));
  }
  auto products = v1::ProductService::NewStub(stack.gateway_channel());
  v1::CreateProductRequest product;
  product.mutable_product()->set_product_id(w.Id("prod"));
  product.mutable_product()->set_display_name("Product");
  product.mutable_product()->set_family(w.Id("family"));
  product.mutable_product()->set_line(w.Id("line"));
  product.mutable_product()->set_list_price("100");
  product.mutable_product()->set_currency("USD");
  v1::Product created;
  ASSERT_TRUE(HasCode(products->CreateProduct(MakeContext(admin).get(), product, &created),
                      grpc::StatusCode::OK));

  std::vector<v1::BookingImportRow> rows;
  auto add = [&](const std::string& account, int year, int month, int amount) {
    for (int day = 1; day <= 5; ++day) {
      v1::BookingImportRow& row = rows.emplace_back();
      row.set_row_number(static_cast<int64_t>(rows.size()) + 1);
      v1::Booking* b = row.mutable_booking();
      b->set_account_id(w.Id(account));
      b->set_product_id(w.Id("prod"));
      b->set_booking_date(absl::StrFormat("%04d-%02d-%02d", year, month, day * 5));
      b->set_amount(std::to_string(amount));
      b->set_currency("USD");
    }
  };
  for (int month = 1; month <= 12; ++month) {
    add("a1", 2025, month, 100);
    add("a4", 2025, month, 50);
    add("a2", 2025, month, 60);
    add("a3", 2025, month, 90);
    add("a1", 2024, month, 80 + 20 * (month % 3));
    add("a4", 2024, month, 50);
    add("a2", 2024, month, 60);
    add("a3", 2024, month, 90);
  }
  auto bookings = v1::BookingService::NewStub(stack.gateway_channel());
  v1::ImportBookingsResponse imported;
  ASSERT_TRUE(HasCode(StreamImport<v1::ImportBookingsRequest>(
                          [&](grpc::ClientContext* context, v1::ImportBookingsResponse* result) {
                            return bookings->ImportBookings(context, result);
                          },
                          admin, w.Id("bookings"), rows, 200, &imported),
                      grpc::StatusCode::OK));

  auto territories = v1::TerritoryService::NewStub(stack.gateway_channel());
  v1::AssignAccountsRequest assign;
  assign.set_as_of("2026-01-01");
  v1::AssignAccountsResponse assigned;
  ASSERT_TRUE(HasCode(territories->AssignAccounts(MakeContext(admin, std::chrono::seconds(60)).get(),
                                                  assign, &assigned),
                      grpc::StatusCode::OK));
}

}  // namespace

void BuildQuotaWorld(Stack& stack, const std::string& admin, const QuotaWorld& world) {
  AddSellers(stack, admin, world);
  if (::testing::Test::HasFatalFailure()) return;
  AddTerritories(stack, admin, world);
  if (::testing::Test::HasFatalFailure()) return;
  AddAccountsAndBookings(stack, admin, world);
}

}  // namespace attain::itest

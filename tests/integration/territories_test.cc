// Territories through the gateway: CRUD, validation naming fields, seller coverage with
// splits, account assignment with rule precedence and overlays, explanations, coverage,
// and authorization. Every rule also requires custom.itest_tag == this test's tag, so
// accounts of other tests never match.
#include <gtest/gtest.h>

#include "attain/planning/v1/accounts.grpc.pb.h"
#include "attain/planning/v1/bookings.grpc.pb.h"
#include "attain/planning/v1/products.grpc.pb.h"
#include "attain/planning/v1/territories.grpc.pb.h"
#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/org_helpers.h"
#include "tests/integration/stack_test.h"
#include "tests/integration/territory_helpers.h"

namespace attain::itest {
namespace {

namespace v1 = attain::planning::v1;

class TerritoriesTest : public StackTest {
 protected:
  std::unique_ptr<v1::TerritoryService::Stub> Territories() {
    return v1::TerritoryService::NewStub(stack().gateway_channel());
  }
  std::unique_ptr<v1::AccountService::Stub> Accounts() {
    return v1::AccountService::NewStub(stack().gateway_channel());
  }

  static v1::Predicate Tagged(const std::string& tag) {
    v1::Predicate p;
    p.set_attribute("custom.itest_tag");
    p.set_equals(tag);
    return p;
  }

  static v1::Territory Node(const std::string& id, v1::TerritoryLevel level,
                            v1::TerritoryType type, const std::string& parent) {
    return TerritoryNode(id, level, type, parent, "2025-01-01");
  }

  static v1::AssignmentRule* AddRule(v1::Territory& t, int priority, const std::string& tag) {
    v1::AssignmentRule* rule = t.mutable_versions(0)->add_rules();
    rule->set_priority(priority);
    *rule->add_predicates() = Tagged(tag);
    return rule;
  }

  grpc::Status Create(const v1::Territory& t, v1::Territory* out = nullptr) {
    v1::CreateTerritoryRequest request;
    *request.mutable_territory() = t;
    v1::Territory ignored;
    return Territories()->CreateTerritory(MakeContext(AdminToken()).get(), request,
                                          out ? out : &ignored);
  }

  grpc::Status CreateAccount(const std::string& id, const std::string& state,
                             const std::string& postal, const std::string& industry,
                             const std::string& potential, const std::string& tag) {
    v1::CreateAccountRequest request;
    v1::Account* a = request.mutable_account();
    a->set_account_id(id);
    a->set_display_name("Account " + id);
    a->set_country("US");
    a->set_state(state);
    a->set_postal_code(postal);
    a->set_industry(industry);
    a->set_potential(potential);
    a->set_currency("USD");
    (*a->mutable_attributes())["itest_tag"] = tag;
    v1::Account out;
    return Accounts()->CreateAccount(MakeContext(AdminToken()).get(), request, &out);
  }

  // A world -> region -> district -> three territories tree for `tag`:
  //   <tag>-ca    GEOGRAPHIC  state = CA                      priority 20
  //   <tag>-bay   GEOGRAPHIC  postal 94000..94999             priority 10 (wins over -ca)
  //   <tag>-sw    OVERLAY     industry = Software             priority 10
  void BuildTree(const std::string& tag) {
    ASSERT_TRUE(HasCode(Create(Node(tag + "-world", v1::TERRITORY_LEVEL_WORLD,
                                    v1::TERRITORY_TYPE_GEOGRAPHIC, "")),
                        grpc::StatusCode::OK));
    ASSERT_TRUE(HasCode(Create(Node(tag + "-na", v1::TERRITORY_LEVEL_REGION,
                                    v1::TERRITORY_TYPE_GEOGRAPHIC, tag + "-world")),
                        grpc::StatusCode::OK));
    ASSERT_TRUE(HasCode(Create(Node(tag + "-west", v1::TERRITORY_LEVEL_DISTRICT,
                                    v1::TERRITORY_TYPE_GEOGRAPHIC, tag + "-na")),
                        grpc::StatusCode::OK));
    v1::Territory ca = Node(tag + "-ca", v1::TERRITORY_LEVEL_TERRITORY,
                            v1::TERRITORY_TYPE_GEOGRAPHIC, tag + "-west");
    v1::Predicate* state = AddRule(ca, 20, tag)->add_predicates();
    state->set_attribute("state");
    state->set_equals("CA");
    ASSERT_TRUE(HasCode(Create(ca), grpc::StatusCode::OK));
    v1::Territory bay = Node(tag + "-bay", v1::TERRITORY_LEVEL_TERRITORY,
                             v1::TERRITORY_TYPE_GEOGRAPHIC, tag + "-west");
    v1::Predicate* postal = AddRule(bay, 10, tag)->add_predicates();
    postal->mutable_postal_code_range()->set_first("94000");
    postal->mutable_postal_code_range()->set_last("94999");
    ASSERT_TRUE(HasCode(Create(bay), grpc::StatusCode::OK));
    v1::Territory sw = Node(tag + "-sw", v1::TERRITORY_LEVEL_TERRITORY,
                            v1::TERRITORY_TYPE_OVERLAY, tag + "-west");
    v1::Predicate* industry = AddRule(sw, 10, tag)->add_predicates();
    industry->set_attribute("industry");
    industry->set_equals("Software");
    ASSERT_TRUE(HasCode(Create(sw), grpc::StatusCode::OK));
  }
};

TEST_F(TerritoriesTest, CreateGetListUpdateAndDeleteRespectTheHierarchy) {
  const std::string tag = UniqueId("terr");
  BuildTree(tag);
  auto territories = Territories();

  v1::GetTerritoryRequest get;
  get.set_name("territories/" + tag + "-bay");
  v1::Territory bay;
  ASSERT_TRUE(HasCode(territories->GetTerritory(MakeContext(AdminToken()).get(), get, &bay),
                      grpc::StatusCode::OK));
  EXPECT_EQ(bay.type(), v1::TERRITORY_TYPE_GEOGRAPHIC);
  EXPECT_EQ(bay.level(), v1::TERRITORY_LEVEL_TERRITORY);
  ASSERT_EQ(bay.versions_size(), 1);
  EXPECT_EQ(bay.versions(0).parent_id(), tag + "-west");
  ASSERT_EQ(bay.versions(0).rules_size(), 1);
  EXPECT_EQ(bay.versions(0).rules(0).predicates(1).postal_code_range().first(), "94000");

  // A new version from 2026-01-01 moves the rule; the old one is closed the day before.
  v1::UpdateTerritoryRequest update;
  *update.mutable_territory() = bay;
  update.mutable_territory()->mutable_versions(0)->set_effective_to("2025-12-31");
  v1::TerritoryVersion* next = update.mutable_territory()->add_versions();
  *next = bay.versions(0);
  next->set_effective_from("2026-01-01");
  next->set_effective_to("");
  next->mutable_rules(0)->mutable_predicates(1)->mutable_postal_code_range()->set_last("94499");
  update.mutable_update_mask()->add_paths("versions");
  v1::Territory updated;
  ASSERT_TRUE(HasCode(territories->UpdateTerritory(MakeContext(AdminToken()).get(), update, &updated),
                      grpc::StatusCode::OK));
  ASSERT_EQ(updated.versions_size(), 2);
  EXPECT_EQ(updated.revision(), bay.revision() + 1);

  v1::DeleteTerritoryRequest remove;
  remove.set_name("territories/" + tag + "-west");
  google::protobuf::Empty empty;
  EXPECT_TRUE(HasCode(territories->DeleteTerritory(MakeContext(AdminToken()).get(), remove, &empty),
                      grpc::StatusCode::FAILED_PRECONDITION));
  remove.set_name("territories/" + tag + "-sw");
  EXPECT_TRUE(HasCode(territories->DeleteTerritory(MakeContext(AdminToken()).get(), remove, &empty),
                      grpc::StatusCode::OK));
  get.set_name("territories/" + tag + "-sw");
  EXPECT_TRUE(HasCode(territories->GetTerritory(MakeContext(AdminToken()).get(), get, &bay),
                      grpc::StatusCode::NOT_FOUND));
}

TEST_F(TerritoriesTest, InvalidTerritoriesNameTheFieldAndWriteNothing) {
  const std::string tag = UniqueId("terrbad");
  BuildTree(tag);
  struct Case {
    std::string what;
    v1::Territory territory;
    std::string field;
  };
  std::vector<Case> cases;
  {
    v1::Territory t = Node(tag + "-x1", v1::TERRITORY_LEVEL_TERRITORY, v1::TERRITORY_TYPE_GEOGRAPHIC,
                           tag + "-west");
    v1::Predicate* p = AddRule(t, 10, tag)->add_predicates();
    p->set_attribute("favourite_colour");
    p->set_equals("blue");
    cases.push_back({"unknown attribute", t, "territory.versions[0].rules[0].predicates[1].attribute"});
  }
  {
    v1::Territory t = Node(tag + "-x2", v1::TERRITORY_LEVEL_TERRITORY, v1::TERRITORY_TYPE_GEOGRAPHIC,
                           tag + "-west");
    *t.add_versions() = t.versions(0);  // same start: overlapping versions
    cases.push_back({"overlapping versions", t, "territory.versions[1].effective_from"});
  }
  {
    v1::Territory t = Node(tag + "-x3", v1::TERRITORY_LEVEL_TERRITORY, v1::TERRITORY_TYPE_GEOGRAPHIC,
                           tag + "-nowhere");
    cases.push_back({"unknown parent", t, "territory.versions[0].parent_id"});
  }
  for (const Case& c : cases) {
    grpc::Status status = Create(c.territory);
    EXPECT_TRUE(HasCode(status, grpc::StatusCode::INVALID_ARGUMENT)) << c.what;
    EXPECT_EQ(ViolationFields(status), std::vector<std::string>{c.field}) << c.what;
    v1::GetTerritoryRequest get;
    get.set_name("territories/" + c.territory.territory_id());
    v1::Territory out;
    EXPECT_TRUE(HasCode(Territories()->GetTerritory(MakeContext(AdminToken()).get(), get, &out),
                        grpc::StatusCode::NOT_FOUND))
        << c.what;
  }
}

TEST_F(TerritoriesTest, SplitsMustTotalOneHundredPercentPerRole) {
  const std::string tag = UniqueId("split");
  BuildTree(tag);
  Seller a = NewSeller(tag + "-a");
  Seller b = NewSeller(tag + "-b");
  auto org = Org();
  ASSERT_TRUE(HasCode(CreateSeller(*org, AdminToken(), a), grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(CreateSeller(*org, AdminToken(), b), grpc::StatusCode::OK));
  v1::SetSellerAssignmentsRequest request;
  request.set_territory_id(tag + "-ca");
  for (const auto& [id, split] : std::vector<std::pair<std::string, std::string>>{
           {a.seller_id(), "60"}, {b.seller_id(), "30"}}) {
    v1::SellerAssignment* assignment = request.add_assignments();
    assignment->set_seller_id(id);
    assignment->set_role(v1::SELLER_ROLE_PRIMARY);
    assignment->set_split_percent(split);
    assignment->set_start_date("2025-01-01");
  }
  v1::SetSellerAssignmentsResponse response;
  grpc::Status status = Territories()->SetSellerAssignments(MakeContext(AdminToken()).get(),
                                                            request, &response);
  EXPECT_TRUE(HasCode(status, grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_EQ(ViolationFields(status), std::vector<std::string>{"assignments"});

  request.mutable_assignments(1)->set_split_percent("40");
  ASSERT_TRUE(HasCode(Territories()->SetSellerAssignments(MakeContext(AdminToken()).get(), request,
                                                          &response),
                      grpc::StatusCode::OK));
  ASSERT_EQ(response.assignments_size(), 2);
  EXPECT_EQ(response.assignments(0).split_percent(), "60");
}

TEST_F(TerritoriesTest, AssignmentFollowsPriorityKeepsOverlaysAndExplainsTheLosers) {
  const std::string tag = UniqueId("assign");
  BuildTree(tag);
  ASSERT_TRUE(HasCode(CreateAccount(tag + "-sf", "CA", "94105", "Software", "1000", tag),
                      grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(CreateAccount(tag + "-la", "CA", "90012", "Retail", "500", tag),
                      grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(CreateAccount(tag + "-ny", "NY", "10001", "Retail", "700", tag),
                      grpc::StatusCode::OK));

  v1::AssignAccountsRequest assign;
  assign.set_as_of("2026-03-01");
  v1::AssignAccountsResponse assigned;
  ASSERT_TRUE(HasCode(Territories()->AssignAccounts(MakeContext(AdminToken()).get(), assign, &assigned),
                      grpc::StatusCode::OK));
  EXPECT_GE(assigned.accounts_evaluated(), 3);

  v1::ExplainAssignmentRequest explain;
  explain.set_account_id(tag + "-sf");
  explain.set_as_of("2026-03-01");
  v1::ExplainAssignmentResponse why;
  ASSERT_TRUE(HasCode(Territories()->ExplainAssignment(MakeContext(AdminToken()).get(), explain, &why),
                      grpc::StatusCode::OK));
  // Precedence order: bay (priority 10) wins geography, sw (overlay) wins its own type, ca
  // (priority 20) loses on priority.
  ASSERT_EQ(why.matches_size(), 3);
  std::map<std::string, std::string> outcome;
  for (const v1::RuleMatch& m : why.matches()) outcome[m.territory_id()] = m.outcome();
  EXPECT_EQ(outcome[tag + "-bay"], "WON");
  EXPECT_EQ(outcome[tag + "-sw"], "WON");
  EXPECT_EQ(outcome[tag + "-ca"], "LOST_ON_PRIORITY");

  explain.set_account_id(tag + "-la");
  ASSERT_TRUE(HasCode(Territories()->ExplainAssignment(MakeContext(AdminToken()).get(), explain, &why),
                      grpc::StatusCode::OK));
  ASSERT_EQ(why.matches_size(), 1);
  EXPECT_EQ(why.matches(0).territory_id(), tag + "-ca");
  EXPECT_EQ(why.matches(0).outcome(), "WON");

  v1::GetCoverageRequest coverage;
  coverage.set_as_of("2026-03-01");
  coverage.set_detail_limit(100000);
  v1::GetCoverageResponse report;
  ASSERT_TRUE(HasCode(Territories()->GetCoverage(MakeContext(AdminToken()).get(), coverage, &report),
                      grpc::StatusCode::OK));
  auto contains = [](const auto& list, const std::string& id) {
    return std::find(list.begin(), list.end(), id) != list.end();
  };
  EXPECT_TRUE(contains(report.unassigned_account_ids(), tag + "-ny"));
  EXPECT_FALSE(contains(report.unassigned_account_ids(), tag + "-sf"));
  EXPECT_TRUE(contains(report.territories_without_seller(), tag + "-bay"));
  bool sf_conflict = false;
  for (const v1::AssignmentConflict& c : report.conflicts()) {
    if (c.account_id() == tag + "-sf") {
      sf_conflict = true;
      EXPECT_EQ(c.type(), v1::TERRITORY_TYPE_GEOGRAPHIC);
      EXPECT_EQ(c.territory_ids_size(), 2);
    }
  }
  EXPECT_TRUE(sf_conflict);
}

TEST_F(TerritoriesTest, ARepSeesOnlyTheAccountsAndBookingsOfTheTerritoriesTheyCover) {
  const std::string tag = UniqueId("cover");
  BuildTree(tag);
  Seller rep = NewSeller(tag + "-rep");
  ASSERT_TRUE(HasCode(CreateSeller(*Org(), AdminToken(), rep), grpc::StatusCode::OK));
  v1::SetSellerAssignmentsRequest cover;
  cover.set_territory_id(tag + "-bay");
  v1::SellerAssignment* assignment = cover.add_assignments();
  assignment->set_seller_id(rep.seller_id());
  assignment->set_role(v1::SELLER_ROLE_PRIMARY);
  assignment->set_split_percent("100");
  assignment->set_start_date("2025-01-01");
  v1::SetSellerAssignmentsResponse covered;
  ASSERT_TRUE(HasCode(Territories()->SetSellerAssignments(MakeContext(AdminToken()).get(), cover,
                                                          &covered),
                      grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(CreateAccount(tag + "-sf", "CA", "94105", "Retail", "10", tag),
                      grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(CreateAccount(tag + "-la", "CA", "90012", "Retail", "10", tag),
                      grpc::StatusCode::OK));
  // Today's run is the latest one, so it is the one visibility reads.
  v1::AssignAccountsRequest assign;
  v1::AssignAccountsResponse assigned;
  ASSERT_TRUE(HasCode(Territories()->AssignAccounts(MakeContext(AdminToken()).get(), assign, &assigned),
                      grpc::StatusCode::OK));

  // The rep carries the whole bay territory: one account with potential 10 at a 100 % split.
  v1::GetCoverageRequest coverage;
  coverage.set_detail_limit(100000);
  v1::GetCoverageResponse report;
  ASSERT_TRUE(HasCode(Territories()->GetCoverage(MakeContext(AdminToken()).get(), coverage, &report),
                      grpc::StatusCode::OK));
  const v1::LoadDeviation* rep_load = nullptr;
  for (const v1::LoadDeviation& l : report.seller_load()) {
    if (l.seller_id() == rep.seller_id()) rep_load = &l;
  }
  ASSERT_NE(rep_load, nullptr);
  EXPECT_EQ(rep_load->account_count(), 1);
  EXPECT_EQ(rep_load->potential(), "10.00");
  EXPECT_EQ(rep_load->workload(), "0");

  const std::string rep_token = Token(rep.seller_id(), {"rep"});
  v1::ListAccountsRequest list;
  list.set_page_size(1000);
  v1::ListAccountsResponse listed;
  ASSERT_TRUE(HasCode(Accounts()->ListAccounts(MakeContext(rep_token).get(), list, &listed),
                      grpc::StatusCode::OK));
  ASSERT_EQ(listed.accounts_size(), 1);
  EXPECT_EQ(listed.accounts(0).account_id(), tag + "-sf");
  EXPECT_EQ(listed.total_size(), 1);

  v1::GetAccountRequest get;
  v1::Account account;
  get.set_name("accounts/" + tag + "-sf");
  EXPECT_TRUE(HasCode(Accounts()->GetAccount(MakeContext(rep_token).get(), get, &account),
                      grpc::StatusCode::OK));
  get.set_name("accounts/" + tag + "-la");
  EXPECT_TRUE(HasCode(Accounts()->GetAccount(MakeContext(rep_token).get(), get, &account),
                      grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_TRUE(HasCode(Accounts()->GetAccount(MakeContext(AdminToken()).get(), get, &account),
                      grpc::StatusCode::OK));

  // Bookings narrow the same way: the rep lists only the covered account's booking.
  v1::CreateProductRequest product_request;
  v1::Product* product = product_request.mutable_product();
  product->set_product_id(tag + "-prod");
  product->set_display_name("Product " + tag);
  product->set_family(tag + "-family");
  product->set_line(tag + "-line");
  product->set_list_price("100");
  product->set_currency("USD");
  v1::Product created_product;
  ASSERT_TRUE(HasCode(v1::ProductService::NewStub(stack().gateway_channel())
                          ->CreateProduct(MakeContext(AdminToken()).get(), product_request,
                                          &created_product),
                      grpc::StatusCode::OK));
  auto bookings = v1::BookingService::NewStub(stack().gateway_channel());
  v1::ImportBookingsResponse imported;
  auto context = MakeContext(AdminToken());
  auto stream = bookings->ImportBookings(context.get(), &imported);
  v1::ImportBookingsRequest batch;
  batch.set_request_id(UniqueId("cover-bookings"));
  for (const std::string& account_id : {tag + "-sf", tag + "-la"}) {
    v1::BookingImportRow* row = batch.add_rows();
    row->set_row_number(batch.rows_size() + 1);
    row->mutable_booking()->set_account_id(account_id);
    row->mutable_booking()->set_product_id(tag + "-prod");
    row->mutable_booking()->set_booking_date("2026-02-10");
    row->mutable_booking()->set_amount("250");
    row->mutable_booking()->set_currency("USD");
  }
  ASSERT_TRUE(stream->Write(batch));
  ASSERT_TRUE(stream->WritesDone());
  ASSERT_TRUE(HasCode(stream->Finish(), grpc::StatusCode::OK));
  ASSERT_EQ(imported.imported_count(), 2);
  v1::ListBookingsRequest list_bookings;
  list_bookings.set_product_id(tag + "-prod");
  v1::ListBookingsResponse rep_bookings;
  ASSERT_TRUE(HasCode(bookings->ListBookings(MakeContext(rep_token).get(), list_bookings,
                                             &rep_bookings),
                      grpc::StatusCode::OK));
  ASSERT_EQ(rep_bookings.bookings_size(), 1);
  EXPECT_EQ(rep_bookings.bookings(0).account_id(), tag + "-sf");
  v1::ListBookingsResponse all_bookings;
  ASSERT_TRUE(HasCode(bookings->ListBookings(MakeContext(AdminToken()).get(), list_bookings,
                                             &all_bookings),
                      grpc::StatusCode::OK));
  EXPECT_EQ(all_bookings.bookings_size(), 2);
}

TEST_F(TerritoriesTest, OnlyPlannersWriteAndEveryCallNeedsAToken) {
  const std::string tag = UniqueId("terrauth");
  v1::CreateTerritoryRequest request;
  *request.mutable_territory() =
      Node(tag + "-world", v1::TERRITORY_LEVEL_WORLD, v1::TERRITORY_TYPE_GEOGRAPHIC, "");
  v1::Territory out;
  EXPECT_TRUE(HasCode(Territories()->CreateTerritory(
                          MakeContext(Token("rep-1", {"rep"})).get(), request, &out),
                      grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_TRUE(HasCode(Territories()->CreateTerritory(MakeContext("").get(), request, &out),
                      grpc::StatusCode::UNAUTHENTICATED));
  EXPECT_TRUE(HasCode(Territories()->CreateTerritory(
                          MakeContext(Token("planner-1", {"planner"})).get(), request, &out),
                      grpc::StatusCode::OK));
  v1::AssignAccountsRequest assign;
  v1::AssignAccountsResponse assigned;
  EXPECT_TRUE(HasCode(Territories()->AssignAccounts(MakeContext(Token("rep-1", {"rep"})).get(),
                                                    assign, &assigned),
                      grpc::StatusCode::PERMISSION_DENIED));
}

}  // namespace
}  // namespace attain::itest

// Compensation plans through the gateway on real PostgreSQL: create, get, revise, activate
// (the previous version closed the day before), assign by seller and by title, list as of a
// date, end an assignment; invalid plans named field by field and nothing written; retries
// by request_id; the outbox event of an activation; who may write.
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "attain/compensation/v1/plans.grpc.pb.h"
#include "attain/events/v1/events.grpc.pb.h"
#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/harness/poll.h"
#include "tests/integration/org_helpers.h"
#include "tests/integration/stack_test.h"

namespace attain::itest {
namespace {

namespace v1 = compensation::v1;
using google::protobuf::util::MessageDifferencer;

class PlansTest : public StackTest {
 protected:
  void SetUp() override {
    StackTest::SetUp();
    if (HasFatalFailure()) return;
    admin_ = AdminToken();
    plans_ = v1::PlanService::NewStub(stack().gateway_channel());
    plan_id_ = UniqueId("plan");
    seller_ = UniqueId("pl-rep");
    title_ = UniqueId("Title");
    ASSERT_TRUE(HasCode(CreateSeller(*Org(), admin_, NewSeller(seller_)), grpc::StatusCode::OK));
  }

  // Revenue on orders; a graduated commission with `second_rate` from 100 % attainment; a
  // kicker formula reading the kicker_rate parameter.
  static v1::PlanVersion Version(const std::string& second_rate = "0.08") {
    v1::PlanVersion version;
    v1::Measure* revenue = version.add_measures();
    revenue->set_measure_id("revenue");
    revenue->mutable_filter()->add_types(v1::TRANSACTION_TYPE_ORDER);
    v1::PlanParameter* kicker = version.add_parameters();
    kicker->set_parameter_id("kicker_rate");
    kicker->set_value("0.02");
    v1::Component* commission = version.add_components();
    commission->set_component_id("commission");
    commission->set_display_name("Revenue commission");
    commission->mutable_commission()->set_measure_id("revenue");
    v1::RateTable* rates = commission->mutable_commission()->mutable_rates();
    rates->set_mode(v1::TIER_MODE_GRADUATED);
    AddTier(rates, "0", "1", "0.05");
    AddTier(rates, "1", "", second_rate);
    v1::Component* formula = version.add_components();
    formula->set_component_id("kicker");
    formula->set_display_name("Kicker");
    formula->mutable_formula()->set_expression(
        "if(attainment.revenue > 1, measure.revenue * param.kicker_rate, 0)");
    return version;
  }

  static void AddTier(v1::RateTable* rates, const std::string& from, const std::string& to,
                      const std::string& rate) {
    v1::Tier* tier = rates->add_tiers();
    tier->set_from(from);
    tier->set_to(to);
    tier->set_rate(rate);
  }

  v1::CreatePlanRequest CreateRequest(const std::string& plan_id) {
    v1::CreatePlanRequest request;
    request.mutable_plan()->set_plan_id(plan_id);
    request.mutable_plan()->set_display_name("Account Executive 2026");
    request.mutable_plan()->set_currency("USD");
    request.mutable_plan()->set_period_type(v1::PLAN_PERIOD_TYPE_QUARTERLY);
    *request.mutable_version() = Version();
    request.set_request_id(UniqueId("create"));
    return request;
  }

  grpc::Status Create(const v1::CreatePlanRequest& request, v1::Plan* plan = nullptr,
                      const std::string& token = "") {
    v1::Plan ignored;
    return plans_->CreatePlan(MakeContext(token.empty() ? admin_ : token).get(), request,
                              plan != nullptr ? plan : &ignored);
  }

  grpc::Status Get(const std::string& plan_id, v1::Plan* plan, const std::string& token = "") {
    v1::GetPlanRequest request;
    request.set_name("plans/" + plan_id);
    return plans_->GetPlan(MakeContext(token.empty() ? admin_ : token).get(), request, plan);
  }

  grpc::Status Revise(const v1::PlanVersion& version, v1::PlanVersion* out = nullptr,
                      std::string request_id = "") {
    v1::RevisePlanRequest request;
    request.set_name("plans/" + plan_id_);
    *request.mutable_version() = version;
    request.set_request_id(request_id.empty() ? UniqueId("revise") : request_id);
    v1::PlanVersion ignored;
    return plans_->RevisePlan(MakeContext(admin_).get(), request, out != nullptr ? out : &ignored);
  }

  grpc::Status Activate(int version, const std::string& from, v1::PlanVersion* out = nullptr) {
    v1::ActivatePlanVersionRequest request;
    request.set_name("plans/" + plan_id_ + "/versions/" + std::to_string(version));
    request.set_effective_from(from);
    request.set_request_id(UniqueId("activate"));
    v1::PlanVersion ignored;
    return plans_->ActivatePlanVersion(MakeContext(admin_).get(), request,
                                       out != nullptr ? out : &ignored);
  }

  // An assignment of this test's plan to its seller (or, with `by_title`, to its title).
  v1::PlanAssignment Assignment(const std::string& id, const std::string& from,
                                const std::string& to, bool by_title = false) {
    v1::PlanAssignment a;
    a.set_assignment_id(id);
    a.set_plan_id(plan_id_);
    if (by_title) {
      a.set_title(title_);
    } else {
      a.set_seller_id(seller_);
    }
    a.set_effective_from(from);
    a.set_effective_to(to);
    a.set_target_incentive("20000");
    a.set_quota_measure_id("revenue");
    (*a.mutable_parameter_overrides())["kicker_rate"] = "0.03";
    return a;
  }

  grpc::Status Assign(const v1::PlanAssignment& assignment, v1::PlanAssignment* out = nullptr,
                      std::string request_id = "") {
    v1::AssignPlanRequest request;
    *request.mutable_assignment() = assignment;
    request.set_request_id(request_id.empty() ? UniqueId("assign") : request_id);
    v1::PlanAssignment ignored;
    return plans_->AssignPlan(MakeContext(admin_).get(), request, out != nullptr ? out : &ignored);
  }

  // Assignment ids of this test's plan in force on `as_of` ("" = any date), in list order.
  std::vector<std::string> AssignmentIds(const std::string& as_of, const std::string& title = "") {
    v1::ListPlanAssignmentsRequest request;
    request.set_plan_id(plan_id_);
    request.set_as_of(as_of);
    request.set_title(title);
    v1::ListPlanAssignmentsResponse response;
    EXPECT_TRUE(HasCode(plans_->ListPlanAssignments(MakeContext(admin_).get(), request, &response),
                        grpc::StatusCode::OK));
    std::vector<std::string> ids;
    for (const v1::PlanAssignment& a : response.assignments()) ids.push_back(a.assignment_id());
    EXPECT_EQ(response.total_size(), static_cast<int>(ids.size()));
    return ids;
  }

  std::string admin_, plan_id_, seller_, title_;
  std::unique_ptr<v1::PlanService::Stub> plans_;
};

TEST_F(PlansTest, CreateGetReviseActivateAssignAndListAsOf) {
  v1::Plan created;
  ASSERT_TRUE(HasCode(Create(CreateRequest(plan_id_), &created), grpc::StatusCode::OK));
  EXPECT_EQ(created.name(), "plans/" + plan_id_);
  EXPECT_EQ(created.currency(), "USD");
  EXPECT_EQ(created.period_type(), v1::PLAN_PERIOD_TYPE_QUARTERLY);
  EXPECT_TRUE(created.has_create_time());
  ASSERT_EQ(created.versions_size(), 1);
  const v1::PlanVersion& first = created.versions(0);
  EXPECT_EQ(first.name(), "plans/" + plan_id_ + "/versions/1");
  EXPECT_EQ(first.version(), 1);
  EXPECT_EQ(first.state(), v1::PLAN_VERSION_STATE_DRAFT);
  EXPECT_EQ(first.effective_from(), "");
  EXPECT_EQ(first.creator(), "it-admin");
  ASSERT_EQ(first.components_size(), 2);
  EXPECT_EQ(first.components(0).commission().rates().tiers(1).rate(), "0.08");
  EXPECT_EQ(first.components(1).formula().expression(),
            "if(attainment.revenue > 1, measure.revenue * param.kicker_rate, 0)");
  EXPECT_EQ(first.parameters(0).value(), "0.02");

  v1::Plan got;
  ASSERT_TRUE(HasCode(Get(plan_id_, &got), grpc::StatusCode::OK));
  EXPECT_TRUE(MessageDifferencer::Equals(got, created)) << got.DebugString();

  v1::PlanVersion second;
  ASSERT_TRUE(HasCode(Revise(Version("0.1"), &second), grpc::StatusCode::OK));
  EXPECT_EQ(second.version(), 2);
  EXPECT_EQ(second.state(), v1::PLAN_VERSION_STATE_DRAFT);
  EXPECT_EQ(second.components(0).commission().rates().tiers(1).rate(), "0.1");

  v1::PlanVersion active;
  ASSERT_TRUE(HasCode(Activate(1, "2026-01-01", &active), grpc::StatusCode::OK));
  EXPECT_EQ(active.state(), v1::PLAN_VERSION_STATE_ACTIVE);
  EXPECT_EQ(active.effective_from(), "2026-01-01");
  EXPECT_EQ(active.effective_to(), "");
  ASSERT_TRUE(HasCode(Activate(2, "2026-04-01", &active), grpc::StatusCode::OK));
  EXPECT_EQ(active.name(), "plans/" + plan_id_ + "/versions/2");
  EXPECT_EQ(active.effective_from(), "2026-04-01");
  ASSERT_TRUE(HasCode(Get(plan_id_, &got), grpc::StatusCode::OK));
  ASSERT_EQ(got.versions_size(), 2);
  EXPECT_EQ(got.versions(0).state(), v1::PLAN_VERSION_STATE_RETIRED);
  EXPECT_EQ(got.versions(0).effective_from(), "2026-01-01");
  EXPECT_EQ(got.versions(0).effective_to(), "2026-03-31");  // the day before version 2
  EXPECT_EQ(got.versions(1).state(), v1::PLAN_VERSION_STATE_ACTIVE);
  EXPECT_EQ(got.versions(1).effective_to(), "");
  // The rules of a version never change with its state.
  EXPECT_EQ(got.versions(0).components(0).commission().rates().tiers(1).rate(), "0.08");

  v1::PlanAssignment direct;
  ASSERT_TRUE(HasCode(Assign(Assignment("direct", "2026-01-01", "2026-06-30"), &direct),
                      grpc::StatusCode::OK));
  EXPECT_EQ(direct.name(), "plans/" + plan_id_ + "/assignments/direct");
  EXPECT_EQ(direct.seller_id(), seller_);
  EXPECT_EQ(direct.target_incentive(), "20000");
  EXPECT_EQ(direct.parameter_overrides().at("kicker_rate"), "0.03");
  EXPECT_EQ(direct.creator(), "it-admin");
  v1::PlanAssignment by_title;
  ASSERT_TRUE(HasCode(Assign(Assignment("", "2026-04-01", "", /*by_title=*/true), &by_title),
                      grpc::StatusCode::OK));
  EXPECT_EQ(by_title.assignment_id().size(), 36u)
      << "a generated UUID: " << by_title.assignment_id();
  EXPECT_EQ(by_title.title(), title_);
  EXPECT_EQ(by_title.effective_to(), "");

  EXPECT_EQ(AssignmentIds("2026-03-31"), std::vector<std::string>{"direct"});
  const std::set<std::string> both = {"direct", by_title.assignment_id()};
  const std::vector<std::string> in_april = AssignmentIds("2026-04-01");
  EXPECT_EQ(std::set<std::string>(in_april.begin(), in_april.end()), both);
  EXPECT_EQ(AssignmentIds("2026-07-01"), std::vector<std::string>{by_title.assignment_id()});
  EXPECT_EQ(AssignmentIds("", title_), std::vector<std::string>{by_title.assignment_id()});

  v1::EndPlanAssignmentRequest end;
  end.set_name(by_title.name());
  end.set_effective_to("2026-09-30");
  end.set_request_id(UniqueId("end"));
  v1::PlanAssignment ended;
  ASSERT_TRUE(HasCode(plans_->EndPlanAssignment(MakeContext(admin_).get(), end, &ended),
                      grpc::StatusCode::OK));
  EXPECT_EQ(ended.effective_to(), "2026-09-30");
  EXPECT_EQ(AssignmentIds("2026-09-30"), std::vector<std::string>{by_title.assignment_id()});
  EXPECT_TRUE(AssignmentIds("2026-10-01").empty());
  // An end only moves earlier.
  end.set_effective_to("2026-12-31");
  end.set_request_id(UniqueId("end"));
  EXPECT_TRUE(IsInvalidField(plans_->EndPlanAssignment(MakeContext(admin_).get(), end, &ended),
                             "effective_to"));

  // ListPlans carries version summaries without their rules.
  v1::ListPlansRequest list;
  list.set_page_size(1000);
  std::optional<v1::Plan> listed;
  do {
    v1::ListPlansResponse page;
    ASSERT_TRUE(
        HasCode(plans_->ListPlans(MakeContext(admin_).get(), list, &page), grpc::StatusCode::OK));
    for (const v1::Plan& plan : page.plans()) {
      if (plan.plan_id() == plan_id_) listed = plan;
    }
    list.set_page_token(page.next_page_token());
  } while (!list.page_token().empty());
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->versions_size(), 2);
  EXPECT_EQ(listed->versions(0).effective_to(), "2026-03-31");
  EXPECT_EQ(listed->versions(1).state(), v1::PLAN_VERSION_STATE_ACTIVE);
  EXPECT_EQ(listed->versions(1).components_size(), 0);
}

TEST_F(PlansTest, ActivationNeverRewritesHistory) {
  ASSERT_TRUE(HasCode(Create(CreateRequest(plan_id_)), grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(Revise(Version()), grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(Activate(1, "2026-04-01"), grpc::StatusCode::OK));
  for (const char* from : {"2026-04-01", "2026-01-01"}) {
    const grpc::Status status = Activate(2, from);
    EXPECT_TRUE(IsInvalidField(status, "effective_from")) << from;
  }
  const grpc::Status again = Activate(1, "2026-07-01");
  EXPECT_TRUE(HasCode(again, grpc::StatusCode::FAILED_PRECONDITION));
  EXPECT_TRUE(HasReason(again, "ILLEGAL_STATE_TRANSITION"));
  EXPECT_TRUE(HasCode(Activate(3, "2026-07-01"), grpc::StatusCode::NOT_FOUND));
  EXPECT_TRUE(IsInvalidField(Activate(2, ""), "effective_from"));
  v1::Plan got;
  ASSERT_TRUE(HasCode(Get(plan_id_, &got), grpc::StatusCode::OK));
  EXPECT_EQ(got.versions(0).state(), v1::PLAN_VERSION_STATE_ACTIVE);
  EXPECT_EQ(got.versions(0).effective_from(), "2026-04-01");
  EXPECT_EQ(got.versions(1).state(), v1::PLAN_VERSION_STATE_DRAFT);
}

TEST_F(PlansTest, AnInvalidPlanNamesEveryFieldAndWritesNothing) {
  v1::CreatePlanRequest request = CreateRequest(plan_id_);
  request.mutable_plan()->set_currency("usd");
  v1::RateTable* rates =
      request.mutable_version()->mutable_components(0)->mutable_commission()->mutable_rates();
  rates->mutable_tiers(1)->set_from("0.8");  // overlaps [0, 1)
  request.mutable_version()->mutable_components(1)->mutable_formula()->set_expression(
      "measure.revenue * param.kicker");
  const grpc::Status status = Create(request);
  ASSERT_TRUE(HasCode(status, grpc::StatusCode::INVALID_ARGUMENT));
  const std::vector<std::string> fields = {"plan.currency",
                                           "version.components[0].commission.rates.tiers[1].from",
                                           "version.components[1].formula.expression"};
  EXPECT_EQ(ViolationFields(status), fields);
  v1::Plan got;
  EXPECT_TRUE(HasCode(Get(plan_id_, &got), grpc::StatusCode::NOT_FOUND));

  // ValidatePlan reports the same, writing nothing either.
  v1::ValidatePlanRequest validate;
  *validate.mutable_plan() = request.plan();
  *validate.mutable_version() = request.version();
  v1::ValidatePlanResponse validated;
  ASSERT_TRUE(HasCode(plans_->ValidatePlan(MakeContext(admin_).get(), validate, &validated),
                      grpc::StatusCode::OK));
  ASSERT_EQ(validated.violations_size(), 3);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(validated.violations(i).field(), fields[i]);
  EXPECT_EQ(validated.violations(1).description(),
            "must equal tiers[0].to (1): tiers are contiguous");
  EXPECT_EQ(validated.violations(2).description(),
            "line 1, column 19: unknown variable 'param.kicker'");

  // A revision of an existing plan is refused the same way and adds no version.
  ASSERT_TRUE(HasCode(Create(CreateRequest(plan_id_)), grpc::StatusCode::OK));
  v1::PlanVersion bad_version = request.version();
  EXPECT_EQ(ViolationFields(Revise(bad_version)), (std::vector<std::string>{fields[1], fields[2]}));
  validate.set_name("plans/" + plan_id_);
  ASSERT_TRUE(HasCode(plans_->ValidatePlan(MakeContext(admin_).get(), validate, &validated),
                      grpc::StatusCode::OK));
  EXPECT_EQ(validated.violations_size(), 2);
  ASSERT_TRUE(HasCode(Get(plan_id_, &got), grpc::StatusCode::OK));
  EXPECT_EQ(got.versions_size(), 1);
  EXPECT_TRUE(HasCode(Create(CreateRequest(plan_id_)), grpc::StatusCode::ALREADY_EXISTS));
}

TEST_F(PlansTest, AssignmentsAreCheckedAgainstPlanningAndTheLatestVersion) {
  ASSERT_TRUE(HasCode(Create(CreateRequest(plan_id_)), grpc::StatusCode::OK));
  v1::PlanAssignment bad = Assignment("bad", "2026-01-01", "2025-12-31");
  bad.set_seller_id(UniqueId("pl-ghost"));
  bad.set_quota_measure_id("seats");
  (*bad.mutable_parameter_overrides())["nope"] = "1";
  const grpc::Status status = Assign(bad);
  EXPECT_EQ(
      ViolationFields(status),
      (std::vector<std::string>{"assignment.effective_to", "assignment.quota_measure_id",
                                "assignment.parameter_overrides.nope", "assignment.seller_id"}));
  EXPECT_TRUE(AssignmentIds("").empty());

  bad = Assignment("other-plan", "2026-01-01", "");
  bad.set_plan_id(UniqueId("pl-missing"));
  EXPECT_TRUE(HasCode(Assign(bad), grpc::StatusCode::NOT_FOUND));

  // At most one plan per seller on any date: a second plan sharing one day is refused.
  ASSERT_TRUE(HasCode(Assign(Assignment("h1", "2026-01-01", "2026-06-30")), grpc::StatusCode::OK));
  const std::string other_plan = UniqueId("plan");
  ASSERT_TRUE(HasCode(Create(CreateRequest(other_plan)), grpc::StatusCode::OK));
  v1::PlanAssignment overlapping = Assignment("h2", "2026-06-30", "");
  overlapping.set_plan_id(other_plan);
  const grpc::Status overlap = Assign(overlapping);
  EXPECT_TRUE(IsInvalidField(overlap, "assignment.seller_id"));
  EXPECT_TRUE(HasReason(overlap, "ASSIGNMENT_OVERLAP"));
  overlapping.set_effective_from("2026-07-01");
  EXPECT_TRUE(HasCode(Assign(overlapping), grpc::StatusCode::OK));
  EXPECT_TRUE(
      HasCode(Assign(Assignment("h1", "2027-01-01", "")), grpc::StatusCode::ALREADY_EXISTS));

  // Title assignments follow the same rule among themselves; a seller's direct assignment
  // wins over one for their title, so the two may overlap.
  ASSERT_TRUE(HasCode(Assign(Assignment("t1", "2026-01-01", "", true)), grpc::StatusCode::OK));
  EXPECT_TRUE(IsInvalidField(Assign(Assignment("t2", "2030-01-01", "", true)), "assignment.title"));
}

TEST_F(PlansTest, RetryWithTheSameRequestIdReturnsTheFirstResponse) {
  const v1::CreatePlanRequest create = CreateRequest(plan_id_);
  v1::Plan first, retried;
  ASSERT_TRUE(HasCode(Create(create, &first), grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(Create(create, &retried), grpc::StatusCode::OK));
  EXPECT_TRUE(MessageDifferencer::Equals(first, retried));

  const std::string revise_id = UniqueId("revise");
  v1::PlanVersion revised, revised_again;
  ASSERT_TRUE(HasCode(Revise(Version("0.09"), &revised, revise_id), grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(Revise(Version("0.09"), &revised_again, revise_id), grpc::StatusCode::OK));
  EXPECT_EQ(revised.version(), 2);
  EXPECT_TRUE(MessageDifferencer::Equals(revised, revised_again));

  const std::string assign_id = UniqueId("assign");
  v1::PlanAssignment assigned, assigned_again;
  ASSERT_TRUE(HasCode(Assign(Assignment("", "2026-01-01", ""), &assigned, assign_id),
                      grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(Assign(Assignment("", "2026-01-01", ""), &assigned_again, assign_id),
                      grpc::StatusCode::OK));
  EXPECT_EQ(assigned_again.assignment_id(), assigned.assignment_id());
  EXPECT_EQ(AssignmentIds(""), std::vector<std::string>{assigned.assignment_id()});

  v1::Plan got;
  ASSERT_TRUE(HasCode(Get(plan_id_, &got), grpc::StatusCode::OK));
  EXPECT_EQ(got.versions_size(), 2);
  // The same request_id for another request is a client bug.
  EXPECT_TRUE(IsInvalidField(Revise(Version("0.07"), nullptr, revise_id), "request_id"));
}

TEST_F(PlansTest, ActivationAppendsAnEventNamingTheRetiredVersion) {
  ASSERT_TRUE(HasCode(Create(CreateRequest(plan_id_)), grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(Revise(Version()), grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(Activate(1, "2026-01-01"), grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(Activate(2, "2026-07-01"), grpc::StatusCode::OK));
  const std::string resource = "plans/" + plan_id_ + "/versions/2";
  auto events = events::v1::EventStreamService::NewStub(stack().service_channel("compensation"));
  const std::string service = Token("it-service", {"service"});
  std::optional<events::v1::Event> found;
  // The relay sequences the outbox row shortly after the commit.
  ASSERT_TRUE(PollUntil(std::chrono::seconds(30),
                        [&] {
                          events::v1::StreamEventsRequest request;
                          request.set_from_sequence(1);
                          auto context = MakeContext(service);
                          auto reader = events->StreamEvents(context.get(), request);
                          events::v1::Event event;
                          while (reader->Read(&event)) {
                            if (event.resource() == resource && event.type() == "plan.activated")
                              found = event;
                          }
                          return reader->Finish().ok() && found.has_value();
                        }))
      << "no plan.activated event for " << resource;
  const nlohmann::json payload = nlohmann::json::parse(found->payload_json());
  EXPECT_EQ(payload.at("version"), 2);
  EXPECT_EQ(payload.at("effective_from"), "2026-07-01");
  EXPECT_EQ(payload.at("retired_version"), 1);
  EXPECT_EQ(payload.at("retired_effective_to"), "2026-06-30");
}

TEST_F(PlansTest, ARepCannotCreateAPlanAndFinanceOnlyReads) {
  const v1::CreatePlanRequest request = CreateRequest(plan_id_);
  EXPECT_TRUE(HasCode(Create(request, nullptr, Token(seller_, {"rep"})),
                      grpc::StatusCode::PERMISSION_DENIED));
  const std::string finance = Token("it-finance", {"finance"});
  EXPECT_TRUE(HasCode(Create(request, nullptr, finance), grpc::StatusCode::PERMISSION_DENIED));
  v1::Plan got;
  EXPECT_TRUE(HasCode(Get(plan_id_, &got, finance), grpc::StatusCode::NOT_FOUND));
  ASSERT_TRUE(
      HasCode(Create(request, nullptr, Token("it-comp", {"comp_admin"})), grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(Get(plan_id_, &got, finance), grpc::StatusCode::OK));
  EXPECT_EQ(got.versions(0).creator(), "it-comp");
  EXPECT_TRUE(
      HasCode(Get(plan_id_, &got, Token(seller_, {"rep"})), grpc::StatusCode::PERMISSION_DENIED));
}

}  // namespace
}  // namespace attain::itest

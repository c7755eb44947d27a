// plans assign PLAN (--seller S | --title T) ... | assignments | end-assignment PLAN ASSIGNMENT
#include <iostream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "attain/compensation/v1/plans.grpc.pb.h"
#include "tools/attainctl/calls.h"
#include "tools/attainctl/catalog_commands.h"
#include "tools/attainctl/compensation_commands.h"
#include "tools/attainctl/compensation_text.h"
#include "tools/attainctl/plan_view.h"

namespace attain::ctl {
namespace {

namespace v1 = compensation::v1;
using Stub = v1::PlanService::Stub;

// The assignment in table form (one row) or JSON.
absl::Status PrintAssignment(const GlobalOptions& options, const v1::PlanAssignment& assignment) {
  google::protobuf::RepeatedPtrField<v1::PlanAssignment> one;
  *one.Add() = assignment;
  return Print(options.format, assignment, AssignmentsTable(one), std::cout);
}

void AddAssign(CLI::App& plans, const GlobalOptions& options, int& exit_code) {
  struct Args {
    std::string plan;
    v1::PlanAssignment assignment;
    std::vector<std::string> params;
    std::string request_id;
  };
  auto args = std::make_shared<Args>();
  v1::PlanAssignment& a = args->assignment;
  CLI::App* command = plans.add_subcommand(
      "assign", "Assign a plan to one seller or to every seller with a title, over a date range");
  command->add_option("plan", args->plan, "Plan id or name")->required();
  CLI::Option* seller = command->add_option_function<std::string>(
      "--seller", [&a](const std::string& v) { a.set_seller_id(v); }, "One seller");
  CLI::Option* title = command->add_option_function<std::string>(
      "--title", [&a](const std::string& v) { a.set_title(v); },
      "Every seller whose planning title is exactly this, e.g. \"Account Executive\"");
  seller->excludes(title);
  command->add_option_function<std::string>(
      "--from", [&a](const std::string& v) { a.set_effective_from(v); }, "First day, YYYY-MM-DD")->required();
  command->add_option_function<std::string>(
      "--to", [&a](const std::string& v) { a.set_effective_to(v); }, "Last day, YYYY-MM-DD (default open-ended)");
  command->add_option_function<std::string>(
      "--target-incentive", [&a](const std::string& v) { a.set_target_incentive(v); },
      "Money per period in the plan's currency: what bonuses, caps and formulas scale by")->required();
  command->add_option_function<std::string>(
      "--quota-measure", [&a](const std::string& v) { a.set_quota_measure_id(v); },
      "The measure whose attainment uses the seller's planning quota (default none)");
  command->add_option("--param", args->params, "PARAMETER=VALUE overriding the plan's value (repeatable)");
  command->add_option_function<std::string>(
      "--id", [&a](const std::string& v) { a.set_assignment_id(v); }, "Assignment id (default: the service picks one)");
  command->add_option("--request-id", args->request_id, "Idempotency key (default: a random UUID)");
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    v1::AssignPlanRequest request;
    *request.mutable_assignment() = args->assignment;
    if (request.assignment().assignee_case() == v1::PlanAssignment::ASSIGNEE_NOT_SET) {
      throw UsageError("plans assign: pass --seller or --title");
    }
    request.mutable_assignment()->set_plan_id(comp::PlanId(args->plan));
    absl::StatusOr<std::map<std::string, std::string>> params = comp::ParseParams(args->params);
    if (!params.ok()) throw UsageError(std::string(params.status().message()));
    request.mutable_assignment()->mutable_parameter_overrides()->insert(params->begin(), params->end());
    request.set_request_id(args->request_id.empty() ? NewRequestId() : args->request_id);
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::PlanService::NewStub(connection->channel());
    auto assigned = Call(*connection, *stub, &Stub::AssignPlan, request);
    if (!assigned.ok()) return assigned.status();
    return PrintAssignment(options, *assigned);
  });
}

void AddAssignments(CLI::App& plans, const GlobalOptions& options, int& exit_code) {
  struct Args {
    v1::ListPlanAssignmentsRequest request;
    bool all = false;
  };
  auto args = std::make_shared<Args>();
  auto& r = args->request;
  CLI::App* command = plans.add_subcommand("assignments", "List plan assignments");
  command->add_option_function<std::string>(
      "--plan", [&r](const std::string& v) { r.set_plan_id(comp::PlanId(v)); }, "Only this plan");
  command->add_option_function<std::string>(
      "--seller", [&r](const std::string& v) { r.set_seller_id(v); },
      "Only assignments naming this seller (title assignments are found with --title)");
  command->add_option_function<std::string>("--title", [&r](const std::string& v) { r.set_title(v); },
                                            "Only assignments of this exact title");
  command->add_option_function<std::string>("--as-of", [&r](const std::string& v) { r.set_as_of(v); },
                                            "Only assignments in force on this date, YYYY-MM-DD");
  catalog::AddPaging(command, r, args->all);
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::PlanService::NewStub(connection->channel());
    return PrintPages(
        options, args->request, args->all,
        [&](const v1::ListPlanAssignmentsRequest& request) {
          return Call(*connection, *stub, &Stub::ListPlanAssignments, request);
        },
        [](const v1::ListPlanAssignmentsResponse& listed) { return AssignmentsTable(listed.assignments()); });
  });
}

void AddEndAssignment(CLI::App& plans, const GlobalOptions& options, int& exit_code) {
  struct Args {
    std::string plan;
    std::string assignment;
    v1::EndPlanAssignmentRequest request;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = plans.add_subcommand(
      "end-assignment", "Set (or move earlier) the last day of an assignment");
  command->add_option("plan", args->plan, "Plan id or name")->required();
  command->add_option("assignment", args->assignment, "Assignment id")->required();
  command->add_option_function<std::string>(
      "--to", [args](const std::string& v) { args->request.set_effective_to(v); },
      "Last day the assignment applies, YYYY-MM-DD (inclusive)")->required();
  command->add_option_function<std::string>(
      "--request-id", [args](const std::string& v) { args->request.set_request_id(v); },
      "Idempotency key (default: a random UUID)");
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    v1::EndPlanAssignmentRequest request = args->request;
    request.set_name(absl::StrCat(comp::PlanName(args->plan), "/assignments/", args->assignment));
    if (request.request_id().empty()) request.set_request_id(NewRequestId());
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::PlanService::NewStub(connection->channel());
    auto ended = Call(*connection, *stub, &Stub::EndPlanAssignment, request);
    if (!ended.ok()) return ended.status();
    return PrintAssignment(options, *ended);
  });
}

}  // namespace

void AddPlanAssignmentCommands(CLI::App& plans, const GlobalOptions& options, int& exit_code) {
  AddAssign(plans, options, exit_code);
  AddAssignments(plans, options, exit_code);
  AddEndAssignment(plans, options, exit_code);
}

}  // namespace attain::ctl

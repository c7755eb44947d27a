// plans create FILE | revise PLAN FILE | validate FILE | get PLAN | list | activate PLAN VERSION
// (compensation's PlanService). Plan files: plan_file.h; the assignment commands:
// plan_assignment_commands.cc.
#include <iostream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "attain/compensation/v1/plans.grpc.pb.h"
#include "common/errors/errors.h"
#include "tools/attainctl/calls.h"
#include "tools/attainctl/catalog_commands.h"
#include "tools/attainctl/compensation_commands.h"
#include "tools/attainctl/compensation_text.h"
#include "tools/attainctl/plan_file.h"
#include "tools/attainctl/plan_view.h"

namespace attain::ctl {
namespace {

namespace v1 = compensation::v1;
using Stub = v1::PlanService::Stub;

const char kFileHelp[] =
    "Plan file: the CreatePlanRequest in JSON, {\"plan\": {...}, \"version\": {...}} "
    "(docs/compensation_plans.md); - reads stdin";

absl::StatusOr<Connection> ConnectPlans(const GlobalOptions& options, std::unique_ptr<Stub>& stub) {
  absl::StatusOr<Connection> connection = Connect(options);
  if (connection.ok()) stub = v1::PlanService::NewStub(connection->channel());
  return connection;
}

Table VersionRow(const v1::PlanVersion& version) {
  return Table{{"version", "state", "effective_from", "effective_to"},
               {{version.name(), comp::Label(v1::PlanVersionState_Name(version.state()), "PLAN_VERSION_STATE_"),
                 version.effective_from(), version.effective_to()}}};
}

void AddCreate(CLI::App& plans, const GlobalOptions& options, int& exit_code) {
  struct Args {
    std::string file;
    std::string request_id;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = plans.add_subcommand("create", "Create a plan with version 1 as a draft");
  command->add_option("file", args->file, kFileHelp)->required();
  command->add_option("--request-id", args->request_id,
                      "Idempotency key (default: the file's request_id, else a random UUID)");
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    absl::StatusOr<v1::CreatePlanRequest> request = LoadPlanFile(args->file);
    if (!request.ok()) return request.status();
    if (!args->request_id.empty()) request->set_request_id(args->request_id);
    if (request->request_id().empty()) request->set_request_id(NewRequestId());
    std::unique_ptr<Stub> stub;
    absl::StatusOr<Connection> connection = ConnectPlans(options, stub);
    if (!connection.ok()) return connection.status();
    auto created = Call(*connection, *stub, &Stub::CreatePlan, *request);
    if (!created.ok()) return created.status();
    return PrintReport(options, *created, PlanText(*created, 0), VersionsTable(*created));
  });
}

void AddRevise(CLI::App& plans, const GlobalOptions& options, int& exit_code) {
  struct Args {
    std::string plan;
    std::string file;
    std::string request_id;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = plans.add_subcommand("revise", "Add the next version of a plan as a draft");
  command->add_option("plan", args->plan, "Plan id or name")->required();
  command->add_option("file", args->file, std::string(kFileHelp) + "; its version is added")->required();
  command->add_option("--request-id", args->request_id,
                      "Idempotency key (default: the file's request_id, else a random UUID)");
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    absl::StatusOr<v1::CreatePlanRequest> file = LoadPlanFile(args->file);
    if (!file.ok()) return file.status();
    v1::RevisePlanRequest request;
    request.set_name(comp::PlanName(args->plan));
    absl::StatusOr<v1::PlanVersion> version = RevisionOf(*file, args->file, request.name());
    if (!version.ok()) return version.status();
    *request.mutable_version() = *std::move(version);
    request.set_request_id(!args->request_id.empty()  ? args->request_id
                           : !file->request_id().empty() ? file->request_id()
                                                         : NewRequestId());
    std::unique_ptr<Stub> stub;
    absl::StatusOr<Connection> connection = ConnectPlans(options, stub);
    if (!connection.ok()) return connection.status();
    auto revised = Call(*connection, *stub, &Stub::RevisePlan, request);
    if (!revised.ok()) return revised.status();
    return PrintReport(options, *revised, VersionText(*revised), VersionRow(*revised));
  });
}

void AddValidate(CLI::App& plans, const GlobalOptions& options, int& exit_code) {
  struct Args {
    std::string file;
    std::string revision_of;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = plans.add_subcommand(
      "validate", "Check a plan file as create (or revise) would, writing nothing; exits 1 when invalid");
  command->add_option("file", args->file, kFileHelp)->required();
  command->add_option("--revision-of", args->revision_of,
                      "Check the file's version as the next version of this existing plan");
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    absl::StatusOr<v1::CreatePlanRequest> file = LoadPlanFile(args->file);
    if (!file.ok()) return file.status();
    v1::ValidatePlanRequest request;
    if (args->revision_of.empty()) {
      *request.mutable_plan() = file->plan();
      *request.mutable_version() = file->version();
    } else {
      request.set_name(comp::PlanName(args->revision_of));
      absl::StatusOr<v1::PlanVersion> version = RevisionOf(*file, args->file, request.name());
      if (!version.ok()) return version.status();
      *request.mutable_version() = *std::move(version);
    }
    std::unique_ptr<Stub> stub;
    absl::StatusOr<Connection> connection = ConnectPlans(options, stub);
    if (!connection.ok()) return connection.status();
    auto validated = Call(*connection, *stub, &Stub::ValidatePlan, request);
    if (!validated.ok()) return validated.status();
    const int problems = validated->violations_size();
    if (options.format == Format::kJson) {
      if (auto printed = Print(options.format, *validated, Table{}, std::cout); !printed.ok()) return printed;
      if (problems > 0) return absl::InvalidArgumentError(absl::StrCat(args->file, ": ", problems, " problems"));
      return absl::OkStatus();
    }
    if (problems > 0) {
      std::vector<errors::FieldViolation> violations;
      for (const auto& v : validated->violations()) violations.push_back({v.field(), v.description()});
      absl::Status status = errors::InvalidFields(std::move(violations));
      absl::Status out(status.code(), absl::StrCat(args->file, ": ", problems, problems == 1 ? " problem" : " problems"));
      status.ForEachPayload([&out](absl::string_view url, const absl::Cord& payload) { out.SetPayload(url, payload); });
      return out;
    }
    std::cout << args->file << ": valid (" << file->version().measures_size() << " measures, "
              << file->version().components_size() << " components)\n";
    return absl::OkStatus();
  });
}

void AddGet(CLI::App& plans, const GlobalOptions& options, int& exit_code) {
  struct Args {
    std::string plan;
    int version = 0;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = plans.add_subcommand("get", "Show a plan, its versions and one version's rules");
  command->add_option("plan", args->plan, "Plan id or name")->required();
  command->add_option("--version", args->version, "Whose rules to show (default the latest)")
      ->check(CLI::PositiveNumber);
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    v1::GetPlanRequest request;
    request.set_name(comp::PlanName(args->plan));
    std::unique_ptr<Stub> stub;
    absl::StatusOr<Connection> connection = ConnectPlans(options, stub);
    if (!connection.ok()) return connection.status();
    auto plan = Call(*connection, *stub, &Stub::GetPlan, request);
    if (!plan.ok()) return plan.status();
    return PrintReport(options, *plan, PlanText(*plan, args->version), VersionsTable(*plan));
  });
}

void AddList(CLI::App& plans, const GlobalOptions& options, int& exit_code) {
  struct Args {
    v1::ListPlansRequest request;
    bool all = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = plans.add_subcommand("list", "List plans with their active and latest versions");
  catalog::AddPaging(command, args->request, args->all);
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    std::unique_ptr<Stub> stub;
    absl::StatusOr<Connection> connection = ConnectPlans(options, stub);
    if (!connection.ok()) return connection.status();
    return PrintPages(
        options, args->request, args->all,
        [&](const v1::ListPlansRequest& request) { return Call(*connection, *stub, &Stub::ListPlans, request); },
        [](const v1::ListPlansResponse& listed) { return PlansTable(listed.plans()); });
  });
}

void AddActivate(CLI::App& plans, const GlobalOptions& options, int& exit_code) {
  struct Args {
    std::string plan;
    int version = 0;
    v1::ActivatePlanVersionRequest request;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = plans.add_subcommand(
      "activate", "Put a draft version in force; the active version ends the day before");
  command->add_option("plan", args->plan, "Plan id or name")->required();
  command->add_option("version", args->version, "The draft version's number")->required()->check(CLI::PositiveNumber);
  command->add_option_function<std::string>(
      "--from", [args](const std::string& v) { args->request.set_effective_from(v); },
      "First day in force, YYYY-MM-DD")->required();
  command->add_option_function<std::string>(
      "--request-id", [args](const std::string& v) { args->request.set_request_id(v); },
      "Idempotency key (default: a random UUID)");
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    v1::ActivatePlanVersionRequest request = args->request;
    request.set_name(absl::StrCat(comp::PlanName(args->plan), "/versions/", args->version));
    if (request.request_id().empty()) request.set_request_id(NewRequestId());
    std::unique_ptr<Stub> stub;
    absl::StatusOr<Connection> connection = ConnectPlans(options, stub);
    if (!connection.ok()) return connection.status();
    auto activated = Call(*connection, *stub, &Stub::ActivatePlanVersion, request);
    if (!activated.ok()) return activated.status();
    return Print(options.format, *activated, VersionRow(*activated), std::cout);
  });
}

}  // namespace

void AddPlanCommands(CLI::App& root, const GlobalOptions& options, int& exit_code) {
  CLI::App* plans = root.add_subcommand("plans", "Compensation plans: authoring, versions, assignments");
  plans->require_subcommand(1);
  AddCreate(*plans, options, exit_code);
  AddRevise(*plans, options, exit_code);
  AddValidate(*plans, options, exit_code);
  AddGet(*plans, options, exit_code);
  AddList(*plans, options, exit_code);
  AddActivate(*plans, options, exit_code);
  AddPlanAssignmentCommands(*plans, options, exit_code);
}

}  // namespace attain::ctl

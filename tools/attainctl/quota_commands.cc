// quotas allocate | get | list | submit | approve | activate | bottom-up | reconcile | sellers
#include <algorithm>
#include <map>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

#include <google/protobuf/util/time_util.h>
#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "attain/planning/v1/quotas.grpc.pb.h"
#include "tools/attainctl/catalog_commands.h"
#include "tools/attainctl/planning_commands.h"

namespace attain::ctl {
namespace {

namespace v1 = planning::v1;
using planning_cli::Call;
using planning_cli::EnumLabel;
using planning_cli::FetchPages;
using planning_cli::FractionToPercent;
using planning_cli::NoteMorePages;
using planning_cli::PlanOrVersionName;
using planning_cli::PrintReport;
using planning_cli::QuotaPlanName;
using planning_cli::QuotaVersionName;
using planning_cli::ShiftPoint;
using Stub = v1::QuotaService::Stub;

std::string StateLabel(v1::QuotaPlanState state) {
  return EnumLabel(v1::QuotaPlanState_Name(state), "QUOTA_PLAN_STATE_");
}

// One row per node: its id (indented by depth in a table), annual amount, then one column per
// period of the response.
Table QuotasTable(const v1::GetTerritoryQuotasResponse& quotas, Format format) {
  Table table{{"node", "annual"}, {}};
  for (const v1::QuotaPeriod& period : quotas.periods()) table.header.push_back(period.label());
  const int top = quotas.territories().empty() ? 0 : quotas.territories(0).depth();
  for (const v1::TerritoryQuota& node : quotas.territories()) {
    const size_t indent = format == Format::kTable ? 2 * std::max(0, node.depth() - top) : 0;
    std::vector<std::string> row{std::string(indent, ' ') + node.territory_id(), node.annual()};
    for (const v1::QuotaPeriod& period : quotas.periods()) {
      auto amount = std::find_if(node.periods().begin(), node.periods().end(),
                                 [&](const v1::PeriodAmount& p) { return p.period() == period.label(); });
      row.push_back(amount == node.periods().end() ? "" : amount->amount());
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

std::string PlanSummary(const v1::QuotaPlan& plan) {
  std::string out = absl::StrCat(
      plan.name(), plan.display_name().empty() ? "" : "  ", plan.display_name(), "\nFY", plan.fiscal_year(), " from month ",
      plan.fiscal_year_start_month(), ", ",
      EnumLabel(v1::QuotaPeriodType_Name(plan.period_type()), "QUOTA_PERIOD_TYPE_"), ", ",
      plan.currency(), ", root ", plan.root_territory_id(), "\n\n");
  Table versions{{"version", "state", "target", "effective_from", "effective_to"}, {}};
  for (const v1::QuotaPlanVersion& v : plan.versions()) {
    versions.rows.push_back({std::to_string(v.version()), StateLabel(v.state()),
                             v.spec().company_target(), v.effective_from(), v.effective_to()});
  }
  return out + RenderTable(versions);
}

// json: {"plan": QuotaPlan, "quotas": GetTerritoryQuotasResponse}; csv: the quotas; table:
// the plan's summary, then the quotas.
absl::Status PrintPlanAndQuotas(const GlobalOptions& options, const v1::QuotaPlan& plan,
                                const v1::GetTerritoryQuotasResponse& quotas) {
  if (options.format == Format::kJson) {
    absl::StatusOr<std::string> plan_json = RenderJson(plan);
    if (!plan_json.ok()) return plan_json.status();
    absl::StatusOr<std::string> quotas_json = RenderJson(quotas);
    if (!quotas_json.ok()) return quotas_json.status();
    nlohmann::ordered_json both;
    both["plan"] = nlohmann::ordered_json::parse(*plan_json);
    both["quotas"] = nlohmann::ordered_json::parse(*quotas_json);
    std::cout << both.dump(2) << "\n" << std::flush;
    return std::cout ? absl::OkStatus() : absl::DataLossError("cannot write the output");
  }
  const Table table = QuotasTable(quotas, options.format);
  return PrintReport(options, quotas,
                     absl::StrCat(PlanSummary(plan), "\n", quotas.version(), " (", quotas.currency(),
                                  ")\n", RenderTable(table)),
                     table);
}

// "1=history:10" -> {1, HISTORICAL_SHARE with padding "0.1"}.
std::pair<int, v1::AllocationLevel> ParseLevelMethod(const std::string& text) {
  const std::vector<std::string> parts = absl::StrSplit(text, absl::MaxSplits('=', 1));
  const std::map<std::string, v1::AllocationMethod> methods{
      {"even", v1::ALLOCATION_METHOD_EVEN},
      {"history", v1::ALLOCATION_METHOD_HISTORICAL_SHARE},
      {"potential", v1::ALLOCATION_METHOD_POTENTIAL}};
  int depth = -1;
  if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &depth) || depth < 0) {
    throw CLI::ValidationError("--level-method", "\"" + text + "\" is not DEPTH=METHOD[:PADDING%]");
  }
  const std::vector<std::string> method = absl::StrSplit(parts[1], absl::MaxSplits(':', 1));
  v1::AllocationLevel level;
  const auto found = methods.find(absl::AsciiStrToLower(method[0]));
  if (found == methods.end()) {
    throw CLI::ValidationError("--level-method", "method must be even, history or potential, not \"" + method[0] + "\"");
  }
  level.set_method(found->second);
  if (method.size() == 2) {
    std::optional<std::string> padding = ShiftPoint(absl::StripSuffix(method[1], "%"), -2);
    if (!padding) throw CLI::ValidationError("--level-method", "padding \"" + method[1] + "\" is not a percent");
    level.set_padding(*padding);
  }
  return {depth, level};
}

void AddAllocate(CLI::App& quotas, const GlobalOptions& options, int& exit_code) {
  struct Args {
    v1::CreateQuotaPlanRequest request;
    std::map<int, v1::AllocationLevel> levels;
    v1::QuotaPeriodType periods = v1::QUOTA_PERIOD_TYPE_MONTHLY;
    v1::HistoryBasis history = v1::HISTORY_BASIS_UNSPECIFIED;
    v1::SeasonalitySource seasonality = v1::SEASONALITY_SOURCE_UNSPECIFIED;
  };
  auto args = std::make_shared<Args>();
  v1::QuotaPlan& plan = *args->request.mutable_plan();
  v1::QuotaPlanSpec& spec = *args->request.mutable_spec();
  plan.set_fiscal_year_start_month(1);
  CLI::App* command = quotas.add_subcommand(
      "allocate", "Create a quota plan: allocate a target top-down through a territory subtree");
  command->add_option_function<std::string>("plan", [&plan](const std::string& v) { plan.set_plan_id(v); },
                                            "Plan id")->required();
  command->add_option_function<std::string>("--name", [&plan](const std::string& v) { plan.set_display_name(v); },
                                            "Display name (default \"FY<year> <root>\")");
  command->add_option_function<std::string>("--root", [&plan](const std::string& v) { plan.set_root_territory_id(v); },
                                            "Territory the target is allocated down from")->required();
  command->add_option_function<int>("--fiscal-year", [&plan](int v) { plan.set_fiscal_year(v); },
                                    "Fiscal year, named after the calendar year it ends in")->required();
  command->add_option_function<int>("--start-month", [&plan](int v) { plan.set_fiscal_year_start_month(v); },
                                    "First month of the fiscal year, 1..12 (default 1)");
  command->add_option("--periods", args->periods, "monthly (default) or quarterly")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, v1::QuotaPeriodType>{{"monthly", v1::QUOTA_PERIOD_TYPE_MONTHLY},
                                                     {"quarterly", v1::QUOTA_PERIOD_TYPE_QUARTERLY}},
          CLI::ignore_case));
  command->add_option_function<std::string>("--target", [&spec](const std::string& v) { spec.set_company_target(v); },
                                            "Company target in whole currency units")->required();
  command->add_option_function<std::string>("--currency", [&plan](const std::string& v) { plan.set_currency(v); },
                                            "ISO 4217 code, e.g. USD")->required();
  command->add_option_function<std::vector<std::string>>(
      "--level-method",
      [args](const std::vector<std::string>& texts) {
        for (const std::string& text : texts) {
          auto [depth, level] = ParseLevelMethod(text);
          if (!args->levels.emplace(depth, level).second) {
            throw CLI::ValidationError("--level-method", "depth " + std::to_string(depth) + " given twice");
          }
        }
      },
      "DEPTH=even|history|potential[:PADDING%]: how each node at DEPTH (0 = the root) splits "
      "among its children; depths not given up to the deepest one given are even");
  command->add_option("--history", args->history, "History window: prior-year (default) or trailing-12")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, v1::HistoryBasis>{{"prior-year", v1::HISTORY_BASIS_PRIOR_FISCAL_YEAR},
                                                  {"trailing-12", v1::HISTORY_BASIS_TRAILING_TWELVE_MONTHS}},
          CLI::ignore_case));
  command->add_option("--seasonality", args->seasonality, "flat (default) or history")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, v1::SeasonalitySource>{{"flat", v1::SEASONALITY_SOURCE_FLAT},
                                                       {"history", v1::SEASONALITY_SOURCE_HISTORY}},
          CLI::ignore_case));
  command->add_option_function<std::string>(
      "--request-id", [args](const std::string& v) { args->request.set_request_id(v); },
      "Idempotency key (default: a random UUID)");
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    v1::CreateQuotaPlanRequest request = args->request;
    v1::QuotaPlan& plan = *request.mutable_plan();
    v1::QuotaPlanSpec& spec = *request.mutable_spec();
    plan.set_period_type(args->periods);
    if (plan.display_name().empty()) {
      plan.set_display_name(absl::StrCat("FY", plan.fiscal_year(), " ", plan.root_territory_id()));
    }
    const int depths = args->levels.empty() ? 0 : args->levels.rbegin()->first + 1;
    for (int depth = 0; depth < depths; ++depth) {
      auto given = args->levels.find(depth);
      v1::AllocationLevel* level = spec.add_levels();
      if (given != args->levels.end()) *level = given->second;
      else level->set_method(v1::ALLOCATION_METHOD_EVEN);
    }
    spec.set_history_basis(args->history);
    spec.mutable_seasonality()->set_source(args->seasonality);
    if (request.request_id().empty()) request.set_request_id(NewRequestId());
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::QuotaService::NewStub(connection->channel());
    auto created = Call(*connection, *stub, &Stub::CreateQuotaPlan, request);
    if (!created.ok()) return created.status();
    v1::GetTerritoryQuotasRequest read;
    read.set_name(created->versions().empty() ? created->name() : created->versions().rbegin()->name());
    read.set_territory_id(created->root_territory_id());
    auto quotas = Call(*connection, *stub, &Stub::GetTerritoryQuotas, read);
    if (!quotas.ok()) {
      return absl::Status(quotas.status().code(),
                          absl::StrCat(created->name(), " was created, but reading its allocation failed: ",
                                       quotas.status().message()));
    }
    auto* nodes = quotas->mutable_territories();  // the root and its children only
    nodes->erase(std::remove_if(nodes->begin(), nodes->end(),
                                [&](const v1::TerritoryQuota& node) {
                                  return node.territory_id() != read.territory_id() &&
                                         node.parent_id() != read.territory_id();
                                }),
                 nodes->end());
    return PrintPlanAndQuotas(options, *created, *quotas);
  });
}

void AddGet(CLI::App& quotas, const GlobalOptions& options, int& exit_code) {
  struct Args {
    std::string plan;
    int version = 0;
    v1::GetTerritoryQuotasRequest request;
  };
  auto args = std::make_shared<Args>();
  auto& r = args->request;
  CLI::App* command = quotas.add_subcommand("get", "Show a quota plan and its territory quotas");
  command->add_option("plan", args->plan, "Plan id or name")->required();
  command->add_option("--version", args->version, "Version (default the latest)")->check(CLI::PositiveNumber);
  command->add_option_function<std::string>("--node", [&r](const std::string& v) { r.set_territory_id(v); },
                                            "Only this node's subtree (default the plan's root)");
  command->add_option_function<std::vector<std::string>>(
      "--period", [&r](const std::vector<std::string>& v) { r.mutable_periods()->Add(v.begin(), v.end()); },
      "Only these period labels, e.g. FY2027-Q1 (repeatable)");
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::QuotaService::NewStub(connection->channel());
    v1::GetQuotaPlanRequest get;
    get.set_name(QuotaPlanName(args->plan));
    auto plan = Call(*connection, *stub, &Stub::GetQuotaPlan, get);
    if (!plan.ok()) return plan.status();
    v1::GetTerritoryQuotasRequest request = args->request;
    request.set_name(PlanOrVersionName(args->plan, args->version));
    auto quotas = Call(*connection, *stub, &Stub::GetTerritoryQuotas, request);
    if (!quotas.ok()) return quotas.status();
    return PrintPlanAndQuotas(options, *plan, *quotas);
  });
}

void AddList(CLI::App& quotas, const GlobalOptions& options, int& exit_code) {
  struct Args {
    v1::ListQuotaPlansRequest request;
    bool all = false;
  };
  auto args = std::make_shared<Args>();
  auto& r = args->request;
  CLI::App* command = quotas.add_subcommand("list", "List quota plans");
  command->add_option_function<int>("--fiscal-year", [&r](int v) { r.set_fiscal_year(v); },
                                    "Only this fiscal year");
  catalog::AddPaging(command, r, args->all);
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::QuotaService::NewStub(connection->channel());
    auto listed = FetchPages(args->request, args->all, [&](const v1::ListQuotaPlansRequest& request) {
      return Call(*connection, *stub, &Stub::ListQuotaPlans, request);
    });
    if (!listed.ok()) return listed.status();
    Table table{{"plan_id", "display_name", "fiscal_year", "periods", "currency", "root",
                 "latest_version", "state"}, {}};
    for (const v1::QuotaPlan& plan : listed->quota_plans()) {
      const v1::QuotaPlanVersion latest =
          plan.versions().empty() ? v1::QuotaPlanVersion() : *plan.versions().rbegin();
      table.rows.push_back({plan.plan_id(), plan.display_name(), std::to_string(plan.fiscal_year()),
                            EnumLabel(v1::QuotaPeriodType_Name(plan.period_type()), "QUOTA_PERIOD_TYPE_"),
                            plan.currency(), plan.root_territory_id(),
                            latest.version() > 0 ? std::to_string(latest.version()) : "",
                            StateLabel(latest.state())});
    }
    if (auto printed = Print(options.format, *listed, table, std::cout); !printed.ok()) return printed;
    NoteMorePages(options, listed->next_page_token());
    return absl::OkStatus();
  });
}

// submit, approve and activate: one lifecycle step of a version.
template <typename Request>
void AddTransition(CLI::App& quotas, const GlobalOptions& options, int& exit_code, const std::string& name,
                   const std::string& description,
                   grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, v1::QuotaPlanVersion*)) {
  struct Args {
    std::string plan;
    int version = 0;
    Request request;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = quotas.add_subcommand(name, description);
  command->add_option("plan", args->plan, "Plan id or name")->required();
  command->add_option("--version", args->version, "Version (default the latest)")->check(CLI::PositiveNumber);
  if constexpr (std::is_same_v<Request, v1::ActivateQuotaPlanRequest>) {
    command->add_option_function<std::string>(
        "--effective-from", [args](const std::string& v) { args->request.set_effective_from(v); },
        "First day in force, YYYY-MM-DD (default the first day of the fiscal year)");
  }
  command->add_option_function<std::string>(
      "--request-id", [args](const std::string& v) { args->request.set_request_id(v); },
      "Idempotency key (default: a random UUID)");
  SetAction(command, exit_code, [&options, args, method]() -> absl::Status {
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    Request request = args->request;
    absl::StatusOr<std::string> version = QuotaVersionName(*connection, args->plan, args->version);
    if (!version.ok()) return version.status();
    request.set_name(*version);
    if (request.request_id().empty()) request.set_request_id(NewRequestId());
    const auto stub = v1::QuotaService::NewStub(connection->channel());
    auto changed = Call(*connection, *stub, method, request);
    if (!changed.ok()) return changed.status();
    const Table table{{"version", "state", "effective_from", "effective_to", "revision"},
                      {{changed->name(), StateLabel(changed->state()), changed->effective_from(),
                        changed->effective_to(), std::to_string(changed->revision())}}};
    return Print(options.format, *changed, table, std::cout);
  });
}

void AddBottomUp(CLI::App& quotas, const GlobalOptions& options, int& exit_code) {
  auto request = std::make_shared<v1::SubmitBottomUpRequest>();
  CLI::App* command = quotas.add_subcommand("bottom-up", "Submit a territory's own annual number");
  command->add_option_function<std::string>(
      "plan", [request](const std::string& v) { request->set_name(QuotaPlanName(v)); }, "Plan id or name")
      ->required();
  command->add_option_function<std::string>(
      "--territory", [request](const std::string& v) { request->set_territory_id(v); }, "Territory id")
      ->required();
  command->add_option_function<std::string>(
      "--amount", [request](const std::string& v) { request->set_amount(v); },
      "Annual amount (replaces the territory's earlier submission)")->required();
  command->add_option_function<std::string>(
      "--request-id", [request](const std::string& v) { request->set_request_id(v); },
      "Idempotency key (default: a random UUID)");
  SetAction(command, exit_code, [&options, request]() -> absl::Status {
    v1::SubmitBottomUpRequest sent = *request;
    if (sent.request_id().empty()) sent.set_request_id(NewRequestId());
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::QuotaService::NewStub(connection->channel());
    auto submitted = Call(*connection, *stub, &Stub::SubmitBottomUp, sent);
    if (!submitted.ok()) return submitted.status();
    const Table table{{"territory", "amount", "update_time"},
                      {{submitted->territory_id(), submitted->amount(),
                        submitted->has_update_time()
                            ? google::protobuf::util::TimeUtil::ToString(submitted->update_time())
                            : ""}}};
    return Print(options.format, *submitted, table, std::cout);
  });
}

void AddReconcile(CLI::App& quotas, const GlobalOptions& options, int& exit_code) {
  struct Args {
    std::string plan;
    int version = 0;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = quotas.add_subcommand("reconcile", "Compare top-down quotas with bottom-up submissions");
  command->add_option("plan", args->plan, "Plan id or name")->required();
  command->add_option("--version", args->version, "Version (default the latest)")->check(CLI::PositiveNumber);
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    v1::GetReconciliationRequest request;
    request.set_name(PlanOrVersionName(args->plan, args->version));
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::QuotaService::NewStub(connection->channel());
    auto reconciled = Call(*connection, *stub, &Stub::GetReconciliation, request);
    if (!reconciled.ok()) return reconciled.status();
    Table table{{"node", "top_down", "bottom_up", "difference", "percent"}, {}};
    for (const v1::NodeReconciliation& node : reconciled->nodes()) {
      const size_t indent = options.format == Format::kTable ? 2 * std::max(0, node.depth()) : 0;
      table.rows.push_back({std::string(indent, ' ') + node.territory_id(), node.top_down(), node.bottom_up(),
                            node.difference(), FractionToPercent(node.relative_difference())});
    }
    return Print(options.format, *reconciled, table, std::cout);
  });
}

void AddSellers(CLI::App& quotas, const GlobalOptions& options, int& exit_code) {
  auto request = std::make_shared<v1::GetQuotasRequest>();
  auto& r = *request;
  CLI::App* command = quotas.add_subcommand("sellers", "Seller quotas from the active plan versions");
  command->add_option_function<std::string>("--as-of", [&r](const std::string& v) { r.set_as_of(v); },
                                            "Which active version applies, YYYY-MM-DD (default today)");
  command->add_option_function<std::vector<std::string>>(
      "--seller", [&r](const std::vector<std::string>& v) { r.mutable_seller_ids()->Add(v.begin(), v.end()); },
      "Seller id (repeatable)");
  command->add_option_function<std::vector<std::string>>(
      "--period", [&r](const std::vector<std::string>& v) { r.mutable_periods()->Add(v.begin(), v.end()); },
      "Period label, e.g. FY2027-M01 (repeatable; default every period)");
  command->add_option_function<std::string>("--plan", [&r](const std::string& v) { r.set_plan(QuotaPlanName(v)); },
                                            "Only this plan (default every plan active on --as-of)");
  SetAction(command, exit_code, [&options, request]() -> absl::Status {
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::QuotaService::NewStub(connection->channel());
    auto got = Call(*connection, *stub, &Stub::GetQuotas, *request);
    if (!got.ok()) return got.status();
    Table table{{"seller", "version", "period", "quota", "currency"}, {}};
    for (const v1::SellerQuota& quota : got->quotas()) {
      for (const v1::SellerPeriodQuota& period : quota.periods()) {
        table.rows.push_back({quota.seller_id(), quota.version(), period.period(), period.quota(), quota.currency()});
      }
      table.rows.push_back({quota.seller_id(), quota.version(), "total", quota.total(), quota.currency()});
    }
    if (auto printed = Print(options.format, *got, table, std::cout); !printed.ok()) return printed;
    if (options.format != Format::kJson && !got->unplanned_seller_ids().empty()) {
      std::cerr << "no quota on " << got->as_of() << " for: " << absl::StrJoin(got->unplanned_seller_ids(), ", ")
                << "\n";
    }
    return absl::OkStatus();
  });
}

}  // namespace

void AddQuotaCommands(CLI::App& root, const GlobalOptions& options, int& exit_code) {
  CLI::App* quotas = root.add_subcommand("quotas", "Quota plans: allocation, lifecycle, reconciliation");
  quotas->require_subcommand(1);
  AddAllocate(*quotas, options, exit_code);
  AddGet(*quotas, options, exit_code);
  AddList(*quotas, options, exit_code);
  AddTransition<v1::SubmitQuotaPlanRequest>(*quotas, options, exit_code, "submit",
                                            "Submit a draft version for approval", &Stub::SubmitQuotaPlan);
  AddTransition<v1::ApproveQuotaPlanRequest>(*quotas, options, exit_code, "approve",
                                             "Approve a submitted version", &Stub::ApproveQuotaPlan);
  AddTransition<v1::ActivateQuotaPlanRequest>(*quotas, options, exit_code, "activate",
                                              "Put an approved version in force", &Stub::ActivateQuotaPlan);
  AddBottomUp(*quotas, options, exit_code);
  AddReconcile(*quotas, options, exit_code);
  AddSellers(*quotas, options, exit_code);
}

}  // namespace attain::ctl

// capacity: can the sales force carry the quota, and how many must be hired when;
// forecast: a territory subtree's monthly bookings forecast with its intervals.
#include <map>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "attain/planning/v1/capacity.grpc.pb.h"
#include "attain/planning/v1/forecast.grpc.pb.h"
#include "tools/attainctl/planning_commands.h"

namespace attain::ctl {
namespace {

namespace v1 = planning::v1;
using planning_cli::Call;
using planning_cli::EnumLabel;

struct RoleAmount {
  std::string role;
  std::string amount;
  std::string when;  // after '@'; "" when the form has none
};

// "AE=3@2026-11-01" (with_when) or "AE=90000"; throws a ValidationError naming `flag`.
RoleAmount ParseRoleAmount(const std::string& text, const std::string& flag, const std::string& form,
                           bool with_when) {
  const std::vector<std::string> role_rest = absl::StrSplit(text, absl::MaxSplits('=', 1));
  RoleAmount out;
  if (role_rest.size() == 2) {
    out.role = role_rest[0];
    const std::vector<std::string> amount_when = absl::StrSplit(role_rest[1], absl::MaxSplits('@', 1));
    out.amount = amount_when[0];
    if (amount_when.size() == 2) out.when = amount_when[1];
  }
  if (out.role.empty() || out.amount.empty() || (with_when == out.when.empty())) {
    throw CLI::ValidationError(flag, "\"" + text + "\" is not " + form);
  }
  return out;
}

std::string MethodLabel(v1::ForecastMethod method) {
  return EnumLabel(v1::ForecastMethod_Name(method), "FORECAST_METHOD_");
}

// What a person reads under the points: the method chosen and why, and what was forecast.
std::string ForecastFooter(const v1::ForecastBookingsResponse& forecast) {
  std::vector<std::string> parameters;
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"alpha", forecast.parameters().alpha()}, {"beta", forecast.parameters().beta()},
           {"gamma", forecast.parameters().gamma()}, {"phi", forecast.parameters().phi()}}) {
    if (!value.empty()) parameters.push_back(absl::StrCat(name, " ", value));
  }
  std::string out = absl::StrCat("\nmethod: ", MethodLabel(forecast.method()));
  if (!parameters.empty()) absl::StrAppend(&out, " (", absl::StrJoin(parameters, ", "), ")");
  absl::StrAppend(&out, "\nbacktest MAPE: ",
                  forecast.backtest_mape_percent().empty() ? "not measurable"
                                                           : forecast.backtest_mape_percent() + " %",
                  " (", forecast.holdout_months(), " holdout months)\n");
  std::vector<std::string> considered;
  for (const v1::ForecastMethodScore& score : forecast.considered()) {
    considered.push_back(absl::StrCat(MethodLabel(score.method()), " ",
                                      score.mape_percent().empty() ? "-" : score.mape_percent() + " %"));
  }
  if (!considered.empty()) absl::StrAppend(&out, "considered: ", absl::StrJoin(considered, ", "), "\n");
  absl::StrAppend(&out, "territory ", forecast.territory_id(), ", ", forecast.currency(), ", ",
                  forecast.account_count(), " accounts (assignments as of ", forecast.assignments_as_of(),
                  "), ", forecast.history_size(), " months of history\n");
  if (!forecast.intervals_available()) absl::StrAppend(&out, "intervals: not available\n");
  if (!forecast.note().empty()) absl::StrAppend(&out, "note: ", forecast.note(), "\n");
  return out;
}

}  // namespace

void AddCapacityCommand(CLI::App& root, const GlobalOptions& options, int& exit_code) {
  struct Args {
    v1::PlanCapacityRequest request;
    std::string file;
    std::string plan;
    int version = 0;
    v1::QuotaPeriodType periods = v1::QUOTA_PERIOD_TYPE_MONTHLY;
  };
  auto args = std::make_shared<Args>();
  auto& r = args->request;
  r.set_fiscal_year_start_month(1);
  CLI::App* command = root.add_subcommand(
      "capacity", "Ramp- and attrition-aware capacity against the quota targets, and hires needed");
  CLI::Option* file = command->add_option(
      "--file,-f", args->file, "attain.planning.v1.PlanCapacityRequest as protobuf JSON (- reads stdin)");
  CLI::Option* plan = command->add_option("--plan", args->plan, "Quota plan whose calendar and root targets to use");
  CLI::Option* version = command->add_option("--version", args->version, "Plan version (default the latest)")
                             ->check(CLI::PositiveNumber)->needs(plan);
  const std::vector<CLI::Option*> calendar{
      command->add_option_function<int>("--fiscal-year", [&r](int v) { r.set_fiscal_year(v); },
                                        "Fiscal year (without --plan)"),
      command->add_option_function<int>("--start-month", [&r](int v) { r.set_fiscal_year_start_month(v); },
                                        "First month of the fiscal year, 1..12 (default 1)"),
      command->add_option("--periods", args->periods, "monthly (default) or quarterly")
          ->transform(CLI::CheckedTransformer(
              std::map<std::string, v1::QuotaPeriodType>{{"monthly", v1::QUOTA_PERIOD_TYPE_MONTHLY},
                                                         {"quarterly", v1::QUOTA_PERIOD_TYPE_QUARTERLY}},
              CLI::ignore_case)),
      command->add_option_function<std::vector<std::string>>(
          "--targets", [&r](const std::vector<std::string>& v) { r.mutable_targets()->Add(v.begin(), v.end()); },
          "Target per period, comma-separated (without --plan)")->delimiter(','),
  };
  const std::vector<CLI::Option*> inputs{
      command->add_option_function<std::vector<std::string>>(
          "--headcount",
          [&r](const std::vector<std::string>& texts) {
            for (const std::string& text : texts) {
              RoleAmount h = ParseRoleAmount(text, "--headcount", "ROLE=COUNT@YYYY-MM-DD", true);
              v1::HeadcountCohort* cohort = r.add_headcount();
              cohort->set_role(h.role);
              cohort->set_count(h.amount);
              cohort->set_start_date(h.when);
            }
          },
          "ROLE=COUNT@START_DATE: reps on board (repeatable; a long-past start is fully ramped)"),
      command->add_option_function<std::vector<std::string>>(
          "--hire",
          [&r](const std::vector<std::string>& texts) {
            for (const std::string& text : texts) {
              RoleAmount h = ParseRoleAmount(text, "--hire", "ROLE=COUNT@YYYY-MM", true);
              v1::PlannedHire* hire = r.add_planned_hires();
              hire->set_role(h.role);
              hire->set_count(h.amount);
              hire->set_month(h.when);
            }
          },
          "ROLE=COUNT@YYYY-MM: planned hires starting that month (repeatable)"),
      command->add_option_function<std::vector<std::string>>(
          "--productivity",
          [&r](const std::vector<std::string>& texts) {
            for (const std::string& text : texts) {
              RoleAmount p = ParseRoleAmount(text, "--productivity", "ROLE=AMOUNT", false);
              v1::RoleProductivity* productivity = r.add_productivity();
              productivity->set_role(p.role);
              productivity->set_per_rep_per_month(p.amount);
            }
          },
          "ROLE=AMOUNT: monthly bookings of one fully ramped rep (repeatable)"),
      command->add_option_function<std::vector<std::string>>(
          "--ramp",
          [&r](const std::vector<std::string>& v) {
            r.mutable_ramp()->mutable_by_tenure_month()->Add(v.begin(), v.end());
          },
          "Fraction of full productivity in tenure month 1, 2, ..., comma-separated (e.g. 0.25,0.5,0.75)")
          ->delimiter(','),
      command->add_option_function<std::string>(
          "--monthly-attrition", [&r](const std::string& v) { r.set_monthly_attrition(v); },
          "Fraction of reps leaving each month, 0..1 (default 0)"),
      command->add_option_function<std::string>("--hire-role", [&r](const std::string& v) { r.set_hire_role(v); },
                                                "Role the recommended hires are for"),
      command->add_option_function<int>("--lead-time-months", [&r](int v) { r.set_hiring_lead_time_months(v); },
                                        "Months from requisition to start date"),
  };
  for (CLI::Option* option : calendar) option->excludes(plan);
  for (CLI::Option* option : calendar) option->excludes(file);
  for (CLI::Option* option : inputs) option->excludes(file);
  plan->excludes(file);
  version->excludes(file);
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    v1::PlanCapacityRequest request = args->request;
    if (!args->file.empty()) {
      absl::StatusOr<v1::PlanCapacityRequest> read = ReadJson<v1::PlanCapacityRequest>(args->file);
      if (!read.ok()) return read.status();
      request = *std::move(read);
    } else if (args->plan.empty()) {
      request.set_period_type(args->periods);
    } else {
      request.clear_fiscal_year_start_month();
    }
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    if (!args->plan.empty()) {
      auto name = planning_cli::QuotaVersionName(*connection, args->plan, args->version);
      if (!name.ok()) return name.status();
      request.set_quota_plan_version(*name);
    }
    const auto stub = v1::CapacityService::NewStub(connection->channel());
    auto planned = Call(*connection, *stub, &v1::CapacityService::Stub::PlanCapacity, request);
    if (!planned.ok()) return planned.status();
    Table table{{"period", "target", "headcount", "capacity", "gap", "recommended_capacity", "hires_needed",
                 "hires_start", "requisition", "achievable"}, {}};
    for (const v1::CapacityPeriod& p : planned->periods()) {
      table.rows.push_back({p.period(), p.target(), p.headcount(), p.capacity(), p.gap(),
                            p.recommended_capacity(), p.hires_needed(), p.hires_start_month(),
                            p.requisition_month(), p.achievable() ? "yes" : "no"});
    }
    return Print(options.format, *planned, table, std::cout);
  });
}

void AddForecastCommand(CLI::App& root, const GlobalOptions& options, int& exit_code) {
  auto request = std::make_shared<v1::ForecastBookingsRequest>();
  auto& r = *request;
  r.set_horizon_months(12);
  CLI::App* command = root.add_subcommand("forecast", "Forecast a territory subtree's monthly bookings");
  command->add_option_function<std::string>("--territory", [&r](const std::string& v) { r.set_territory_id(v); },
                                            "Territory id")->required();
  command->add_option_function<std::string>("--family", [&r](const std::string& v) { r.set_product_family(v); },
                                            "Only this product family");
  command->add_option_function<int>("--months", [&r](int v) { r.set_horizon_months(v); },
                                    "Months to forecast, 1..36 (default 12)");
  command->add_option_function<std::string>("--as-of", [&r](const std::string& v) { r.set_as_of(v); },
                                            "Tree and assignments of this date; history ends the month "
                                            "before (default today)");
  command->add_option_function<int>("--history-months", [&r](int v) { r.set_history_months(v); },
                                    "Months of history to use at most (default 36)");
  command->add_option_function<std::string>("--currency", [&r](const std::string& v) { r.set_currency(v); },
                                            "Only bookings in this currency");
  command->add_option_function<v1::ForecastMethod>(
             "--method", [&r](v1::ForecastMethod v) { r.set_method(v); },
             "auto (default: chosen by backtest), additive, multiplicative, seasonal-naive, "
             "damped-trend or mean")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, v1::ForecastMethod>{
              {"auto", v1::FORECAST_METHOD_UNSPECIFIED},
              {"additive", v1::FORECAST_METHOD_ADDITIVE},
              {"multiplicative", v1::FORECAST_METHOD_MULTIPLICATIVE},
              {"seasonal-naive", v1::FORECAST_METHOD_SEASONAL_NAIVE},
              {"damped-trend", v1::FORECAST_METHOD_DAMPED_TREND},
              {"mean", v1::FORECAST_METHOD_MEAN}},
          CLI::ignore_case));
  SetAction(command, exit_code, [&options, request]() -> absl::Status {
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::ForecastService::NewStub(connection->channel());
    auto forecast = Call(*connection, *stub, &v1::ForecastService::Stub::ForecastBookings, *request);
    if (!forecast.ok()) return forecast.status();
    Table table{{"month", "forecast", "lower80", "upper80", "lower95", "upper95"}, {}};
    for (const v1::BookingsForecastPoint& point : forecast->points()) {
      table.rows.push_back({point.month(), point.value(), point.lower80(), point.upper80(), point.lower95(),
                            point.upper95()});
    }
    return planning_cli::PrintReport(options, *forecast, RenderTable(table) + ForecastFooter(*forecast), table);
  });
}

}  // namespace attain::ctl

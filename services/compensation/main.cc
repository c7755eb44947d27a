// attain-compensation: settings -> wiring -> serve.

#include <algorithm>
#include <memory>
#include <thread>
#include <string>

#include <CLI/CLI.hpp>

#include "attain/compensation/v1/compensation_service.grpc.pb.h"
#include "common/bootstrap/info_service.h"
#include "common/bootstrap/service_main.h"
#include "common/config/server_config.h"
#include "common/events/event_stream_service.h"
#include "common/events/outbox.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "services/compensation/calculation/calculation_wiring.h"
#include "services/compensation/mbo/mbo_wiring.h"
#include "services/compensation/plans/plan_wiring.h"
#include "services/compensation/periods/period_wiring.h"
#include "services/compensation/statements/statement_wiring.h"
#include "services/compensation/transactions/wiring.h"
#include "services/compensation/estimate/estimate_wiring.h"
#include "services/compensation/whatif/whatif_wiring.h"

namespace attain::compensation {
const std::vector<db::Migration>& EmbeddedMigrations();
}  // namespace attain::compensation

int main(int argc, char** argv) {
  namespace v1 = attain::compensation::v1;
  using InfoAdapter = attain::bootstrap::ServiceInfoAdapter<v1::CompensationService::CallbackService,
                                                            v1::GetServiceInfoRequest,
                                                            v1::GetServiceInfoResponse>;
  std::string planning_address = "127.0.0.1:50051";
  std::unique_ptr<InfoAdapter> info;
  std::unique_ptr<attain::events::EventStreamService> events_api;
  std::unique_ptr<attain::compensation::TransactionApis> transactions;
  std::unique_ptr<attain::compensation::PlanApis> plans;
  std::unique_ptr<attain::compensation::CalculationApis> calculation;
  std::unique_ptr<attain::compensation::PeriodApis> periods;
  std::unique_ptr<attain::compensation::WhatIfApis> whatif;
  std::unique_ptr<attain::compensation::EstimateApis> estimates;
  std::unique_ptr<attain::compensation::MboApis> mbo;
  std::unique_ptr<attain::compensation::StatementApis> statements;
  attain::compensation::calculation::CalculationSettings calc;
  calc.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::string roll_up_titles;
  return attain::bootstrap::ServiceMain(
      argc, argv,
      {.name = "compensation",
       .migrations = &attain::compensation::EmbeddedMigrations(),
       .add_settings =
           [&](CLI::App& app) {
             app.add_option("--planning-address", planning_address,
                            "planning service gRPC address (imports and plan assignments check "
                            "account, product and seller ids there)")
                 ->envname("ATTAIN_PLANNING_ADDRESS")
                 ->check(attain::config::CheckHostPort)
                 ->capture_default_str();
             app.add_option("--fiscal-year-start-month", calc.fiscal_year_start_month,
                            "first month of the fiscal year (quarters, years and year-to-date "
                            "measures count from it)")
                 ->envname("ATTAIN_FISCAL_YEAR_START_MONTH")
                 ->check(CLI::Range(1, 12))
                 ->capture_default_str();
             app.add_option("--roll-up-depth", calc.roll_up.max_depth,
                            "how many manager levels above a credited seller receive roll-up "
                            "credit (0 = none)")
                 ->envname("ATTAIN_ROLL_UP_DEPTH")
                 ->check(CLI::Range(0, 20))
                 ->capture_default_str();
             app.add_option("--roll-up-titles", roll_up_titles,
                            "comma-separated titles whose holders receive roll-up credit "
                            "(empty = every manager)")
                 ->envname("ATTAIN_ROLL_UP_TITLES");
             app.add_option("--calculation-threads", calc.threads,
                            "threads a calculation run credits and sums with")
                 ->envname("ATTAIN_CALCULATION_THREADS")
                 ->check(CLI::Range(1, 256))
                 ->capture_default_str();
           },
       .wire = [&](attain::bootstrap::ServiceRunner& runner) -> absl::Status {
         info = std::make_unique<InfoAdapter>(
             &runner, "/attain.compensation.v1.CompensationService/GetServiceInfo",
             [&runner](attain::common::v1::ServiceInfo* service_info) -> absl::Status {
               auto sequence = attain::events::LastSequence(runner.pool());
               if (!sequence.ok()) return sequence.status();
               service_info->set_last_published_sequence(*sequence);
               return absl::OkStatus();
             });
         runner.AddService(info.get());
         events_api = std::make_unique<attain::events::EventStreamService>(
             "compensation", &runner.pool(), &runner.gate());
         runner.AddService(events_api.get());
         if (auto wired =
                 attain::compensation::WireTransactions(runner, planning_address, &transactions);
             !wired.ok()) {
           return wired;
         }
         if (auto wired = attain::compensation::WirePlans(
                 runner, transactions->planning_references.get(), &plans);
             !wired.ok()) {
           return wired;
         }
         for (absl::string_view title : absl::StrSplit(roll_up_titles, ',', absl::SkipWhitespace())) {
           calc.roll_up.titles.emplace_back(absl::StripAsciiWhitespace(title));
         }
         if (auto wired = attain::compensation::WireCalculation(runner, planning_address, calc,
                                                                &calculation);
             !wired.ok()) {
           return wired;
         }
         if (auto wired = attain::compensation::WireWhatIf(runner, calculation->runs.get(),
                                                           calc.fiscal_year_start_month, &whatif);
             !wired.ok()) {
           return wired;
         }
         if (auto wired = attain::compensation::WireEstimates(runner, calculation->runs.get(), &estimates);
             !wired.ok()) {
           return wired;
         }
         if (auto wired = attain::compensation::WirePeriods(runner, calc.fiscal_year_start_month,
                                                            &periods);
             !wired.ok()) {
           return wired;
         }
         if (auto wired = attain::compensation::WireMbo(
                 runner, planning_address, calc.fiscal_year_start_month,
                 transactions->planning_references.get(), &mbo);
             !wired.ok()) {
           return wired;
         }
         return attain::compensation::WireStatements(runner, calculation->explainer.get(),
                                                     calc.fiscal_year_start_month,
                                                     transactions->planning_references.get(),
                                                     &statements);
       }});
}

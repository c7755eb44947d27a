#include "tools/attainctl/app.h"

#include <iostream>

#include <CLI/CLI.hpp>

#include "tools/attainctl/cli.h"
#include "tools/attainctl/commands.h"
#include "tools/attainctl/compensation_commands.h"
#include "tools/attainctl/planning_commands.h"

namespace attain::ctl {

int RunCommandLine(int argc, const char* const* argv) {
  CLI::App app{"attainctl - command-line client of the Attain gateway"};
  app.require_subcommand(1);
  app.fallthrough();  // global flags such as -o may also follow the subcommand
  GlobalOptions options;
  int exit_code = 0;
  AddGlobalFlags(app, options);
  AddSellerCommands(app, options, exit_code);
  AddOrgCommands(app, options, exit_code);
  AddTokenCommand(app, options, exit_code);
  AddInfoCommands(app, options, exit_code);
  AddAccountCommands(app, options, exit_code);
  AddProductCommands(app, options, exit_code);
  AddBookingCommands(app, options, exit_code);
  AddTerritoryCommands(app, options, exit_code);
  AddCoverageCommand(app, options, exit_code);
  AddQuotaCommands(app, options, exit_code);
  AddCapacityCommand(app, options, exit_code);
  AddForecastCommand(app, options, exit_code);
  AddScenarioCommands(app, options, exit_code);
  AddBalanceCommand(app, options, exit_code);  // the common case, without `scenarios`
  AddTransactionCommands(app, options, exit_code);
  AddFxCommands(app, options, exit_code);
  AddPlanCommands(app, options, exit_code);
  AddCalcCommands(app, options, exit_code);
  AddStatementCommands(app, options, exit_code);
  AddPayrollCommand(app, options, exit_code);
  AddAdjustmentCommands(app, options, exit_code);
  AddPeriodCommands(app, options, exit_code);
  AddMboCommands(app, options, exit_code);
  AddWhatIfCommand(app, options, exit_code);
  AddEstimateCommand(app, options, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : kExitUsage;  // --help exits 0
  } catch (const UsageError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitUsage;
  }
  return exit_code;
}

}  // namespace attain::ctl

#pragma once
// The compensation commands (protos/attain/compensation/v1), one file per group:
//   transactions import|list, fx set|list                       (transactions_commands.cc)
//   plans create|revise|validate|get|list|activate              (plans_commands.cc)
//   plans assign|assignments|end-assignment                     (plan_assignment_commands.cc)
//   calc run|runs|get                                           (calc_commands.cc)
//   statements get|list|explain|export, payroll export,
//   adjustments create|list                                     (statements_commands.cc)
//   periods list|get|approve|lock|reopen                        (periods_commands.cc)
//   mbo import|list                                             (mbo_commands.cc)
//   whatif --period P --plan-version V [--top N]                (whatif_commands.cc)

#include <CLI/CLI.hpp>

#include "tools/attainctl/cli.h"

namespace attain::ctl {

void AddTransactionCommands(CLI::App& root, const GlobalOptions& options, int& exit_code);
void AddFxCommands(CLI::App& root, const GlobalOptions& options, int& exit_code);
void AddPlanCommands(CLI::App& root, const GlobalOptions& options, int& exit_code);
// assign, assignments and end-assignment under `plans`.
void AddPlanAssignmentCommands(CLI::App& plans, const GlobalOptions& options, int& exit_code);
void AddCalcCommands(CLI::App& root, const GlobalOptions& options, int& exit_code);
void AddStatementCommands(CLI::App& root, const GlobalOptions& options, int& exit_code);
void AddPayrollCommand(CLI::App& root, const GlobalOptions& options, int& exit_code);
void AddAdjustmentCommands(CLI::App& root, const GlobalOptions& options, int& exit_code);
void AddPeriodCommands(CLI::App& root, const GlobalOptions& options, int& exit_code);
void AddMboCommands(CLI::App& root, const GlobalOptions& options, int& exit_code);
void AddWhatIfCommand(CLI::App& root, const GlobalOptions& options, int& exit_code);
void AddEstimateCommand(CLI::App& root, const GlobalOptions& options, int& exit_code);

}  // namespace attain::ctl

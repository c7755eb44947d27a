#pragma once
// Each command group registers its subcommands on the root; SetAction (cli.h) turns each
// command's status into the exit code.

#include "tools/attainctl/cli.h"

namespace attain::ctl {

void AddSellerCommands(CLI::App& root, const GlobalOptions& options, int& exit_code);
// `sellers import` and `sellers export`, under the `sellers` command.
void AddImportCommand(CLI::App& sellers, const GlobalOptions& options, int& exit_code);
void AddExportCommand(CLI::App& sellers, const GlobalOptions& options, int& exit_code);
void AddOrgCommands(CLI::App& root, const GlobalOptions& options, int& exit_code);
void AddTokenCommand(CLI::App& root, const GlobalOptions& options, int& exit_code);
void AddInfoCommands(CLI::App& root, const GlobalOptions& options, int& exit_code);
void AddAccountCommands(CLI::App& root, const GlobalOptions& options, int& exit_code);
void AddProductCommands(CLI::App& root, const GlobalOptions& options, int& exit_code);
void AddBookingCommands(CLI::App& root, const GlobalOptions& options, int& exit_code);
// `territories ...` and the top-level `coverage` report.
void AddTerritoryCommands(CLI::App& root, const GlobalOptions& options, int& exit_code);
void AddCoverageCommand(CLI::App& root, const GlobalOptions& options, int& exit_code);

}  // namespace attain::ctl

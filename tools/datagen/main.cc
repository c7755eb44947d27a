// attain-datagen: deterministic demo data. `attain-datagen org --seed 42 --out org.csv`
// writes an organization importable with `attainctl sellers import org.csv`.
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>

#include "tools/datagen/org_generator.h"

int main(int argc, char** argv) {
  CLI::App app{"attain-datagen - deterministic demo data for Attain"};
  app.require_subcommand(1);
  attain::datagen::OrgOptions options;
  std::string out = "-";
  CLI::App* org = app.add_subcommand("org", "A sales organization as seller import CSV");
  org->add_option("--seed", options.seed, "Random seed; the same seed gives the same file")
      ->capture_default_str();
  org->add_option("--reps", options.reps, "Account executives")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  org->add_option("--out", out, "Output CSV file (- for stdout)")->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  const std::string csv = attain::datagen::ToCsv(attain::datagen::GenerateOrg(options));
  if (out == "-") {
    std::cout << csv << std::flush;
    return std::cout ? 0 : 1;
  }
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  file << csv;
  file.close();
  if (!file) {
    std::cerr << "error: cannot write " << out << "\n";
    return 1;
  }
  return 0;
}

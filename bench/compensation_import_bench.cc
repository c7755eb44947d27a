// Transaction import benchmark: N generated transactions (attain-datagen's CSV, default
// 300,000 rows of 13 columns) imported by the compensation service's import path into a
// private PostgreSQL 15 (initdb on a free port under a temp dir, the integration harness's
// code), against the baseline `psql \copy` of the same CSV file into a table with the same
// key, measured in the same run, alternately, --repeat times each; medians are compared.
//
// What "import" includes here: TransactionImport::Add for every batch of the stream
// (validation, sign normalization, digests, and — chunk by chunk while the stream goes on —
// batch reference checks against an in-memory planning fake, version lookups and the binary
// COPY into `transactions`) and Commit (the end of the COPY, superseded versions, the import
// record, the outbox event, the idempotency claim, COMMIT): everything the service does but
// the gRPC transport. Decoding the CSV into the protobuf rows a client streams is the
// client's work and is reported apart. After the first loads: the same rows again (every row
// looked up, none written), 1 % of them changed (new versions), and as many new rows into
// the now populated source (every row looked up, every row written).
//
// Usage: compensation_import_bench [--rows N] [--repeat R] [--batch B] [--keep]

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/db/common_migrations.h"
#include "common/db/migrations.h"
#include "common/db/pg.h"
#include "services/compensation/transactions/transaction_import.h"
#include "tests/integration/harness/postgres.h"
#include "tools/attainctl/csv.h"
#include "tools/datagen/transaction_csv.h"
#include "tools/datagen/transaction_generator.h"

namespace attain::compensation {
const std::vector<db::Migration>& EmbeddedMigrations();
}  // namespace attain::compensation

namespace attain::compensation::transactions {
namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  int64_t rows = 300'000;
  int repeat = 3;
  int batch = 1000;
  bool keep = false;
};

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "compensation_import_bench: %s\n", what.c_str());
  std::exit(1);
}

void Check(const absl::Status& status, const std::string& what) {
  if (!status.ok()) Die(absl::StrCat(what, ": ", status.ToString()));
}

template <typename T>
T Value(absl::StatusOr<T> value, const std::string& what) {
  Check(value.status(), what);
  return *std::move(value);
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// Planning as an in-memory fake: every id exists. Counts calls to prove one per import.
class EveryIdExists final : public ReferenceChecker {
 public:
  absl::StatusOr<ReferenceIds> FindMissing(const ReferenceIds&) override {
    ++calls;
    return ReferenceIds{};
  }
  int calls = 0;
};

struct ImportRun {
  double parse_seconds = 0;   // CSV -> protobuf rows (client side)
  double add_seconds = 0;     // TransactionImport::Add over every batch
  double commit_seconds = 0;  // TransactionImport::Commit
  double cpu_seconds = 0;     // this process, Add + Commit + parse
  v1::ImportTransactionsResponse response;
  double server_seconds() const { return add_seconds + commit_seconds; }
};

ImportRun Import(db::PgPool& pool, const std::string& csv_text, int batch) {
  EveryIdExists references;
  TransactionImport import(ImportContext{&pool, &references, nullptr}, "bench");
  ImportRun run;
  const double cpu_before = CpuSeconds();
  v1::ImportTransactionsRequest options;
  options.mutable_options()->set_mode(v1::IMPORT_MODE_ALL_OR_NOTHING);
  Check(import.Add(options), "options");

  std::istringstream in(csv_text);
  csv::Reader reader(in);
  csv::Record record;
  Check(reader.Next(record).status(), "csv header");
  auto decoder = Value(datagen::TransactionsCsv().ReaderFor(record.fields), "csv header");
  bool more = true;
  while (more) {
    const auto parse_start = Clock::now();
    v1::ImportTransactionsRequest message;
    while (message.batch().rows_size() < batch) {
      more = Value(reader.Next(record), "csv");
      if (!more) break;
      v1::TransactionImportRow* row = message.mutable_batch()->add_rows();
      row->set_row_number(record.line);
      if (!decoder.Decode(record.fields, *row->mutable_transaction()).empty()) {
        Die(absl::StrCat("csv line ", record.line, " does not decode"));
      }
    }
    const auto add_start = Clock::now();
    run.parse_seconds += Seconds(add_start - parse_start);
    if (message.batch().rows_size() == 0) break;
    Check(import.Add(message), "Add");
    run.add_seconds += Seconds(Clock::now() - add_start);
  }
  const auto commit_start = Clock::now();
  run.response = Value(import.Commit(), "Commit");
  run.commit_seconds = Seconds(Clock::now() - commit_start);
  run.cpu_seconds = CpuSeconds() - cpu_before;
  if (references.calls < 1) Die("no reference check");
  return run;
}

int64_t Count(db::PgPool& pool, const std::string& sql) {
  auto lease = Value(pool.Acquire(), "acquire");
  return Value(lease->Exec(sql), sql).GetInt64(0, 0);
}

void Exec(db::PgPool& pool, const std::string& sql) {
  auto lease = Value(pool.Acquire(), "acquire");
  Check(lease->Exec(sql).status(), sql);
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  if (!file) Die("cannot write " + path);
}

// The same CSV with every transaction id suffixed: as many new transactions of the source.
std::string NewIds(const std::string& csv_text) {
  std::istringstream in(csv_text);
  csv::Reader reader(in);
  csv::Record record;
  (void)reader.Next(record);
  std::string out = csv::FormatRecord(record.fields);
  while (Value(reader.Next(record), "csv")) {
    record.fields[1] += "-b";
    out += csv::FormatRecord(record.fields);
  }
  return out;
}

// The same CSV with the amount of every hundredth row raised by one cent.
std::string ChangeOnePercent(const std::string& csv_text, int64_t* changed) {
  std::istringstream in(csv_text);
  csv::Reader reader(in);
  csv::Record record;
  (void)reader.Next(record);
  std::string out = csv::FormatRecord(record.fields);
  *changed = 0;
  for (int64_t i = 0; Value(reader.Next(record), "csv"); ++i) {
    if (i % 100 == 0) {
      // The last digit of the cents, cycled: a change of one cent either way.
      char& last = record.fields[6].back();
      last = last == '9' ? '0' : static_cast<char>(last + 1);
      ++*changed;
    }
    out += csv::FormatRecord(record.fields);
  }
  return out;
}

Options ParseArgs(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto next = [&]() -> int64_t {
      if (i + 1 >= argc) Die("missing value after " + arg);
      return std::atoll(argv[++i]);
    };
    if (arg == "--rows") {
      options.rows = next();
    } else if (arg == "--repeat") {
      options.repeat = static_cast<int>(next());
    } else if (arg == "--batch") {
      options.batch = static_cast<int>(next());
    } else if (arg == "--keep") {
      options.keep = true;
    } else {
      Die("usage: compensation_import_bench [--rows N] [--repeat R] [--batch B] [--keep]");
    }
  }
  if (options.rows < 1 || options.rows > 1'000'000 || options.repeat < 1 || options.batch < 1) {
    Die("--rows 1..1000000, --repeat >= 1, --batch >= 1");
  }
  return options;
}

int Main(int argc, char** argv) {
  const Options options = ParseArgs(argc, argv);
  const char* tmp = std::getenv("TMPDIR");
  std::string dir = absl::StrCat(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp",
                                 "/attain-import-bench-XXXXXX");
  if (mkdtemp(dir.data()) == nullptr) Die("mkdtemp: " + std::string(std::strerror(errno)));
  // PostgreSQL runs as another user under root; it must reach its own subdirectory.
  chmod(dir.c_str(), 0755);

  std::string csv_text;
  datagen::TransactionOptions generate;
  generate.count = options.rows;
  datagen::WriteTransactionsCsv(generate, &csv_text);
  const std::string csv_path = dir + "/transactions.csv";
  WriteFile(csv_path, csv_text);

  itest::PostgresServer postgres(dir + "/postgres");
  Check(postgres.Start(std::chrono::seconds(120)), "starting PostgreSQL");
  const std::string setup_sql = dir + "/setup.sql";
  WriteFile(setup_sql, "CREATE DATABASE attain;\n\\connect attain\nCREATE SCHEMA compensation;\n");
  Check(postgres.RunSqlFile(setup_sql), "creating the database");
  db::PgPoolOptions pool_options;
  pool_options.conninfo = postgres.Dsn("postgres");
  pool_options.schema = "compensation";
  pool_options.size = 2;
  db::PgPool pool(pool_options);
  Value(db::ApplyMigrations(pool, "compensation", db::WithCommonMigrations(EmbeddedMigrations())),
        "migrations");
  // The baseline table: the CSV's columns and the same key as `transactions`.
  Exec(pool,
       "CREATE TABLE baseline_transactions (source_system TEXT NOT NULL, transaction_id TEXT NOT "
       "NULL, transaction_type TEXT NOT NULL, transaction_date DATE NOT NULL, account_id TEXT NOT "
       "NULL, product_id TEXT NOT NULL, amount NUMERIC(24,6) NOT NULL, currency CHAR(3) NOT NULL, "
       "quantity NUMERIC(24,6), margin NUMERIC(24,6), owner_seller_id TEXT, splits TEXT, "
       "attributes TEXT, original_transaction_id TEXT, PRIMARY KEY (source_system, transaction_id))");

  std::printf("compensation_import_bench: %lld rows, %.1f MB of CSV, %d repetitions, "
              "batches of %d rows\n",
              static_cast<long long>(options.rows), csv_text.size() / 1e6, options.repeat,
              options.batch);
  std::vector<double> baseline_s, import_s, parse_s, add_s, commit_s, cpu_s;
  for (int r = 0; r < options.repeat; ++r) {
    Exec(pool, "TRUNCATE baseline_transactions");
    Exec(pool, "CHECKPOINT");
    itest::ProcessSpec psql;
    psql.argv = {"psql", "-X", "-q", "-h", "127.0.0.1", "-p", std::to_string(postgres.port()),
                 "-U", "postgres", "-d", "attain", "-v", "ON_ERROR_STOP=1", "-c",
                 absl::StrCat("\\copy compensation.baseline_transactions FROM '", csv_path,
                              "' WITH (FORMAT csv, HEADER true)")};
    psql.log_path = dir + "/psql.log";
    const auto copy_start = Clock::now();
    Value(itest::RunCommand(psql, std::chrono::minutes(10)), "psql \\copy");
    baseline_s.push_back(Seconds(Clock::now() - copy_start));
    if (Count(pool, "SELECT count(*) FROM baseline_transactions") != options.rows) {
      Die("the baseline table does not hold every row");
    }

    Exec(pool, "TRUNCATE transactions, transaction_imports, outbox, idempotency_keys");
    Exec(pool, "CHECKPOINT");
    ImportRun run = Import(pool, csv_text, options.batch);
    if (run.response.inserted_count() != options.rows || run.response.rejected_count() != 0) {
      Die(absl::StrCat("import inserted ", run.response.inserted_count(), " and rejected ",
                       run.response.rejected_count()));
    }
    if (Count(pool, "SELECT count(*) FROM transactions") != options.rows) {
      Die("the transactions table does not hold every row");
    }
    import_s.push_back(run.server_seconds());
    parse_s.push_back(run.parse_seconds);
    add_s.push_back(run.add_seconds);
    commit_s.push_back(run.commit_seconds);
    cpu_s.push_back(run.cpu_seconds);
    std::printf("  run %d: psql \\copy %.2f s | import %.2f s (add %.2f + commit %.2f), "
                "client CSV decode %.2f s, process CPU %.2f s\n",
                r + 1, baseline_s.back(), import_s.back(), add_s.back(), commit_s.back(),
                parse_s.back(), cpu_s.back());
  }

  // Re-imports into the loaded table: everything unchanged, then 1 % changed.
  Exec(pool, "ANALYZE transactions");
  ImportRun same = Import(pool, csv_text, options.batch);
  if (same.response.unchanged_count() != options.rows) Die("re-import changed rows");
  int64_t changed = 0;
  const std::string changed_csv = ChangeOnePercent(csv_text, &changed);
  ImportRun versions = Import(pool, changed_csv, options.batch);
  if (versions.response.new_version_count() != changed ||
      versions.response.unchanged_count() != options.rows - changed) {
    Die("the changed re-import did not add exactly the changed versions");
  }
  ImportRun more = Import(pool, NewIds(csv_text), options.batch);
  if (more.response.inserted_count() != options.rows) Die("the new rows were not all inserted");

  const double rows = static_cast<double>(options.rows);
  const double baseline = Median(baseline_s);
  const double import = Median(import_s);
  std::printf("\n%-46s %10s %12s\n", "median of runs", "seconds", "rows/s");
  std::printf("%-46s %10.2f %12.0f\n", "baseline: psql \\copy (CSV, primary key)", baseline,
              rows / baseline);
  std::printf("%-46s %10.2f %12.0f\n", "import: Add + Commit (first load of a source)", import,
              rows / import);
  std::printf("%-46s %10.2f\n", "  of which Add (check, COPY as rows arrive)",
              Median(add_s));
  std::printf("%-46s %10.2f\n", "  of which Commit (end, supersede, record)", Median(commit_s));
  std::printf("%-46s %10.2f %12.0f\n", "client: CSV -> protobuf rows (not included)",
              Median(parse_s), rows / Median(parse_s));
  std::printf("%-46s %10.2f %12.0f\n", "re-import, every row unchanged",
              same.server_seconds(), rows / same.server_seconds());
  std::printf("%-46s %10.2f %12.0f\n",
              absl::StrCat("re-import, ", changed, " rows changed (new versions)").c_str(),
              versions.server_seconds(), rows / versions.server_seconds());
  std::printf("%-46s %10.2f %12.0f\n", "new rows into the loaded source (all looked up)",
              more.server_seconds(), rows / more.server_seconds());
  std::printf("\nratio import / baseline throughput: first load %.2f, new rows into a loaded "
              "source %.2f (target >= 0.70)\n",
              baseline / import, baseline / more.server_seconds());

  postgres.Stop();
  if (options.keep) {
    std::printf("kept %s\n", dir.c_str());
  } else {
    itest::ProcessSpec remove;
    remove.argv = {"rm", "-rf", dir};
    remove.log_path = "/dev/null";
    Value(itest::RunCommand(remove, std::chrono::minutes(1)), "removing " + dir);
  }
  return 0;
}

}  // namespace
}  // namespace attain::compensation::transactions

int main(int argc, char** argv) { return attain::compensation::transactions::Main(argc, argv); }

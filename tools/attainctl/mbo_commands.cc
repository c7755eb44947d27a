// mbo import FILE.csv | list --period P [--seller S] (compensation's MboService).
//
// Import reads the whole file first (mbo_import.h): a file the client cannot read sends
// nothing. The scores then go in SetMboScores requests of up to 10,000, each all or nothing
// and retry-safe under its own request_id. A refused request stops the import: the requests
// before it are written, it and those after it are not; errors name CSV rows ("rows[7].score").
// Setting a score to the value it has changes nothing, so running a corrected file again is
// safe.
#include <algorithm>
#include <iostream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "attain/compensation/v1/mbo.grpc.pb.h"
#include "tools/attainctl/calls.h"
#include "tools/attainctl/catalog_commands.h"
#include "tools/attainctl/compensation_commands.h"
#include "tools/attainctl/compensation_text.h"
#include "tools/attainctl/mbo_import.h"
#include "tools/attainctl/progress.h"

namespace attain::ctl {
namespace {

namespace v1 = compensation::v1;
using Stub = v1::MboService::Stub;

constexpr int kMaxBatch = 10'000;

struct ImportArgs {
  std::string file;
  int batch = kMaxBatch;
  std::string request_id;
};

// Why the request of rows[first, end) failed, said in CSV rows; with several requests, also
// which rows were written.
absl::Status BatchFailed(const absl::Status& status, const std::vector<MboCsvRow>& rows,
                         size_t first, size_t end) {
  absl::Status named = NameRows(status, rows, first);
  if (first == 0 && end == rows.size()) return named;
  const std::string written =
      first == 0 ? "no row was written"
                 : absl::StrCat("rows ", rows.front().line, "-", rows[first - 1].line, " were written");
  absl::Status out(named.code(),
                   absl::StrCat("rows ", rows[first].line, "-", rows[end - 1].line,
                                " were refused and not written (", written,
                                end < rows.size() ? ", the rest were not sent" : "", "): ",
                                named.message()));
  named.ForEachPayload(
      [&out](absl::string_view url, const absl::Cord& payload) { out.SetPayload(url, payload); });
  return out;
}

absl::Status RunImport(const GlobalOptions& options, const ImportArgs& args) {
  auto rows = ReadInputWith(args.file, [](std::istream& in, const std::string& source) {
    return ReadMboScores(in, source);
  });
  if (!rows.ok()) return rows.status();
  absl::StatusOr<Connection> connection = Connect(options);
  if (!connection.ok()) return connection.status();
  const auto stub = v1::MboService::NewStub(connection->channel());
  v1::SetMboScoresResponse total;
  SendProgress progress(static_cast<int64_t>(rows->size()));
  int requests = 0;
  for (size_t first = 0; first < rows->size(); first += args.batch) {
    const size_t end = std::min(rows->size(), first + static_cast<size_t>(args.batch));
    v1::SetMboScoresRequest request;
    ++requests;
    // A given --request-id makes the whole command retry-safe: the same file again sends the
    // same requests under the same ids.
    request.set_request_id(args.request_id.empty() ? NewRequestId()
                                                   : absl::StrCat(args.request_id, "-", requests));
    for (size_t i = first; i < end; ++i) *request.add_scores() = (*rows)[i].score;
    auto set = Call(*connection, *stub, &Stub::SetMboScores, request);
    if (!set.ok()) {
      progress.Finish();
      return BatchFailed(set.status(), *rows, first, end);
    }
    total.set_created_count(total.created_count() + set->created_count());
    total.set_updated_count(total.updated_count() + set->updated_count());
    total.set_unchanged_count(total.unchanged_count() + set->unchanged_count());
    progress.Update(static_cast<int64_t>(end));
  }
  progress.Finish();
  const Table table{{"rows", "created", "updated", "unchanged"},
                    {{absl::StrCat(rows->size()), absl::StrCat(total.created_count()),
                      absl::StrCat(total.updated_count()), absl::StrCat(total.unchanged_count())}}};
  return Print(options.format, total, table, std::cout);
}

void AddImport(CLI::App& mbo, const GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* command = mbo.add_subcommand(
      "import", "Set MBO scores from a CSV file (- reads stdin); an existing score is replaced");
  command->add_option("file", args->file,
                      "CSV with header: period,seller_id,component_id,score[,comment]")
      ->required();
  command->add_option("--batch", args->batch, "Scores per request, each all or nothing (default 10000)")
      ->check(CLI::Range(1, kMaxBatch));
  command->add_option("--request-id", args->request_id,
                      "Idempotency key: request N is sent as <key>-N, so the same command again "
                      "writes nothing twice (default: a random UUID per request)");
  SetAction(command, exit_code, [&options, args] { return RunImport(options, *args); });
}

Table ScoresTable(const v1::ListMboScoresResponse& listed, bool history) {
  if (!history) {
    Table table{{"seller", "component", "score", "version", "author", "updated", "comment"}, {}};
    for (const v1::MboScore& s : listed.scores()) {
      table.rows.push_back({s.seller_id(), s.component_id(), s.score(), absl::StrCat(s.version()),
                            s.author(), comp::TimeText(s.update_time()), s.comment()});
    }
    return table;
  }
  // One row per value each score has had, oldest first.
  Table table{{"seller", "component", "version", "score", "author", "time", "comment"}, {}};
  for (const v1::MboScore& s : listed.scores()) {
    for (const v1::MboScoreChange& c : s.history()) {
      table.rows.push_back({s.seller_id(), s.component_id(), absl::StrCat(c.version()), c.score(),
                            c.author(), comp::TimeText(c.change_time()), c.comment()});
    }
  }
  return table;
}

void AddList(CLI::App& mbo, const GlobalOptions& options, int& exit_code) {
  struct Args {
    v1::ListMboScoresRequest request;
    bool all = false;
  };
  auto args = std::make_shared<Args>();
  auto& r = args->request;
  CLI::App* command = mbo.add_subcommand("list", "List a period's MBO scores");
  command->add_option_function<std::string>("--period", [&r](const std::string& v) { r.set_period(v); },
                                            "2037-01, 2037-Q1 or 2037")
      ->required();
  command->add_option_function<std::string>("--seller", [&r](const std::string& v) { r.set_seller_id(v); },
                                            "Only this seller's scores");
  command->add_flag_function(
      "--history", [&r](int64_t) { r.set_include_history(true); },
      "Every value each score has had, who set it and when");
  catalog::AddPaging(command, r, args->all);
  SetAction(command, exit_code, [&options, args]() -> absl::Status {
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::MboService::NewStub(connection->channel());
    const bool history = args->request.include_history();
    return PrintPages(
        options, args->request, args->all,
        [&](const v1::ListMboScoresRequest& request) {
          return Call(*connection, *stub, &Stub::ListMboScores, request);
        },
        [history](const v1::ListMboScoresResponse& listed) { return ScoresTable(listed, history); });
  });
}

}  // namespace

void AddMboCommands(CLI::App& root, const GlobalOptions& options, int& exit_code) {
  CLI::App* mbo = root.add_subcommand("mbo", "Management-by-objectives scores of MBO plan components");
  mbo->require_subcommand(1);
  AddImport(*mbo, options, exit_code);
  AddList(*mbo, options, exit_code);
}

}  // namespace attain::ctl

#pragma once
// SQL for the compensation schema's MBO scores (mbo_scores, mbo_score_history; migration
// 0005). Every write goes through UpsertMboScores, which keeps the history.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/db/pg.h"
#include "common/money/decimal.h"

namespace attain::compensation::store {

struct MboScoreRow {
  std::string period;  // canonical label ("2037-01")
  std::string seller_id;
  std::string component_id;
  money::Decimal score;
  std::string comment;
  // Set by reads and writes, ignored as write input:
  std::string author;
  int version = 0;
  int64_t update_time_micros = 0;
};

// Every score of `period`, ordered by seller_id, component_id (byte order): what a run of the
// period pays MBO components on. The calculation calls it inside its snapshot transaction.
absl::StatusOr<std::vector<MboScoreRow>> LoadMboScores(db::PgConn& tx, const std::string& period);

// Creates or replaces each (period, seller_id, component_id) of `scores` (no two alike) in one
// statement, by `author`; a score set to the value and comment it already has is left alone.
// Each created or changed score gets its next version, recorded in the history. Returns those
// scores (in no particular order) with their author, version and update time.
absl::StatusOr<std::vector<MboScoreRow>> UpsertMboScores(db::PgConn& tx,
                                                         const std::vector<MboScoreRow>& scores,
                                                         const std::string& author,
                                                         const std::string& request_id);

// A position in LoadMboScores' order.
struct MboScoreKey {
  std::string seller_id;
  std::string component_id;
};

struct MboScorePage {
  std::vector<MboScoreRow> scores;
  bool more = false;
};

// The scores of `period` in LoadMboScores' order after `after`, at most `limit`; only those of
// `seller_ids` unless it is nullopt.
absl::StatusOr<MboScorePage> ListMboScores(db::PgConn& conn, const std::string& period,
                                           const std::optional<std::vector<std::string>>& seller_ids,
                                           const std::optional<MboScoreKey>& after, int limit);

// Every value the given scores of `period` have had, oldest first per score, ordered like
// LoadMboScores (the last version of each is its current value).
absl::StatusOr<std::vector<MboScoreRow>> LoadMboScoreHistory(db::PgConn& conn,
                                                             const std::string& period,
                                                             const std::vector<MboScoreKey>& keys);

}  // namespace attain::compensation::store

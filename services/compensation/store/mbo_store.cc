#include "services/compensation/store/mbo_store.h"

#include "absl/strings/str_cat.h"
#include "services/compensation/store/sql_text.h"

namespace attain::compensation::store {
namespace {

// Byte order whatever the database's default collation: a run's results digest depends on
// the order in which it reads its inputs.
constexpr char kOrder[] = " ORDER BY s.seller_id COLLATE \"C\", s.component_id COLLATE \"C\"";

// The columns every read of `table` (aliased s) selects, in the order RowsToScores reads them.
std::string ReadColumns(std::string_view time_column) {
  return absl::StrCat("s.period, s.seller_id, s.component_id, s.score::text, s.comment, s.author, ",
                      "s.version, ", TimestampToMicrosSql(time_column));
}

absl::StatusOr<std::vector<MboScoreRow>> RowsToScores(const db::PgResult& rows, int limit) {
  std::vector<MboScoreRow> scores;
  scores.reserve(std::min(rows.rows(), limit));
  for (int i = 0; i < rows.rows() && i < limit; ++i) {
    MboScoreRow& score = scores.emplace_back();
    score.period = rows.GetString(i, 0);
    score.seller_id = rows.GetString(i, 1);
    score.component_id = rows.GetString(i, 2);
    auto value = money::Decimal::Parse(rows.Get(i, 3));
    // NUMERIC(24,6) with a check of >= 0 holds nothing Decimal cannot read but values above
    // its range, which the service never writes.
    if (!value.ok()) {
      return absl::InternalError(absl::StrCat("the MBO score of ", score.seller_id, "/",
                                              score.component_id, " in ", score.period,
                                              " is unreadable"));
    }
    score.score = *value;
    score.comment = rows.GetString(i, 4);
    score.author = rows.GetString(i, 5);
    score.version = static_cast<int>(rows.GetInt64(i, 6));
    score.update_time_micros = rows.GetInt64(i, 7);
  }
  return scores;
}

}  // namespace

absl::StatusOr<std::vector<MboScoreRow>> LoadMboScores(db::PgConn& tx, const std::string& period) {
  auto rows = tx.Exec(absl::StrCat("SELECT ", ReadColumns("s.update_time"),
                                   " FROM mbo_scores s WHERE s.period = $1", kOrder),
                      {period});
  if (!rows.ok()) return rows.status();
  return RowsToScores(*rows, rows->rows());
}

absl::StatusOr<std::vector<MboScoreRow>> UpsertMboScores(db::PgConn& tx,
                                                         const std::vector<MboScoreRow>& scores,
                                                         const std::string& author,
                                                         const std::string& request_id) {
  std::vector<std::string> periods, sellers, components, values, comments;
  for (const MboScoreRow& score : scores) {
    periods.push_back(score.period);
    sellers.push_back(score.seller_id);
    components.push_back(score.component_id);
    values.push_back(score.score.ToString());
    comments.push_back(score.comment);
  }
  // One statement: the upsert (skipping a score whose value and comment are unchanged) and,
  // for each row it wrote, the same version appended to the history. The history's foreign
  // key is checked at the end of the statement, when the new scores exist.
  auto written = tx.Exec(
      absl::StrCat(
          "WITH input AS ("
          "  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::text[])"
          "    AS i(period, seller_id, component_id, score, comment)), "
          "written AS ("
          "  INSERT INTO mbo_scores AS m (period, seller_id, component_id, score, comment, author,"
          "    request_id)"
          "  SELECT period, seller_id, component_id, score, comment, $6, $7::text FROM input"
          "  ON CONFLICT (period, seller_id, component_id) DO UPDATE SET score = EXCLUDED.score,"
          "    comment = EXCLUDED.comment, author = EXCLUDED.author,"
          "    request_id = EXCLUDED.request_id, version = m.version + 1, update_time = now()"
          "  WHERE m.score <> EXCLUDED.score OR m.comment <> EXCLUDED.comment"
          "  RETURNING m.*) "
          "INSERT INTO mbo_score_history AS s (period, seller_id, component_id, version, score,"
          "  comment, author, request_id, change_time) "
          "SELECT period, seller_id, component_id, version, score, comment, author, request_id,"
          "  update_time FROM written "
          "RETURNING ",
          ReadColumns("s.change_time")),
      {TextArray(periods), TextArray(sellers), TextArray(components), TextArray(values),
       TextArray(comments), author, OptionalText(request_id)});
  if (!written.ok()) return written.status();
  return RowsToScores(*written, written->rows());
}

absl::StatusOr<MboScorePage> ListMboScores(db::PgConn& conn, const std::string& period,
                                           const std::optional<std::vector<std::string>>& seller_ids,
                                           const std::optional<MboScoreKey>& after, int limit) {
  auto rows = conn.Exec(
      absl::StrCat("SELECT ", ReadColumns("s.update_time"),
                   " FROM mbo_scores s WHERE s.period = $1 AND ($2::text[] IS NULL OR "
                   "s.seller_id = ANY($2::text[])) AND ($3::text IS NULL OR (s.seller_id COLLATE "
                   "\"C\", s.component_id COLLATE \"C\") > ($3::text COLLATE \"C\", $4::text "
                   "COLLATE \"C\"))",
                   kOrder, " LIMIT $5"),
      {period, seller_ids ? db::Param(TextArray(*seller_ids)) : db::Param(),
       after ? db::Param(after->seller_id) : db::Param(),
       after ? db::Param(after->component_id) : db::Param(), absl::StrCat(limit + 1)});
  if (!rows.ok()) return rows.status();
  auto scores = RowsToScores(*rows, limit);
  if (!scores.ok()) return scores.status();
  return MboScorePage{*std::move(scores), rows->rows() > limit};
}

absl::StatusOr<std::vector<MboScoreRow>> LoadMboScoreHistory(db::PgConn& conn,
                                                             const std::string& period,
                                                             const std::vector<MboScoreKey>& keys) {
  std::vector<std::string> sellers, components;
  for (const MboScoreKey& key : keys) {
    sellers.push_back(key.seller_id);
    components.push_back(key.component_id);
  }
  auto rows = conn.Exec(
      absl::StrCat("SELECT ", ReadColumns("s.change_time"),
                   " FROM mbo_score_history s JOIN unnest($2::text[], $3::text[]) AS k(seller_id, "
                   "component_id) ON k.seller_id = s.seller_id AND k.component_id = "
                   "s.component_id WHERE s.period = $1",
                   kOrder, ", s.version"),
      {period, TextArray(sellers), TextArray(components)});
  if (!rows.ok()) return rows.status();
  return RowsToScores(*rows, rows->rows());
}

}  // namespace attain::compensation::store

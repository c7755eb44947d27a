#include "services/planning/store/seller_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/time/dates.h"

namespace attain::planning::store {
namespace {

// Columns every seller query selects, in the order RowToSeller reads them.
constexpr char kSellerColumns[] =
    "s.seller_id, s.display_name, s.email, s.title, s.hire_date::text, "
    "s.termination_date::text, s.home_currency, s.revision, "
    "(extract(epoch from s.create_time) * 1000000)::bigint, "
    "(extract(epoch from s.update_time) * 1000000)::bigint, "
    "(SELECT string_agg(rl.manager_id || '|' || rl.start_date::text || '|' || "
    "  COALESCE(rl.end_date::text, ''), ';' ORDER BY rl.start_date) "
    " FROM reporting_lines rl WHERE rl.seller_id = s.seller_id)";
constexpr int kSellerColumnCount = 11;

absl::CivilDay DayOrDie(std::string_view text) {
  // The database only holds dates we validated; anything else is a broken invariant.
  auto day = dates::Parse(text, "stored date");
  if (!day.ok()) std::abort();
  return *day;
}

org::Seller RowToSeller(const db::PgResult& rows, int row) {
  org::Seller seller;
  seller.id = rows.GetString(row, 0);
  seller.display_name = rows.GetString(row, 1);
  seller.email = rows.GetString(row, 2);
  seller.title = rows.GetString(row, 3);
  seller.hire_date = DayOrDie(rows.Get(row, 4));
  if (!rows.IsNull(row, 5)) seller.termination_date = DayOrDie(rows.Get(row, 5));
  seller.home_currency = rows.GetString(row, 6);
  seller.revision = rows.GetInt64(row, 7);
  seller.create_time = absl::FromUnixMicros(rows.GetInt64(row, 8));
  seller.update_time = absl::FromUnixMicros(rows.GetInt64(row, 9));
  if (!rows.IsNull(row, 10)) {
    for (const std::string& line : std::vector<std::string>(
             absl::StrSplit(std::string(rows.Get(row, 10)), ';'))) {
      std::vector<std::string> parts = absl::StrSplit(line, '|');
      if (parts.size() != 3) std::abort();
      org::ReportingLine out;
      out.manager_id = parts[0];
      out.period.start = DayOrDie(parts[1]);
      if (!parts[2].empty()) out.period.end = DayOrDie(parts[2]);
      seller.lines.push_back(std::move(out));
    }
  }
  return seller;
}

db::Param OptionalDay(const std::optional<absl::CivilDay>& day) {
  if (!day) return std::nullopt;
  return dates::Format(*day);
}

// NULL means "everyone"; otherwise a comma-joined id list (ids never contain commas).
db::Param VisibleIds(const Visibility& visibility) {
  if (visibility.everyone) return std::nullopt;
  return absl::StrJoin(visibility.ids, ",");
}

// Escapes LIKE wildcards so a user's "50%" matches literally.
std::string LikePattern(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') escaped.push_back('\\');
    escaped.push_back(c);
  }
  return absl::StrCat("%", escaped, "%");
}

absl::StatusOr<SellerPage> ToPage(absl::StatusOr<db::PgResult> rows, int limit) {
  if (!rows.ok()) return rows.status();
  SellerPage page;
  for (int i = 0; i < rows->rows() && i < limit; ++i) {
    page.sellers.push_back(RowToSeller(*rows, i));
    page.total = static_cast<int>(rows->GetInt64(i, kSellerColumnCount));
  }
  page.more = rows->rows() > limit;
  return page;
}

constexpr char kActiveLine[] =
    "rl.start_date <= $2::date AND (rl.end_date IS NULL OR rl.end_date >= $2::date)";
constexpr char kEmployed[] =
    "s.hire_date <= $2::date AND (s.termination_date IS NULL OR s.termination_date >= $2::date)";

absl::Status InsertLines(db::PgConn& tx, const org::Seller& seller) {
  for (const org::ReportingLine& line : seller.lines) {
    auto inserted = tx.Exec(
        "INSERT INTO reporting_lines(seller_id, manager_id, start_date, end_date) "
        "VALUES ($1, $2, $3::date, $4::date)",
        {seller.id, line.manager_id, dates::Format(line.period.start), OptionalDay(line.period.end)});
    if (!inserted.ok()) return inserted.status();
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status LockHierarchy(db::PgConn& tx) {
  return tx.Exec("SELECT pg_advisory_xact_lock(hashtext('attain.planning.hierarchy'))").status();
}

absl::StatusOr<org::OrgChart> LoadChart(db::PgConn& conn) {
  auto rows = conn.Exec(absl::StrCat("SELECT ", kSellerColumns, " FROM sellers s"));
  if (!rows.ok()) return rows.status();
  std::vector<org::Seller> sellers;
  sellers.reserve(rows->rows());
  for (int i = 0; i < rows->rows(); ++i) sellers.push_back(RowToSeller(*rows, i));
  return org::OrgChart(std::move(sellers));
}

absl::StatusOr<std::optional<org::Seller>> GetSeller(db::PgConn& conn, const std::string& id) {
  auto rows = conn.Exec(
      absl::StrCat("SELECT ", kSellerColumns, " FROM sellers s WHERE s.seller_id = $1"), {id});
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::optional<org::Seller>();
  return std::optional<org::Seller>(RowToSeller(*rows, 0));
}

absl::StatusOr<std::vector<org::Seller>> GetSellers(db::PgConn& conn,
                                                    const std::vector<std::string>& ids) {
  auto rows = conn.Exec(absl::StrCat("SELECT ", kSellerColumns,
                                     " FROM sellers s WHERE s.seller_id = ANY(string_to_array($1, ','))"
                                     " ORDER BY s.seller_id"),
                        {absl::StrJoin(ids, ",")});
  if (!rows.ok()) return rows.status();
  std::vector<org::Seller> sellers;
  for (int i = 0; i < rows->rows(); ++i) sellers.push_back(RowToSeller(*rows, i));
  return sellers;
}

absl::Status InsertSeller(db::PgConn& tx, const org::Seller& seller) {
  auto inserted = tx.Exec(
      "INSERT INTO sellers(seller_id, display_name, email, title, hire_date, termination_date, "
      "home_currency) VALUES ($1, $2, $3, $4, $5::date, $6::date, $7)",
      {seller.id, seller.display_name, seller.email, seller.title,
       dates::Format(seller.hire_date), OptionalDay(seller.termination_date),
       seller.home_currency});
  return inserted.status();
}

absl::Status UpdateSeller(db::PgConn& tx, const org::Seller& seller) {
  auto updated = tx.Exec(
      "UPDATE sellers SET display_name = $2, email = $3, title = $4, hire_date = $5::date, "
      "termination_date = $6::date, home_currency = $7, revision = revision + 1, "
      "update_time = now() WHERE seller_id = $1",
      {seller.id, seller.display_name, seller.email, seller.title,
       dates::Format(seller.hire_date), OptionalDay(seller.termination_date),
       seller.home_currency});
  if (!updated.ok()) return updated.status();
  if (updated->affected() == 0) return absl::NotFoundError(absl::StrCat("sellers/", seller.id));
  return absl::OkStatus();
}

absl::Status ReplaceLines(db::PgConn& tx, const org::Seller& seller) {
  auto cleared = tx.Exec("DELETE FROM reporting_lines WHERE seller_id = $1", {seller.id});
  if (!cleared.ok()) return cleared.status();
  return InsertLines(tx, seller);
}

absl::Status DeleteSeller(db::PgConn& tx, const std::string& id) {
  auto deleted = tx.Exec("DELETE FROM sellers WHERE seller_id = $1", {id});
  if (!deleted.ok()) return deleted.status();
  if (deleted->affected() == 0) return absl::NotFoundError(absl::StrCat("sellers/", id));
  return absl::OkStatus();
}

absl::StatusOr<bool> IsAnyonesManager(db::PgConn& conn, const std::string& id) {
  auto rows = conn.Exec("SELECT EXISTS (SELECT 1 FROM reporting_lines WHERE manager_id = $1)",
                        {id});
  if (!rows.ok()) return rows.status();
  return rows->GetBool(0, 0);
}

absl::StatusOr<std::optional<std::string>> SellerIdByEmail(db::PgConn& conn,
                                                           const std::string& email) {
  auto rows = conn.Exec("SELECT seller_id FROM sellers WHERE email = $1", {email});
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::optional<std::string>();
  return std::optional<std::string>(rows->GetString(0, 0));
}

absl::StatusOr<SellerPage> ListSellers(db::PgConn& conn, const SellerFilter& filter,
                                       const Visibility& visibility, const std::string& after_id,
                                       int limit) {
  // The window count runs before the keyset cut, so total_size covers every page.
  std::string sql = absl::StrCat(
      "SELECT * FROM (SELECT ", kSellerColumns, ", count(*) OVER () FROM sellers s WHERE "
      "($1::text IS NULL OR s.display_name ILIKE $1) "
      "AND ($3::text IS NULL OR s.title = $3) "
      "AND ($4::date IS NULL OR (s.hire_date <= $4::date AND "
      "     (s.termination_date IS NULL OR s.termination_date >= $4::date))) "
      "AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM reporting_lines rl WHERE "
      "     rl.seller_id = s.seller_id AND rl.manager_id = $5 AND ", kActiveLine, ")) "
      "AND ($6::text IS NULL OR s.seller_id = ANY(string_to_array($6, ',')))"
      ") page WHERE page.seller_id > $7 ORDER BY page.seller_id LIMIT $8");
  db::Params params = {
      filter.display_name_contains.empty() ? db::Param()
                                           : db::Param(LikePattern(filter.display_name_contains)),
      dates::Format(filter.manager_as_of),
      filter.title.empty() ? db::Param() : db::Param(filter.title),
      OptionalDay(filter.active_as_of),
      filter.manager_id.empty() ? db::Param() : db::Param(filter.manager_id),
      VisibleIds(visibility),
      after_id,
      absl::StrCat(limit + 1)};
  return ToPage(conn.Exec(sql, params), limit);
}

absl::StatusOr<std::vector<org::Seller>> ReportingChain(db::PgConn& conn, const std::string& id,
                                                        absl::CivilDay day) {
  // Depth is bounded as a second line of defence; writes never admit a cycle.
  std::string sql = absl::StrCat(
      "WITH RECURSIVE chain(seller_id, depth) AS ("
      "  SELECT rl.manager_id, 1 FROM reporting_lines rl JOIN sellers s ON s.seller_id = rl.seller_id"
      "  WHERE rl.seller_id = $1 AND ", kActiveLine, " AND ", kEmployed,
      "  UNION ALL"
      "  SELECT rl.manager_id, c.depth + 1 FROM chain c"
      "  JOIN reporting_lines rl ON rl.seller_id = c.seller_id AND ", kActiveLine,
      "  JOIN sellers s ON s.seller_id = rl.seller_id AND ", kEmployed,
      "  WHERE c.depth < 64) "
      "SELECT ", kSellerColumns, " FROM chain c JOIN sellers s ON s.seller_id = c.seller_id "
      "ORDER BY c.depth");
  auto rows = conn.Exec(sql, {id, dates::Format(day)});
  if (!rows.ok()) return rows.status();
  std::vector<org::Seller> chain;
  for (int i = 0; i < rows->rows(); ++i) chain.push_back(RowToSeller(*rows, i));
  return chain;
}

namespace {

std::string SubtreeCte(bool subtree) {
  return absl::StrCat(
      "WITH RECURSIVE tree(seller_id, depth) AS ("
      "  SELECT rl.seller_id, 1 FROM reporting_lines rl JOIN sellers s ON s.seller_id = rl.seller_id"
      "  WHERE rl.manager_id = $1 AND ", kActiveLine, " AND ", kEmployed,
      subtree ? absl::StrCat(
                    "  UNION ALL"
                    "  SELECT rl.seller_id, t.depth + 1 FROM tree t"
                    "  JOIN reporting_lines rl ON rl.manager_id = t.seller_id AND ", kActiveLine,
                    "  JOIN sellers s ON s.seller_id = rl.seller_id AND ", kEmployed,
                    "  WHERE t.depth < 64")
              : std::string(),
      ") ");
}

}  // namespace

absl::StatusOr<SellerPage> ListReports(db::PgConn& conn, const std::string& manager_id,
                                       absl::CivilDay day, bool subtree,
                                       const Visibility& visibility, const std::string& after_id,
                                       int limit) {
  std::string sql = absl::StrCat(
      SubtreeCte(subtree), "SELECT * FROM (SELECT DISTINCT ON (s.seller_id) ", kSellerColumns,
      " FROM tree t JOIN sellers s ON s.seller_id = t.seller_id"
      " WHERE ($3::text IS NULL OR s.seller_id = ANY(string_to_array($3, ',')))"
      " ORDER BY s.seller_id) ids, LATERAL (SELECT count(DISTINCT t2.seller_id) FROM tree t2"
      " WHERE ($3::text IS NULL OR t2.seller_id = ANY(string_to_array($3, ',')))) total"
      " WHERE ids.seller_id > $4 ORDER BY ids.seller_id LIMIT $5");
  return ToPage(conn.Exec(sql, {manager_id, dates::Format(day), VisibleIds(visibility), after_id,
                                absl::StrCat(limit + 1)}),
                limit);
}

absl::StatusOr<std::vector<std::string>> SubtreeIds(db::PgConn& conn,
                                                    const std::string& manager_id,
                                                    absl::CivilDay day) {
  auto rows = conn.Exec(absl::StrCat(SubtreeCte(true), "SELECT DISTINCT seller_id FROM tree"),
                        {manager_id, dates::Format(day)});
  if (!rows.ok()) return rows.status();
  std::vector<std::string> ids;
  for (int i = 0; i < rows->rows(); ++i) ids.push_back(rows->GetString(i, 0));
  return ids;
}

}  // namespace attain::planning::store

#include "services/planning/territories/territory_store.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>
#include <nlohmann/json.hpp>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/money/decimal.h"
#include "common/time/dates.h"
#include "services/planning/accounts/copy_in.h"
#include "services/planning/territories/territory_proto.h"

namespace attain::planning::territories {
namespace {

std::string RulesJson(const v1::TerritoryVersion& version) {
  v1::TerritoryVersion rules_only;
  *rules_only.mutable_rules() = version.rules();
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(rules_only, &json);
  return json;
}

absl::Status ParseRules(std::string_view json, v1::TerritoryVersion* version) {
  v1::TerritoryVersion parsed;
  auto status = google::protobuf::util::JsonStringToMessage(std::string(json), &parsed);
  if (!status.ok()) return absl::DataLossError("stored territory rules are not valid JSON");
  *version->mutable_rules() = parsed.rules();
  return absl::OkStatus();
}

db::Param Optional(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

absl::Status InsertVersions(db::PgConn& tx, const v1::Territory& territory) {
  for (const v1::TerritoryVersion& version : territory.versions()) {
    auto inserted = tx.Exec(
        "INSERT INTO territory_versions(territory_id, effective_from, effective_to, parent_id, "
        "rules) VALUES ($1, $2::date, $3::date, $4, $5::jsonb)",
        {territory.territory_id(), version.effective_from(), Optional(version.effective_to()),
         Optional(version.parent_id()), RulesJson(version)});
    if (!inserted.ok()) return inserted.status();
  }
  return absl::OkStatus();
}

// Rows of territories joined with their versions, ordered by id then effective_from.
absl::StatusOr<std::vector<v1::Territory>> Assemble(const db::PgResult& rows) {
  std::vector<v1::Territory> out;
  for (int i = 0; i < rows.rows(); ++i) {
    const std::string id = rows.GetString(i, 0);
    if (out.empty() || out.back().territory_id() != id) {
      v1::Territory& t = out.emplace_back();
      t.set_name(absl::StrCat("territories/", id));
      t.set_territory_id(id);
      t.set_display_name(rows.GetString(i, 1));
      t.set_level(LevelFromName(rows.GetString(i, 2)));
      t.set_type(TypeFromName(rows.GetString(i, 3)));
      t.set_revision(rows.GetInt64(i, 4));
      *t.mutable_update_time() =
          google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(rows.GetInt64(i, 5));
    }
    if (rows.IsNull(i, 6)) continue;  // a territory without versions
    v1::TerritoryVersion* version = out.back().add_versions();
    version->set_effective_from(rows.GetString(i, 6));
    if (!rows.IsNull(i, 7)) version->set_effective_to(rows.GetString(i, 7));
    if (!rows.IsNull(i, 8)) version->set_parent_id(rows.GetString(i, 8));
    if (auto parsed = ParseRules(rows.Get(i, 9), version); !parsed.ok()) return parsed;
  }
  return out;
}

constexpr char kSelectTerritories[] =
    "SELECT t.territory_id, t.display_name, t.level, t.type, t.revision, "
    "(extract(epoch from t.update_time) * 1000000)::bigint, v.effective_from::text, "
    "v.effective_to::text, v.parent_id, v.rules::text "
    "FROM territories t LEFT JOIN territory_versions v ON v.territory_id = t.territory_id ";

}  // namespace

absl::Status LockTerritories(db::PgConn& tx) {
  return tx.Exec("SELECT pg_advisory_xact_lock(hashtext('attain.planning.territories'))").status();
}

absl::StatusOr<std::vector<v1::Territory>> LoadTerritories(db::PgConn& conn) {
  auto rows = conn.Exec(absl::StrCat(kSelectTerritories,
                                     "ORDER BY t.territory_id, v.effective_from"));
  if (!rows.ok()) return rows.status();
  return Assemble(*rows);
}

absl::StatusOr<std::optional<v1::Territory>> GetTerritory(db::PgConn& conn,
                                                          const std::string& id) {
  auto rows = conn.Exec(absl::StrCat(kSelectTerritories,
                                     "WHERE t.territory_id = $1 ORDER BY v.effective_from"),
                        {id});
  if (!rows.ok()) return rows.status();
  auto territories = Assemble(*rows);
  if (!territories.ok()) return territories.status();
  if (territories->empty()) return std::optional<v1::Territory>();
  return std::optional<v1::Territory>(std::move(territories->front()));
}

absl::Status InsertTerritory(db::PgConn& tx, const v1::Territory& territory) {
  auto inserted = tx.Exec(
      "INSERT INTO territories(territory_id, display_name, level, type) VALUES ($1, $2, $3, $4)",
      {territory.territory_id(), territory.display_name(), LevelName(territory.level()),
       TypeName(territory.type())});
  if (!inserted.ok()) return inserted.status();
  return InsertVersions(tx, territory);
}

absl::Status UpdateTerritory(db::PgConn& tx, const v1::Territory& territory) {
  auto updated = tx.Exec(
      "UPDATE territories SET display_name = $2, revision = revision + 1, update_time = now() "
      "WHERE territory_id = $1",
      {territory.territory_id(), territory.display_name()});
  if (!updated.ok()) return updated.status();
  if (updated->affected() == 0) {
    return absl::NotFoundError(absl::StrCat("territories/", territory.territory_id(), " not found"));
  }
  auto cleared = tx.Exec("DELETE FROM territory_versions WHERE territory_id = $1",
                         {territory.territory_id()});
  if (!cleared.ok()) return cleared.status();
  return InsertVersions(tx, territory);
}

absl::Status DeleteTerritory(db::PgConn& tx, const std::string& id) {
  auto deleted = tx.Exec("DELETE FROM territories WHERE territory_id = $1", {id});
  if (!deleted.ok()) return deleted.status();
  if (deleted->affected() == 0) return absl::NotFoundError(absl::StrCat("territories/", id, " not found"));
  return absl::OkStatus();
}

absl::StatusOr<bool> HasChildren(db::PgConn& conn, const std::string& id) {
  auto rows = conn.Exec(
      "SELECT EXISTS (SELECT 1 FROM territory_versions WHERE parent_id = $1 AND territory_id <> $1)",
      {id});
  if (!rows.ok()) return rows.status();
  return rows->GetBool(0, 0);
}

absl::StatusOr<TerritoryPage> ListTerritories(db::PgConn& conn, const std::string& type,
                                              const std::string& level,
                                              const std::string& after_id, int limit) {
  auto ids = conn.Exec(
      "SELECT territory_id, count(*) OVER () FROM territories "
      "WHERE ($1::text IS NULL OR type = $1) AND ($2::text IS NULL OR level = $2) "
      "ORDER BY territory_id",
      {Optional(type), Optional(level)});
  if (!ids.ok()) return ids.status();
  TerritoryPage page;
  std::vector<std::string> wanted;
  for (int i = 0; i < ids->rows(); ++i) {
    page.total = static_cast<int>(ids->GetInt64(i, 1));
    const std::string id = ids->GetString(i, 0);
    if (id <= after_id) continue;
    if (static_cast<int>(wanted.size()) == limit) {
      page.more = true;
      break;
    }
    wanted.push_back(id);
  }
  if (wanted.empty()) return page;
  auto rows = conn.Exec(absl::StrCat(kSelectTerritories,
                                     "WHERE t.territory_id = ANY(string_to_array($1, ',')) "
                                     "ORDER BY t.territory_id, v.effective_from"),
                        {absl::StrJoin(wanted, ",")});
  if (!rows.ok()) return rows.status();
  auto territories = Assemble(*rows);
  if (!territories.ok()) return territories.status();
  page.territories = *std::move(territories);
  return page;
}

absl::Status ReplaceSellerAssignments(db::PgConn& tx, const std::string& territory_id,
                                      const std::vector<v1::SellerAssignment>& assignments) {
  auto cleared =
      tx.Exec("DELETE FROM seller_territory_assignments WHERE territory_id = $1", {territory_id});
  if (!cleared.ok()) return cleared.status();
  for (const v1::SellerAssignment& a : assignments) {
    auto inserted = tx.Exec(
        "INSERT INTO seller_territory_assignments(territory_id, seller_id, role, split_percent, "
        "start_date, end_date) VALUES ($1, $2, $3, $4::numeric, $5::date, $6::date)",
        {territory_id, a.seller_id(),
         a.role() == v1::SELLER_ROLE_OVERLAY ? std::string("OVERLAY") : std::string("PRIMARY"),
         a.split_percent(), a.start_date(), Optional(a.end_date())});
    if (!inserted.ok()) return inserted.status();
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<v1::SellerAssignment>> ListSellerAssignments(
    db::PgConn& conn, const std::string& territory_id, const std::string& seller_id,
    const std::optional<absl::CivilDay>& as_of) {
  db::Param day;
  if (as_of) day = dates::Format(*as_of);
  auto rows = conn.Exec(
      "SELECT territory_id, seller_id, role, split_percent::text, start_date::text, "
      "end_date::text FROM seller_territory_assignments "
      "WHERE ($1::text IS NULL OR territory_id = $1) AND ($2::text IS NULL OR seller_id = $2) "
      "AND ($3::date IS NULL OR (start_date <= $3::date AND (end_date IS NULL OR end_date >= $3::date))) "
      "ORDER BY territory_id, seller_id, role, start_date",
      {Optional(territory_id), Optional(seller_id), day});
  if (!rows.ok()) return rows.status();
  std::vector<v1::SellerAssignment> out;
  for (int i = 0; i < rows->rows(); ++i) {
    v1::SellerAssignment& a = out.emplace_back();
    a.set_territory_id(rows->GetString(i, 0));
    a.set_seller_id(rows->GetString(i, 1));
    a.set_role(rows->Get(i, 2) == "OVERLAY" ? v1::SELLER_ROLE_OVERLAY : v1::SELLER_ROLE_PRIMARY);
    auto split = money::Decimal::Parse(rows->GetString(i, 3));
    a.set_split_percent(split.ok() ? split->ToString() : rows->GetString(i, 3));
    a.set_start_date(rows->GetString(i, 4));
    if (!rows->IsNull(i, 5)) a.set_end_date(rows->GetString(i, 5));
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> MissingSellers(
    db::PgConn& conn, const std::vector<std::string>& seller_ids) {
  auto rows = conn.Exec(
      "SELECT id FROM unnest(string_to_array($1, ',')) AS id "
      "WHERE NOT EXISTS (SELECT 1 FROM sellers s WHERE s.seller_id = id) ORDER BY id",
      {absl::StrJoin(seller_ids, ",")});
  if (!rows.ok()) return rows.status();
  std::vector<std::string> missing;
  for (int i = 0; i < rows->rows(); ++i) missing.push_back(rows->GetString(i, 0));
  return missing;
}

absl::StatusOr<territory::AccountTable> LoadAccountTable(
    db::PgConn& conn, const territory::AttributeSchema& schema) {
  auto rows = conn.Exec(
      "SELECT account_id, display_name, COALESCE(parent_account_id, ''), country, region, state, "
      "postal_code, industry, segment, employee_count, COALESCE(annual_revenue, 0)::text, "
      "COALESCE(potential, 0)::text, COALESCE(workload, 0)::text, attributes::text "
      "FROM accounts ORDER BY account_id");
  if (!rows.ok()) return rows.status();
  territory::AccountTable table(schema);
  table.Reserve(rows->rows());
  for (int i = 0; i < rows->rows(); ++i) {
    territory::Account account;
    account.id = rows->GetString(i, 0);
    account.name = rows->GetString(i, 1);
    account.parent_id = rows->GetString(i, 2);
    account.country = rows->GetString(i, 3);
    account.region = rows->GetString(i, 4);
    account.state = rows->GetString(i, 5);
    account.postal_code = rows->GetString(i, 6);
    account.industry = rows->GetString(i, 7);
    account.segment = rows->GetString(i, 8);
    account.employee_count = rows->GetInt64(i, 9);
    account.annual_revenue = money::Decimal::Parse(rows->GetString(i, 10)).value_or(money::Decimal());
    account.potential = money::Decimal::Parse(rows->GetString(i, 11)).value_or(money::Decimal());
    account.workload = money::Decimal::Parse(rows->GetString(i, 12)).value_or(money::Decimal());
    if (!schema.custom().empty()) {
      nlohmann::json attributes = nlohmann::json::parse(rows->GetString(i, 13), nullptr, false);
      if (attributes.is_object()) {
        for (const std::string& name : schema.custom()) {
          auto it = attributes.find(name);
          if (it != attributes.end() && it->is_string()) account.custom[name] = it->get<std::string>();
        }
      }
    }
    if (auto added = table.Add(account); !added.ok()) return added;
  }
  return table;
}

absl::Status ReplaceAccountAssignments(db::PgConn& tx, absl::CivilDay as_of,
                                       const std::vector<StoredAssignment>& rows) {
  const std::string day = dates::Format(as_of);
  auto cleared = tx.Exec("DELETE FROM account_assignments WHERE as_of = $1::date", {day});
  if (!cleared.ok()) return cleared.status();
  catalog::CopyBuffer buffer;
  for (const StoredAssignment& row : rows) {
    buffer.Field(day);
    buffer.Field(row.account_id);
    buffer.Field(row.territory_type);
    buffer.Field(row.territory_id);
    std::string rule_index = absl::StrCat(row.rule_index);
    std::string priority = absl::StrCat(row.priority);
    buffer.Field(rule_index);
    buffer.Field(priority);
    buffer.EndRow();
  }
  if (buffer.rows() == 0) return absl::OkStatus();
  return catalog::CopyIn(tx,
                         "COPY account_assignments (as_of, account_id, territory_type, "
                         "territory_id, rule_index, priority) FROM STDIN",
                         buffer.data());
}

}  // namespace attain::planning::territories

#include "services/planning/scenarios/scenario_store.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/money/decimal.h"
#include "common/time/dates.h"
#include "services/planning/accounts/copy_in.h"
#include "services/planning/scenarios/scenario_proto.h"

namespace attain::planning::scenarios {
namespace {

db::Param Optional(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

money::Decimal DecimalOrZero(std::string_view text) {
  return money::Decimal::Parse(text).value_or(money::Decimal());
}

// The detail JSON holds what never changes; name, state and times come from the columns.
std::string DetailJson(const v1::Scenario& scenario) {
  v1::Scenario detail = scenario;
  detail.clear_name();
  detail.clear_scenario_id();
  detail.clear_state();
  detail.clear_promoted_effective_from();
  detail.clear_create_time();
  detail.clear_update_time();
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(detail, &json);
  return json;
}

constexpr char kSelectScenarios[] =
    "SELECT scenario_id, display_name, state, parent_territory_id, as_of::text, detail::text, "
    "promoted_effective_from::text, (extract(epoch from create_time) * 1000000)::bigint, "
    "(extract(epoch from update_time) * 1000000)::bigint, count(*) OVER (), kind FROM scenarios ";

absl::StatusOr<v1::Scenario> ScenarioFromRow(const db::PgResult& rows, int i) {
  v1::Scenario scenario;
  auto parsed = google::protobuf::util::JsonStringToMessage(rows.GetString(i, 5), &scenario);
  if (!parsed.ok()) return absl::DataLossError("stored scenario detail is not valid JSON");
  const int64_t id = rows.GetInt64(i, 0);
  scenario.set_name(ScenarioName(id));
  scenario.set_scenario_id(absl::StrCat(id));
  scenario.set_display_name(rows.GetString(i, 1));
  scenario.set_state(StateFromName(rows.GetString(i, 2)));
  scenario.set_parent_territory_id(rows.GetString(i, 3));
  scenario.set_as_of(rows.GetString(i, 4));
  scenario.set_kind(rows.Get(i, 10) == "PLAN" ? v1::SCENARIO_KIND_PLAN : v1::SCENARIO_KIND_BALANCING);
  if (!rows.IsNull(i, 6)) scenario.set_promoted_effective_from(rows.GetString(i, 6));
  *scenario.mutable_create_time() =
      google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(rows.GetInt64(i, 7));
  *scenario.mutable_update_time() =
      google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(rows.GetInt64(i, 8));
  return scenario;
}

}  // namespace

absl::StatusOr<bool> HasAssignmentRun(db::PgConn& conn, absl::CivilDay as_of) {
  auto rows = conn.Exec("SELECT EXISTS (SELECT 1 FROM account_assignments WHERE as_of = $1::date)",
                        {dates::Format(as_of)});
  if (!rows.ok()) return rows.status();
  return rows->GetBool(0, 0);
}

absl::StatusOr<std::vector<CurrentAccount>> LoadStoredAssignment(
    db::PgConn& conn, absl::CivilDay as_of, const std::string& type_name,
    const std::vector<std::string>& territory_ids) {
  auto rows = conn.Exec(
      "SELECT aa.account_id, aa.territory_id, COALESCE(a.potential, 0)::text, "
      "COALESCE(a.workload, 0)::text, a.locked "
      "FROM account_assignments aa JOIN accounts a ON a.account_id = aa.account_id "
      "WHERE aa.as_of = $1::date AND aa.territory_type = $2 "
      "AND aa.territory_id = ANY(string_to_array($3, ',')) ORDER BY aa.account_id",
      {dates::Format(as_of), type_name, absl::StrJoin(territory_ids, ",")});
  if (!rows.ok()) return rows.status();
  std::vector<CurrentAccount> out;
  out.reserve(rows->rows());
  for (int i = 0; i < rows->rows(); ++i) {
    out.push_back({rows->GetString(i, 0), rows->GetString(i, 1), DecimalOrZero(rows->Get(i, 2)),
                   DecimalOrZero(rows->Get(i, 3)), rows->GetBool(i, 4)});
  }
  return out;
}

absl::StatusOr<absl::flat_hash_set<std::string>> LockedAccounts(db::PgConn& conn) {
  auto rows = conn.Exec("SELECT account_id FROM accounts WHERE locked");
  if (!rows.ok()) return rows.status();
  absl::flat_hash_set<std::string> out;
  for (int i = 0; i < rows->rows(); ++i) out.insert(rows->GetString(i, 0));
  return out;
}

absl::StatusOr<int64_t> InsertScenario(db::PgConn& tx, const v1::Scenario& scenario,
                                       const std::vector<v1::ScenarioAccount>& accounts,
                                       const std::string& live_fingerprint) {
  db::Param base;
  if (!scenario.base_scenario().empty()) {
    auto base_id = ScenarioIdFromName(scenario.base_scenario(), "scenario");
    if (!base_id.ok()) return base_id.status();
    base = absl::StrCat(*base_id);
  }
  auto inserted = tx.Exec(
      "INSERT INTO scenarios(display_name, state, parent_territory_id, as_of, detail, kind, "
      "base_scenario_id, live_fingerprint) "
      "VALUES ($1, $2, $3, $4::date, $5::jsonb, $6, $7::bigint, $8) RETURNING scenario_id",
      {scenario.display_name(), StateName(scenario.state()), scenario.parent_territory_id(),
       scenario.as_of(), DetailJson(scenario), KindName(scenario.kind()), base,
       Optional(live_fingerprint)});
  if (!inserted.ok()) return inserted.status();
  const int64_t id = inserted->GetInt64(0, 0);
  const std::string id_text = absl::StrCat(id);
  catalog::CopyBuffer buffer;
  for (const v1::ScenarioAccount& a : accounts) {
    buffer.Field(id_text);
    buffer.Field(a.account_id());
    buffer.Field(a.from_territory_id());
    buffer.Field(a.to_territory_id());
    buffer.Field(a.potential());
    buffer.Field(a.workload());
    buffer.Field(a.locked() ? "t" : "f");
    buffer.EndRow();
  }
  if (buffer.rows() > 0) {
    auto copied = catalog::CopyIn(tx,
                                  "COPY scenario_accounts (scenario_id, account_id, from_territory_id, "
                                  "to_territory_id, potential, workload, locked) FROM STDIN",
                                  buffer.data());
    if (!copied.ok()) return copied;
  }
  return id;
}

absl::StatusOr<std::optional<v1::Scenario>> GetScenario(db::PgConn& conn, int64_t id,
                                                        bool for_update) {
  // count(*) OVER () and FOR UPDATE do not mix; the row is locked first when asked.
  if (for_update) {
    auto locked = conn.Exec("SELECT 1 FROM scenarios WHERE scenario_id = $1 FOR UPDATE",
                            {absl::StrCat(id)});
    if (!locked.ok()) return locked.status();
  }
  auto rows = conn.Exec(absl::StrCat(kSelectScenarios, "WHERE scenario_id = $1"), {absl::StrCat(id)});
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::optional<v1::Scenario>();
  auto scenario = ScenarioFromRow(*rows, 0);
  if (!scenario.ok()) return scenario.status();
  return std::optional<v1::Scenario>(*std::move(scenario));
}

absl::Status UpdateScenarioDetail(db::PgConn& tx, int64_t id, const v1::Scenario& scenario) {
  auto updated = tx.Exec(
      "UPDATE scenarios SET detail = $2::jsonb, display_name = $3, revision = revision + 1, "
      "update_time = now() WHERE scenario_id = $1",
      {absl::StrCat(id), DetailJson(scenario), scenario.display_name()});
  if (!updated.ok()) return updated.status();
  if (updated->affected() == 0) return absl::NotFoundError(absl::StrCat(ScenarioName(id), " not found"));
  return absl::OkStatus();
}

absl::StatusOr<std::string> LiveFingerprintOf(db::PgConn& conn, int64_t id) {
  auto rows = conn.Exec("SELECT coalesce(live_fingerprint, '') FROM scenarios WHERE scenario_id = $1",
                        {absl::StrCat(id)});
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return absl::NotFoundError(absl::StrCat(ScenarioName(id), " not found"));
  return rows->GetString(0, 0);
}

absl::Status MarkPromoted(db::PgConn& tx, int64_t id, absl::CivilDay effective_from) {
  auto updated = tx.Exec(
      "UPDATE scenarios SET state = 'PROMOTED', promoted_effective_from = $2::date, "
      "revision = revision + 1, update_time = now() WHERE scenario_id = $1",
      {absl::StrCat(id), dates::Format(effective_from)});
  if (!updated.ok()) return updated.status();
  if (updated->affected() == 0) return absl::NotFoundError(absl::StrCat(ScenarioName(id), " not found"));
  return absl::OkStatus();
}

absl::Status DeleteScenario(db::PgConn& tx, int64_t id) {
  auto deleted = tx.Exec("DELETE FROM scenarios WHERE scenario_id = $1", {absl::StrCat(id)});
  if (!deleted.ok()) return deleted.status();
  if (deleted->affected() == 0) return absl::NotFoundError(absl::StrCat(ScenarioName(id), " not found"));
  return absl::OkStatus();
}

absl::StatusOr<ScenarioPage> ListScenarios(db::PgConn& conn, const std::string& state,
                                           const std::string& parent_territory_id,
                                           int64_t after_id, int limit) {
  // The window count sees every row the filters match, before the keyset and the limit.
  auto rows = conn.Exec(
      absl::StrCat("SELECT * FROM (", kSelectScenarios,
                   "WHERE ($1::text IS NULL OR state = $1) "
                   "AND ($2::text IS NULL OR parent_territory_id = $2)) s "
                   "WHERE scenario_id > $3 ORDER BY scenario_id LIMIT $4"),
      {Optional(state), Optional(parent_territory_id), absl::StrCat(after_id), absl::StrCat(limit + 1)});
  if (!rows.ok()) return rows.status();
  ScenarioPage page;
  for (int i = 0; i < rows->rows(); ++i) {
    page.total = static_cast<int>(rows->GetInt64(i, 9));
    if (i == limit) {
      page.more = true;
      break;
    }
    auto scenario = ScenarioFromRow(*rows, i);
    if (!scenario.ok()) return scenario.status();
    page.scenarios.push_back(*std::move(scenario));
  }
  if (rows->rows() == 0) {  // past the last page: count without the keyset
    auto count = conn.Exec(
        "SELECT count(*) FROM scenarios WHERE ($1::text IS NULL OR state = $1) "
        "AND ($2::text IS NULL OR parent_territory_id = $2)",
        {Optional(state), Optional(parent_territory_id)});
    if (!count.ok()) return count.status();
    page.total = static_cast<int>(count->GetInt64(0, 0));
  }
  return page;
}

absl::StatusOr<std::vector<v1::ScenarioAccount>> ListScenarioAccounts(
    db::PgConn& conn, int64_t id, const std::string& after_account, int limit, bool moved_only) {
  auto rows = conn.Exec(
      "SELECT account_id, from_territory_id, to_territory_id, potential::text, workload::text, "
      "locked FROM scenario_accounts WHERE scenario_id = $1 AND account_id > $2 "
      "AND (NOT $3::boolean OR from_territory_id <> to_territory_id) "
      "ORDER BY account_id LIMIT $4",
      {absl::StrCat(id), after_account, moved_only ? "true" : "false",
       limit > 0 ? db::Param(absl::StrCat(limit)) : db::Param()});
  if (!rows.ok()) return rows.status();
  std::vector<v1::ScenarioAccount> out;
  out.reserve(rows->rows());
  for (int i = 0; i < rows->rows(); ++i) {
    v1::ScenarioAccount& a = out.emplace_back();
    a.set_account_id(rows->GetString(i, 0));
    a.set_from_territory_id(rows->GetString(i, 1));
    a.set_to_territory_id(rows->GetString(i, 2));
    a.set_potential(DecimalOrZero(rows->Get(i, 3)).ToString());
    a.set_workload(DecimalOrZero(rows->Get(i, 4)).ToString());
    a.set_locked(rows->GetBool(i, 5));
    a.set_moved(a.from_territory_id() != a.to_territory_id());
  }
  return out;
}

}  // namespace attain::planning::scenarios

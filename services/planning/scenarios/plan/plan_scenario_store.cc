#include "services/planning/scenarios/plan/plan_scenario_store.h"

#include <google/protobuf/util/json_util.h>

#include "absl/strings/str_cat.h"
#include "services/planning/accounts/copy_in.h"

namespace attain::planning::scenarios {
namespace {

std::string ToJson(const v1::ScenarioTerritory& territory) {
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(territory, &json);
  return json;
}

absl::StatusOr<v1::ScenarioTerritory> FromRow(const db::PgResult& rows, int i, int column) {
  v1::ScenarioTerritory territory;
  auto parsed = google::protobuf::util::JsonStringToMessage(rows.GetString(i, column), &territory);
  if (!parsed.ok()) return absl::DataLossError("stored scenario territory is not valid JSON");
  return territory;
}

}  // namespace

absl::Status InsertScenarioTerritories(db::PgConn& tx, int64_t scenario_id,
                                       const std::vector<v1::ScenarioTerritory>& territories) {
  if (territories.empty()) return absl::OkStatus();
  const std::string id = absl::StrCat(scenario_id);
  catalog::CopyBuffer buffer;
  for (const v1::ScenarioTerritory& t : territories) {
    buffer.Field(id);
    buffer.Field(t.territory().territory_id());
    buffer.Field(ToJson(t));
    buffer.EndRow();
  }
  return catalog::CopyIn(tx, "COPY scenario_territories (scenario_id, territory_id, detail) FROM STDIN",
                         buffer.data());
}

absl::StatusOr<std::vector<v1::ScenarioTerritory>> LoadScenarioTerritories(db::PgConn& conn,
                                                                           int64_t scenario_id) {
  auto rows = conn.Exec(
      "SELECT detail::text FROM scenario_territories WHERE scenario_id = $1 ORDER BY territory_id",
      {absl::StrCat(scenario_id)});
  if (!rows.ok()) return rows.status();
  std::vector<v1::ScenarioTerritory> out;
  out.reserve(rows->rows());
  for (int i = 0; i < rows->rows(); ++i) {
    auto territory = FromRow(*rows, i, 0);
    if (!territory.ok()) return territory.status();
    out.push_back(*std::move(territory));
  }
  return out;
}

absl::Status PutScenarioTerritory(db::PgConn& tx, int64_t scenario_id,
                                  const v1::ScenarioTerritory& territory) {
  auto written = tx.Exec(
      "INSERT INTO scenario_territories (scenario_id, territory_id, detail) VALUES ($1, $2, $3::jsonb) "
      "ON CONFLICT (scenario_id, territory_id) DO UPDATE SET detail = EXCLUDED.detail",
      {absl::StrCat(scenario_id), territory.territory().territory_id(), ToJson(territory)});
  return written.status();
}

absl::Status DeleteScenarioTerritory(db::PgConn& tx, int64_t scenario_id,
                                     const std::string& territory_id) {
  auto deleted = tx.Exec(
      "DELETE FROM scenario_territories WHERE scenario_id = $1 AND territory_id = $2",
      {absl::StrCat(scenario_id), territory_id});
  if (!deleted.ok()) return deleted.status();
  if (deleted->affected() == 0) {
    return absl::NotFoundError(absl::StrCat("territories/", territory_id, " is not in the scenario"));
  }
  return absl::OkStatus();
}

absl::StatusOr<ScenarioTerritoryPage> ListScenarioTerritories(db::PgConn& conn, int64_t scenario_id,
                                                              const std::string& after_id,
                                                              int limit) {
  auto count = conn.Exec("SELECT count(*) FROM scenario_territories WHERE scenario_id = $1",
                         {absl::StrCat(scenario_id)});
  if (!count.ok()) return count.status();
  auto rows = conn.Exec(
      "SELECT detail::text FROM scenario_territories WHERE scenario_id = $1 AND territory_id > $2 "
      "ORDER BY territory_id LIMIT $3",
      {absl::StrCat(scenario_id), after_id, absl::StrCat(limit + 1)});
  if (!rows.ok()) return rows.status();
  ScenarioTerritoryPage page;
  page.total = static_cast<int>(count->GetInt64(0, 0));
  for (int i = 0; i < rows->rows(); ++i) {
    if (i == limit) {
      page.more = true;
      break;
    }
    auto territory = FromRow(*rows, i, 0);
    if (!territory.ok()) return territory.status();
    page.territories.push_back(*std::move(territory));
  }
  return page;
}

}  // namespace attain::planning::scenarios

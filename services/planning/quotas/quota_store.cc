#include "services/planning/quotas/quota_store.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/time/dates.h"
#include "services/planning/accounts/copy_in.h"
#include "services/planning/quotas/plan_names.h"

namespace attain::planning::quotas {
namespace {

using google::protobuf::util::TimeUtil;

db::Param OptionalDay(const std::optional<absl::CivilDay>& day) {
  if (!day) return std::nullopt;
  return dates::Format(*day);
}

// What `detail` keeps: the version without its columns.
std::string DetailJson(const v1::QuotaPlanVersion& version) {
  v1::QuotaPlanVersion detail = version;
  detail.clear_state();
  detail.clear_effective_from();
  detail.clear_effective_to();
  detail.clear_revision();
  detail.clear_create_time();
  detail.clear_update_time();
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(detail, &json);
  return json;
}

constexpr char kVersionColumns[] =
    "v.plan_id, v.version, v.state, v.detail::text, v.effective_from::text, v.effective_to::text, "
    "v.revision, (extract(epoch from v.create_time) * 1000000)::bigint, "
    "(extract(epoch from v.update_time) * 1000000)::bigint";

absl::StatusOr<v1::QuotaPlanVersion> VersionFromRow(const db::PgResult& rows, int i, int col) {
  v1::QuotaPlanVersion version;
  if (!google::protobuf::util::JsonStringToMessage(std::string(rows.Get(i, col + 3)), &version).ok()) {
    return absl::DataLossError("stored quota plan version is not valid JSON");
  }
  version.set_name(VersionName(rows.GetString(i, col), static_cast<int>(rows.GetInt64(i, col + 1))));
  version.set_version(static_cast<int>(rows.GetInt64(i, col + 1)));
  version.set_state(StateFromName(rows.GetString(i, col + 2)));
  if (!rows.IsNull(i, col + 4)) version.set_effective_from(rows.GetString(i, col + 4));
  if (!rows.IsNull(i, col + 5)) version.set_effective_to(rows.GetString(i, col + 5));
  version.set_revision(rows.GetInt64(i, col + 6));
  *version.mutable_create_time() = TimeUtil::MicrosecondsToTimestamp(rows.GetInt64(i, col + 7));
  *version.mutable_update_time() = TimeUtil::MicrosecondsToTimestamp(rows.GetInt64(i, col + 8));
  return version;
}

constexpr char kPlanColumns[] =
    "p.plan_id, p.display_name, p.fiscal_year, p.fiscal_year_start_month, p.period_type, "
    "p.currency, p.root_territory_id, (extract(epoch from p.create_time) * 1000000)::bigint";
constexpr int kPlanColumnCount = 8;

v1::QuotaPlan PlanFromRow(const db::PgResult& rows, int i) {
  v1::QuotaPlan plan;
  plan.set_plan_id(rows.GetString(i, 0));
  plan.set_name(PlanName(plan.plan_id()));
  plan.set_display_name(rows.GetString(i, 1));
  plan.set_fiscal_year(static_cast<int>(rows.GetInt64(i, 2)));
  plan.set_fiscal_year_start_month(static_cast<int>(rows.GetInt64(i, 3)));
  plan.set_period_type(PeriodTypeToProto(
      PeriodTypeFromName(rows.GetString(i, 4)).value_or(quota::PeriodType::kMonthly)));
  plan.set_currency(rows.GetString(i, 5));
  plan.set_root_territory_id(rows.GetString(i, 6));
  *plan.mutable_create_time() = TimeUtil::MicrosecondsToTimestamp(rows.GetInt64(i, 7));
  return plan;
}

// Plans (one row per version, versions ascending) folded into messages.
absl::StatusOr<std::vector<v1::QuotaPlan>> Assemble(const db::PgResult& rows) {
  std::vector<v1::QuotaPlan> plans;
  for (int i = 0; i < rows.rows(); ++i) {
    if (plans.empty() || plans.back().plan_id() != rows.GetString(i, 0)) {
      plans.push_back(PlanFromRow(rows, i));
    }
    if (rows.IsNull(i, kPlanColumnCount)) continue;
    auto version = VersionFromRow(rows, i, kPlanColumnCount);
    if (!version.ok()) return version.status();
    *plans.back().add_versions() = *std::move(version);
  }
  return plans;
}

std::string SelectPlans(const std::string& where) {
  return absl::StrCat("SELECT ", kPlanColumns, ", ", kVersionColumns,
                      " FROM quota_plans p LEFT JOIN quota_plan_versions v ON v.plan_id = p.plan_id ",
                      where, " ORDER BY p.plan_id, v.version");
}

// "{1.000000,2.000000}" -> decimals.
absl::StatusOr<std::vector<money::Decimal>> ParseArray(std::string_view text) {
  if (text.size() < 2 || text.front() != '{' || text.back() != '}') {
    return absl::DataLossError("stored period amounts are not an array");
  }
  std::vector<money::Decimal> out;
  text = text.substr(1, text.size() - 2);
  if (text.empty()) return out;
  for (absl::string_view part : absl::StrSplit(absl::string_view(text.data(), text.size()), ',')) {
    auto value = StoredDecimal(std::string_view(part.data(), part.size()));
    if (!value.ok()) return value.status();
    out.push_back(*value);
  }
  return out;
}

}  // namespace

absl::StatusOr<money::Decimal> StoredDecimal(std::string_view text) {
  auto value = money::Decimal::Parse(text);
  if (!value.ok()) {
    return absl::DataLossError(absl::StrCat("stored amount is not a decimal: ", std::string(text)));
  }
  return *value;
}

PlanHeader HeaderOf(const v1::QuotaPlan& plan) {
  PlanHeader header;
  header.plan_id = plan.plan_id();
  header.display_name = plan.display_name();
  header.fiscal_year = plan.fiscal_year();
  header.fiscal_year_start_month = plan.fiscal_year_start_month();
  header.period_type = PeriodTypeFromProto(plan.period_type());
  header.currency = plan.currency();
  header.root_territory_id = plan.root_territory_id();
  return header;
}

absl::Status LockPlans(db::PgConn& tx) {
  return tx.Exec("SELECT pg_advisory_xact_lock(hashtext('attain.planning.quota_plans'))").status();
}

absl::StatusOr<std::optional<v1::QuotaPlan>> GetPlan(db::PgConn& conn, const std::string& plan_id) {
  auto rows = conn.Exec(SelectPlans("WHERE p.plan_id = $1"), {plan_id});
  if (!rows.ok()) return rows.status();
  auto plans = Assemble(*rows);
  if (!plans.ok()) return plans.status();
  if (plans->empty()) return std::optional<v1::QuotaPlan>();
  return std::optional<v1::QuotaPlan>(std::move(plans->front()));
}

absl::Status InsertPlan(db::PgConn& tx, const PlanHeader& header) {
  return tx
      .Exec("INSERT INTO quota_plans(plan_id, display_name, fiscal_year, fiscal_year_start_month, "
            "period_type, currency, root_territory_id) VALUES ($1, $2, $3::int, $4::int, $5, $6, $7)",
            {header.plan_id, header.display_name, absl::StrCat(header.fiscal_year),
             absl::StrCat(header.fiscal_year_start_month), PeriodTypeName(header.period_type),
             header.currency, header.root_territory_id})
      .status();
}

absl::Status InsertVersion(db::PgConn& tx, const std::string& plan_id,
                           const v1::QuotaPlanVersion& version) {
  return tx
      .Exec("INSERT INTO quota_plan_versions(plan_id, version, state, detail) "
            "VALUES ($1, $2::int, 'DRAFT', $3::jsonb)",
            {plan_id, absl::StrCat(version.version()), DetailJson(version)})
      .status();
}

absl::Status SetVersionState(db::PgConn& tx, const std::string& plan_id, int version,
                             v1::QuotaPlanState state, const std::optional<absl::CivilDay>& from,
                             const std::optional<absl::CivilDay>& to) {
  auto updated = tx.Exec(
      "UPDATE quota_plan_versions SET state = $3, effective_from = $4::date, "
      "effective_to = $5::date, revision = revision + 1, update_time = now() "
      "WHERE plan_id = $1 AND version = $2::int",
      {plan_id, absl::StrCat(version), StateName(state), OptionalDay(from), OptionalDay(to)});
  if (!updated.ok()) return updated.status();
  if (updated->affected() == 0) {
    return absl::NotFoundError(absl::StrCat(VersionName(plan_id, version), " not found"));
  }
  return absl::OkStatus();
}

absl::Status InsertAllocation(db::PgConn& tx, const std::string& plan_id, int version,
                              const quota::TopDownAllocation& allocation) {
  catalog::CopyBuffer buffer;
  const std::string version_text = absl::StrCat(version);
  for (size_t i = 0; i < allocation.nodes.size(); ++i) {
    const quota::NodeAllocation& node = allocation.nodes[i];
    std::vector<std::string> periods;
    for (const money::Decimal& amount : node.periods) periods.push_back(amount.ToString());
    const std::string depth = absl::StrCat(node.depth), position = absl::StrCat(i);
    const std::string annual = node.annual.ToString(), pool = node.children_pool.ToString();
    const std::string array = absl::StrCat("{", absl::StrJoin(periods, ","), "}");
    buffer.Field(plan_id);
    buffer.Field(version_text);
    buffer.Field(node.node_id);
    buffer.Field(node.parent_id.empty() ? std::nullopt : std::optional<std::string_view>(node.parent_id));
    buffer.Field(depth);
    buffer.Field(position);
    buffer.Field(annual);
    buffer.Field(pool);
    buffer.Field(array);
    buffer.EndRow();
  }
  return catalog::CopyIn(tx,
                         "COPY territory_quotas (plan_id, version, territory_id, parent_id, depth, "
                         "position, annual, children_pool, periods) FROM STDIN",
                         buffer.data());
}

absl::StatusOr<quota::TopDownAllocation> LoadAllocation(db::PgConn& conn, const std::string& plan_id,
                                                        int version) {
  auto rows = conn.Exec(
      "SELECT territory_id, coalesce(parent_id, ''), depth, annual::text, children_pool::text, "
      "periods::text FROM territory_quotas WHERE plan_id = $1 AND version = $2::int ORDER BY position",
      {plan_id, absl::StrCat(version)});
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) {
    return absl::NotFoundError(absl::StrCat(VersionName(plan_id, version), " has no allocation"));
  }
  quota::TopDownAllocation allocation;
  for (int i = 0; i < rows->rows(); ++i) {
    quota::NodeAllocation node;
    node.node_id = rows->GetString(i, 0);
    node.parent_id = rows->GetString(i, 1);
    node.depth = static_cast<int>(rows->GetInt64(i, 2));
    auto annual = StoredDecimal(rows->Get(i, 3));
    auto pool = StoredDecimal(rows->Get(i, 4));
    auto periods = ParseArray(rows->Get(i, 5));
    if (!annual.ok()) return annual.status();
    if (!pool.ok()) return pool.status();
    if (!periods.ok()) return periods.status();
    node.annual = *annual;
    node.children_pool = *pool;
    node.periods = *std::move(periods);
    allocation.index[node.node_id] = allocation.nodes.size();
    allocation.nodes.push_back(std::move(node));
  }
  return allocation;
}

absl::StatusOr<v1::BottomUpSubmission> UpsertSubmission(db::PgConn& tx, const std::string& plan_id,
                                                        const std::string& territory_id,
                                                        money::Decimal amount) {
  auto rows = tx.Exec(
      "INSERT INTO quota_submissions(plan_id, territory_id, amount) VALUES ($1, $2, $3::numeric) "
      "ON CONFLICT (plan_id, territory_id) DO UPDATE SET amount = EXCLUDED.amount, update_time = now() "
      "RETURNING (extract(epoch from update_time) * 1000000)::bigint",
      {plan_id, territory_id, amount.ToString()});
  if (!rows.ok()) return rows.status();
  v1::BottomUpSubmission submission;
  submission.set_territory_id(territory_id);
  submission.set_amount(amount.ToString());
  *submission.mutable_update_time() = TimeUtil::MicrosecondsToTimestamp(rows->GetInt64(0, 0));
  return submission;
}

absl::StatusOr<std::vector<quota::BottomUpSubmission>> LoadSubmissions(db::PgConn& conn,
                                                                       const std::string& plan_id) {
  auto rows = conn.Exec(
      "SELECT territory_id, amount::text FROM quota_submissions WHERE plan_id = $1 "
      "ORDER BY territory_id",
      {plan_id});
  if (!rows.ok()) return rows.status();
  std::vector<quota::BottomUpSubmission> out;
  for (int i = 0; i < rows->rows(); ++i) {
    auto amount = StoredDecimal(rows->Get(i, 1));
    if (!amount.ok()) return amount.status();
    out.push_back({rows->GetString(i, 0), *amount});
  }
  return out;
}

absl::StatusOr<PlanPage> ListPlans(db::PgConn& conn, int fiscal_year, const std::string& after_id,
                                   int limit) {
  auto ids = conn.Exec(
      "SELECT plan_id, count(*) OVER () FROM quota_plans WHERE ($1::int = 0 OR fiscal_year = $1::int) "
      "ORDER BY plan_id",
      {absl::StrCat(fiscal_year)});
  if (!ids.ok()) return ids.status();
  PlanPage page;
  std::vector<std::string> wanted;
  for (int i = 0; i < ids->rows(); ++i) {
    page.total = static_cast<int>(ids->GetInt64(i, 1));
    std::string id = ids->GetString(i, 0);
    if (id <= after_id) continue;
    if (static_cast<int>(wanted.size()) == limit) {
      page.more = true;
      break;
    }
    wanted.push_back(std::move(id));
  }
  if (wanted.empty()) return page;
  auto rows = conn.Exec(SelectPlans("WHERE p.plan_id = ANY(string_to_array($1, ','))"),
                        {absl::StrJoin(wanted, ",")});
  if (!rows.ok()) return rows.status();
  auto plans = Assemble(*rows);
  if (!plans.ok()) return plans.status();
  page.plans = *std::move(plans);
  return page;
}

absl::StatusOr<std::vector<ActiveVersion>> ActiveVersionsOn(db::PgConn& conn, absl::CivilDay day,
                                                            const std::string& plan_id) {
  auto rows = conn.Exec(
      absl::StrCat("SELECT ", kPlanColumns, ", ", kVersionColumns,
                   " FROM quota_plans p JOIN quota_plan_versions v ON v.plan_id = p.plan_id "
                   "WHERE v.state = 'ACTIVE' AND v.effective_from <= $1::date "
                   "AND (v.effective_to IS NULL OR v.effective_to >= $1::date) "
                   "AND ($2::text IS NULL OR p.plan_id = $2) ORDER BY p.plan_id, v.version"),
      {dates::Format(day), plan_id.empty() ? db::Param() : db::Param(plan_id)});
  if (!rows.ok()) return rows.status();
  std::vector<ActiveVersion> out;
  for (int i = 0; i < rows->rows(); ++i) {
    auto version = VersionFromRow(*rows, i, kPlanColumnCount);
    if (!version.ok()) return version.status();
    out.push_back({HeaderOf(PlanFromRow(*rows, i)), *std::move(version)});
  }
  return out;
}

}  // namespace attain::planning::quotas

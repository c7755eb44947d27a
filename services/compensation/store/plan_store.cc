#include "services/compensation/store/plan_store.h"

#include <map>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "common/time/dates.h"
#include "services/compensation/plans/plan_rules.h"
#include "services/compensation/store/sql_text.h"

namespace attain::compensation::store {
namespace {

using money::Decimal;

constexpr std::pair<plan::PeriodType, std::string_view> kPeriodTypeNames[] = {
    {plan::PeriodType::kMonthly, "MONTHLY"},
    {plan::PeriodType::kQuarterly, "QUARTERLY"},
    {plan::PeriodType::kAnnual, "ANNUAL"}};

std::string PeriodTypeName(plan::PeriodType type) {
  for (const auto& [t, name] : kPeriodTypeNames) {
    if (t == type) return std::string(name);
  }
  return "MONTHLY";  // every type is in the table
}

absl::StatusOr<plan::PeriodType> StoredPeriodType(std::string_view name) {
  for (const auto& [type, n] : kPeriodTypeNames) {
    if (n == name) return type;
  }
  return absl::DataLossError(absl::StrCat("stored period type is unknown: ", std::string(name)));
}

absl::StatusOr<absl::CivilDay> StoredDay(std::string_view text) {
  auto day = dates::Parse(text, "date");
  if (!day.ok())
    return absl::DataLossError(absl::StrCat("stored date is invalid: ", std::string(text)));
  return *day;
}

absl::StatusOr<std::optional<absl::CivilDay>> StoredOptionalDay(const db::PgResult& rows, int row,
                                                                int col) {
  if (rows.IsNull(row, col)) return std::optional<absl::CivilDay>();
  auto day = StoredDay(rows.Get(row, col));
  if (!day.ok()) return day.status();
  return std::optional<absl::CivilDay>(*day);
}

absl::StatusOr<Decimal> StoredDecimal(std::string_view text) {
  auto value = Decimal::Parse(text);
  if (!value.ok()) {
    return absl::DataLossError(absl::StrCat("stored amount is not a decimal: ", std::string(text)));
  }
  return *value;
}

db::Param OptionalDay(const std::optional<absl::CivilDay>& day) {
  return day ? db::Param(dates::Format(*day)) : db::Param();
}

// ---- plans ----

constexpr char kPlanColumns[] =
    "p.plan_id, p.display_name, p.currency, p.period_type, ";  // + create_time micros

std::string SelectPlans(std::string_view where_and_order) {
  return absl::StrCat("SELECT ", kPlanColumns, TimestampToMicrosSql("p.create_time"),
                      " FROM plans p ",
                      absl::string_view(where_and_order.data(), where_and_order.size()));
}

absl::StatusOr<StoredPlan> PlanFromRow(const db::PgResult& rows, int i) {
  StoredPlan plan;
  plan.header.plan_id = rows.GetString(i, 0);
  plan.header.display_name = rows.GetString(i, 1);
  plan.header.currency = rows.GetString(i, 2);
  auto type = StoredPeriodType(rows.Get(i, 3));
  if (!type.ok()) return type.status();
  plan.header.period_type = *type;
  plan.create_time_micros = rows.GetInt64(i, 4);
  return plan;
}

// ---- versions ----

absl::StatusOr<StoredVersion> VersionFromRow(const db::PgResult& rows, int i) {
  StoredVersion v;
  v.plan_id = rows.GetString(i, 0);
  v.dates.version = static_cast<int>(rows.GetInt64(i, 1));
  auto state = plans::StateFromName(rows.Get(i, 2));
  if (!state) return absl::DataLossError("stored plan version state is unknown");
  v.dates.state = *state;
  auto from = StoredOptionalDay(rows, i, 3);
  if (!from.ok()) return from.status();
  auto to = StoredOptionalDay(rows, i, 4);
  if (!to.ok()) return to.status();
  v.dates.effective_from = *from;
  v.dates.effective_to = *to;
  if (!rows.IsNull(i, 5)) v.rules_json = rows.GetString(i, 5);
  v.creator = rows.GetString(i, 6);
  v.create_time_micros = rows.GetInt64(i, 7);
  return v;
}

// ---- assignments ----

std::string AssignmentColumns() {
  return absl::StrCat(
      "a.plan_id, a.assignment_id, a.seller_id, a.title, a.effective_from::text, "
      "a.effective_to::text, a.target_incentive::text, a.quota_measure_id, "
      "a.parameter_overrides::text, a.creator, ",
      TimestampToMicrosSql("a.create_time"));
}

absl::StatusOr<std::map<std::string, Decimal>> StoredOverrides(std::string_view json_text) {
  const nlohmann::json json = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return absl::DataLossError("stored parameter overrides are not an object");
  std::map<std::string, Decimal> out;
  for (const auto& [key, value] : json.items()) {
    if (!value.is_string()) return absl::DataLossError("stored parameter override is not text");
    auto decimal = StoredDecimal(value.get<std::string>());
    if (!decimal.ok()) return decimal.status();
    out.emplace(key, *decimal);
  }
  return out;
}

absl::StatusOr<StoredAssignment> AssignmentFromRow(const db::PgResult& rows, int i) {
  StoredAssignment stored;
  plans::PlanAssignment& a = stored.assignment;
  a.plan_id = rows.GetString(i, 0);
  a.assignment_id = rows.GetString(i, 1);
  if (!rows.IsNull(i, 2)) a.seller_id = rows.GetString(i, 2);
  if (!rows.IsNull(i, 3)) a.title = rows.GetString(i, 3);
  auto from = StoredDay(rows.Get(i, 4));
  if (!from.ok()) return from.status();
  a.effective_from = *from;
  auto to = StoredOptionalDay(rows, i, 5);
  if (!to.ok()) return to.status();
  a.effective_to = *to;
  auto target = StoredDecimal(rows.Get(i, 6));
  if (!target.ok()) return target.status();
  a.target_incentive = *target;
  a.quota_measure_id = rows.GetString(i, 7);
  auto overrides = StoredOverrides(rows.Get(i, 8));
  if (!overrides.ok()) return overrides.status();
  a.parameter_overrides = *std::move(overrides);
  stored.creator = rows.GetString(i, 9);
  stored.create_time_micros = rows.GetInt64(i, 10);
  return stored;
}

std::string OverridesJson(const std::map<std::string, Decimal>& overrides) {
  nlohmann::json json = nlohmann::json::object();
  for (const auto& [key, value] : overrides) json[key] = value.ToString();
  return json.dump();
}

// The WHERE conditions of an assignment list, on parameters $1..$4.
constexpr char kAssignmentConditions[] =
    "($1::text IS NULL OR a.plan_id = $1) AND ($2::text IS NULL OR a.seller_id = $2) "
    "AND ($3::text IS NULL OR a.title = $3) AND ($4::date IS NULL OR "
    "(a.effective_from <= $4 AND (a.effective_to IS NULL OR a.effective_to >= $4)))";

}  // namespace

absl::Status LockPlans(db::PgConn& tx) {
  return tx.Exec("SELECT pg_advisory_xact_lock(hashtext('attain.compensation.plans'))").status();
}

absl::StatusOr<std::optional<StoredPlan>> GetPlan(db::PgConn& conn, const std::string& plan_id) {
  auto rows = conn.Exec(SelectPlans("WHERE p.plan_id = $1"), {plan_id});
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::optional<StoredPlan>();
  auto plan = PlanFromRow(*rows, 0);
  if (!plan.ok()) return plan.status();
  return std::optional<StoredPlan>(*std::move(plan));
}

absl::Status InsertPlan(db::PgConn& tx, const plans::PlanHeader& header) {
  return tx
      .Exec(
          "INSERT INTO plans (plan_id, display_name, currency, period_type) "
          "VALUES ($1, $2, $3, $4)",
          {header.plan_id, header.display_name, header.currency,
           PeriodTypeName(header.period_type)})
      .status();
}

absl::StatusOr<std::vector<StoredVersion>> LoadVersions(db::PgConn& conn,
                                                        const std::vector<std::string>& plan_ids,
                                                        bool with_rules, int only_version) {
  auto rows = conn.Exec(
      absl::StrCat(
          "SELECT v.plan_id, v.version, v.state, v.effective_from::text, "
          "v.effective_to::text, CASE WHEN $2::boolean THEN v.rules::text END, v.creator, ",
          TimestampToMicrosSql("v.create_time"),
          " FROM plan_versions v WHERE v.plan_id = ANY($1::text[]) "
          "AND ($3::int = 0 OR v.version = $3) ORDER BY v.plan_id, v.version"),
      {TextArray(plan_ids), with_rules ? "true" : "false", absl::StrCat(only_version)});
  if (!rows.ok()) return rows.status();
  std::vector<StoredVersion> out;
  for (int i = 0; i < rows->rows(); ++i) {
    auto version = VersionFromRow(*rows, i);
    if (!version.ok()) return version.status();
    out.push_back(*std::move(version));
  }
  return out;
}

absl::StatusOr<int> LatestVersionNumber(db::PgConn& conn, const std::string& plan_id) {
  auto rows = conn.Exec("SELECT coalesce(max(version), 0) FROM plan_versions WHERE plan_id = $1",
                        {plan_id});
  if (!rows.ok()) return rows.status();
  return static_cast<int>(rows->GetInt64(0, 0));
}

absl::Status InsertVersion(db::PgConn& tx, const std::string& plan_id, int version,
                           const std::string& rules_json, const std::string& creator) {
  return tx
      .Exec(
          "INSERT INTO plan_versions (plan_id, version, state, rules, creator) "
          "VALUES ($1, $2, 'DRAFT', $3::jsonb, $4)",
          {plan_id, absl::StrCat(version), rules_json, creator})
      .status();
}

absl::Status SetVersionDates(db::PgConn& tx, const std::string& plan_id,
                             const plans::VersionDates& dates) {
  auto updated = tx.Exec(
      "UPDATE plan_versions SET state = $3, effective_from = $4::date, effective_to = $5::date "
      "WHERE plan_id = $1 AND version = $2",
      {plan_id, absl::StrCat(dates.version), std::string(plans::StateName(dates.state)),
       OptionalDay(dates.effective_from), OptionalDay(dates.effective_to)});
  if (!updated.ok()) return updated.status();
  if (updated->affected() != 1) return absl::InternalError("the plan version to update is gone");
  return absl::OkStatus();
}

absl::StatusOr<PlanPage> ListPlans(db::PgConn& conn, const std::string& after_plan_id, int limit) {
  auto count = conn.Exec("SELECT count(*) FROM plans");
  if (!count.ok()) return count.status();
  auto rows = conn.Exec(
      SelectPlans("WHERE ($1::text IS NULL OR p.plan_id > $1) ORDER BY p.plan_id LIMIT $2"),
      {OptionalText(after_plan_id), absl::StrCat(limit + 1)});
  if (!rows.ok()) return rows.status();
  PlanPage page;
  page.total = static_cast<int>(count->GetInt64(0, 0));
  for (int i = 0; i < rows->rows() && i < limit; ++i) {
    auto plan = PlanFromRow(*rows, i);
    if (!plan.ok()) return plan.status();
    page.plans.push_back(*std::move(plan));
  }
  page.more = rows->rows() > limit;
  return page;
}

absl::StatusOr<std::optional<StoredAssignment>> GetAssignment(db::PgConn& conn,
                                                              const std::string& plan_id,
                                                              const std::string& assignment_id) {
  auto rows = conn.Exec(absl::StrCat("SELECT ", AssignmentColumns(),
                                     " FROM plan_assignments a "
                                     "WHERE a.plan_id = $1 AND a.assignment_id = $2"),
                        {plan_id, assignment_id});
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::optional<StoredAssignment>();
  auto assignment = AssignmentFromRow(*rows, 0);
  if (!assignment.ok()) return assignment.status();
  return std::optional<StoredAssignment>(*std::move(assignment));
}

absl::StatusOr<StoredAssignment> InsertAssignment(db::PgConn& tx,
                                                  const plans::PlanAssignment& assignment,
                                                  const std::string& creator) {
  auto rows = tx.Exec(
      absl::StrCat(
          "INSERT INTO plan_assignments AS a (plan_id, assignment_id, seller_id, title, "
          "effective_from, effective_to, target_incentive, quota_measure_id, "
          "parameter_overrides, creator) VALUES ($1, coalesce($2, gen_random_uuid()::text), $3, "
          "$4, $5::date, $6::date, $7::numeric, $8, $9::jsonb, $10) RETURNING ",
          AssignmentColumns()),
      {assignment.plan_id, OptionalText(assignment.assignment_id),
       OptionalText(assignment.seller_id), OptionalText(assignment.title),
       dates::Format(assignment.effective_from), OptionalDay(assignment.effective_to),
       assignment.target_incentive.ToString(), assignment.quota_measure_id,
       OverridesJson(assignment.parameter_overrides), creator});
  if (!rows.ok()) return rows.status();
  return AssignmentFromRow(*rows, 0);
}

absl::StatusOr<std::vector<plans::AssignmentSpan>> AssignmentsOfAssignee(
    db::PgConn& conn, const std::string& seller_id, const std::string& title) {
  auto rows = conn.Exec(
      "SELECT a.plan_id, a.assignment_id, a.effective_from::text, a.effective_to::text "
      "FROM plan_assignments a WHERE ($1::text IS NOT NULL AND a.seller_id = $1) "
      "OR ($1::text IS NULL AND a.title = $2) "
      "ORDER BY a.effective_from, a.plan_id, a.assignment_id",
      {OptionalText(seller_id), title});
  if (!rows.ok()) return rows.status();
  std::vector<plans::AssignmentSpan> out;
  for (int i = 0; i < rows->rows(); ++i) {
    auto from = StoredDay(rows->Get(i, 2));
    if (!from.ok()) return from.status();
    auto to = StoredOptionalDay(*rows, i, 3);
    if (!to.ok()) return to.status();
    out.push_back({rows->GetString(i, 0), rows->GetString(i, 1), *from, *to});
  }
  return out;
}

absl::Status SetAssignmentEnd(db::PgConn& tx, const std::string& plan_id,
                              const std::string& assignment_id, absl::CivilDay effective_to) {
  auto updated = tx.Exec(
      "UPDATE plan_assignments SET effective_to = $3::date, update_time = now() "
      "WHERE plan_id = $1 AND assignment_id = $2",
      {plan_id, assignment_id, dates::Format(effective_to)});
  if (!updated.ok()) return updated.status();
  if (updated->affected() != 1) return absl::InternalError("the assignment to end is gone");
  return absl::OkStatus();
}

absl::StatusOr<AssignmentPage> ListAssignments(db::PgConn& conn, const AssignmentFilter& filter,
                                               const std::optional<AssignmentKey>& after,
                                               int limit) {
  db::Params params = {OptionalText(filter.plan_id), OptionalText(filter.seller_id),
                       OptionalText(filter.title), OptionalDay(filter.as_of)};
  auto count = conn.Exec(
      absl::StrCat("SELECT count(*) FROM plan_assignments a WHERE ", kAssignmentConditions),
      params);
  if (!count.ok()) return count.status();
  params.push_back(after ? db::Param(after->plan_id) : db::Param());
  params.push_back(after ? db::Param(after->assignment_id) : db::Param());
  params.push_back(absl::StrCat(limit + 1));
  auto rows =
      conn.Exec(absl::StrCat("SELECT ", AssignmentColumns(), " FROM plan_assignments a WHERE ",
                             kAssignmentConditions,
                             " AND ($5::text IS NULL OR (a.plan_id, a.assignment_id) > ($5, $6)) "
                             "ORDER BY a.plan_id, a.assignment_id LIMIT $7"),
                params);
  if (!rows.ok()) return rows.status();
  AssignmentPage page;
  page.total = static_cast<int>(count->GetInt64(0, 0));
  for (int i = 0; i < rows->rows() && i < limit; ++i) {
    auto assignment = AssignmentFromRow(*rows, i);
    if (!assignment.ok()) return assignment.status();
    page.assignments.push_back(*std::move(assignment));
  }
  page.more = rows->rows() > limit;
  return page;
}

absl::StatusOr<PlansInForce> LoadPlansInForce(db::PgConn& connection, absl::CivilDay first,
                                              absl::CivilDay last) {
  const db::Params range = {dates::Format(first), dates::Format(last)};
  auto versions = connection.Exec(
      "SELECT p.plan_id, p.display_name, p.currency, p.period_type, v.version, "
      "v.effective_from::text, v.effective_to::text, v.rules::text "
      "FROM plan_versions v JOIN plans p ON p.plan_id = v.plan_id "
      "WHERE v.state IN ('ACTIVE', 'RETIRED') AND v.effective_from <= $2::date "
      "AND (v.effective_to IS NULL OR v.effective_to >= $1::date) "
      "ORDER BY v.plan_id, v.version",
      range);
  if (!versions.ok()) return versions.status();
  PlansInForce out;
  for (int i = 0; i < versions->rows(); ++i) {
    plans::PlanHeader header{.plan_id = versions->GetString(i, 0),
                             .display_name = versions->GetString(i, 1),
                             .currency = versions->GetString(i, 2)};
    auto type = StoredPeriodType(versions->Get(i, 3));
    if (!type.ok()) return type.status();
    header.period_type = *type;
    auto plan = plans::DecodeStoredVersion(header, static_cast<int>(versions->GetInt64(i, 4)),
                                           versions->Get(i, 7));
    if (!plan.ok()) return plan.status();
    auto from = StoredDay(versions->Get(i, 5));
    if (!from.ok()) return from.status();
    auto to = StoredOptionalDay(*versions, i, 6);
    if (!to.ok()) return to.status();
    out.versions.push_back({std::make_shared<const plan::Plan>(*std::move(plan)), *from, *to});
  }

  auto assignments =
      connection.Exec(absl::StrCat("SELECT ", AssignmentColumns(),
                                   " FROM plan_assignments a WHERE a.effective_from <= $2::date "
                                   "AND (a.effective_to IS NULL OR a.effective_to >= $1::date) "
                                   "ORDER BY a.assignment_id, a.plan_id"),
                      range);
  if (!assignments.ok()) return assignments.status();
  for (int i = 0; i < assignments->rows(); ++i) {
    auto stored = AssignmentFromRow(*assignments, i);
    if (!stored.ok()) return stored.status();
    plans::PlanAssignment& a = stored->assignment;
    out.assignments.push_back(
        {.assignment_id = std::move(a.assignment_id),
         .plan_id = std::move(a.plan_id),
         .seller_id = std::move(a.seller_id),
         .title = std::move(a.title),
         .effective_from = a.effective_from,
         .effective_to = a.effective_to,
         .target_incentive = a.target_incentive,
         .quota_measure_id = std::move(a.quota_measure_id),
         .parameter_overrides = {a.parameter_overrides.begin(), a.parameter_overrides.end()}});
  }
  return out;
}

}  // namespace attain::compensation::store

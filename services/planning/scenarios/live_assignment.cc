#include "services/planning/scenarios/live_assignment.h"

#include "absl/container/flat_hash_set.h"
#include "services/planning/engine/territory/engine.h"
#include "services/planning/scenarios/scenario_store.h"
#include "services/planning/territories/territory_proto.h"
#include "services/planning/territories/territory_store.h"

namespace attain::planning::scenarios {
namespace {

territory::TerritoryType DomainType(v1::TerritoryType type) {
  switch (type) {
    case v1::TERRITORY_TYPE_NAMED_ACCOUNT:
      return territory::TerritoryType::kNamedAccount;
    case v1::TERRITORY_TYPE_OVERLAY:
      return territory::TerritoryType::kOverlay;
    default:
      return territory::TerritoryType::kGeographic;
  }
}

absl::StatusOr<std::vector<CurrentAccount>> EvaluateRules(db::PgConn& conn,
                                                          const std::vector<v1::Territory>& stored,
                                                          const Children& children,
                                                          absl::CivilDay as_of) {
  const territory::AttributeSchema schema = territories::SchemaFor(stored);
  std::vector<territory::Territory> domain;
  std::vector<errors::FieldViolation> ignored;
  for (const v1::Territory& t : stored) {
    if (auto d = territories::FromProto(t, "stored", &ignored)) domain.push_back(*std::move(d));
  }
  auto table = territories::LoadAccountTable(conn, schema);
  if (!table.ok()) return table.status();
  auto assignments = territory::AssignAccounts(*table, domain, as_of);
  if (!assignments.ok()) return assignments.status();
  auto locked = LockedAccounts(conn);
  if (!locked.ok()) return locked.status();
  const absl::flat_hash_set<std::string> wanted(children.territory_ids.begin(),
                                                children.territory_ids.end());
  const territory::TerritoryType type = DomainType(children.type);
  const int id_column = territory::Column(territory::StringAttribute::kId);
  const int potential_column = territory::Column(territory::NumericAttribute::kPotential);
  const int workload_column = territory::Column(territory::NumericAttribute::kWorkload);
  std::vector<CurrentAccount> out;
  for (territory::Row row = 0; row < assignments->size(); ++row) {
    const territory::EffectiveRule* winner = assignments->Winner(row, type);
    if (winner == nullptr || !wanted.contains(winner->territory_id)) continue;
    std::string id(table->Text(id_column, row));
    const bool is_locked = locked->contains(id);
    out.push_back({std::move(id), winner->territory_id,
                   money::Decimal::FromMicros(table->Micros(potential_column, row)),
                   money::Decimal::FromMicros(table->Micros(workload_column, row)), is_locked});
  }
  return out;
}

}  // namespace

absl::StatusOr<LiveAssignment> LoadLiveAssignment(db::PgConn& conn,
                                                  const std::vector<v1::Territory>& stored,
                                                  const Children& children, absl::CivilDay as_of,
                                                  bool rules_only) {
  absl::StatusOr<bool> has_run = false;
  if (!rules_only) has_run = HasAssignmentRun(conn, as_of);
  if (!has_run.ok()) return has_run.status();
  LiveAssignment live;
  absl::StatusOr<std::vector<CurrentAccount>> accounts;
  if (*has_run) {
    live.source = v1::ASSIGNMENT_SOURCE_ASSIGNMENT_RUN;
    accounts = LoadStoredAssignment(conn, as_of, territories::TypeName(children.type),
                                    children.territory_ids);
  } else {
    live.source = v1::ASSIGNMENT_SOURCE_RULES;
    accounts = EvaluateRules(conn, stored, children, as_of);
  }
  if (!accounts.ok()) return accounts.status();
  live.accounts = *std::move(accounts);
  return live;
}

}  // namespace attain::planning::scenarios

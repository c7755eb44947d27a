#include "services/planning/quotas/plan_versions.h"

#include "absl/strings/str_cat.h"
#include "services/planning/quotas/quota_store.h"

namespace attain::planning::quotas {
namespace {

absl::Status NotFound(const std::string& name) {
  return absl::NotFoundError(absl::StrCat(name, " not found"));
}

}  // namespace

absl::StatusOr<PlanVersion> LoadPlanVersion(db::PgConn& conn, const PlanRef& ref) {
  auto plan = GetPlan(conn, ref.plan_id);
  if (!plan.ok()) return plan.status();
  if (!plan->has_value() || (*plan)->versions().empty()) return NotFound(PlanName(ref.plan_id));
  PlanVersion out{**plan, {}};
  const int wanted = ref.version.value_or(out.plan.versions(out.plan.versions_size() - 1).version());
  for (const v1::QuotaPlanVersion& v : out.plan.versions()) {
    if (v.version() == wanted) {
      out.version = v;
      return out;
    }
  }
  return NotFound(VersionName(ref.plan_id, wanted));
}

absl::StatusOr<v1::QuotaPlanVersion> WriteComputedVersion(db::PgConn& tx, const PlanHeader& header,
                                                          const v1::QuotaPlanSpec& spec_proto,
                                                          const ComputedVersion& computed,
                                                          int number) {
  v1::QuotaPlanVersion version = computed.resolved;
  version.set_version(number);
  *version.mutable_spec() = spec_proto;
  if (auto s = InsertVersion(tx, header.plan_id, version); !s.ok()) return s;
  if (auto s = InsertAllocation(tx, header.plan_id, number, computed.allocation); !s.ok()) return s;
  auto stored = LoadPlanVersion(tx, {header.plan_id, number});
  if (!stored.ok()) return stored.status();
  return stored->version;
}

}  // namespace attain::planning::quotas

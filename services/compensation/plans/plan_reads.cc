#include "services/compensation/plans/plan_reads.h"

#include "absl/strings/str_cat.h"
#include "services/compensation/plans/plan_output.h"
#include "services/compensation/plans/plan_proto.h"
#include "services/compensation/plans/plan_rules.h"

namespace attain::compensation::plans {

absl::StatusOr<store::StoredPlan> RequirePlan(db::PgConn& conn, const std::string& plan_id) {
  auto plan = store::GetPlan(conn, plan_id);
  if (!plan.ok()) return plan.status();
  if (!plan->has_value()) return absl::NotFoundError(absl::StrCat(PlanName(plan_id), " not found"));
  return **std::move(plan);
}

absl::StatusOr<v1::Plan> LoadPlanMessage(db::PgConn& conn, const std::string& plan_id,
                                         bool with_rules) {
  auto plan = RequirePlan(conn, plan_id);
  if (!plan.ok()) return plan.status();
  auto versions = store::LoadVersions(conn, {plan_id}, with_rules);
  if (!versions.ok()) return versions.status();
  return PlanWithVersions(*plan, *versions);
}

absl::StatusOr<v1::PlanVersion> LoadVersionMessage(db::PgConn& conn, const std::string& plan_id,
                                                   int version) {
  auto versions = store::LoadVersions(conn, {plan_id}, /*with_rules=*/true, version);
  if (!versions.ok()) return versions.status();
  if (versions->size() != 1) {
    return absl::NotFoundError(absl::StrCat(PlanVersionName(plan_id, version), " not found"));
  }
  return StoredVersionToProto(versions->front());
}

absl::StatusOr<plan::Plan> LoadLatestVersion(db::PgConn& conn, const store::StoredPlan& plan) {
  const std::string& plan_id = plan.header.plan_id;
  auto latest = store::LatestVersionNumber(conn, plan_id);
  if (!latest.ok()) return latest.status();
  auto versions = store::LoadVersions(conn, {plan_id}, /*with_rules=*/true, *latest);
  if (!versions.ok()) return versions.status();
  // Every plan is created with version 1, and versions are never deleted.
  if (versions->size() != 1)
    return absl::InternalError(absl::StrCat(PlanName(plan_id), " has no versions"));
  return DecodeStoredVersion(plan.header, *latest, versions->front().rules_json);
}

}  // namespace attain::compensation::plans

#pragma once
// The outbox events of plan writes, one per committed change (producer "compensation"). A
// payload says what changed and from which date, so a consumer (the calculation run) knows
// which periods to recalculate without reading the plan back.
//
//   plan.created             plans/{id}                    version 1 stored as a DRAFT
//   plan.revised             plans/{id}/versions/{n}       version n stored as a DRAFT
//   plan.activated           plans/{id}/versions/{n}       in force from effective_from; the
//                                                          retired version closed the day before
//   plan_assignment.created  plans/{id}/assignments/{a}
//   plan_assignment.ended    plans/{id}/assignments/{a}    effective_to set or moved earlier

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "common/db/pg.h"
#include "services/compensation/plans/assignment_input.h"
#include "services/compensation/plans/plan_input.h"
#include "services/compensation/plans/plan_lifecycle.h"

namespace attain::compensation::plans {

struct PlanEvent {
  std::string type;
  std::string resource;
  nlohmann::json payload;
};

// Appends `event` to the outbox in the write's transaction.
absl::Status AppendEvent(db::PgConn& tx, const PlanEvent& event);

PlanEvent PlanCreated(const PlanHeader& header, const std::string& creator,
                      const std::string& request_id);
PlanEvent PlanRevised(const std::string& plan_id, int version, const std::string& creator,
                      const std::string& request_id);
PlanEvent PlanActivated(const std::string& plan_id, const Activation& activation,
                        const std::string& request_id);
PlanEvent AssignmentCreated(const PlanAssignment& assignment, const std::string& creator,
                            const std::string& request_id);
PlanEvent AssignmentEnded(const PlanAssignment& assignment,
                          const std::optional<absl::CivilDay>& previous_effective_to,
                          const std::string& request_id);

}  // namespace attain::compensation::plans
